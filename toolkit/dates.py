"""English dates found in source text, and the same dates as each target language writes them.

Machine translation handles dates badly (it keeps English month names, or
reorders "May 22, 2024" into nonsense), so pre-translation protects each date
and writes it back with Babel from CLDR data:

>>> [(d.text, localized(d, "fr")) for d in find_dates("On 14 January 2025 and May 22, 2024.")]
[('14 January 2025', '14 janvier 2025'), ('May 22, 2024', '22 mai 2024')]

Three shapes are recognised: day month year (``5 December 2024``, ``May 22,
2024``), day and month (``22 May``, ``April 24``) and month and year
(``January 2025``). Month names must be capitalised, so the verb "may" is
never a month; a day must be 1-31 and the date must exist.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from babel.dates import format_skeleton

from .languages import babel_locale, base_language, long_date, to_digits

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        1,
    )
    for name in names
}

# Abbreviations need their full stop ("Jan."), so that "Mar" or "Dec" inside a name is not a month.
_MONTH = r"(?P<{g}>" + "|".join(rf"{n}\.?" if len(n) > 3 or n == "May" else rf"{n}\." for n in MONTHS) + ")"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>[12]\d{{3}})"

_PATTERNS = (
    # 14 January 2025, 14th of January 2025, 22 May
    re.compile(
        r"(?<![\w.,])"
        + _DAY.format(g="d")
        + r"\s+(?:of\s+)?"
        + _MONTH.format(g="m")
        + r"(?:,?\s+"
        + _YEAR.format(g="y")
        + r")?(?![\w-])"
    ),
    # May 22, 2024, January 14 2025, April 24
    re.compile(
        r"(?<![\w-])"
        + _MONTH.format(g="m")
        + r"\s+"
        + _DAY.format(g="d")
        + r"(?:,?\s+"
        + _YEAR.format(g="y")
        + r")?(?![\w-]|,\d)"
    ),
    # January 2025
    re.compile(r"(?<![\w-])" + _MONTH.format(g="m") + r",?\s+" + _YEAR.format(g="y") + r"(?![\w-])"),
)


@dataclass(frozen=True)
class DateSpan:
    """A date in English text at [start, end)."""

    start: int
    end: int
    text: str
    date: dt.date
    """The date; its year is a placeholder (2000) when ``parts`` lacks ``y``."""
    parts: str
    """Which parts were written: ``dmy``, ``dm`` or ``my``."""


def find_dates(text: str) -> list[DateSpan]:
    """Dates in ``text``, in order, never overlapping (a full date wins over a shorter reading)."""
    found: list[DateSpan] = []
    taken: list[tuple[int, int]] = []  # an impossible date ("31 April 2025") still blocks shorter readings
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append(match.span())
            span = _date_span(match)
            if span is not None:
                found.append(span)
    return sorted(found, key=lambda d: d.start)


def _date_span(match: re.Match[str]) -> DateSpan | None:
    groups = match.groupdict()
    month = MONTHS[groups["m"].rstrip(".")]
    day = int(groups["d"]) if groups.get("d") else 1
    year = int(groups["y"]) if groups.get("y") else 2000  # a leap year: 29 February stays valid
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None  # "31 April" is not a date: leave it to the translator
    parts = ("d" if groups.get("d") else "") + "m" + ("y" if groups.get("y") else "")
    text = match.group(0)
    return DateSpan(match.start(), match.start() + len(text), text, date, parts)


def localized(span: DateSpan, lang: str, digits: Mapping[str, str] | None = None) -> str:
    """``span``'s date as ``lang`` writes it, in the configured digits.

    >>> d = find_dates("5 December 2024")[0]
    >>> localized(d, "es"), localized(d, "ar", {"ar": "arab"})
    ('5 de diciembre de 2024', '٥ ديسمبر ٢٠٢٤')
    """
    if span.parts == "dmy":
        text = long_date(span.date, lang, digits)
    else:
        skeleton = "MMMMd" if span.parts == "dm" else "yMMMM"
        text = format_skeleton(skeleton, span.date, locale=babel_locale(lang))
        system = (digits or {}).get(lang)
        text = to_digits(text, system) if system else text
    if base_language(lang) == "fr" and span.date.day == 1 and "d" in span.parts:
        # French writes the first day as an ordinal ("1er janvier"); CLDR gives the cardinal.
        text = re.sub(r"^1(?=\s)", "1er", text)
    return text


__all__ = ["DateSpan", "find_dates", "localized"]
