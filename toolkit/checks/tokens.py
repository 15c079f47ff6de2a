"""Things a translation copies rather than translates: URLs, e-mail addresses, numbers, acronyms.

Compared on the printed text of both sides (link targets are the markup
checks' business). Numbers are compared as *digit sequences*: every maximal
run of digits, Arabic-Indic digits folded to 0-9, leading zeros dropped, a
number grouped in thousands read as one (``1,250``, ``1 250``, ``1.250``,
``1٬250`` and ``1250`` are all 1250). So a date rewritten as the language
writes it passes (``May 22, 2024`` and ``22 mai 2024`` both hold 22 and
2024), and so do decimal commas (``2.5`` and ``2,5`` both hold 2 and 5),
while a wrong or missing figure does not.

>>> digit_runs("On 5 June 2025, 1,250 people signed E.O. 14203.")
Counter({'5': 1, '2025': 1, '1250': 1, '14203': 1})
>>> digit_runs("في ٥ يونيو ٢٠٢٥، وقّع ١٬٢٥٠ شخصا") == digit_runs("le 05 juin 2025, 1 250 personnes")
True
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..languages import latin_digits, writes_latin
from ..tokens import ACRONYM, EMAIL, SHOUTED, URL
from .base import Entry

_DIGITS = re.compile(r"\d+")
_ANY_DIGIT = re.compile(r"\d")
_DANGLING_REF = re.compile(r"\]\[\d+\]|\]\([^)\s]*\)")
"""``[text][N]`` with no link N, or a refused ``[text](url)``, left as text: the markup checks report those."""
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[,. \u00a0\u202f\u2009\u066c]\d{3})+(?!\d)")
_SEPARATORS = re.compile(r"[,. \u00a0\u202f\u2009\u066c]")


@lru_cache(maxsize=4096)  # the URL, e-mail and number checks mask the same texts, once per language
def _without(text: str, *patterns: re.Pattern[str]) -> str:
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


def digit_runs(text: str) -> Counter[str]:
    """Maximal digit runs of ``text`` (Arabic-Indic folded, thousands joined, leading zeros dropped), as a multiset."""
    return Counter(_digit_list(text))


def _digit_list(text: str) -> list[str]:
    if not _ANY_DIGIT.search(text):
        return []
    joined = _GROUPED.sub(lambda m: _SEPARATORS.sub("", m.group()), latin_digits(text))
    return [run.lstrip("0") or "0" for run in _DIGITS.findall(joined)]


def compare(want: Counter[str] | list[str], have: Counter[str] | list[str], what: str) -> list[str]:
    """One message naming what the translation lacks and what it adds, or none."""
    if isinstance(want, list) and isinstance(have, list) and sorted(want) == sorted(have):
        return []  # nearly always: no multisets to build
    wanted = want if isinstance(want, Counter) else Counter(want)
    had = have if isinstance(have, Counter) else Counter(have)
    missing, extra = sorted((wanted - had).elements()), sorted((had - wanted).elements())
    parts = [f"{', '.join(missing)} missing from the translation"] if missing else []
    parts += [f"{', '.join(extra)} not in the source"] if extra else []
    return [f"{what}: {'; '.join(parts)}"] if parts else []


def urls(entry: Entry) -> list[str]:
    """``urls``: URLs written out in the text are copied exactly."""
    return compare(URL.findall(entry.source_text), URL.findall(entry.target_text), "URLs")


def emails(entry: Entry) -> list[str]:
    """``emails``: e-mail addresses are copied exactly."""
    want = EMAIL.findall(_without(entry.source_text, URL))
    have = EMAIL.findall(_without(entry.target_text, URL))
    return compare(want, have, "e-mail addresses")


def numbers(entry: Entry) -> list[str]:
    """``numbers``: the same digit sequences, whatever the digits and separators."""
    want = _digit_list(_without(entry.source_text, URL, EMAIL))
    have = _digit_list(_without(entry.target_text, URL, EMAIL, _DANGLING_REF))
    return compare(want, have, "numbers")


def acronyms(entry: Entry) -> list[str]:
    """``acronym``: an acronym of three letters or more that the glossary does not render is kept.

    Acronyms the glossary lists are the glossary check's (it knows ICC is CPI
    in French and requires the do-not-translate ones verbatim). Not held:
    dotted abbreviations (U.S., E.O.) and two-letter ones (US, UK, EU), which
    shorten ordinary words each language abbreviates its own way (É.-U.,
    EE. UU., « sanctions américaines »); and languages written in another
    script (Arabic), which spell unlisted acronyms out.
    """
    if not writes_latin(entry.lang):
        return []
    text = _without(entry.source_text, URL, EMAIL)
    target = _without(entry.target_text, URL, EMAIL)
    problems: list[str] = []
    for found in dict.fromkeys(m.group() for m in ACRONYM.finditer(text)):
        singular = found[:-1] if found.endswith("s") and found[:-1].isupper() else found
        if len(singular) < 3 or singular in SHOUTED or entry.glossary.find(singular):
            continue
        if not _acronym_pattern(singular).search(target):
            problems.append(f"acronym {singular} missing from the translation (add it to the glossary if it is translated)")
    return problems


@lru_cache(maxsize=1024)
def _acronym_pattern(acronym: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(acronym)}")


__all__ = ["ACRONYM", "EMAIL", "URL", "acronyms", "compare", "digit_runs", "emails", "numbers", "urls"]
