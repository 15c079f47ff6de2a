"""Document -> segments (the msgids), and segments' translations -> translated Document.

Both directions walk the document with the same traversal (:func:`map_content`),
so the n-th segment extracted is the n-th segment replaced, whatever the shape
of the statement.

What is one segment:
- the title, the subtitle, the author and the place, each whole;
- each heading and each name of a names block, whole;
- each sentence of paragraphs, list items and quotations (``unit = "sentence"``),
  or each of them whole (``unit = "paragraph"``);
- a hard line break always ends a segment (address blocks, contact blocks).
A boundary never falls inside bold, italic, a link or code.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..document import (
    Code,
    Content,
    Document,
    Emphasis,
    Inline,
    LineBreak,
    Link,
    Strong,
    Text,
    plain_text,
)
from ..document.markup import link_targets, normalize, serialize, strip
from ..document.walk import Slot, map_content
from .rules import SentenceRules
from .sentences import sentence_spans

UNITS = ("sentence", "paragraph")


@dataclass(frozen=True)
class Segment:
    """One translatable unit: a msgid and what it came from."""

    msgid: str
    """Light Markdown (``**bold**``, ``*em*``, ``[text][1]``)."""
    content: Content
    links: tuple[str, ...]
    """URLs of ``[text][N]``, in order."""
    line: int
    context: str
    role: str
    block: int = 0
    """Which piece of content (paragraph, list item, heading...) it came from, counted in reading order."""

    @property
    def is_name(self) -> bool:
        return self.role == "name"


Translate = Callable[[Segment], Content | None]
"""Returns translated content for a segment, or None to keep the source."""


def segment_document(doc: Document, unit: str = "sentence", rules: SentenceRules | None = None) -> list[Segment]:
    """Every segment of ``doc`` in reading order (duplicates included).

    ``rules`` are the source language's sentence rules (English when None).
    """
    found: list[Segment] = []
    blocks = itertools.count()

    def collect(content: Content, slot: Slot) -> Content:
        pieces = split_content(content, slot.split and unit == "sentence", rules)
        block = next(blocks)
        for piece, (where, breaks) in zip(_segments_of(pieces), _positions(pieces), strict=True):
            # A hard break ends a source line, so the segment after it starts ``breaks`` lines down.
            at = replace(slot, line=slot.line + breaks, context=slot.context + where)
            found.append(replace(_segment(piece, at), block=block))
        return content

    map_content(doc, collect)
    return found


def translate_document(
    doc: Document, lang: str, translate: Translate, unit: str = "sentence", rules: SentenceRules | None = None
) -> Document:
    """A copy of ``doc`` in ``lang`` with each segment replaced by ``translate(segment)``.

    ``unit`` and ``rules`` must be those the catalogs were extracted with.
    """

    def apply(content: Content, slot: Slot) -> Content:
        out: list[Inline] = []
        for piece in split_content(content, slot.split and unit == "sentence", rules):
            if isinstance(piece, tuple):
                result = translate(_segment(piece, slot))
                out.extend(piece if result is None else result)
            else:
                out.append(piece)
        return normalize(tuple(out))

    return replace(map_content(doc, apply), lang=lang)


def _segment(content: Content, slot: Slot) -> Segment:
    links = link_targets(content)
    return Segment(serialize(content, links), content, links, slot.line, slot.context, slot.role)


def _segments_of(pieces: list[Piece]) -> list[Content]:
    return [p for p in pieces if isinstance(p, tuple)]


def _positions(pieces: list[Piece]) -> list[tuple[str, int]]:
    """``, sentence 2 of 3`` / ``, line 1 of 4`` for each segment of one piece of content,
    with the number of hard line breaks before it."""
    lines: list[int] = []  # segments per line
    count = 0
    for piece in [*pieces, LineBreak()]:
        if isinstance(piece, LineBreak):
            lines.append(count)
            count = 0
        elif isinstance(piece, tuple):
            count += 1
    out: list[tuple[str, int]] = []
    for number, per_line in enumerate(lines, 1):
        for k in range(1, per_line + 1):
            parts = []
            if len(lines) > 1:
                parts.append(f"line {number} of {len(lines)}")
            if per_line > 1:
                parts.append(f"sentence {k} of {per_line}")
            out.append(("".join(f", {p}" for p in parts), number - 1))
    return out


# --- splitting one piece of content -----------------------------------------

Piece = Content | Text | LineBreak
"""A segment (a content tuple) or the separator between two segments."""


def split_content(content: Content, sentences: bool, rules: SentenceRules | None = None) -> list[Piece]:
    """Cut content at top-level hard breaks and, if ``sentences``, at sentence ends (``rules``' language)."""
    pieces: list[Piece] = []
    line: list[Inline] = []
    for node in (*content, LineBreak()):
        if isinstance(node, LineBreak):
            if pieces:
                pieces.append(LineBreak())
            pieces.extend(_split_line(tuple(line), sentences, rules))
            line = []
        else:
            line.append(node)
    # drop separators left at the edges by empty lines
    while pieces and not isinstance(pieces[0], tuple):
        pieces.pop(0)
    while pieces and not isinstance(pieces[-1], tuple):
        pieces.pop()
    return pieces


def _split_line(line: Content, sentences: bool, rules: SentenceRules | None) -> list[Piece]:
    line = strip(normalize(line))
    if not line:
        return []
    if not sentences:
        return [line]
    text, atoms = _flatten(line)
    cuts = [0]
    spans = sentence_spans(text, rules)
    for (_, prev_end), (start, _) in itertools.pairwise(spans):
        if not any(a < prev_end < b or a < start < b for a, b in atoms):
            cuts.append(start)
    cuts.append(len(text))
    pieces: list[Piece] = []
    for a, b in itertools.pairwise(cuts):
        part = strip(_slice(line, a, b))
        if part:
            if pieces:
                pieces.append(Text(" "))
            pieces.append(part)
    return pieces


def _flatten(line: Content) -> tuple[str, list[tuple[int, int]]]:
    """Plain text of a line and the (start, end) ranges no cut may fall into."""
    parts: list[str] = []
    atoms: list[tuple[int, int]] = []
    pos = 0
    for node in line:
        text = node.text if isinstance(node, Text) else plain_text((node,))
        if not isinstance(node, Text):
            atoms.append((pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
    return "".join(parts), atoms


def _slice(line: Content, a: int, b: int) -> Content:
    """Top-level nodes covering plain-text offsets [a, b); text nodes are cut."""
    out: list[Inline] = []
    pos = 0
    for node in line:
        length = len(node.text if isinstance(node, Text) else plain_text((node,)))
        start, end = pos, pos + length
        pos = end
        if end <= a or start >= b:
            continue
        if isinstance(node, Text):
            out.append(Text(node.text[max(a, start) - start : min(b, end) - start]))
        else:
            out.append(node)  # atoms are never cut: cuts fall outside them
    return tuple(out)


# --- the shared traversal ---------------------------------------------------

__all__ = [
    "Code",
    "Emphasis",
    "Link",
    "Segment",
    "Slot",
    "Strong",
    "map_content",
    "segment_document",
    "split_content",
    "translate_document",
]
