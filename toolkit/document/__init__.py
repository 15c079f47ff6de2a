"""The one intermediate model: every reader produces a :class:`Document`, every stage and writer consumes one.

:mod:`.model` holds the types; :mod:`.markup` the light Markdown of msgids (inline content <-> text).
"""

from .model import (
    KINDS,
    Block,
    Code,
    Content,
    Document,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Meta,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Text,
    is_safe_href,
    iter_blocks,
    iter_links,
    plain_text,
)

__all__ = [
    "KINDS",
    "Block",
    "Code",
    "Content",
    "Document",
    "Emphasis",
    "Heading",
    "Inline",
    "LineBreak",
    "Link",
    "ListBlock",
    "ListItem",
    "Meta",
    "Paragraph",
    "Quote",
    "Rule",
    "Strong",
    "Text",
    "is_safe_href",
    "iter_blocks",
    "iter_links",
    "plain_text",
]
