"""Paragraphs read from a Word document -> blocks: front matter out, lists nested, quotes grouped.

:mod:`.docx` reads each paragraph (its style's role, its numbering, its
inline content); here they become Document blocks. Word counts list numbers
across interruptions and restarts them on a ``startOverride``; a document
typed without styles is read by its look (a bold or larger first line, short
bold lines, typed "1." / "•" / "-").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..document import Block, Content, Emphasis, Heading, Inline, ListBlock, ListItem, Paragraph, Quote, Strong, Text
from .docx_styles import NumberingDefs, Role
from .draft import Clues, Found, Note, count_words, short_text, tidy

_TYPED_MARKER = re.compile(
    r"^\s*(?:(?P<bullet>[•●○◦▪■□‣⁃∙·\uf0b7\uf0a7\uf076\uf0d8\-–—])|(?P<num>\d{1,3})[.)]|\((?P<paren>\d{1,3})\)"
    r"|(?P<letter>[a-z])\))[ \t\u00a0]+"
)


@dataclass
class Para:
    """One body paragraph as read: role, numbering, content, and the facts heuristics need."""

    number: int
    role: Role
    numbering: tuple[str, int] | None
    content: Content
    text: str
    all_bold: bool = False
    size: int | None = None
    merge_next: bool = False
    table: Block | None = None
    """Set instead of content for a table turned into a names list."""

    @property
    def where(self) -> str:
        return f"paragraph {self.number}"


class Structure:
    """Paragraph records -> blocks: front matter out, lists nested, quotes grouped, typed markers read."""

    def __init__(self, paragraphs: list[Para], numbering: NumberingDefs, notes: list[Note]) -> None:
        self.paragraphs = paragraphs
        self.numbering = numbering
        self.notes = notes
        self.front = Clues()
        """Title, subtitle and byline found among the paragraphs."""

    def build(self) -> tuple[list[Block], list[str]]:
        paras = _merge_deleted_marks(self.paragraphs)
        paras = [p for p in paras if p.content or p.table is not None or p.role.kind == "skipped"]
        paras = self._front_matter(paras)
        blocks: list[Block] = []
        places: list[str] = []
        lists = _ListBuilder(self.numbering)
        quote: list[Block] = []
        quote_at = ""
        styled_headings = any(p.role.kind == "heading" for p in paras)
        # The shallowest heading left becomes ## (the title is the first level), as the renderers shift them.
        shallowest = min((p.role.level for p in paras if p.role.kind == "heading"), default=1)

        def flush_quote() -> None:
            nonlocal quote
            if quote:
                blocks.append(Quote(tuple(quote), quote[0].line if isinstance(quote[0], Paragraph) else 0))
                places.append(quote_at)
                quote = []

        def flush_lists() -> None:
            for block, where in lists.close():
                blocks.append(block)
                places.append(where)

        for para in paras:
            if para.table is not None:
                flush_quote()
                flush_lists()
                blocks.append(para.table)
                places.append(para.where)
                continue
            kind = para.role.kind
            if kind == "skipped":
                words = count_words(para.text)
                self.notes.append(
                    Note(
                        para.where,
                        f"table of contents or caption paragraph dropped: {short_text(para.text)!r}",
                        words,
                        dropped=True,
                    )
                )
                continue
            if para.numbering is not None:
                flush_quote()
                lists.add(para)
                continue
            if kind == "list-continue" and lists.open():
                lists.continue_item(para)
                continue
            typed = _typed_marker(para)
            if typed is not None:
                flush_quote()
                lists.add_typed(para, *typed)
                marker = typed[2].strip()
                self.notes.append(Note(para.where, f"typed {marker!r} at the start became a list item", count_words(marker)))
                continue
            flush_lists()
            if kind == "quote":
                if not quote:
                    quote_at = para.where
                quote.append(Paragraph(para.content, para.number))
                continue
            flush_quote()
            if kind == "heading" or kind in ("title", "subtitle"):
                level = para.role.level - shallowest + 2 if kind == "heading" else 2
                if kind != "heading":
                    self.notes.append(Note(para.where, f"a second {kind} paragraph became a heading: {short_text(para.text)!r}"))
                blocks.append(Heading(min(6, level), tidy(para.content, breaks=False), para.number))
            elif not styled_headings and _looks_like_heading(para):
                blocks.append(Heading(2, tidy(_unbold(para.content), breaks=False), para.number))
                self.notes.append(Note(para.where, f"a short bold line became a heading: {short_text(para.text)!r}"))
            else:
                blocks.append(Paragraph(para.content, para.number))
            places.append(para.where)
        flush_quote()
        flush_lists()
        return blocks, places

    def _front_matter(self, paras: list[Para]) -> list[Para]:
        """Title, subtitle and byline paragraphs become front matter (found styled, or a bold larger first line)."""
        clues = self.front
        out: list[Para] = []
        body_size = _body_size(paras)
        has_title = any(p.role.kind == "title" for p in paras)
        has_headings = any(p.role.kind == "heading" for p in paras)
        for index, para in enumerate(paras):
            kind = para.role.kind
            first = not out and clues.title is None
            if kind == "title" and clues.title is None:
                self._take(para, "title")
            elif kind == "subtitle" and clues.subtitle is None and clues.title is not None and not out:
                clues.subtitle = Found(tidy(_unbold(para.content), breaks=False), para.where)
                self._consumed(para, "subtitle")
            elif kind == "byline" and clues.byline is None:
                clues.byline = Found(para.content, para.where)
                self._consumed(para, "byline (author, place, date)")
            elif first and kind == "heading" and para.role.level == 1 and not has_title:
                self._take(para, "title (the first heading)")
            elif (
                first
                and kind == "body"
                and para.numbering is None
                and not has_title
                and not has_headings
                and (para.all_bold or (para.size or 0) > (body_size or 10**6) * 1.15)
                and count_words(para.text) <= 30
                and index + 1 < len(paras)
            ):
                self._take(para, "title (a bold or larger first line)")
            else:
                out.append(para)
        return out

    def _take(self, para: Para, what: str) -> None:
        self.front.title = Found(tidy(_unbold(para.content), breaks=False), para.where)
        self._consumed(para, what)

    def _consumed(self, para: Para, what: str) -> None:
        self.notes.append(Note(para.where, f"{what}: {short_text(para.text)!r}", count_words(para.text)))


def _merge_deleted_marks(paras: list[Para]) -> list[Para]:
    """A deleted paragraph mark joins the paragraph with the next (accepting the change); the next one's style wins."""
    out: list[Para] = []
    carry: Content = ()
    carry_text = ""
    for para in paras:
        if para.table is not None:
            out.append(para)
            continue
        if carry:
            joined = (*carry, Text(" "), *para.content) if para.content else carry
            para = replace(para, content=tidy(joined), text=carry_text + " " + para.text)
            carry, carry_text = (), ""
        if para.merge_next:
            carry, carry_text = para.content, para.text
            continue
        out.append(para)
    return out


def _body_size(paras: list[Para]) -> int | None:
    weights: dict[int, int] = {}
    for para in paras:
        if para.size:
            weights[para.size] = weights.get(para.size, 0) + len(para.text)
    return max(weights, key=lambda s: weights[s]) if weights else None


def _unbold(content: Content) -> Content:
    """A title or heading is bold by its look: its Strong wrapping goes."""
    if len(content) == 1 and isinstance(content[0], Strong):
        return content[0].children
    return content


def _looks_like_heading(para: Para) -> bool:
    text = para.text.strip()
    return para.all_bold and 0 < count_words(text) <= 12 and not re.search(r"[.,;:!?]$", text) and "\n" not in text


def _typed_marker(para: Para) -> tuple[bool, int, str] | None:
    """(ordered, number, the marker) when a paragraph starts with a typed "1." / "•" / "-"."""
    if para.role.kind not in ("body", "list-continue"):
        return None
    match = _TYPED_MARKER.match(para.text)
    if match is None:
        return None
    if match.group("bullet"):
        return False, 1, match.group(0)
    number = match.group("num") or match.group("paren")
    if number:
        return True, int(number), match.group(0)
    return True, ord(match.group("letter")) - ord("a") + 1, match.group(0)


def _strip_marker(content: Content, marker: str) -> Content:
    """``content`` without the typed marker at its start (its characters counted in plain text)."""
    remaining = [len(marker.lstrip())]

    def cut(nodes: Content) -> list[Inline]:
        out: list[Inline] = []
        for node in nodes:
            if remaining[0] and isinstance(node, Text):
                text = node.text.lstrip() if not out else node.text
                taken = min(remaining[0], len(text))
                remaining[0] -= taken
                if text[taken:]:
                    out.append(Text(text[taken:]))
            elif remaining[0] and isinstance(node, (Strong, Emphasis)):
                inner = tuple(cut(node.children))
                if inner:
                    out.append(Strong(inner) if isinstance(node, Strong) else Emphasis(inner))
            else:
                out.append(node)
        return out

    return tidy(tuple(cut(content)))


@dataclass
class _Open:
    level: int
    ordered: bool
    start: int
    num: str
    where: str
    items: list[list[Block]] = field(default_factory=list)


class _ListBuilder:
    """Numbered paragraphs -> nested ListBlocks, counting as Word counts (a list that goes on after an
    interruption keeps its numbers; a ``startOverride`` restarts it)."""

    def __init__(self, numbering: NumberingDefs) -> None:
        self.numbering = numbering
        self.stack: list[_Open] = []
        self.done: list[tuple[Block, str]] = []
        self.counters: dict[tuple[str, int], int] = {}
        self.started: set[str] = set()

    def open(self) -> bool:
        return bool(self.stack)

    def add(self, para: Para) -> None:
        assert para.numbering is not None
        num, ilvl = para.numbering
        lvl = self.numbering.level(num, ilvl)
        ordered = lvl is not None and lvl.format not in ("bullet", "none")
        key = self.numbering.abstract_of(num) or num
        override = self.numbering.start_override(num, ilvl)
        if num not in self.started:
            self.started.add(num)
            if override is not None:
                self.counters[(key, ilvl)] = override - 1
        value = self.counters.get((key, ilvl), (lvl.start if lvl else 1) - 1) + 1
        self.counters[(key, ilvl)] = value
        for deeper in [k for k in self.counters if k[0] == key and k[1] > ilvl]:
            del self.counters[deeper]  # a higher level restarts the levels below it
        self._item(ilvl, ordered, value, num, Paragraph(para.content, para.number), para.where)

    def add_typed(self, para: Para, ordered: bool, number: int, marker: str) -> None:
        content = _strip_marker(para.content, marker)
        self._item(0, ordered, number, f"typed-{ordered}", Paragraph(content, para.number), para.where)

    def _item(self, level: int, ordered: bool, value: int, num: str, paragraph: Paragraph, where: str) -> None:
        while self.stack and self.stack[-1].level > level:
            self._pop()
        top = self.stack[-1] if self.stack else None
        if top is not None and top.level == level and (top.num != num or top.ordered != ordered):
            self._pop()
        if not self.stack or self.stack[-1].level < level:
            if self.stack and not self.stack[-1].items:
                self.stack[-1].items.append([])
            self.stack.append(_Open(level, ordered, value, num, where))
        self.stack[-1].items.append([paragraph])

    def continue_item(self, para: Para) -> None:
        """A "List Continue" paragraph: one more paragraph in the last item of its level."""
        level = para.role.level - 1
        while self.stack and self.stack[-1].level > level:
            self._pop()
        if self.stack and self.stack[-1].items:
            self.stack[-1].items[-1].append(Paragraph(para.content, para.number))

    def _pop(self) -> None:
        entry = self.stack.pop()
        block = _list_block(entry.ordered, entry.start, entry.items)
        if self.stack:
            parent = self.stack[-1].items
            if not parent:
                parent.append([])
            parent[-1].append(block)
        else:
            self.done.append((block, entry.where))

    def close(self) -> list[tuple[Block, str]]:
        while self.stack:
            self._pop()
        done, self.done = self.done, []
        return done


def _list_block(ordered: bool, start: int, items: list[list[Block]]) -> ListBlock:
    line = next((b.line for item in items for b in item if isinstance(b, Paragraph)), 0)
    return ListBlock(
        tuple(ListItem(tuple(item), item[0].line if item and isinstance(item[0], Paragraph) else line) for item in items),
        ordered,
        line,
        start if ordered else 1,
    )


__all__ = ["Para", "Structure"]
