"""The intermediate document model.

Readers produce a :class:`Document`; segmentation, catalogs, checks and every
renderer consume it. A translated statement is a Document too (same shape,
another ``lang``), so renderers never know whether they render a source or a
translation.

Blocks carry the 1-based line of the source they came from, so that every
message about them can name ``sources/<slug>.md:LINE``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# --- inline content ---------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Plain text. Whitespace runs are already collapsed to one space."""

    text: str


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    href: str
    """An http, https, mailto or relative URL: unsafe schemes never reach the model."""
    children: tuple[Inline, ...]
    title: str = ""


@dataclass(frozen=True)
class Code:
    """Inline code: kept verbatim, never translated."""

    text: str


@dataclass(frozen=True)
class LineBreak:
    """A hard line break (Markdown ``\\`` or two spaces at the end of a line)."""


Inline = Text | Strong | Emphasis | Link | Code | LineBreak
Content = tuple[Inline, ...]

# --- blocks -----------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    """1-6 as in Markdown; renderers map 1-3 to Heading 1-3 and deeper ones to 3."""
    content: Content
    line: int


@dataclass(frozen=True)
class Paragraph:
    content: Content
    line: int


@dataclass(frozen=True)
class ListItem:
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class ListBlock:
    items: tuple[ListItem, ...]
    ordered: bool
    line: int
    start: int = 1
    names: bool = False
    """A signatory list: one name per item, never machine-translated."""


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class Rule:
    """A thematic break (``---``)."""

    line: int


Block = Heading | Paragraph | ListBlock | Quote | Rule

# --- the document -----------------------------------------------------------

KINDS = ("press-release", "statement", "joint-letter")
"""Values of the ``kind`` front-matter key, normalised (``press release`` -> ``press-release``)."""


@dataclass(frozen=True)
class Meta:
    """Front matter. Translatable fields are inline content; the rest are values."""

    title: Content
    date: dt.date
    kind: str
    author: Content
    subtitle: Content | None = None
    place: Content | None = None
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    """1-based source line of each front-matter key, for messages."""


@dataclass(frozen=True)
class Document:
    slug: str
    """File stem of the source; names the catalogs and the outputs."""
    path: str
    """Source path as users see it (``sources/<slug>.md``)."""
    lang: str
    meta: Meta
    blocks: tuple[Block, ...]


# --- helpers every consumer needs -------------------------------------------


def plain_text(content: Content) -> str:
    """The text of inline content without markup (line breaks become spaces)."""
    return "".join(_plain(node) for node in content)


def _plain(node: Inline) -> str:
    if isinstance(node, Text):
        return node.text
    if isinstance(node, Code):
        return node.text
    if isinstance(node, LineBreak):
        return " "
    return plain_text(node.children)


def iter_blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block, depth first, list items' and quotes' children included."""
    for block in blocks:
        yield block
        if isinstance(block, ListBlock):
            for item in block.items:
                yield from iter_blocks(item.blocks)
        elif isinstance(block, Quote):
            yield from iter_blocks(block.blocks)


def with_children(span: Strong | Emphasis | Link, children: Content) -> Strong | Emphasis | Link:
    """The same span (bold, italic, or a link to the same place) around other content."""
    if isinstance(span, Strong):
        return Strong(children)
    if isinstance(span, Emphasis):
        return Emphasis(children)
    return Link(span.href, children, span.title)


def iter_inline(content: Content) -> Iterator[Inline]:
    """Every inline node, depth first in reading order: a span, then what it holds."""
    for node in content:
        yield node
        if isinstance(node, (Strong, Emphasis, Link)):
            yield from iter_inline(node.children)


def iter_links(content: Content) -> Iterator[Link]:
    """Links in inline content, in reading order."""
    return (node for node in iter_inline(content) if isinstance(node, Link))


SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def is_safe_href(href: str) -> bool:
    """Only http, https, mailto and relative links may reach a release.

    >>> [is_safe_href(h) for h in ("https://icc-cpi.int", "mailto:a@b.org", "../x.html", "tel:123")]
    [True, True, True, False]
    """
    cleaned = "".join(ch for ch in href if ch > " ").strip()
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return False
    return scheme == "" or scheme in SAFE_SCHEMES
