"""What machine translation must not touch, hidden behind placeholders and put back afterwards.

A msgid goes to the engine as plain text in which every protected thing is a
placeholder ``Z1``, ``Z2``...: inline code, URLs, e-mail addresses, dates
(rewritten in the target language), glossary terms (replaced by the
glossary's target term), do-not-translate names, acronyms and numbers.
Markup never goes to the engine at all (see :mod:`toolkit.realign`).

>>> from toolkit.glossary import Glossary, Term
>>> terms = Glossary((Term("International Criminal Court", {"fr": ("Cour pénale internationale",)}),))
>>> p = protect("The **International Criminal Court** met on 5 June 2025 (E.O. 14203).", "fr", terms)
>>> p.text
'The Z1 met on Z2 (Z3 Z4).'
>>> r = restore(p, {p.text: "La Z1 s'est réunie le Z2 (Z3 Z4)."})
>>> r.msgstr
"La **Cour pénale internationale** s'est réunie le 5 juin 2025 (E.O. 14203)."
>>> r.notes
('glossary: International Criminal Court = Cour pénale internationale',)

A placeholder the engine drops or repeats is reported, never silently
accepted; the entry is still filled (it is a draft for review either way).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from ..dates import find_dates, localized
from ..document import Code, Inline, Text
from ..document.markup import parse, serialize
from ..glossary import Glossary, Term
from ..languages import to_digits
from ..tokens import ACRONYM, DOTTED, EMAIL, SHOUTED, URL  # what QA checks is what protection protects
from .markup_transfer import Mark, covers_all, flatten, locate, rebuild

PLACEHOLDER = re.compile(r"(?<![A-Za-z0-9])[Zz] ?(\d{1,3})(?!\d)")
"""A placeholder as it comes back: case and a stray space inside are forgiven.

One letter and a number: two pieces in usual SentencePiece vocabularies (``▁Z``, ``1``), about
what the protected words cost, so protection does not make the model work longer (measured:
benchmarks/bench_translate.py: ``XZ1`` made the example project's engine inputs 16% longer).
"""

_ACRONYM = re.compile(f"{DOTTED.pattern}|{ACRONYM.pattern}")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_REF = re.compile(r"\]\[(\d+)\]")
_LETTER = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_]{2,}")

NOTE_PREFIXES = (
    "glossary: ",
    "machine translation lost",
    "machine translation repeated",
    "machine translation invented",
    "markup not placed",
)
"""How the notes :func:`restore` writes begin (a new fill replaces old ones)."""


@dataclass(frozen=True)
class Item:
    """One protected thing: what the source said and what goes back in its place."""

    kind: str
    """code, url, email, date, glossary, acronym, number or literal."""
    source: str
    target: str
    term: Term | None = None
    capital: bool = False
    """The source began with a capital: a lower-case term restored at a sentence start gets one."""


@dataclass(frozen=True)
class Protected:
    """A msgid made ready for the engine."""

    msgid: str
    plain: str
    """The msgid's text without markup."""
    text: str
    """``plain`` with placeholders: what the engine translates."""
    marks: tuple[Mark, ...]
    mark_texts: tuple[str, ...]
    """The protected text under each mark, translated separately to find it again."""
    mark_sources: tuple[str, ...]
    """The plain text under each mark, for notes."""
    items: tuple[Item, ...]
    """Placeholder ``Zn`` stands for ``items[n - 1]``."""
    links: tuple[str, ...]

    @property
    def requests(self) -> list[str]:
        """Texts the engine must translate for this msgid (none when only placeholders remain).

        Markup over the whole text needs no translation of its own: it goes around all of it.
        """
        marked = (t for m, t in zip(self.marks, self.mark_texts, strict=True) if not covers_all(m, self.text))
        return [t for t in dict.fromkeys((self.text, *marked)) if needs_engine(t)]


@dataclass(frozen=True)
class Restored:
    msgstr: str
    notes: tuple[str, ...]
    """For the ``#.`` comment and the drafts record: terms applied, things lost."""


def needs_engine(text: str) -> bool:
    """Whether any letter is left once placeholders are removed."""
    return _LETTER.search(PLACEHOLDER.sub("", text)) is not None


def protect(msgid: str, lang: str, glossary: Glossary, digits: Mapping[str, str] | None = None) -> Protected:
    """Split ``msgid`` into markup and placeholder-protected text for translation into ``lang``."""
    count = max((int(n) for n in _REF.findall(msgid)), default=0)
    links = tuple(f"#{n}" for n in range(1, count + 1))  # stand-ins: only the [N] numbering matters
    plain, all_marks = flatten(parse(msgid, links, lambda _message: None))
    marks = [m for m in all_marks if m.kind != "code"]
    boundaries = {m.start for m in marks} | {m.end for m in marks}
    found: list[tuple[int, int, Item]] = [
        (m.start, m.end, Item("code", plain[m.start : m.end], plain[m.start : m.end])) for m in all_marks if m.kind == "code"
    ]

    def take(start: int, end: int, item: Item) -> None:
        crosses = any(start < b < end for b in boundaries)  # "**States** Parties": markup wins
        if not crosses and not any(a < end and start < b for a, b, _ in found):
            found.append((start, end, item))

    for match in PLACEHOLDER.finditer(plain):
        take(match.start(), match.end(), Item("literal", match.group(), match.group()))
    for pattern, kind in ((URL, "url"), (EMAIL, "email")):
        for match in pattern.finditer(plain):
            take(match.start(), match.end(), Item(kind, match.group(), match.group()))
    for date in find_dates(plain):
        take(date.start, date.end, Item("date", date.text, localized(date, lang, digits)))
    for term_match in glossary.find(plain):
        target = glossary_form(term_match.term, lang, term_match.text)
        if target is not None:
            item = Item("glossary", term_match.text, target, term_match.term, term_match.text[:1].isupper())
            take(term_match.start, term_match.end, item)
    shouting = plain.upper() == plain and len(_WORDS.findall(plain)) > 1  # "STOP THE SANCTIONS", not "FIDH"
    for match in _ACRONYM.finditer(plain):
        if not shouting and match.group().rstrip("s") not in SHOUTED:
            take(match.start(), match.end(), Item("acronym", match.group(), match.group()))
    system = (digits or {}).get(lang)
    for match in _NUMBER.finditer(plain):
        take(
            match.start(),
            match.end(),
            Item("number", match.group(), to_digits(match.group(), system) if system else match.group()),
        )

    found.sort(key=lambda f: f[0])
    text, shift = _substitute(plain, found)
    mark_texts = tuple(text[shift(m.start) : shift(m.end)] for m in marks)
    shifted = tuple(Mark(m.kind, shift(m.start), shift(m.end), m.href, m.title) for m in marks)
    sources = tuple(plain[m.start : m.end] for m in marks)
    return Protected(msgid, plain, text, shifted, mark_texts, sources, tuple(i for _, _, i in found), links)


def _substitute(plain: str, found: list[tuple[int, int, Item]]) -> tuple[str, _Shift]:
    out: list[str] = []
    position = 0
    offsets: list[tuple[int, int]] = []  # (plain offset, added length) after each placeholder
    added = 0
    for number, (start, end, _item) in enumerate(found, 1):
        out.append(plain[position:start])
        token = f"Z{number}"
        out.append(token)
        added += len(token) - (end - start)
        offsets.append((end, added))
        position = end
    out.append(plain[position:])
    return "".join(out), _Shift(offsets)


class _Shift:
    """Maps an offset in the plain text to the same place in the placeholder text."""

    def __init__(self, offsets: list[tuple[int, int]]) -> None:
        self.offsets = offsets

    def __call__(self, offset: int) -> int:
        added = 0
        for end, total in self.offsets:
            if end <= offset:
                added = total
        return offset + added


def glossary_form(term: Term, lang: str, english: str) -> str | None:
    """The target form to inject for ``english`` (a match of ``term``), or None when there is none.

    The canonical (first) form, except for an English plural of a singular
    term, where a listed plural form is used when one is recognisable: in
    Latin script its first word ends in s or x (``mandats d'arrêt``,
    ``órdenes de detención``); otherwise only its first word differs from the
    canonical form (``أوامر القبض``: Arabic puts the head noun first).
    """
    forms = term.targets.get(lang, ())
    if not forms:
        return english if term.do_not_translate else None
    canonical = forms[0]
    if not _is_plural_of(english, term.source):
        return canonical
    first, rest = _head(canonical)
    for form in forms[1:]:
        head, tail = _head(form)
        if form.casefold() == canonical.casefold():
            continue
        if unicodedata.name(form[0], "").startswith("LATIN"):
            if head.casefold() != first.casefold() and head[-1:] in "sx":
                return form
        elif head != first and tail == rest:
            return form
    return canonical


def _head(form: str) -> tuple[str, str]:
    head, _, tail = form.partition(" ")
    return head, tail


def _is_plural_of(english: str, term: str) -> bool:
    last, term_last = english.split()[-1].casefold(), term.split()[-1].casefold()
    return last != term_last and last.endswith("s") and not term_last.endswith("s")


def restore(protected: Protected, translations: Mapping[str, str]) -> Restored:
    """The msgstr for ``protected``, given the engine's translation of each of its requests."""
    p = protected
    text = translations.get(p.text, p.text)
    occurrences = [(m.start(), m.end(), int(m.group(1))) for m in PLACEHOLDER.finditer(text)]
    counts = Counter(n for _, _, n in occurrences if 1 <= n <= len(p.items))
    notes: list[str] = []
    applied = dict.fromkeys(
        f"glossary: {i.term.source} (do not translate)"
        if i.term.do_not_translate and i.target == i.source
        else f"glossary: {i.term.source} = {i.target}"
        for n, i in enumerate(p.items, 1)
        if i.term is not None and counts[n]
    )
    notes.extend(applied)
    lost = [_shown(i) for n, i in enumerate(p.items, 1) if not counts[n]]
    doubled = [_shown(i) for n, i in enumerate(p.items, 1) if counts[n] > 1]
    if lost:
        notes.append("machine translation lost, add by hand: " + "; ".join(lost))
    if doubled:
        notes.append("machine translation repeated, check: " + "; ".join(doubled))
    if len(occurrences) > sum(counts.values()):
        notes.append("machine translation invented placeholders (removed)")

    atoms = [(a, b) for a, b, _ in occurrences]
    placed: list[tuple[int, int, Mark]] = []
    for mark, mark_text, words in zip(p.marks, p.mark_texts, p.mark_sources, strict=True):
        span = locate(translations.get(mark_text, mark_text), text, mark, p.text, [(a, b) for a, b, _ in placed], atoms)
        if span is None:
            notes.append(f"markup not placed by machine translation, add it: {_markup(mark, words, p.links)}")
        else:
            placed.append((span[0], span[1], mark))
    initial = {a for a, _, _ in occurrences if _sentence_start(text, a)}

    def leaf(lo: int, hi: int) -> list[Inline]:
        out: list[Inline] = []
        position = lo
        for a, b, n in occurrences:
            if a < lo or b > hi:
                continue
            out.append(Text(text[position:a]))
            if 1 <= n <= len(p.items):
                out.append(_value(p.items[n - 1], a in initial))
            position = b
        out.append(Text(text[position:hi]))
        return out

    content = rebuild(text, placed, leaf)
    return Restored(serialize(content, p.links), tuple(notes))


def _value(item: Item, initial: bool) -> Inline:
    if item.kind == "code":
        return Code(item.source)
    value = item.target
    if initial and item.capital and item.kind == "glossary":
        value = value[:1].upper() + value[1:]
    return Text(value)


def _sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip(" \"'«“‘(¿¡[")
    return not before or before[-1] in ".!?"


def _shown(item: Item) -> str:
    return item.source if item.target == item.source else f"{item.source} ({item.target})"


def _markup(mark: Mark, words: str, links: tuple[str, ...]) -> str:
    if mark.kind == "strong":
        return f"**{words}**"
    if mark.kind == "em":
        return f"*{words}*"
    return f"[{words}][{links.index(mark.href) + 1}]"


__all__ = ["NOTE_PREFIXES", "PLACEHOLDER", "Item", "Protected", "Restored", "glossary_form", "needs_engine", "protect", "restore"]
