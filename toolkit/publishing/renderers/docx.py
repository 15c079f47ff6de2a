"""Edition -> DOCX with real Word structure (python-docx plus the XML it cannot write).

Styles: Title, Subtitle, a byline, Heading 1-3, Normal, List Bullet / List
Number (each list its own ``w:num``, so numbering restarts), Names (signatory
lists: two columns, no bullets, see :mod:`.sections`), Quote, Hyperlink.
Bold and italic are run properties with their complex-script twins; links are
``w:hyperlink`` elements bound to relationships; every run carries the
document's language. Arabic gets paragraph and section ``w:bidi``, ``w:rtl``
on Arabic runs only, and a complex-script font every Word has (:mod:`.fonts`).

A project's ``templates/reference.docx`` supplies styles, fonts, page set-up
and letterhead: its body is replaced, its headers and footers kept when they
have content (the DRAFT line is added at the top). Without one, python-docx's
default template gets a sober house style (A4, Arial, navy headings).

The file is reproducible: core properties come from the statement (created =
modified = its date) and the zip is rewritten with fixed timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import replace
from typing import assert_never

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor

from ...document import Block, Code, Content, Emphasis, Heading, LineBreak, Link, ListBlock, Paragraph, Quote, Rule, Strong, Text
from ...document import plain_text as plain
from ...errors import BuildError, Location
from ...languages import word_language
from .bidi import Run, directed, separator
from .ooxml import PLAIN, Format, Numbering, Script, el, hyperlink, line_break, paragraph, run, set_bidi_section, simple_field
from .package import restamp
from .page import Page, Settings, shallowest_heading
from .sections import in_two_columns

NAVY = "1F3864"
GREY = "595959"
RED = "C00000"


class DocxRenderer:
    name = "docx"
    extension = ".docx"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        path = settings.templates / "reference.docx"
        self.reference: bytes | None = None
        if path.is_file():
            self.reference = path.read_bytes()
            try:
                docx.Document(io.BytesIO(self.reference))
            except (zipfile.BadZipFile, KeyError, ValueError) as exc:
                raise BuildError(f"not a Word document ({exc})", Location(f"{settings.shown_templates}/reference.docx")) from None

        self.template, self.style_ids = self._prepare()

    def _prepare(self) -> tuple[bytes, dict[str, str]]:
        """The template with every style the renderer uses, prepared once (styles are most of the cost)."""
        document = docx.Document(io.BytesIO(self.reference) if self.reference else None)
        if self.reference is None:
            _house_style(document, self.settings)
            _drop_template_leftovers(document)
        ids = {name: _ensure_style(document, name, kind, base) for name, kind, base in _STYLES}
        _complex_script_twins(document.styles.element)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue(), ids

    def render(self, page: Page) -> bytes:
        document = docx.Document(io.BytesIO(self.template))
        _Writer(document, page, self.settings, self.style_ids, branded=self.reference is not None).write()
        buffer = io.BytesIO()
        document.save(buffer)
        return restamp(buffer.getvalue(), page.edition.doc.meta.date)


class _Writer:
    def __init__(self, document: WordDocument, page: Page, settings: Settings, style_ids: dict[str, str], branded: bool) -> None:
        self.document = document
        self.style_ids = style_ids
        self.page = page
        self.settings = settings
        self.branded = branded
        self.script = Script(page.rtl, word_language(page.lang))
        self.numbering = Numbering(document.part.numbering_part.element, page.digits.get(page.lang, "latn"))
        self.shift = shallowest_heading(page.edition) - 1
        self.part = document.part
        self.name_lists: list[tuple[BaseOxmlElement, BaseOxmlElement]] = []
        """First and last paragraph of each signatory list: each gets a two-column section."""

    # --- the document -------------------------------------------------------

    def write(self) -> None:
        self._language_defaults()
        body = self.document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        self.sect_pr = body.find(qn("w:sectPr"))
        for p in [*self._front(), *self._blocks(self.page.edition.doc.blocks, depth=0, quoted=False)]:
            self.sect_pr.addprevious(p)
        self._header_footer()
        if self.page.rtl:
            for section in self.document.sections:
                set_bidi_section(section._sectPr)
        for first, last in self.name_lists:
            in_two_columns(first, last, self.sect_pr)
        self._core_properties()

    def _front(self) -> list[BaseOxmlElement]:
        meta = self.page.edition.doc.meta
        out = [self._para(self._style("Title"), meta.title, keep_next=True)]
        if meta.subtitle:
            out.append(self._para(self._style("Subtitle"), meta.subtitle, keep_next=True))
        byline: list[Content] = [meta.author]
        if meta.place:
            byline.append(meta.place)
        byline.append((Text(self.page.date),))
        joined: list[Text | Strong | Emphasis | Link | Code | LineBreak] = []
        for i, part in enumerate(byline):
            if i:
                joined.append(Text(separator(self.page.rtl)))
            joined.extend(part)
        out.append(self._para(self._style("Byline"), tuple(joined)))
        return out

    def _blocks(self, blocks: tuple[Block, ...], depth: int, quoted: bool) -> list[BaseOxmlElement]:
        out: list[BaseOxmlElement] = []
        for i, block in enumerate(blocks):
            if isinstance(block, Heading):
                level = min(3, max(1, block.level - self.shift))
                out.append(self._para(self._style(f"Heading {level}"), block.content, keep_next=True))
            elif isinstance(block, Paragraph):
                # A paragraph that introduces a list ("... by:") stays on the page of the list's first item;
                # elsewhere keep-with-next would only push text to the next page and leave a gap.
                introduces = i + 1 < len(blocks) and isinstance(blocks[i + 1], ListBlock)
                out.append(self._para(self._style("Quote") if quoted else None, block.content, keep_next=introduces))
            elif isinstance(block, ListBlock):
                out.extend(self._list(block, depth, quoted))
            elif isinstance(block, Quote):
                out.extend(self._blocks(block.blocks, depth, quoted=True))
            elif isinstance(block, Rule):
                out.append(paragraph(None, self.script, rule=True))
            else:
                assert_never(block)
        return out

    def _list(self, block: ListBlock, depth: int, quoted: bool) -> list[BaseOxmlElement]:
        if block.names:
            return self._names(block)
        level = min(depth, 2)
        suffix = f" {level + 1}" if level else ""
        style = self._style(("List Number" if block.ordered else "List Bullet") + suffix)
        num_id = self.numbering.new_list(block.ordered, self.page.rtl, level, block.start)
        out: list[BaseOxmlElement] = []
        for item in block.items:
            numbered = False
            for child in item.blocks:
                if isinstance(child, Paragraph) and not numbered:
                    out.append(self._para(style, child.content, num=(num_id, level)))
                    numbered = True
                elif isinstance(child, Paragraph):
                    out.append(self._para(self._style("List Continue" + suffix), child.content))
                else:
                    out.extend(self._blocks((child,), depth + 1, quoted))
        return out

    def _names(self, block: ListBlock) -> list[BaseOxmlElement]:
        """A signatory list: one unbulleted paragraph per name, in a two-column section (see write)."""
        out = [
            self._para(self._style("Names"), child.content)
            for item in block.items
            for child in item.blocks
            if isinstance(child, Paragraph)
        ]
        if out:
            self.name_lists.append((out[0], out[-1]))
        return out

    def _para(
        self,
        style: str | None,
        content: Content,
        *,
        num: tuple[int, int] | None = None,
        keep_next: bool = False,
        fmt: Format = PLAIN,
    ) -> BaseOxmlElement:
        p = paragraph(style, self.script, num=num, keep_next=keep_next)
        self._inline(p, directed(content, self.page.rtl), fmt)
        return p

    def _inline(self, parent: BaseOxmlElement, content: Content, fmt: Format) -> None:
        for node in content:
            if isinstance(node, Run):
                parent.append(run(node.text, fmt, node.rtl, self.script))
            elif isinstance(node, Text):
                parent.append(run(node.text, fmt, self.page.rtl, self.script))
            elif isinstance(node, Strong):
                self._inline(parent, node.children, replace(fmt, bold=True))
            elif isinstance(node, Emphasis):
                self._inline(parent, node.children, replace(fmt, italic=True))
            elif isinstance(node, Link):
                link = hyperlink(self.part, node.href)
                self._inline(link, node.children, replace(fmt, style=self._style("Hyperlink")))
                parent.append(link)
            elif isinstance(node, Code):
                parent.append(run(node.text, replace(fmt, code=True), False, self.script))
            elif isinstance(node, LineBreak):
                parent.append(line_break())
            else:
                assert_never(node)  # a new inline kind must be rendered, never dropped

    # --- styles, languages, header and footer ------------------------------

    def _style(self, name: str) -> str:
        return self.style_ids[name]

    def _language_defaults(self) -> None:
        """Language (and for right-to-left, the complex-script font) of every run without its own."""
        defaults = self.document.styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        if rpr is None:
            return
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = el("w:lang")
            rpr.append(lang)
        lang.set(qn("w:bidi" if self.page.rtl else "w:val"), self.script.lang)
        if self.page.rtl:
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = el("w:rFonts")
                rpr.insert(0, fonts)
            fonts.attrib.pop(qn("w:cstheme"), None)
            fonts.set(qn("w:cs"), self.settings.arabic_font)

    def _header_footer(self) -> None:
        section = self.document.sections[0]
        labels = self.page.labels
        header = section.header
        header.is_linked_to_previous = False
        hdr = header._element
        keep = self.branded and _has_content(hdr)
        if not keep:
            _clear(hdr)
            organisation = self.page.organisation
            line = separator(self.page.rtl).join(x for x in (organisation, self.page.kind, self.page.date) if x)
            hdr.append(self._para(self._style("Header"), (Text(line),)))
        if self.page.edition.draft:
            mark = self._para(
                self._style("Header"), (Text(f"{labels.draft} — {labels.draft_note}"),), fmt=Format(bold=True, color=RED)
            )
            hdr.insert(0, mark)
        footer = section.footer
        footer.is_linked_to_previous = False
        ftr = footer._element
        if self.branded and _has_content(ftr):
            return
        _clear(ftr)
        p = paragraph(self._style("Footer"), self.script, center=True)
        for piece in re.split(r"(\{pages?\})", labels.page):
            if piece == "{page}":
                p.append(simple_field("PAGE", "1", self.script))
            elif piece == "{pages}":
                p.append(simple_field("NUMPAGES", "1", self.script))
            elif piece:
                self._inline(p, directed((Text(piece),), self.page.rtl), PLAIN)
        ftr.append(p)

    def _core_properties(self) -> None:
        meta = self.page.edition.doc.meta
        props = self.document.core_properties
        moment = dt.datetime.combine(meta.date, dt.time(0, 0), tzinfo=dt.UTC)
        props.title = plain(meta.title)
        props.subject = plain(meta.subtitle) if meta.subtitle else self.page.kind
        props.author = plain(meta.author)
        props.last_modified_by = self.page.organisation or plain(meta.author)
        props.language = self.script.lang
        props.category = self.page.kind
        props.identifier = self.page.edition.slug
        props.content_status = self.page.labels.draft if self.page.edition.draft else ""
        props.keywords = ""
        props.comments = self.page.labels.draft_note if self.page.edition.draft else ""
        props.created = moment
        props.modified = moment
        props.revision = 1


_P, _C = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER
_STYLES: list[tuple[str, WD_STYLE_TYPE, str | None]] = [
    ("Title", _P, None),
    ("Subtitle", _P, None),
    ("Byline", _P, "Normal"),
    ("Heading 1", _P, None),
    ("Heading 2", _P, None),
    ("Heading 3", _P, None),
    ("Quote", _P, None),
    ("Names", _P, "Normal"),
    *(
        (f"{kind}{suffix}", _P, "Normal")
        for kind in ("List Bullet", "List Number", "List Continue")
        for suffix in ("", " 2", " 3")
    ),
    ("Header", _P, None),
    ("Footer", _P, None),
    ("Hyperlink", _C, None),
]
"""Every style a statement uses: (name, type, base when it must be created)."""


def _ensure_style(document: WordDocument, name: str, kind: WD_STYLE_TYPE, base: str | None) -> str:
    """The id of style ``name`` (ids differ from names in localised templates), created when missing."""
    styles = document.styles
    try:
        return str(styles[name].style_id)
    except KeyError:
        style = styles.add_style(name, kind)
    if kind == WD_STYLE_TYPE.CHARACTER and name == "Hyperlink":
        style.font.color.rgb = RGBColor.from_string("0563C1")
        style.font.underline = True
    elif name == "Byline":
        style.font.color.rgb = RGBColor.from_string(GREY)
        style.paragraph_format.space_after = Pt(18)
    elif name == "Names":
        style.paragraph_format.space_after = Pt(3)
        style.paragraph_format.keep_together = True
    if base:
        style.base_style = styles[base]
    return str(style.style_id)


def _has_content(part_root: BaseOxmlElement) -> bool:
    text = "".join(t.text or "" for t in part_root.iter(qn("w:t")))
    return bool(text.strip()) or any(True for _ in part_root.iter(qn("w:drawing"), qn("w:pict")))


def _clear(part_root: BaseOxmlElement) -> None:
    for child in list(part_root):
        part_root.remove(child)


def _complex_script_twins(styles: BaseOxmlElement) -> None:
    """Give every bold, italic and size in the styles its complex-script twin (else Arabic ignores them)."""
    for rpr in styles.iter(qn("w:rPr")):
        for latin, twin in (("w:b", "w:bCs"), ("w:i", "w:iCs"), ("w:sz", "w:szCs")):
            found = rpr.find(qn(latin))
            if found is not None and rpr.find(qn(twin)) is None:
                copy = el(twin)
                if found.get(qn("w:val")) is not None:
                    copy.set(qn("w:val"), found.get(qn("w:val")))
                found.addnext(copy)


# --- the built-in look ------------------------------------------------------

_HOUSE = {
    # style: (size pt, bold, italic, colour, space before pt, space after pt)
    "Normal": (11, False, False, None, 0, 8),
    "Title": (22, True, False, NAVY, 0, 6),
    "Subtitle": (13, False, False, "44546A", 0, 6),
    "Heading 1": (14, True, False, NAVY, 18, 6),
    "Heading 2": (12, True, False, NAVY, 14, 4),
    "Heading 3": (11, True, True, "404040", 12, 4),
    "Quote": (11, False, True, "404040", 6, 8),
    "Header": (8.5, False, False, GREY, 0, 0),
    "Footer": (8.5, False, False, GREY, 0, 0),
}


def _house_style(document: WordDocument, settings: Settings) -> None:
    """A4, one font family, navy headings: a sober press-release look without a branded template."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(22)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    styles = document.styles
    for name, (size, bold, italic, colour, before, after) in _HOUSE.items():
        style = styles[name]
        font = style.font
        font.size = Pt(size)
        _same_complex_size(style.element)
        font.bold = bold or None
        font.italic = italic or None
        rpr = style.element.find(qn("w:rPr"))
        for twin, on in (("w:bCs", bold), ("w:iCs", italic)):
            found = rpr.find(qn(twin)) if rpr is not None else None
            if found is not None and not on:
                rpr.remove(found)  # else Arabic stays italic where Latin no longer is
        if colour:
            font.color.rgb = RGBColor.from_string(colour)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    styles["Quote"].paragraph_format.left_indent = Mm(8)
    for name in ("List Bullet", "List Number", "List Bullet 2", "List Number 2", "List Bullet 3", "List Number 3"):
        styles[name].paragraph_format.space_after = Pt(4)
        ppr = styles[name].element.find(qn("w:pPr"))
        if ppr is not None and ppr.find(qn("w:contextualSpacing")) is not None:
            ppr.remove(ppr.find(qn("w:contextualSpacing")))  # long list items need air between them
    for name in ("Title", "Subtitle"):
        rpr = styles[name].element.find(qn("w:rPr"))
        if rpr is not None and rpr.find(qn("w:spacing")) is not None:
            rpr.remove(rpr.find(qn("w:spacing")))  # letter-spacing breaks the joining of Arabic letters
    ppr = styles["Subtitle"].element.find(qn("w:pPr"))
    if ppr is not None and ppr.find(qn("w:numPr")) is not None:
        ppr.remove(ppr.find(qn("w:numPr")))  # the template's Subtitle points at a list level
    for fonts in styles.element.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        if fonts.get(qn("w:ascii")) not in ("Symbol", "Courier New"):
            fonts.set(qn("w:ascii"), settings.font)
            fonts.set(qn("w:hAnsi"), settings.font)
            fonts.set(qn("w:cs"), settings.arabic_font)


def _same_complex_size(style: BaseOxmlElement) -> None:
    """``w:szCs`` equal to ``w:sz``: python-docx sets only the latter, and the template's own szCs
    (26 pt for a 22 pt Title) would make Arabic larger than Latin text in the same style."""
    rpr = style.find(qn("w:rPr"))
    size = rpr.find(qn("w:sz")) if rpr is not None else None
    twin = rpr.find(qn("w:szCs")) if rpr is not None else None
    if size is not None and twin is not None:
        twin.set(qn("w:val"), size.get(qn("w:val")))


def _drop_template_leftovers(document: WordDocument) -> None:
    """python-docx's template ships a thumbnail of another document: file browsers would show it."""
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rid)


__all__ = ["DocxRenderer"]
