"""What every renderer receives: a :class:`Page` (one edition and its surroundings) and the project's :class:`Settings`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable
from urllib.parse import quote

from ...document import Heading, iter_blocks
from ...labels import Labels
from ...languages import long_date, text_direction
from ..reassemble import Edition
from .fonts import DEFAULT_ARABIC_FONT, DEFAULT_FONT


@dataclass(frozen=True)
class Settings:
    """What every page of a project shares."""

    templates: Path
    """The project's templates folder: files there replace the built-in ones (it may not exist)."""
    shown_templates: str = "templates"
    """The same folder as users see it, for messages."""
    font: str = DEFAULT_FONT
    """Latin font of the DOCX body (LibreOffice substitutes the metric-compatible Liberation Sans)."""
    arabic_font: str = DEFAULT_ARABIC_FONT
    """Complex-script font of the DOCX (``w:rFonts w:cs``): one every Word has (:mod:`.fonts`); browsers get a font stack."""


@dataclass(frozen=True)
class Page:
    """One edition with what surrounds it: labels, organisation, sibling languages."""

    edition: Edition
    labels: Labels
    organisation: str
    languages: tuple[str, ...]
    """Every language this statement is published in, source first (switcher, hreflang)."""
    source_language: str
    digits: Mapping[str, str] = field(default_factory=dict)
    locale: str = ""
    """The CLDR locale this edition's dates follow (``en_GB``); the language's own when empty."""

    @property
    def lang(self) -> str:
        return self.edition.lang

    @property
    def rtl(self) -> bool:
        return text_direction(self.lang) == "rtl"

    @property
    def date(self) -> str:
        """The statement date as the language writes it (Babel)."""
        return long_date(self.edition.doc.meta.date, self.lang, self.digits, self.locale)

    @property
    def kind(self) -> str:
        return self.labels.kind(self.edition.doc.meta.kind)

    def sibling(self, lang: str) -> str:
        """Relative link to the same statement's page in ``lang``, so output/ can be uploaded anywhere."""
        return f"../{quote(lang)}/{quote(self.edition.slug)}.html"  # a slug may hold spaces, # or ?


def shallowest_heading(edition: Edition) -> int:
    """Level of the shallowest heading (sources start at ``##``: the title is the first level)."""
    return min((b.level for b in iter_blocks(edition.doc.blocks) if isinstance(b, Heading)), default=1)


class Renderer(Protocol):
    name: str
    extension: str
    """With the dot: ``.docx``."""

    def __init__(self, settings: Settings) -> None: ...

    def render(self, page: Page) -> bytes:
        """The file's bytes: the same page always gives the same bytes."""
        ...


@runtime_checkable
class BatchRenderer(Protocol):
    """A renderer that is cheaper per page when given every page at once (PDF: one LibreOffice run)."""

    def render_all(self, pages: Sequence[Page]) -> list[bytes]: ...


def render_pages(renderer: Renderer, pages: Sequence[Page]) -> list[bytes]:
    """Every page's bytes, in order, through ``render_all`` when the renderer has it."""
    if isinstance(renderer, BatchRenderer):
        return renderer.render_all(pages)
    return [renderer.render(page) for page in pages]
