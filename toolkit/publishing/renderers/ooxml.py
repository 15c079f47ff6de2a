"""WordprocessingML that python-docx does not write: bidi, languages, complex-script twins,
hyperlinks, list numbering that restarts, and fields.

Children of ``w:pPr`` and ``w:rPr`` must follow the schema order (Word refuses
or repairs files that do not), so each builder appends them in that order:

- ``w:pPr``: pStyle, keepNext, numPr, pBdr, bidi, spacing, ind, jc;
- ``w:rPr``: rStyle, rFonts, b, bCs, i, iCs, color, sz, szCs, u, rtl, lang.

Right-to-left, as measured with LibreOffice (../shared/notes/conventions.md):
paragraph ``w:bidi`` and ``w:rtl`` on the right-to-left runs only, start
alignment (never ``jc=right``, which LibreOffice then shows left-aligned), and
the complex-script twins (``w:bCs``, ``w:iCs``, ``w:szCs``) next to their
Latin counterparts, without which Arabic bold and sizes do not render.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import oxml_parser
from docx.oxml.xmlchemy import BaseOxmlElement

from .bidi import LRM, RLM, is_strong

_NSMAP = {"w": nsmap["w"]}
_clark = functools.cache(qn)


def el(tag: str, **attrs: str) -> BaseOxmlElement:
    """``w:tag`` with ``w:``-qualified attributes (``val="x"`` -> ``w:val="x"``).

    Built with python-docx's parser, so python-docx sees its own element classes,
    but with cached names: a statement has thousands of elements.
    """
    element: BaseOxmlElement = oxml_parser.makeelement(_clark(tag), nsmap=_NSMAP)
    for name, value in attrs.items():
        element.set(_clark(f"w:{name}"), value)
    return element


@dataclass(frozen=True)
class Script:
    """Language settings shared by every run of one document."""

    rtl: bool
    """The document's direction."""
    lang: str
    """Word's tag for the language: ``fr-FR``, ``ar-SA``."""

    def lang_element(self) -> BaseOxmlElement:
        # Right-to-left languages go in w:bidi (the complex-script language), others in w:val.
        return el("w:lang", bidi=self.lang) if self.rtl else el("w:lang", val=self.lang)


@dataclass(frozen=True)
class Format:
    """Character formatting of one run."""

    bold: bool = False
    italic: bool = False
    code: bool = False
    style: str | None = None
    """Character style id (``Hyperlink``)."""
    color: str | None = None
    """RRGGBB, for the DRAFT line."""


PLAIN = Format()
CODE_FONT = "Courier New"


def run(text: str, fmt: Format, rtl: bool, script: Script) -> BaseOxmlElement:
    """One ``w:r``; ``rtl`` marks a right-to-left run (``w:rtl``), never a Latin one.

    A run whose direction differs from the paragraph's and that ends in a
    neutral character (a closing parenthesis) gets a directional mark at that
    end, so LibreOffice and Word agree on where the character goes.
    """
    r = el("w:r")
    r.append(_rpr(fmt, rtl, script))
    if rtl != script.rtl and text:
        mark = RLM if rtl else LRM
        if not is_strong(text[0], rtl):
            text = mark + text
        if not is_strong(text[-1], rtl):
            text = text + mark
    t = el("w:t")
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


def _rpr(fmt: Format, rtl: bool, script: Script) -> BaseOxmlElement:
    rpr = el("w:rPr")
    if fmt.style:
        rpr.append(el("w:rStyle", val=fmt.style))
    if fmt.code:
        rpr.append(el("w:rFonts", ascii=CODE_FONT, hAnsi=CODE_FONT))
    if fmt.bold:
        rpr.append(el("w:b"))
        rpr.append(el("w:bCs"))
    if fmt.italic:
        rpr.append(el("w:i"))
        rpr.append(el("w:iCs"))
    if fmt.color:
        rpr.append(el("w:color", val=fmt.color))
    if rtl:
        rpr.append(el("w:rtl"))
    rpr.append(script.lang_element())
    return rpr


def line_break() -> BaseOxmlElement:
    r = el("w:r")
    r.append(el("w:br"))
    return r


def paragraph(
    style: str | None,
    script: Script,
    *,
    num: tuple[int, int] | None = None,
    keep_next: bool = False,
    rule: bool = False,
    center: bool = False,
) -> BaseOxmlElement:
    """An empty ``w:p``: ``num`` is (numId, level); ``rule`` draws a line under it."""
    p = el("w:p")
    ppr = el("w:pPr")
    if style:
        ppr.append(el("w:pStyle", val=style))
    if keep_next:
        ppr.append(el("w:keepNext"))
    if num is not None:
        numpr = el("w:numPr")
        numpr.append(el("w:ilvl", val=str(num[1])))
        numpr.append(el("w:numId", val=str(num[0])))
        ppr.append(numpr)
    if rule:
        border = el("w:pBdr")
        border.append(el("w:bottom", val="single", sz="6", space="1", color="A6A6A6"))
        ppr.append(border)
    if script.rtl:
        ppr.append(el("w:bidi"))
    if center:
        ppr.append(el("w:jc", val="center"))
    p.append(ppr)
    return p


def hyperlink(part: Part, url: str) -> BaseOxmlElement:
    """A ``w:hyperlink`` bound to an external relationship (python-docx cannot write these)."""
    rid = part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = el("w:hyperlink", history="1")
    link.set(qn("r:id"), rid)
    return link


def simple_field(instruction: str, placeholder: str, script: Script) -> BaseOxmlElement:
    """``w:fldSimple`` (PAGE, NUMPAGES): Word and LibreOffice compute the value when laying out."""
    field = el("w:fldSimple", instr=f" {instruction} ")
    field.append(run(placeholder, PLAIN, False, script))
    return field


def set_bidi_section(sect_pr: BaseOxmlElement) -> None:
    """``w:bidi`` in a section: right-to-left page (columns, gutter) for Arabic."""
    if sect_pr.find(qn("w:bidi")) is not None:
        return
    successors = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
    sect_pr.insert_element_before(el("w:bidi"), *successors)


# --- numbering --------------------------------------------------------------

_BULLETS = ("•", "◦", "▪")
LEVELS = 3
INDENT = 360
"""Twips per list level (a quarter inch): the hanging indent of the number or bullet."""


class Numbering:
    """Adds list definitions to a document's numbering part: one ``w:num`` per list, so each restarts."""

    def __init__(self, numbering: BaseOxmlElement, digits: str) -> None:
        self.root = numbering
        self.digits = digits
        self.abstract: dict[tuple[bool, bool], int] = {}
        self.next_abstract = 1 + max((int(a.get(qn("w:abstractNumId"))) for a in self._all("w:abstractNum")), default=-1)
        self.next_num = 1 + max((int(n.get(qn("w:numId"))) for n in self._all("w:num")), default=0)

    def _all(self, tag: str) -> list[BaseOxmlElement]:
        return list(self.root.iterchildren(qn(tag)))

    def new_list(self, ordered: bool, rtl: bool, level: int, start: int) -> int:
        """A fresh numId for one list (ordered or bulleted) starting at ``start`` on ``level``."""
        key = (ordered, rtl)
        if key not in self.abstract:
            self.abstract[key] = self._add_abstract(ordered, rtl)
        num_id = self.next_num
        self.next_num += 1
        num = el("w:num", numId=str(num_id))
        num.append(el("w:abstractNumId", val=str(self.abstract[key])))
        override = el("w:lvlOverride", ilvl=str(level))
        override.append(el("w:startOverride", val=str(start)))
        num.append(override)
        self.root.append(num)
        return num_id

    def _add_abstract(self, ordered: bool, rtl: bool) -> int:
        abstract_id = self.next_abstract
        self.next_abstract += 1
        abstract = el("w:abstractNum", abstractNumId=str(abstract_id))
        abstract.append(el("w:multiLevelType", val="hybridMultilevel"))
        for level in range(LEVELS):
            lvl = el("w:lvl", ilvl=str(level))
            lvl.append(el("w:start", val="1"))
            if ordered:
                lvl.append(el("w:numFmt", val="hindiNumbers" if self.digits == "arab" else "decimal"))
                lvl.append(el("w:lvlText", val=f"%{level + 1}."))
            else:
                lvl.append(el("w:numFmt", val="bullet"))
                lvl.append(el("w:lvlText", val=_BULLETS[level]))
            lvl.append(el("w:lvlJc", val="left"))
            ppr = el("w:pPr")
            if rtl:
                ppr.append(el("w:bidi"))
            ppr.append(el("w:ind", left=str(INDENT * (level + 1) + INDENT), hanging=str(INDENT)))
            lvl.append(ppr)
            abstract.append(lvl)
        # Every w:abstractNum must precede the first w:num.
        nums = self._all("w:num")
        if nums:
            nums[0].addprevious(abstract)
        else:
            self.root.append(abstract)
        return abstract_id


__all__ = [
    "PLAIN",
    "Format",
    "Numbering",
    "Script",
    "el",
    "hyperlink",
    "line_break",
    "paragraph",
    "run",
    "set_bidi_section",
    "simple_field",
]
