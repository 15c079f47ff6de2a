"""The project glossary: official terms per language, found in English text and checked in translations.

``glossary.csv`` has the columns ``en, fr, es, ar, note, do-not-translate, source``
(one column per project language; others are ignored). A target cell may list
several accepted forms separated by ``|``: the first is the canonical term that
machine translation injects, the others are inflections a reviewer may use
(``mandat d'arrêt | mandats d'arrêt``). ``do-not-translate`` terms (``yes``) are
copied verbatim -- as the English, or as the form given for the language.

English matching copes with capitals and plurals (``arrest warrants`` finds
``arrest warrant``, ``States Parties`` finds ``State Party``); acronyms match
case-sensitively. Arabic matching tolerates the article ال, attached
prepositions and conjunctions (و ف ب ل ك) and spelling variants of alef, ya and
ta marbuta, so ``وبالمحكمة`` contains ``المحكمة``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from .errors import GlossaryError, Location
from .languages import base_language

REQUIRED_COLUMNS = ("en",)
_TRUE = {"yes", "y", "true", "1", "x", "dnt"}


@dataclass(frozen=True)
class Term:
    source: str
    """The English term as written in the glossary."""
    targets: dict[str, tuple[str, ...]] = field(hash=False)
    """Accepted forms per language; the first is canonical. Empty when none given."""
    note: str = ""
    do_not_translate: bool = False
    origin: str = ""
    """The ``source`` column: where the rendering comes from."""
    line: int = 0

    def target(self, lang: str) -> str | None:
        """The canonical form for ``lang``; a do-not-translate term defaults to the English."""
        forms = self.targets.get(lang, ())
        if forms:
            return forms[0]
        return self.source if self.do_not_translate else None

    def forms(self, lang: str) -> tuple[str, ...]:
        forms = self.targets.get(lang, ())
        return forms or ((self.source,) if self.do_not_translate else ())

    @property
    def is_acronym(self) -> bool:
        return bool(re.fullmatch(r"[A-Z0-9][A-Z0-9.&-]*[A-Z0-9]", self.source))


@dataclass(frozen=True)
class Match:
    """A glossary term found in English text at [start, end)."""

    term: Term
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()
    path: str = ""

    def find(self, text: str) -> tuple[Match, ...]:
        """Terms in English ``text``, longest first, never overlapping, in text order."""
        # The checks look up the same English text once per language and check: remember it.
        known = self._found.get(text)
        if known is None:
            known = self._found[text] = self._find(text)
        return known

    def _find(self, text: str) -> tuple[Match, ...]:
        found: list[Match] = []
        taken: list[tuple[int, int]] = []
        lowered = text.lower() if text.isascii() else text.lower().translate(_ASCII_CASE_FOLDS)
        for term, anchor in self._anchored:
            if anchor is not None and anchor not in lowered:
                continue  # it cannot match (see _anchor): its pattern need not even be compiled
            for m in self._pattern(term).finditer(text):
                span = (m.start(), m.end())
                if any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                taken.append(span)
                found.append(Match(term, m.start(), m.end(), m.group(0)))
        return tuple(sorted(found, key=lambda m: m.start))

    @cached_property
    def _anchored(self) -> list[tuple[Term, str | None]]:
        ordered = sorted(self.terms, key=lambda t: (-len(t.source), t.source))
        return [(t, _anchor(t)) for t in ordered]

    def _pattern(self, term: Term) -> re.Pattern[str]:
        pattern = self._compiled.get(term)
        if pattern is None:
            pattern = self._compiled[term] = english_pattern(term)
        return pattern

    @cached_property
    def _compiled(self) -> dict[Term, re.Pattern[str]]:
        return {}

    @cached_property
    def _found(self) -> dict[str, tuple[Match, ...]]:
        return {}


_ASCII_CASE_FOLDS = str.maketrans({"\u0131": "i", "\u017f": "s"})
"""Besides what ``str.lower()`` folds (İ, the Kelvin sign), the two characters an ``re.IGNORECASE``
pattern matches with an ASCII letter: dotless ı with i, long ſ with s (found by trying every code point)."""


def _anchor(term: Term) -> str | None:
    """Lower-case ASCII text that every match of :func:`english_pattern` holds in a text, or None.

    The start of the term's first word (without a final y, which may become "ies"). Case-insensitive
    matching of ASCII letters is lower-casing plus :data:`_ASCII_CASE_FOLDS`, so a text whose folded
    lower case lacks it has no match (typographic quotes and accents make most texts non-ASCII).
    """
    words = term.source.split()
    if not words or not term.source.isascii():
        return None
    first = words[0]
    if not term.is_acronym and len(first) > 2 and first[-1] in "yY" and first[-2].lower() not in "aeiou":
        first = first[:-1]
    return first.lower()


def english_pattern(term: Term) -> re.Pattern[str]:
    """A regex for ``term`` tolerant of capitals and regular/``y``->``ies`` plurals of each word."""
    if term.is_acronym:
        return re.compile(rf"(?<![\w-]){re.escape(term.source)}s?(?![\w-])")
    words = term.source.split()
    parts = [_plural_word(w) for w in words]
    return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w-])", re.IGNORECASE)


def _plural_word(word: str) -> str:
    stem = re.escape(word)
    if len(word) > 2 and word[-1] in "yY" and word[-2].lower() not in "aeiou":
        return rf"(?:{stem}|{re.escape(word[:-1])}ies)"
    if word.lower().endswith("s"):
        return rf"{stem}(?:es)?"
    return rf"{stem}(?:s|es)?"


# --- target-side matching ---------------------------------------------------

_AR_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, dagger alef, tatweel
_AR_PREFIX = re.compile(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال|ل)?")
_AR_FOLD = str.maketrans("أإآٱىة", "اااايه")


def normalize_arabic(text: str) -> str:
    """Fold Arabic spelling variants: diacritics and tatweel out, أ إ آ -> ا, ى -> ي, ة -> ه.

    >>> normalize_arabic("الدولةُ الأطرافِ") == normalize_arabic("الدوله الاطراف")
    True
    """
    text = _AR_DIACRITICS.sub("", unicodedata.normalize("NFC", text))
    return text.translate(_AR_FOLD)


# The folds below are pure functions of their text, and the checks ask for the same translation once per
# glossary term and form: each is computed once.
@lru_cache(maxsize=4096)
def _ar_tokens(text: str) -> tuple[str, ...]:
    # \w, not the whole Arabic block: the block also holds the Arabic comma,
    # semicolon and question mark, which must separate words.
    return tuple(_AR_PREFIX.sub("", w) or w for w in re.findall(r"\w+", normalize_arabic(text)))


@lru_cache(maxsize=4096)
def _latin_fold(text: str, case: bool = False) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"\s+", " ", text)
    return text if case else text.casefold()


def contains_form(text: str, form: str, lang: str) -> bool:
    """Whether translated ``text`` contains glossary ``form`` (language-aware, case-insensitive)."""
    if base_language(lang) == "ar":
        needle = _ar_tokens(form)
        hay = _ar_tokens(text)
        if not needle:
            return False
        return any(hay[i : i + len(needle)] == needle for i in range(len(hay) - len(needle) + 1))
    return _contains_word(_latin_fold(text), _latin_fold(form))


def _contains_word(text: str, word: str) -> bool:
    """``re.search(rf"(?<!\\w){re.escape(word)}(?!\\w)", text)``, without compiling a pattern per form.

    ``\\w`` is ``str.isalnum()`` or ``_``, as in the ``re`` module.
    """
    size = len(word)
    at = text.find(word)
    while at != -1:
        before = text[at - 1] if at else ""
        after = text[at + size : at + size + 1]
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return True
        at = text.find(word, at + 1)
    return False


def contains_form_as_written(text: str, form: str) -> bool:
    """Whether Latin-script ``text`` contains ``form`` with the glossary's capitals.

    Only the first letter may differ, for a term that opens a sentence or a title.

    >>> contains_form_as_written("Les États Parties et les États parties", "États Parties")
    True
    >>> contains_form_as_written("Les États parties doivent agir.", "États Parties")
    False
    >>> contains_form_as_written("états Parties, dit-il.", "États Parties")
    True
    """
    folded = _latin_fold(form, case=True)
    if not folded:
        return False
    return _as_written_pattern(folded).search(_latin_fold(text, case=True)) is not None


@lru_cache(maxsize=4096)
def _as_written_pattern(folded: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?i:" + re.escape(folded[0]) + ")" + re.escape(folded[1:]) + r"(?!\w)")


def target_present(term: Term, lang: str, text: str) -> bool:
    """Whether any accepted form of ``term`` for ``lang`` occurs in ``text`` (True if none is defined)."""
    forms = term.forms(lang)
    return not forms or any(contains_form(text, form, lang) for form in forms)


# --- loading ----------------------------------------------------------------


def load_glossary(path: Path, shown: str, languages: Sequence[str]) -> Glossary:
    """Read the glossary CSV; a missing file is an empty glossary, a malformed one an error."""
    if not path.exists():
        return Glossary((), shown)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError("not valid UTF-8", Location(shown, data[: exc.start].count(b"\n") + 1)) from None
    return parse_glossary(text, shown, languages)


def parse_glossary(text: str, shown: str, languages: Iterable[str]) -> Glossary:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return Glossary((), shown)
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise GlossaryError(
            f"missing column {', '.join(missing)} (columns: en, fr, es, ar, note, do-not-translate, source)", Location(shown, 1)
        )
    langs = [lang for lang in languages if lang in header and lang != "en"]
    col = {name: i for i, name in enumerate(header)}
    terms: list[Term] = []
    seen: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise GlossaryError(
                    f"{len(row)} cells but {len(header)} columns (quote cells that contain commas)", Location(shown, line)
                )
            cells = row + [""] * (len(header) - len(row))
            source = cells[col["en"]].strip()
            if not source:
                raise GlossaryError("the en cell is empty", Location(shown, line))
            if source.lower() in seen:
                raise GlossaryError(f"term {source!r} is already defined at line {seen[source.lower()]}", Location(shown, line))
            seen[source.lower()] = line
            targets = {lang: tuple(f.strip() for f in cells[col[lang]].split("|") if f.strip()) for lang in langs}
            dnt = cells[col["do-not-translate"]].strip().lower() in _TRUE if "do-not-translate" in col else False
            terms.append(
                Term(
                    source=source,
                    targets={k: v for k, v in targets.items() if v},
                    note=cells[col["note"]].strip() if "note" in col else "",
                    do_not_translate=dnt,
                    origin=cells[col["source"]].strip() if "source" in col else "",
                    line=line,
                )
            )
    except csv.Error as exc:
        raise GlossaryError(f"malformed CSV: {exc}", Location(shown, reader.line_num)) from None
    return Glossary(tuple(terms), shown)
