"""What an import reader hands on: blocks, front-matter clues, and everything it decided or dropped.

A Word document or a web page is not a source yet: it has no front matter, it
carries page furniture, and nothing in it says which list is a signatory list.
Its reader returns a :class:`Draft` -- the body as Document blocks, the
front-matter values it found (each with the place it found it), and a
:class:`Note` for every decision and every piece of text it did not keep --
and :mod:`toolkit.sources.importing` makes the Document.

The helpers here are the one place where text from Word and the web is
cleaned, so both readers treat it alike: a line or paragraph separator
(U+2028, U+2029) is a hard line break, soft hyphens and control characters go
(counted), no-break spaces and curly quotes stay; links pass through the same
normalisation and safe-scheme rule as the Markdown reader's.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Generic, TypeVar
from urllib.parse import urljoin

from ..document import (
    Block,
    Code,
    Content,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Strong,
    Text,
    is_safe_href,
    with_children,
)
from ..document.markup import new_parser, normalize, strip

_PARSER = new_parser()
T = TypeVar("T")


@dataclass(frozen=True)
class Note:
    """One line of the import summary."""

    where: str
    """``letter.docx, paragraph 12`` or ``page.html:57``."""
    message: str
    words: int = 0
    """Words of the input this note accounts for without keeping them (dropped, or used as front matter)."""
    dropped: bool = False
    """The text is not in the source (as opposed to a decision that kept it in another form)."""


@dataclass(frozen=True)
class Found(Generic[T]):
    """A front-matter value and where it came from."""

    value: T
    where: str


@dataclass
class Clues:
    """Front-matter values a reader found in the document itself."""

    title: Found[Content] | None = None
    subtitle: Found[Content] | None = None
    date: Found[dt.date] | None = None
    kind: Found[str] | None = None
    author: Found[Content] | None = None
    place: Found[Content] | None = None
    byline: Found[Content] | None = None
    """A line naming author, place and date (``CICC · The Hague · 14 January 2025``), parsed by the importer."""
    file_date: Found[dt.date] | None = None
    """A date from the file's properties (when it was created): used only when the text names none."""
    kicker: Found[str] | None = None
    """Text that may name the kind (a page's kicker, a header line, a file's category)."""
    hints: list[str] = field(default_factory=list)
    """What might help the user fill a gap (``the file's properties name 'J. Smith' as author``)."""


@dataclass
class Draft:
    """A document read from Word or the web, before front matter and signatory lists are settled."""

    path: str
    """The input as the user named it."""
    blocks: list[Block]
    clues: Clues
    notes: list[Note]
    words_in: int
    """Words a reader of the input sees (body, notes, boxes, headers, comments): the count the summary balances."""
    block_places: list[str] = field(default_factory=list)
    """Where each top-level block came from (parallel to ``blocks``), for the summary."""
    styled: bool = True
    """False when the document uses no paragraph styles (typed markers and bold lines carry the structure)."""


# --- text -------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def count_words(text: str) -> int:
    """Words as the summary counts them: runs of letters and digits (``E.O. 14203`` is three)."""
    return len(_WORD.findall(text))


def content_words(content: Content) -> int:
    return sum(
        count_words(n.text)
        if isinstance(n, (Text, Code))
        else content_words(n.children)
        if isinstance(n, (Strong, Emphasis, Link))
        else 0
        for n in content
    )


_DROPPED_CHARS = re.compile("[\u00ad\u200b\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile("[\u2028\u2029\x0b]")


def clean_text(text: str) -> str:
    """Soft hyphens, zero-width spaces, directional marks and embeddings (an English source needs
    none; the renderers add their own), byte-order marks and control characters removed; tabs and
    newlines as spaces (line separators are handled by :func:`split_breaks`). NFC, so that text typed
    on another system compares equal. No-break spaces, curly quotes and joiners (needed by Arabic) stay."""
    text = text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return unicodedata.normalize("NFC", _DROPPED_CHARS.sub("", text))


def split_breaks(text: str) -> list[Inline]:
    """Text with U+2028 / U+2029 / vertical tab as hard line breaks between cleaned pieces."""
    out: list[Inline] = []
    for i, piece in enumerate(_BREAKS.split(text)):
        if i:
            out.append(LineBreak())
        cleaned = clean_text(piece)
        if cleaned:
            out.append(Text(cleaned))
    return out


def tidy(content: Content, *, breaks: bool = True) -> Content:
    """Content as the Markdown reader would give it: whitespace collapsed, no space around a hard
    break, no break at either end or twice in a row (``breaks=False``: every break a space, for
    headings and front matter, which cannot hold one)."""
    flat: list[Inline] = []
    for node in normalize(content):
        if isinstance(node, LineBreak) and not breaks:
            flat.append(Text(" "))
        elif isinstance(node, (Strong, Emphasis, Link)):
            inner = tidy(node.children, breaks=breaks)
            if inner:
                flat.append(with_children(node, inner))
        else:
            flat.append(node)
    out: list[Inline] = []
    for node in _merge_adjacent(normalize(tuple(flat))):
        if isinstance(node, LineBreak):
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text.rstrip(" "))
                if not out[-1].text:
                    out.pop()
            if out and not isinstance(out[-1], LineBreak):
                out.append(node)
        elif isinstance(node, Text) and out and isinstance(out[-1], LineBreak):
            text = node.text.lstrip(" ")
            if text:
                out.append(Text(text))
        else:
            out.append(node)
    return _strip_nbsp(strip(normalize(tuple(out))))


def _merge_adjacent(content: Content) -> list[Inline]:
    """``**a****b**`` reads as one bold run: two bold (or italic) nodes side by side become one."""
    out: list[Inline] = []
    for node in content:
        previous = out[-1] if out else None
        if isinstance(node, Strong) and isinstance(previous, Strong):
            out[-1] = Strong(normalize((*previous.children, *node.children)))
        elif isinstance(node, Emphasis) and isinstance(previous, Emphasis):
            out[-1] = Emphasis(normalize((*previous.children, *node.children)))
        else:
            out.append(node)
    return out


def _strip_nbsp(content: Content) -> Content:
    """No-break spaces at the edges of a block or of a line only push text about; Markdown drops them."""
    items = list(content)
    for i, node in enumerate(items):
        if not isinstance(node, Text):
            continue
        text = node.text
        if i == 0 or isinstance(items[i - 1], LineBreak):
            text = text.lstrip(" \u00a0")
        if i == len(items) - 1 or isinstance(items[i + 1], LineBreak):
            text = text.rstrip(" \u00a0")
        items[i] = Text(text)
    return tuple(n for n in items if not (isinstance(n, Text) and not n.text))


def safe_link(href: str, base: str | None = None) -> str | None:
    """``href`` resolved against ``base`` and normalised as the Markdown reader does, or None when its
    scheme is not http, https, mailto or relative (the build's rule, :func:`toolkit.document.markup.is_safe_href`)."""
    href = href.strip()
    if not href:
        return None
    if base and not href.startswith("#"):
        href = urljoin(base, href)
    if not is_safe_href(href):
        return None
    return str(_PARSER.normalizeLink(href))


def plain_words(blocks: list[Block]) -> int:
    """Words of blocks as the summary counts them."""
    total = 0
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            total += content_words(block.content)
        elif isinstance(block, ListBlock):
            for item in block.items:
                total += plain_words(list(item.blocks))
        elif isinstance(block, Quote):
            total += plain_words(list(block.blocks))
    return total


def short_text(text: str, limit: int = 60) -> str:
    """The start of ``text`` for a summary line."""
    text = " ".join(clean_text(text).split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


__all__ = [
    "Clues",
    "Draft",
    "Found",
    "Note",
    "clean_text",
    "content_words",
    "count_words",
    "plain_words",
    "safe_link",
    "short_text",
    "split_breaks",
    "tidy",
]
