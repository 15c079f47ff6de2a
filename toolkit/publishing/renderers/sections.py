"""Word sections: a run of paragraphs in two columns, the rest of the page in one.

Signatory lists are set in two columns without bullets, as in the printed
statements and in the HTML pages. Word has no column property on paragraphs:
columns belong to a section, so the list gets a section of its own, started
and followed by *continuous* section breaks (no new page). In WordprocessingML
a ``w:sectPr`` inside a paragraph's ``w:pPr`` ends a section at that paragraph;
the body's last ``w:sectPr`` describes the final section. Each new section is a
copy of the body's (page size, margins, header and footer references,
right-to-left ``w:bidi``), so nothing else changes at the break.

Both Word and LibreOffice balance the columns of a section that ends with a
continuous break, so a short list fills two even columns.
"""

from __future__ import annotations

import copy

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from .ooxml import el

GAP = 567
"""Space between the two columns, in twips (1 cm)."""

# CT_SectPr children that follow w:type, and those that follow w:cols (schema order).
_AFTER_TYPE = ("w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt")
_AFTER_COLS = ("w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid")


def in_two_columns(first: BaseOxmlElement, last: BaseOxmlElement, body_sect_pr: BaseOxmlElement) -> None:
    """Put the body paragraphs ``first`` .. ``last`` in a two-column section of their own.

    Call it once the body's ``w:sectPr`` is complete (headers, footers, bidi):
    the new sections copy it.
    """
    before = first.getprevious()
    if before is not None and before.tag == qn("w:p") and _own_sect_pr(before) is None:
        _end_section(before, _section(body_sect_pr, columns=1))
    if last.getnext() is body_sect_pr:
        _set_columns(body_sect_pr, 2)  # the list ends the document: the final section is its own
    else:
        _end_section(last, _section(body_sect_pr, columns=2))
    _set_continuous(body_sect_pr)


def _section(body_sect_pr: BaseOxmlElement, columns: int) -> BaseOxmlElement:
    sect_pr: BaseOxmlElement = copy.deepcopy(body_sect_pr)
    _set_columns(sect_pr, columns)
    _set_continuous(sect_pr)
    return sect_pr


def _end_section(paragraph: BaseOxmlElement, sect_pr: BaseOxmlElement) -> None:
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is None:
        ppr = el("w:pPr")
        paragraph.insert(0, ppr)
    ppr.append(sect_pr)  # after every other paragraph property but w:pPrChange, which we never write


def _own_sect_pr(paragraph: BaseOxmlElement) -> BaseOxmlElement | None:
    ppr = paragraph.find(qn("w:pPr"))
    return ppr.find(qn("w:sectPr")) if ppr is not None else None


def _set_columns(sect_pr: BaseOxmlElement, columns: int) -> None:
    cols = sect_pr.find(qn("w:cols"))
    if cols is None:
        cols = el("w:cols")
        sect_pr.insert_element_before(cols, *_AFTER_COLS)
    for attr in ("w:num", "w:space", "w:equalWidth", "w:sep"):
        cols.attrib.pop(qn(attr), None)
    for child in list(cols):
        cols.remove(child)  # per-column widths of a template
    if columns > 1:
        cols.set(qn("w:num"), str(columns))
        cols.set(qn("w:space"), str(GAP))
    else:
        cols.set(qn("w:space"), "720")


def _set_continuous(sect_pr: BaseOxmlElement) -> None:
    kind = sect_pr.find(qn("w:type"))
    if kind is None:
        kind = el("w:type")
        sect_pr.insert_element_before(kind, *_AFTER_TYPE)
    kind.set(qn("w:val"), "continuous")


__all__ = ["GAP", "in_two_columns"]
