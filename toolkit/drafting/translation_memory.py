"""Translation memory: what people already translated, offered again for the same or a similar sentence.

The memory of a language is every reviewed entry of every catalog of that
language in the project -- translated, not fuzzy, not a name pre-filled with
itself, not a pseudo-translation -- plus every TMX file in the project's
``tm/`` folder (``stk tm import`` puts them there). Obsolete entries count:
they are sentences someone translated before the English changed.

>>> memory = Memory([MemoryEntry("Sanctions are a tool.", "Les sanctions sont un outil.", "locales/fr/a.po")])
>>> memory.exact("Sanctions are a tool.").target
'Les sanctions sont un outil.'
>>> match = memory.fuzzy("Sanctions are a tool!", 75)
>>> match.entry.origin, round(match.score)
('locales/fr/a.po', 95)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import polib
from rapidfuzz import fuzz, process

from .. import characters
from ..catalogs import NAME_NOTE
from ..catalogs.draft_record import Draft, is_pseudo
from ..errors import display_path
from ..languages import base_language
from .tmx import load_tmx


@dataclass(frozen=True)
class MemoryEntry:
    source: str
    target: str
    origin: str
    """Where the pair came from, as users see it (``locales/fr/x.po``, ``tm/old.tmx``)."""


@dataclass(frozen=True)
class Match:
    entry: MemoryEntry
    score: float
    """Similarity 0-100 (rapidfuzz's normalised Indel ratio over the msgids)."""


class Memory:
    """Exact and fuzzy lookup over reviewed translations."""

    def __init__(self, entries: Iterable[MemoryEntry]) -> None:
        by_source: dict[str, list[MemoryEntry]] = {}
        for entry in entries:
            if entry.source.strip() and entry.target.strip():
                by_source.setdefault(entry.source, []).append(entry)
        # When people translated a sentence differently, the most frequent translation wins;
        # ties go to the first origin in sorted order, so results never depend on file system order.
        self._best = {source: _most_common(found) for source, found in by_source.items()}
        self._sources = list(self._best)

    def exact(self, source: str) -> MemoryEntry | None:
        return self._best.get(source)

    def fuzzy(self, source: str, threshold: float) -> Match | None:
        """The most similar other source at or above ``threshold`` (0-100), or None."""
        if not self._sources:
            return None
        found = process.extractOne(source, self._sources, scorer=fuzz.ratio, score_cutoff=threshold, processor=None)
        if found is None:
            return None
        return Match(self._best[found[0]], float(found[1]))


def _most_common(entries: list[MemoryEntry]) -> MemoryEntry:
    counts = Counter(e.target for e in entries)
    ordered = sorted(entries, key=lambda e: (-counts[e.target], e.origin, e.target))
    return ordered[0]


def reviewed(po: polib.POFile, origin: str, names: frozenset[str], drafts: Mapping[str, Draft]) -> list[MemoryEntry]:
    """The entries of one catalog a person has translated or approved."""
    found: list[MemoryEntry] = []
    for entry in po:  # obsolete entries included: polib lists them with the others
        if not entry.msgid or entry.fuzzy or not entry.msgstr.strip() or entry.msgid_plural:
            continue
        if entry.msgstr == entry.msgid and (entry.msgid in names or NAME_NOTE in (entry.comment or "")):
            continue  # a signatory name pre-filled with itself: no translation
        if is_pseudo(drafts.get(entry.msgid), entry.msgstr):
            continue  # a pseudo-translation someone un-fuzzied is still not a translation
        if characters.forbidden(entry.msgstr):
            continue  # a control character (stk check's control-character): never offered again
        found.append(MemoryEntry(entry.msgid, entry.msgstr, origin))
    return found


def imported(folder: Path, root: Path, source_language: str, lang: str) -> list[MemoryEntry]:
    """Units for ``lang`` in every ``*.tmx`` file of ``folder`` (none when the folder is absent)."""
    if not folder.is_dir():
        return []
    base = base_language(lang)  # TMX readers key units by base language
    found: list[MemoryEntry] = []
    for path in sorted(folder.glob("*.tmx")):
        shown = display_path(path, root)
        for unit in load_tmx(path, shown, source_language, [base]):
            if base in unit.targets:
                found.append(MemoryEntry(unit.source, unit.targets[base], shown))
    return found


__all__ = ["Match", "Memory", "MemoryEntry", "imported", "reviewed"]
