"""Segments and source words by review state."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import polib

_MARKUP = re.compile(r"\]\[\d+\]|\*\*|[*\[\]\\`]")


def word_count(msgid: str) -> int:
    """Words of a msgid as a reader counts them (markup markers removed)."""
    return len(_MARKUP.sub("", msgid).split())


@dataclass(frozen=True)
class Counts:
    """Segments and source words by state. Fuzzy never counts as translated."""

    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    words: int = 0
    words_translated: int = 0
    words_fuzzy: int = 0
    words_untranslated: int = 0

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    def as_json(self) -> dict[str, int | float]:
        """The one JSON shape of counts, in every ``--json`` output and in release manifests (docs/json.md)."""
        return {
            "segments": self.total,
            "translated": self.translated,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "words": self.words,
            "words_translated": self.words_translated,
            "words_fuzzy": self.words_fuzzy,
            "words_untranslated": self.words_untranslated,
            "percent_translated": round(self.percent, 1),
        }

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(_fields(self), _fields(other), strict=True)))


def _fields(c: Counts) -> tuple[int, ...]:
    return (c.total, c.translated, c.fuzzy, c.untranslated, c.words, c.words_translated, c.words_fuzzy, c.words_untranslated)


def count(entries: Iterable[polib.POEntry]) -> Counts:
    """Counts over live entries (obsolete ones are skipped)."""
    t = f = u = wt = wf = wu = 0
    for entry in entries:
        if entry.obsolete:
            continue
        words = word_count(entry.msgid)
        if entry.fuzzy:
            f, wf = f + 1, wf + words
        elif entry.translated():
            t, wt = t + 1, wt + words
        else:
            u, wu = u + 1, wu + words
    return Counts(t + f + u, t, f, u, wt + wf + wu, wt, wf, wu)
