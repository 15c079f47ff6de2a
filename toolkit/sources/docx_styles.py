"""What a Word document's styles and numbering definitions say about a paragraph or a run.

Word keeps built-in style names in English in ``styles.xml`` (``heading 1``,
``Title``) and localises the style ids (``Titre1``, ``berschrift1``); files
from other programs or old templates carry localised names. A style is
recognised by its name, its id, or the outline level it sets, following its
``w:basedOn`` chain: a house style "Press Heading" based on ``heading 2`` is a
level-2 heading.

Numbering: a paragraph's ``w:numPr`` (its own, or its style's) names a
``w:num``, which points at a ``w:abstractNum`` whose levels say bullet or
decimal and where counting starts; a ``w:lvlOverride/w:startOverride`` in the
``w:num`` restarts a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

_HEADING = re.compile(
    r"^(?:heading|titre|t[ií]tulo|[üu]berschrift|ueberschrift|titolo|kop|rubrik|cabe[çc]alho|encabezado|nagłówek|عنوان)"
    r"\s*(\d)$"
)
_TITLE = {"title", "titre", "título", "titulo", "titel", "titolo", "tytuł", "العنوان", "titre du document"}
_SUBTITLE = {
    "subtitle",
    "sous-titre",
    "subtítulo",
    "subtitulo",
    "untertitel",
    "sottotitolo",
    "ondertitel",
    "podtytuł",
    "عنوان فرعي",
}
_QUOTE = {
    "quote",
    "intense quote",
    "quotations",
    "quotation",
    "block text",
    "blockquote",
    "citation",
    "citation intense",
    "cita",
    "cita destacada",
    "zitat",
    "intensives zitat",
    "citazione",
    "citazione intensa",
    "citaat",
    "duidelijk citaat",
    "اقتباس",
    "اقتباس مكثف",
}
_SKIPPED = ("toc ", "table of contents", "tdm ", "tabla de contenido", "verzeichnis ", "sommario ", "index ", "caption")
_ID_HEADING = re.compile(r"^(?:heading|titre|ttulo|titulo|berschrift|titolo|kop|rubrik)(\d)$", re.IGNORECASE)
MONOSPACE = frozenset(
    {"courier new", "courier", "consolas", "lucida console", "menlo", "monaco", "source code pro", "dejavu sans mono"}
)


@dataclass(frozen=True)
class Role:
    """What a paragraph style makes of a paragraph."""

    kind: str
    """title, subtitle, heading, quote, byline, list-continue, skipped or body."""
    level: int = 0
    """Heading level (1-9) or list-continue level (1-3)."""


@dataclass(frozen=True)
class Props:
    """Character properties as set at one level (None: not set there)."""

    bold: bool | None = None
    italic: bool | None = None
    size: int | None = None
    """Half-points (``w:sz``)."""
    font: str | None = None
    hidden: bool | None = None


@dataclass
class _Style:
    style_id: str
    kind: str
    name: str
    based_on: str | None
    props: Props
    numpr: tuple[str | None, int | None] | None
    outline: int | None


def on_off(element: BaseOxmlElement | None) -> bool | None:
    """A toggle property (``w:b``, ``w:i``): None when absent; ``w:val`` 0/false/off turns it off."""
    if element is None:
        return None
    return element.get(qn("w:val"), "true").lower() not in ("0", "false", "off", "none")


def run_props(rpr: BaseOxmlElement | None) -> Props:
    """The character properties set in one ``w:rPr``."""
    if rpr is None:
        return Props()
    size = rpr.find(qn("w:sz"))
    fonts = rpr.find(qn("w:rFonts"))
    font = None
    if fonts is not None:
        font = fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))
    return Props(
        bold=on_off(rpr.find(qn("w:b"))),
        italic=on_off(rpr.find(qn("w:i"))),
        size=int(size.get(qn("w:val"))) if size is not None and (size.get(qn("w:val")) or "").isdigit() else None,
        font=font,
        hidden=on_off(rpr.find(qn("w:vanish"))),
    )


def numpr_of(ppr: BaseOxmlElement | None) -> tuple[str | None, int | None] | None:
    """(numId, ilvl) of a ``w:numPr`` in ``ppr``; either may be missing (then inherited)."""
    if ppr is None:
        return None
    numpr = ppr.find(qn("w:numPr"))
    if numpr is None:
        return None
    num = numpr.find(qn("w:numId"))
    lvl = numpr.find(qn("w:ilvl"))
    level = lvl.get(qn("w:val")) if lvl is not None else None
    return (
        num.get(qn("w:val")) if num is not None else None,
        int(level) if level is not None and level.isdigit() else None,
    )


class StyleSheet:
    """The styles of one document, with based-on chains resolved on demand."""

    def __init__(self, styles: BaseOxmlElement | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.defaults = Props()
        if styles is None:
            return
        defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self.defaults = run_props(defaults)
        for el in styles.iterchildren(qn("w:style")):
            style_id = el.get(qn("w:styleId")) or ""
            name_el = el.find(qn("w:name"))
            based = el.find(qn("w:basedOn"))
            ppr = el.find(qn("w:pPr"))
            outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
            kind = el.get(qn("w:type")) or "paragraph"
            self.styles[style_id] = _Style(
                style_id,
                kind,
                " ".join((name_el.get(qn("w:val")) if name_el is not None else style_id).lower().split()),
                based.get(qn("w:val")) if based is not None else None,
                run_props(el.find(qn("w:rPr"))),
                numpr_of(ppr),
                int(outline.get(qn("w:val"))) if outline is not None and (outline.get(qn("w:val")) or "").isdigit() else None,
            )
            if kind == "paragraph" and el.get(qn("w:default")) in ("1", "true", "on"):
                self.default_paragraph = style_id

    def _chain(self, style_id: str | None) -> list[_Style]:
        out: list[_Style] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            out.append(style)
            style_id = style.based_on
        return out

    def name(self, style_id: str | None) -> str:
        chain = self._chain(style_id)
        return chain[0].name if chain else (style_id or "")

    def role(self, style_id: str | None) -> Role:
        """What the paragraph style (or the first style it is based on that says) makes of a paragraph."""
        for style in self._chain(style_id):
            role = _role_of(style)
            if role is not None:
                return role
        return Role("body")

    def paragraph_props(self, style_id: str | None) -> Props:
        return self._props(self._chain(style_id or self.default_paragraph))

    def character_props(self, style_id: str | None) -> Props:
        return self._props(self._chain(style_id))

    def _props(self, chain: list[_Style]) -> Props:
        def first(attr: str) -> object:
            return next((getattr(s.props, attr) for s in chain if getattr(s.props, attr) is not None), None)

        return Props(
            bold=first("bold"),  # type: ignore[arg-type]
            italic=first("italic"),  # type: ignore[arg-type]
            size=first("size"),  # type: ignore[arg-type]
            font=first("font"),  # type: ignore[arg-type]
            hidden=first("hidden"),  # type: ignore[arg-type]
        )

    def numpr(self, style_id: str | None) -> tuple[str | None, int | None] | None:
        """The numbering a paragraph style gives its paragraphs (numId and level, each inherited separately)."""
        num: str | None = None
        level: int | None = None
        found = False
        for style in self._chain(style_id):
            if style.numpr is not None:
                found = True
                num = num if num is not None else style.numpr[0]
                level = level if level is not None else style.numpr[1]
        return (num, level) if found else None


def _role_of(style: _Style) -> Role | None:
    name = style.name
    match = _HEADING.match(name) or _ID_HEADING.match(style.style_id)
    if match:
        return Role("heading", int(match.group(1)))
    if name in _TITLE or style.style_id.lower() in ("title", "titre", "ttulo", "titel", "titolo"):
        return Role("title")
    if name in _SUBTITLE or style.style_id.lower() in ("subtitle", "sous-titre", "subttulo", "untertitel", "sottotitolo"):
        return Role("subtitle")
    if name in _QUOTE:
        return Role("quote")
    if name == "byline":
        return Role("byline")
    if name.startswith("list continue"):
        digits = name.removeprefix("list continue").strip()
        return Role("list-continue", int(digits) if digits.isdigit() else 1)
    if name.startswith(_SKIPPED):
        return Role("skipped")
    if style.outline is not None and style.outline < 9:
        return Role("heading", style.outline + 1)
    return None


@dataclass(frozen=True)
class Level:
    """One level of a list definition."""

    format: str
    """``bullet``, ``decimal``, ``lowerLetter``, ``none``..."""
    start: int = 1
    text: str = ""


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


class NumberingDefs:
    """``numbering.xml``: which list each ``numId`` is, level by level."""

    def __init__(self, numbering: BaseOxmlElement | None, styles: StyleSheet) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}  # abstractNumId -> numbering style id (numStyleLink)
        self.nums: dict[str, _Num] = {}
        self.styles = styles
        if numbering is None:
            return
        for abstract in numbering.iterchildren(qn("w:abstractNum")):
            abstract_id = abstract.get(qn("w:abstractNumId")) or ""
            self.abstracts[abstract_id] = {lvl_ilvl(lvl): _level(lvl) for lvl in abstract.iterchildren(qn("w:lvl"))}
            link = abstract.find(qn("w:numStyleLink"))
            if link is not None:
                self.links[abstract_id] = link.get(qn("w:val")) or ""
        for num in numbering.iterchildren(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            entry = _Num(ref.get(qn("w:val")) if ref is not None else "")
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl")) or 0)
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    entry.starts[ilvl] = int(start.get(qn("w:val")) or 1)
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    entry.levels[ilvl] = _level(lvl)
            self.nums[num.get(qn("w:numId")) or ""] = entry

    def abstract_of(self, num_id: str) -> str:
        """The abstract definition a ``numId`` uses (following a numbering style's link once)."""
        num = self.nums.get(num_id)
        if num is None:
            return ""
        abstract = num.abstract
        style = self.links.get(abstract)
        if style is not None:
            linked = self.styles.numpr(style)
            if linked and linked[0] in self.nums:
                abstract = self.nums[linked[0]].abstract
        return abstract

    def level(self, num_id: str, ilvl: int) -> Level | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        if ilvl in num.levels:
            return num.levels[ilvl]
        return self.abstracts.get(self.abstract_of(num_id), {}).get(ilvl)

    def start_override(self, num_id: str, ilvl: int) -> int | None:
        num = self.nums.get(num_id)
        return num.starts.get(ilvl) if num else None


def lvl_ilvl(lvl: BaseOxmlElement) -> int:
    return int(lvl.get(qn("w:ilvl")) or 0)


def _level(lvl: BaseOxmlElement) -> Level:
    fmt = lvl.find(qn("w:numFmt"))
    start = lvl.find(qn("w:start"))
    text = lvl.find(qn("w:lvlText"))
    return Level(
        (fmt.get(qn("w:val")) if fmt is not None else None) or "decimal",
        int(start.get(qn("w:val")) or 1) if start is not None else 1,
        (text.get(qn("w:val")) if text is not None else None) or "",
    )


__all__ = ["MONOSPACE", "Level", "NumberingDefs", "Props", "Role", "StyleSheet", "numpr_of", "on_off", "run_props"]
