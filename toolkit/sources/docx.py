"""A Word document (.docx) -> a :class:`~toolkit.sources.draft.Draft`.

python-docx opens the package; the body is walked as WordprocessingML, since
python-docx hides what an import must see (fields, tracked changes, hyperlink
targets, numbering). What each construct becomes (docs/import.md has examples):

- Title / Subtitle styles (and localised or derived ones) -> front matter;
  Heading n -> a level n+1 heading (the title is the first level); Quote and
  Intense Quote -> a block quote; TOC entries -> dropped;
- numbered paragraphs (``w:numPr``, their own or their style's) -> lists, nested
  by level, bullets or numbers as the level's format says, starting where Word
  would count; paragraphs typed with "1." / "•" / "-" -> lists too;
- bold and italic from direct formatting or a character style -> ``**`` / ``*``
  (a paragraph style's own bold, a heading's, is its look, not emphasis);
- ``w:hyperlink`` (relationship target or bookmark) and HYPERLINK fields
  (``w:fldSimple`` and ``w:fldChar`` / ``w:instrText``) -> links; other fields
  -> the text Word displays, a table of contents dropped;
- a soft line break -> a hard line break; tabs -> spaces;
- tracked changes: insertions and moves in accepted, deletions dropped (so the
  source is the document as it reads once every change is accepted; the
  summary counts both); hidden text dropped;
- footnotes and endnotes -> ``[n]`` in the text and endnote paragraphs after a
  rule at the end; comments, headers and footers (page numbers), text boxes,
  images, equations -> dropped, each with a line in the summary;
- a table of names (the 2- or 3-column signatory table) -> a names list in
  reading order; any other table -> refused with its position.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.document import DocumentPart

from ..document import (
    Code,
    Content,
    Emphasis,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Rule,
    Strong,
    Text,
)
from ..errors import Location, SourceError
from .docx_blocks import Para, Structure
from .docx_styles import MONOSPACE, NumberingDefs, Props, Role, StyleSheet, numpr_of, run_props
from .draft import Clues, Draft, Found, Note, clean_text, count_words, safe_link, short_text, split_breaks, tidy
from .signatories import is_name_like

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"


@dataclass
class _Piece:
    """A stretch of run text with the formatting that matters to the model (None text: a line break)."""

    text: str | None
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None
    title: str = ""


@dataclass
class _Field:
    instruction: str = ""
    in_result: bool = False
    href: str | None = None
    title: str = ""
    kind: str = ""


@dataclass
class _Counts:
    inserted: list[int] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)
    deleted_words: int = 0
    hidden_words: int = 0


def read_docx(data: bytes, shown: str) -> Draft:
    """Read a Word document; bad input is a :class:`SourceError` naming ``shown``."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        hint = " (a .doc from Word 97-2003? save it as .docx)" if data[:4] == b"\xd0\xcf\x11\xe0" else ""
        raise SourceError(f"not a Word document{hint}: {exc}", Location(shown)) from None
    return _DocxReader(document, shown).read()


class _DocxReader:
    def __init__(self, document: docx.document.Document, shown: str) -> None:
        self.document = document
        self.shown = shown
        self.part = document.part
        self.styles = StyleSheet(document.styles.element)
        numbering = self.part.numbering_part.element if _has_rel(self.part, RT.NUMBERING) else None
        self.numbering = NumberingDefs(numbering, self.styles)
        self.notes: list[Note] = []
        self.words_in = 0
        self.fields: list[_Field] = []
        self.counts = _Counts()
        self.paragraphs: list[Para] = []
        self.number = 0
        self.footnotes = self._notes_part(RT.FOOTNOTES, "w:footnote")
        self.endnotes = self._notes_part(RT.ENDNOTES, "w:endnote")
        self.used_notes: list[tuple[int, Content, int]] = []  # (mark, content, words)
        self.tables = 0
        self.header_text = ""

    # --- the document -------------------------------------------------------

    def read(self) -> Draft:
        body = self.document.element.body
        self._body(body, columns=_section_columns(body))
        self._furniture()
        structure = Structure(self.paragraphs, self.numbering, self.notes)
        blocks, places = structure.build()
        clues = self._clues(structure.front)
        if self.used_notes:
            blocks.append(Rule(self.number + 1))
            places.append("notes")
            for mark, content, _ in self.used_notes:
                blocks.append(Paragraph(tidy((Text(f"[{mark}] "), *content)), self.number + 1))
                places.append(f"note {mark}")
            self.notes.append(
                Note("notes", f"{len(self.used_notes)} footnote(s) kept as [n] marks and numbered paragraphs at the end")
            )
        if self.counts.inserted or self.counts.deleted:
            self.notes.append(
                Note(
                    "tracked changes",
                    f"{len(self.counts.inserted)} insertion(s) accepted, {len(self.counts.deleted)} deletion(s) dropped "
                    f"({self.counts.deleted_words} words) at {_paragraph_list(self.counts.inserted + self.counts.deleted)}",
                    self.counts.deleted_words,
                    dropped=True,
                )
            )
        if self.counts.hidden_words:
            self.notes.append(Note("hidden text", "text formatted as hidden dropped", self.counts.hidden_words, dropped=True))
        styled = any(p.role.kind != "body" or p.numbering for p in self.paragraphs)
        return Draft(self.shown, blocks, clues, self.notes, self.words_in, places, styled)

    def _body(self, body: BaseOxmlElement, columns: dict[BaseOxmlElement, int] | None = None) -> None:
        children = list(body.iterchildren())
        index = 0
        while index < len(children):
            child = children[index]
            if columns and columns.get(child, 1) > 1 and child.tag == qn("w:p"):
                run = []
                while index < len(children) and children[index].tag == qn("w:p") and columns.get(children[index], 1) > 1:
                    run.append(children[index])
                    index += 1
                self._columns(run)
                continue
            index += 1
            tag = child.tag
            if tag == qn("w:p"):
                self._paragraph(child)
            elif tag == qn("w:tbl"):
                self._table(child)
            elif tag == qn("w:sdt"):
                self._content_control(child)
            elif tag == qn("w:customXml"):
                self._body(child)
            elif tag == qn("w:altChunk"):
                self.notes.append(Note(f"after paragraph {self.number}", "embedded document (altChunk) dropped", dropped=True))

    def _content_control(self, sdt: BaseOxmlElement) -> None:
        gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
        content = sdt.find(qn("w:sdtContent"))
        if content is None:
            return
        if gallery is not None and "contents" in (gallery.get(qn("w:val")) or "").lower():
            words = count_words(" ".join(t.text or "" for t in content.iter(qn("w:t"))))
            self.words_in += words
            self.notes.append(Note(f"after paragraph {self.number}", "table of contents dropped", words, dropped=True))
            return
        self._body(content)

    # --- tables -------------------------------------------------------------

    def _table(self, tbl: BaseOxmlElement) -> None:
        """A table of names -> a names list (reading order); any other table is refused with its position."""
        self.tables += 1
        first = self.number + 1
        grid: list[list[list[Para]]] = []
        for tr in tbl.iter(qn("w:tr")):
            row: list[list[Para]] = []
            for tc in tr.iterchildren(qn("w:tc")):
                merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                if merge is not None and merge.get(qn("w:val")) != "restart":
                    continue
                if tc.find(qn("w:tbl")) is not None:
                    raise SourceError(
                        f"paragraph {first}: table {self.tables} holds another table: tables cannot be imported "
                        "(turn it into paragraphs or a list in Word)",
                        Location(self.shown, first),
                    )
                cell = [self._paragraph(p, in_table=True) for p in tc.iterchildren(qn("w:p"))]
                row.append([c for c in cell if c.content])
            grid.append(row)
        cells = [cell for row in grid for cell in row if cell]
        texts = [p.text.strip() for cell in cells for p in cell]
        columns = max((len(row) for row in grid), default=0)
        if not texts:
            return
        if not (len(texts) >= 2 and columns <= 4 and all(is_name_like(t) for t in texts)):
            sample = short_text(texts[0], 40)
            raise SourceError(
                f"paragraph {first}: table {self.tables} ({len(grid)} rows x {columns} columns, first cell {sample!r}) is not a "
                "list of names: tables cannot be imported; turn it into paragraphs or a list in Word, or delete it, "
                "and import again",
                Location(self.shown, first),
            )
        by_rows = [p for row in grid for cell in row for p in cell]
        by_columns = [p for c in range(columns) for row in grid if c < len(row) for p in row[c]]
        order, names = "row by row", by_rows
        if columns > 1 and _sorted(by_columns) and not _sorted(by_rows):
            order, names = "column by column (the names run alphabetically down the columns)", by_columns
        items = tuple(ListItem((Paragraph(tidy(p.content, breaks=False), p.number),), p.number) for p in names)
        block = ListBlock(items, False, first, names=True)
        self.paragraphs.append(Para(first, Role("body"), None, (), "", table=block))
        self.notes.append(
            Note(
                f"paragraph {first}",
                f"table {self.tables} ({len(grid)} rows x {columns} columns) became a signatory list of "
                f"{len(items)} names, read {order}",
            )
        )

    def _columns(self, run: list[BaseOxmlElement]) -> None:
        """Paragraphs set in a section of two or more columns: a signatory list when every one is a name
        (how these statements print them, and how the toolkit's own DOCX sets them), else plain paragraphs."""
        paras = [self._paragraph(p, in_table=True) for p in run]
        names = [p for p in paras if p.content]
        if len(names) < 2 or not all(is_name_like(p.text.strip()) for p in names):
            self.paragraphs.extend(paras)
            return
        first = names[0].number
        items = tuple(ListItem((Paragraph(tidy(p.content, breaks=False), p.number),), p.number) for p in names)
        self.paragraphs.append(Para(first, Role("body"), None, (), "", table=ListBlock(items, False, first, names=True)))
        self.notes.append(
            Note(f"paragraph {first}", f"{len(items)} names set in columns became a signatory list, read column by column")
        )

    # --- paragraphs ---------------------------------------------------------

    def _paragraph(self, p: BaseOxmlElement, in_table: bool = False) -> Para:
        self.number += 1
        ppr = p.find(qn("w:pPr"))
        style_el = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style = style_el.get(qn("w:val")) if style_el is not None else None
        role = self.styles.role(style)
        direct_outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if role.kind == "body" and direct_outline is not None and (direct_outline.get(qn("w:val")) or "9") < "9":
            role = Role("heading", int(direct_outline.get(qn("w:val")) or 0) + 1)
        base = self.styles.paragraph_props(style)
        pieces: list[_Piece] = []
        self._children(p, pieces, base)
        content, text = _inline(pieces)
        self.words_in += count_words(text)
        mark_deleted = ppr is not None and ppr.find(f"{qn('w:rPr')}/{qn('w:del')}") is not None
        if mark_deleted:
            self.counts.deleted.append(self.number)
        para = Para(
            self.number,
            role,
            self._numbering(ppr, style),
            content,
            text,
            all_bold=bool(text.strip()) and all(pc.bold for pc in pieces if pc.text and pc.text.strip()),
            size=_max_size(p, base, self.styles),
            merge_next=mark_deleted,
        )
        if not in_table:
            self.paragraphs.append(para)
        return para

    def _numbering(self, ppr: BaseOxmlElement | None, style: str | None) -> tuple[str, int] | None:
        own = numpr_of(ppr)
        inherited = self.styles.numpr(style)
        num = (own[0] if own and own[0] is not None else None) or (inherited[0] if inherited else None)
        level = (own[1] if own and own[1] is not None else None) or (inherited[1] if inherited else None) or 0
        if num is None or num == "0":
            return None
        lvl = self.numbering.level(num, level)
        if lvl is None or lvl.format == "none":
            return None
        return num, level

    def _children(
        self, parent: BaseOxmlElement, pieces: list[_Piece], base: Props, href: str | None = None, title: str = ""
    ) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == qn("w:r"):
                self._run(child, pieces, base, href, title)
            elif tag == qn("w:hyperlink"):
                target, tip = self._hyperlink(child)
                self._children(child, pieces, base, target or href, tip or title)
            elif tag in (qn("w:ins"), qn("w:moveTo")):
                self.counts.inserted.append(self.number)
                self._children(child, pieces, base, href, title)
            elif tag in (qn("w:del"), qn("w:moveFrom")):
                if tag == qn("w:del"):
                    self.counts.deleted.append(self.number)
                text = "".join(t.text or "" for t in child.iter(qn("w:delText"), qn("w:t")))
                words = count_words(text)
                self.words_in += words
                self.counts.deleted_words += words
            elif tag == qn("w:fldSimple"):
                field_ = _parse_field(child.get(qn("w:instr")) or "")
                field_.in_result = True
                self._field_note(field_)
                self.fields.append(field_)
                self._children(child, pieces, base, href, title)
                self.fields.pop()
            elif tag in (qn("w:smartTag"), qn("w:customXml"), qn("w:sdt"), qn("w:sdtContent"), qn("w:dir"), qn("w:bdo")):
                self._children(child, pieces, base, href, title)
            elif tag == f"{_MATH}oMath" or tag == f"{_MATH}oMathPara":
                self.notes.append(Note(self._where(), "equation dropped", dropped=True))

    def _run(self, r: BaseOxmlElement, pieces: list[_Piece], base: Props, href: str | None, title: str) -> None:
        rpr = r.find(qn("w:rPr"))
        direct = run_props(rpr)
        style_el = rpr.find(qn("w:rStyle")) if rpr is not None else None
        char = self.styles.character_props(style_el.get(qn("w:val")) if style_el is not None else None)
        bold = _effective(direct.bold, char.bold, base.bold)
        italic = _effective(direct.italic, char.italic, base.italic)
        font = (direct.font or char.font or base.font or "").lower()
        hidden = bool(_first(direct.hidden, char.hidden, base.hidden))
        for child in r.iterchildren():
            tag = child.tag
            if tag == qn("w:fldChar"):
                self._fld_char(child)
                continue
            if tag == qn("w:instrText"):
                if self.fields and not self.fields[-1].in_result:
                    self.fields[-1].instruction += child.text or ""
                continue
            text: str | None
            if tag == qn("w:t"):
                text = child.text or ""
            elif tag in (qn("w:br"), qn("w:cr")):
                if child.get(qn("w:type")) in ("page", "column"):
                    continue
                text = None
            elif tag == qn("w:tab") or tag == qn("w:ptab"):
                text = " "
            elif tag == qn("w:noBreakHyphen"):
                text = "\u2011"
            elif tag == qn("w:sym"):
                text = _symbol(child)
            elif tag in (qn("w:footnoteReference"), qn("w:endnoteReference")):
                text = self._note_mark(child, tag == qn("w:footnoteReference"))
            elif tag in (qn("w:drawing"), qn("w:pict"), qn("w:object")) or tag == f"{_MC}AlternateContent":
                self._drawing(child)
                continue
            else:
                continue
            if not self._visible():
                if text:
                    dropped = count_words(text)
                    self.words_in += dropped
                    if self.fields and any(f.kind == "TOC" for f in self.fields):
                        self.notes.append(
                            Note(self._where(), f"table of contents entry {short_text(text)!r} dropped", dropped, dropped=True)
                        )
                continue
            if hidden:
                if text:
                    words = count_words(text)
                    self.words_in += words
                    self.counts.hidden_words += words
                continue
            link = next((f.href for f in reversed(self.fields) if f.href), None) or href
            tip = next((f.title for f in reversed(self.fields) if f.href), "") or title
            pieces.append(
                _Piece(text, bool(bold and not base.bold), bool(italic and not base.italic), font in MONOSPACE, link, tip)
            )

    def _visible(self) -> bool:
        """Text shows when every open field is past its instruction and none is a table of contents."""
        return all(f.in_result and f.kind != "TOC" for f in self.fields)

    def _fld_char(self, element: BaseOxmlElement) -> None:
        kind = element.get(qn("w:fldCharType"))
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            parsed = _parse_field(self.fields[-1].instruction)
            parsed.in_result = True
            self.fields[-1] = parsed
            self._field_note(parsed)
        elif kind == "end" and self.fields:
            self.fields.pop()

    def _field_note(self, field_: _Field) -> None:
        if field_.kind == "HYPERLINK" and field_.href is None:
            self.notes.append(
                Note(
                    self._where(),
                    f"link field {field_.instruction.strip()!r}: target not kept (not http, https, mailto or relative)",
                )
            )
        elif field_.kind == "TOC":
            self.notes.append(Note(self._where(), "table of contents field dropped"))

    def _hyperlink(self, element: BaseOxmlElement) -> tuple[str | None, str]:
        rid = element.get(qn("r:id"))
        anchor = element.get(qn("w:anchor"))
        tip = element.get(qn("w:tooltip")) or ""
        target = ""
        if rid and rid in self.part.rels:
            target = self.part.rels[rid].target_ref
        if anchor and not target:
            self.notes.append(Note(self._where(), f"link to bookmark {anchor!r} inside the document kept as text"))
            return None, ""
        href = safe_link(target + (f"#{anchor}" if anchor else ""))
        if href is None and target:
            self.notes.append(
                Note(self._where(), f"link to {target!r} kept as text (only http, https, mailto and relative links)")
            )
        return href, tip

    def _drawing(self, element: BaseOxmlElement) -> None:
        if element.tag == f"{_MC}AlternateContent":
            choice = element.find(f"{_MC}Choice")
            element = choice if choice is not None else element  # the fallback repeats the choice
        boxes = list(element.iter(qn("w:txbxContent")))
        if boxes:
            text = " ".join(t.text or "" for box in boxes for t in box.iter(qn("w:t")))
            words = count_words(text)
            self.words_in += words
            self.notes.append(Note(self._where(), f"text box dropped: {short_text(text)!r}", words, dropped=True))
        else:
            self.notes.append(Note(self._where(), "image or drawing dropped", dropped=True))

    def _note_mark(self, element: BaseOxmlElement, footnote: bool) -> str:
        note_id = element.get(qn("w:id")) or ""
        content, words = (self.footnotes if footnote else self.endnotes).get(note_id, ((), 0))
        mark = len(self.used_notes) + 1
        self.used_notes.append((mark, content, words))
        self.words_in += words + 1  # the note's text, and its number as Word shows it below the page
        return f"[{mark}]"

    def _where(self) -> str:
        return f"paragraph {self.number}"

    # --- parts besides the body ---------------------------------------------

    def _notes_part(self, reltype: str, tag: str) -> dict[str, tuple[Content, int]]:
        root = _part_root(self.part, reltype)
        if root is None:
            return {}
        out: dict[str, tuple[Content, int]] = {}
        saved = self.number
        for note in root.iterchildren(qn(tag)):
            if note.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            parts: list[Inline] = []
            words = 0
            for p in note.iter(qn("w:p")):
                pieces: list[_Piece] = []
                self._children(p, pieces, self.styles.paragraph_props(None))
                content, text = _inline(pieces)
                words += count_words(text)
                if parts and content:
                    parts.append(LineBreak())
                parts.extend(content)
            out[note.get(qn("w:id")) or ""] = (tidy(tuple(parts)), words)
        self.number = saved
        self.words_in = 0  # counted when a mark refers to the note
        self.counts = _Counts()
        return out

    def _furniture(self) -> None:
        """Headers, footers and comments: not statement text; each dropped with a line saying what it held."""
        seen: set[str] = set()
        for reltype, what in ((RT.HEADER, "header"), (RT.FOOTER, "footer")):
            for rel in self.part.rels.values():
                if rel.reltype != reltype or rel.is_external:
                    continue
                root = _root_of(rel.target_part)
                text = " ".join(" ".join(t.text or "" for t in p.iter(qn("w:t"))) for p in root.iter(qn("w:p"))).strip()
                fields = " ".join(
                    [f.get(qn("w:instr")) or "" for f in root.iter(qn("w:fldSimple"))]
                    + [t.text or "" for t in root.iter(qn("w:instrText"))]
                )
                page = " with page numbers" if re.search(r"\b(NUM)?PAGES?\b", fields) else ""
                if not text and not page:
                    continue
                key = f"{what}:{text}"
                if key in seen:
                    continue
                seen.add(key)
                words = count_words(text)
                self.words_in += words
                shown = f": {short_text(text)!r}" if text else ""
                self.notes.append(Note(what, f"{what}{page} dropped{shown}", words, dropped=True))
                if what == "header" and not self.header_text:
                    self.header_text = text
        comments_root = _part_root(self.part, RT.COMMENTS)
        if comments_root is not None:
            root = comments_root
            comments = list(root.iterchildren(qn("w:comment")))
            if comments:
                words = count_words(" ".join(t.text or "" for t in root.iter(qn("w:t"))))
                self.words_in += words
                self.notes.append(
                    Note(
                        "comments", f"{len(comments)} comment(s) dropped (review notes, not statement text)", words, dropped=True
                    )
                )

    def _clues(self, front: Clues) -> Clues:
        props = self.document.core_properties
        clues = front
        if clues.title is None and props.title and props.title.strip():
            clues.title = Found(tidy(tuple(split_breaks(props.title)), breaks=False), "the file's properties (title)")
        created = props.created
        if isinstance(created, dt.datetime) and created.year > 1980:
            clues.file_date = Found(created.date(), "the file's properties (created)")
        company = _app_property(self.part, "Company")
        if company:
            clues.author = Found((Text(clean_text(company).strip()),), "the file's properties (company)")
        if props.author and props.author.strip():
            clues.hints.append(f"the file's properties name {props.author.strip()!r} as its author")
        category = (props.category or "").strip()
        if category:
            clues.kicker = Found(category, "the file's properties (category)")
        elif self.header_text:
            clues.kicker = Found(self.header_text, "the header")
        return clues


# --- inline content -----------------------------------------------------------


def _section_columns(body: BaseOxmlElement) -> dict[BaseOxmlElement, int]:
    """Each body child -> the number of text columns of the section it is in.

    A ``w:sectPr`` in a paragraph's properties ends a section with that paragraph; the body's own last
    ``w:sectPr`` describes the final section."""
    columns: dict[BaseOxmlElement, int] = {}
    pending: list[BaseOxmlElement] = []

    def close(sect_pr: BaseOxmlElement | None) -> None:
        cols = sect_pr.find(qn("w:cols")) if sect_pr is not None else None
        number = int(cols.get(qn("w:num")) or 1) if cols is not None and (cols.get(qn("w:num")) or "1").isdigit() else 1
        columns.update(dict.fromkeys(pending, number))
        pending.clear()

    for child in body.iterchildren():
        if child.tag == qn("w:sectPr"):
            close(child)
            continue
        pending.append(child)
        if child.tag == qn("w:p"):
            own = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
            if own is not None:
                close(own)
    close(None)
    return columns


def _effective(direct: bool | None, char: bool | None, paragraph: bool | None) -> bool:
    """A toggle property as Word resolves it: direct formatting wins; a character style toggles the paragraph style's."""
    if direct is not None:
        return direct
    if char is not None:
        return char != bool(paragraph) if char else bool(paragraph)
    return bool(paragraph)


def _first(*values: bool | None) -> bool | None:
    return next((v for v in values if v is not None), None)


def _inline(pieces: list[_Piece]) -> tuple[Content, str]:
    """Pieces -> nested inline content (the longest formatting span outermost), and the plain text."""
    text = "".join(p.text if p.text is not None else "\n" for p in pieces)
    # A space between two bold words is bold for the reader whatever Word stored.
    for i, piece in enumerate(pieces):
        if piece.text is not None and not piece.text.strip() and 0 < i < len(pieces) - 1:
            before, after = pieces[i - 1], pieces[i + 1]
            piece.bold = piece.bold or (before.bold and after.bold)
            piece.italic = piece.italic or (before.italic and after.italic)
    return tidy(tuple(_nest(pieces))), text


_ATTRS = ("href", "bold", "italic")


def _nest(pieces: list[_Piece]) -> list[Inline]:
    out: list[Inline] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        best, length = None, 0
        for attr in _ATTRS:
            value = getattr(piece, attr)
            if not value:
                continue
            j = i
            while j < len(pieces) and getattr(pieces[j], attr) == value:
                j += 1
            if j - i > length:
                best, length = attr, j - i
        if best is None:
            if piece.text is None:
                out.append(LineBreak())
            elif piece.code:
                out.append(Code(piece.text))
            else:
                out.extend(split_breaks(piece.text))
            i += 1
            continue
        group = pieces[i : i + length]
        inner = _nest([_without(p, best) for p in group])
        if best == "href":
            out.append(Link(str(piece.href), tuple(inner), piece.title))
        elif best == "bold":
            out.append(Strong(tuple(inner)))
        else:
            out.append(Emphasis(tuple(inner)))
        i += length
    return out


def _without(piece: _Piece, attr: str) -> _Piece:
    """``piece`` with one formatting attribute (the one now expressed by its parent node) cleared."""
    if attr == "href":
        return replace(piece, href=None)
    return replace(piece, bold=False) if attr == "bold" else replace(piece, italic=False)


def _parse_field(instruction: str) -> _Field:
    """``HYPERLINK "https://x.org" \\l "part" \\o "tip"`` -> a field with its target; other fields by name."""
    tokens = [
        m.group(1) if m.group(1) is not None else m.group(2) for m in re.finditer(r'"((?:[^"\\]|\\.)*)"|(\S+)', instruction)
    ]
    field_ = _Field(instruction=instruction, kind=tokens[0].upper() if tokens else "")
    if field_.kind != "HYPERLINK":
        return field_
    url = anchor = ""
    i = 1
    while i < len(tokens):
        token = tokens[i]
        if token.lower() in ("\\l", "\\o", "\\t", "\\m", "\\n", "\\h"):
            arg = tokens[i + 1] if i + 1 < len(tokens) and token.lower() in ("\\l", "\\o", "\\t") else ""
            if token.lower() == "\\l":
                anchor = arg
            elif token.lower() == "\\o":
                field_.title = arg
            i += 2 if arg else 1
            continue
        if not url:
            url = token.replace("\\\\", "\\")
        i += 1
    if url:
        field_.href = safe_link(url + (f"#{anchor}" if anchor else ""))
    return field_


def _symbol(element: BaseOxmlElement) -> str:
    """``w:sym``: a character from a symbol font; Unicode when it is one, else nothing (a Wingdings glyph)."""
    code = element.get(qn("w:char")) or ""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF:
        return ""
    return chr(value)


def _max_size(p: BaseOxmlElement, base: Props, styles: StyleSheet) -> int | None:
    sizes = [
        run_props(r.find(qn("w:rPr"))).size for r in p.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()
    ]
    found = [s if s is not None else (base.size or styles.defaults.size) for s in sizes]
    known = [s for s in found if s is not None]
    return max(known) if known else base.size or styles.defaults.size


def _sorted(paras: list[Para]) -> bool:
    keys = [unicodedata.normalize("NFKD", p.text).casefold() for p in paras]
    return keys == sorted(keys)


def _paragraph_list(numbers: list[int]) -> str:
    unique = sorted(set(numbers))
    shown = ", ".join(str(n) for n in unique[:8]) + (", …" if len(unique) > 8 else "")
    return f"paragraph{'s' if len(unique) > 1 else ''} {shown}"


# --- package parts ----------------------------------------------------------


def _has_rel(part: DocumentPart, reltype: str) -> bool:
    return any(rel.reltype == reltype for rel in part.rels.values())


def _root_of(part: Part) -> BaseOxmlElement:
    element: BaseOxmlElement | None = getattr(part, "element", None)
    if element is not None:
        return element
    root: BaseOxmlElement = parse_xml(part.blob)
    return root


def _part_root(part: DocumentPart, reltype: str) -> BaseOxmlElement | None:
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return _root_of(rel.target_part)
    return None


def _app_property(part: DocumentPart, name: str) -> str:
    for rel in part.package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
            root = parse_xml(rel.target_part.blob)
            for child in root.iterchildren():
                if child.tag.endswith("}" + name):
                    return (child.text or "").strip()
    return ""


__all__ = ["read_docx"]
