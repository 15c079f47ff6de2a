"""What checks see and what they return: entries, catalogs, findings, issues.

A check is a small function. An *entry check* receives one translated
:class:`Entry` (the msgid and msgstr already parsed back into inline content)
and returns one message per problem; a *catalog check* receives a whole
:class:`Catalog` and returns :class:`Finding` objects that carry their own line.
The runner (:mod:`toolkit.checks.run`) turns both into :class:`Issue` objects
with the check's stable code, its severity and a ``file:line`` location.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import polib

from ..catalogs.draft_record import Draft
from ..catalogs.gnu import Problem
from ..catalogs.pofile import msgid_line
from ..document import Content, plain_text
from ..document.markup import parse
from ..errors import Location
from ..glossary import Glossary
from ..languages import base_language
from .settings import CheckSettings


@dataclass(frozen=True)
class Issue:
    """One problem found in a catalog."""

    code: str
    """Stable identifier (``markup-links``, ``numbers``, ``typography-fr-nbsp``): scripts and ``noqa`` use it."""
    severity: str
    """``error`` (blocks a release; ``stk check`` exits 1) or ``warning``."""
    location: Location
    """The catalog and the line of the entry's msgid (``locales/fr/icc-judges.po:87``)."""
    message: str
    lang: str
    slug: str
    msgid: str = ""
    """The entry concerned; empty for problems of the whole file (its header)."""


@dataclass
class CheckReport:
    issues: list[Issue] = field(default_factory=list)
    checked: int = 0
    """Translated entries the content checks ran on."""
    catalogs: list[str] = field(default_factory=list)
    """Catalog files read, as users see them."""

    def errors(self, lang: str | None = None, slug: str | None = None) -> list[Issue]:
        return self._select("error", lang, slug)

    def warnings(self, lang: str | None = None, slug: str | None = None) -> list[Issue]:
        return self._select("warning", lang, slug)

    def _select(self, severity: str, lang: str | None, slug: str | None) -> list[Issue]:
        return [
            i
            for i in self.issues
            if i.severity == severity and (lang is None or i.lang == lang) and (slug is None or i.slug == slug)
        ]


@dataclass
class Entry:
    """One translated entry as entry checks see it."""

    lang: str
    slug: str
    msgid: str
    msgstr: str
    links: tuple[str, ...]
    """URLs of the msgid's ``[text][N]`` references, in order."""
    role: str
    """title, subtitle, author, place, heading, paragraph, quote, list-item or name."""
    glossary: Glossary
    settings: CheckSettings

    @property
    def is_name(self) -> bool:
        return self.role == "name"

    @property
    def source(self) -> Content:
        return _parsed(self.msgid, self.links)[0]

    @property
    def target(self) -> Content:
        """The msgstr as inline content: what a release would print."""
        return _parsed(self.msgstr, self.links)[0]

    @property
    def target_warnings(self) -> tuple[str, ...]:
        """What parsing the msgstr dropped or kept as text (raw HTML, unsafe links)."""
        return _parsed(self.msgstr, self.links)[1]

    @property
    def source_text(self) -> str:
        return _plain(self.msgid, self.links)

    @property
    def target_text(self) -> str:
        return _plain(self.msgstr, self.links)


# Parsing is a pure function of the text and the links, and the same texts come back: a msgid once per
# target language, a name (kept as in the source) in every language and as its own msgstr. Each is
# parsed once (Content is immutable).
@lru_cache(maxsize=8192)
def _parsed(text: str, links: tuple[str, ...]) -> tuple[Content, tuple[str, ...]]:
    warnings: list[str] = []
    return parse(text, links, warnings.append), tuple(warnings)


@lru_cache(maxsize=8192)
def _plain(text: str, links: tuple[str, ...]) -> str:
    return plain_text(_parsed(text, links)[0])


@dataclass
class Catalog:
    """One catalog as catalog checks see it."""

    lang: str
    slug: str
    path: str
    """As users see it (``locales/fr/x.po``)."""
    text: str
    po: polib.POFile
    source_ids: tuple[str, ...]
    """msgids of the current source statement, in order: what a release will ask for."""
    drafts: dict[str, Draft]
    """The drafts record beside the catalog (what the toolkit pre-filled)."""
    data: bytes = b""
    """The file's bytes (a byte-order mark is not in ``text``)."""
    msgfmt_verdict: Callable[[], list[Problem]] | None = field(default=None, repr=False)
    """GNU msgfmt's problems with ``data``, when the runner started msgfmt ahead (None: run it when asked)."""

    @cached_property
    def live(self) -> dict[str, polib.POEntry]:
        return {e.msgid: e for e in self.po if not e.obsolete and e.msgid}

    @cached_property
    def lines(self) -> list[str]:
        """``text`` split at ``\\n`` only, as PO lines are (never at U+2028 and the other separators)."""
        return self.text.split("\n")

    def line(self, entry: polib.POEntry) -> int:
        """The 1-based line of the entry's msgid (polib's ``linenum`` is its first comment line when it has one)."""
        return msgid_line(entry, self.lines)


@dataclass(frozen=True)
class Finding:
    """A problem a catalog check found, placed by itself."""

    message: str
    line: int | None = None
    msgid: str = ""


EntryCheck = Callable[[Entry], list[str]]
CatalogCheck = Callable[[Catalog], list[Finding]]


@dataclass(frozen=True)
class Check:
    """One registered check: its stable code, what it looks at, how serious it is."""

    code: str
    family: str
    """A group of codes suppressed together (``# noqa: typography``)."""
    severity: str
    summary: str
    """One line for ``stk check --list`` and the documentation."""
    on_entry: EntryCheck | None = None
    on_catalog: CatalogCheck | None = None
    names: bool = False
    """Also run on the names of signatory lists (which may legitimately equal the English)."""
    languages: tuple[str, ...] = ()
    """Base language codes the check applies to; empty for all."""
    release_severity: str | None = None
    """Severity when checking for a release, when it differs (fuzzy and untranslated become errors)."""

    def applies_to(self, lang: str) -> bool:
        return not self.languages or base_language(lang) in self.languages


__all__ = ["Catalog", "Check", "CheckReport", "Entry", "Finding", "Issue"]
