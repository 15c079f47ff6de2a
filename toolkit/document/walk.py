"""One walk over a Document's translatable inline content, in reading order.

Segmentation, reassembly and import all visit the same pieces -- title, subtitle, author, place, a
custom kind, headings, paragraphs, list items, names, quotations -- through :func:`map_content`, so
the n-th piece one of them sees is the n-th piece the others see, whatever the shape of the statement.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from .model import KINDS, Block, Content, Document, Heading, ListBlock, ListItem, Meta, Paragraph, Quote, Text, plain_text


@dataclass(frozen=True)
class Slot:
    """Where a piece of inline content sits, for context comments and policies."""

    role: str
    """title, subtitle, author, place, heading, paragraph, quote, list-item or name."""
    line: int
    context: str
    """Human description for translators: ``list item 3 of 6``, ``heading 2``."""
    split: bool
    """Whether sentences of this content become separate segments."""


Mapper = Callable[[Content, Slot], Content]


def map_content(doc: Document, fn: Mapper) -> Document:
    """Apply ``fn`` to every piece of translatable inline content, in reading order."""
    return _Walker(doc, fn).document()


class _Walker:
    def __init__(self, doc: Document, fn: Mapper) -> None:
        self.doc = doc
        self.fn = fn
        self.paragraphs = sum(1 for b in _top_level_paragraphs(doc.blocks))
        self.paragraph_no = 0

    def document(self) -> Document:
        meta = self.doc.meta
        lines = meta.lines

        def field(key: str, value: Content | None, what: str) -> Content | None:
            if value is None:
                return None
            return self.fn(value, Slot(key, lines.get(key, 1), what, split=False))

        title = field("title", meta.title, "title")
        subtitle = field("subtitle", meta.subtitle, "subtitle")
        author = field("author", meta.author, "author (front matter)")
        place = field("place", meta.place, "place (front matter)")
        kind = meta.kind
        if kind not in KINDS:  # the organisation's own word for it: translated like the title
            kind = plain_text(self.fn((Text(kind),), Slot("kind", lines.get("kind", 1), "kind of statement", split=False)))
        assert title is not None and author is not None
        new_meta = Meta(
            title=title,
            date=meta.date,
            kind=kind,
            author=author,
            subtitle=subtitle,
            place=place,
            lines=meta.lines,
        )
        return replace(self.doc, meta=new_meta, blocks=self.blocks(self.doc.blocks, depth=1, quoted=False))

    def blocks(self, blocks: tuple[Block, ...], depth: int, quoted: bool) -> tuple[Block, ...]:
        return tuple(self.block(b, depth, quoted) for b in blocks)

    def block(self, block: Block, depth: int, quoted: bool) -> Block:
        if isinstance(block, Heading):
            slot = Slot("heading", block.line, f"heading {block.level}", split=False)
            return replace(block, content=self.fn(block.content, slot))
        if isinstance(block, Paragraph):
            if quoted:
                slot = Slot("quote", block.line, "quotation", split=True)
            else:
                self.paragraph_no += 1
                slot = Slot("paragraph", block.line, f"paragraph {self.paragraph_no} of {self.paragraphs}", split=True)
            return replace(block, content=self.fn(block.content, slot))
        if isinstance(block, ListBlock):
            return replace(block, items=tuple(self.item(block, i, item, depth, quoted) for i, item in enumerate(block.items, 1)))
        if isinstance(block, Quote):
            return replace(block, blocks=self.blocks(block.blocks, depth, quoted=True))
        return block

    def item(self, lst: ListBlock, number: int, item: ListItem, depth: int, quoted: bool) -> ListItem:
        total = len(lst.items)
        if lst.names:
            role, what = "name", f"name {number} of {total} in signatory list"
        else:
            kind = "numbered" if lst.ordered else "bulleted"
            nested = f", nested level {depth}" if depth > 1 else ""
            role, what = "list-item", f"{kind} list item {number} of {total}{nested}"
        blocks: list[Block] = []
        for child in item.blocks:
            if isinstance(child, Paragraph):
                # A list item's sentences are sentences too; a name is never cut.
                slot = Slot(role, child.line, what, split=not lst.names)
                blocks.append(replace(child, content=self.fn(child.content, slot)))
            elif isinstance(child, ListBlock):
                blocks.append(self.block(child, depth + 1, quoted))
            else:
                blocks.append(self.block(child, depth, quoted))
        return replace(item, blocks=tuple(blocks))


def _top_level_paragraphs(blocks: tuple[Block, ...]) -> list[Paragraph]:
    return [b for b in blocks if isinstance(b, Paragraph)]
