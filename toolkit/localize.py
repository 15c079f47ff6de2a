"""Dates and digits as each language writes them (CLDR via Babel).

Arabic may be written with Latin digits (the default of CLDR's ``ar`` locale
and of most Arabic NGO and ICC pages) or Arabic-Indic digits; a project
chooses per language in ``toolkit.toml``::

    [project]
    digits = { ar = "arab" }   # "latn" (default) or "arab"
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from babel.dates import format_date

DIGIT_SYSTEMS = {
    "latn": "0123456789",
    "arab": "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic
    "arabext": "۰۱۲۳۴۵۶۷۸۹",  # Extended Arabic-Indic (Persian, Urdu)
}
_TO_LATIN = str.maketrans(DIGIT_SYSTEMS["arab"] + DIGIT_SYSTEMS["arabext"], DIGIT_SYSTEMS["latn"] * 2)


def babel_locale(lang: str) -> str:
    return lang.replace("-", "_")


def to_digits(text: str, system: str) -> str:
    """Rewrite every digit of ``text`` in ``system``.

    >>> to_digits("E.O. 14203", "arab")
    'E.O. ١٤٢٠٣'
    """
    latin = text.translate(_TO_LATIN)
    if system == "latn":
        return latin
    return latin.translate(str.maketrans(DIGIT_SYSTEMS["latn"], DIGIT_SYSTEMS[system]))


def latin_digits(text: str) -> str:
    """Fold Arabic-Indic digits to 0-9 (to compare numbers across scripts)."""
    return text.translate(_TO_LATIN)


def long_date(date: dt.date, lang: str, digits: Mapping[str, str] | None = None, locale: str = "") -> str:
    """``14 janvier 2025``, ``14 de enero de 2025``, ``14 يناير 2025``; ``locale`` (``en_GB``) over ``lang``.

    >>> long_date(dt.date(2025, 1, 14), "es")
    '14 de enero de 2025'
    >>> long_date(dt.date(2025, 1, 14), "ar", {"ar": "arab"})
    '١٤ يناير ٢٠٢٥'
    >>> long_date(dt.date(2025, 2, 6), "en"), long_date(dt.date(2025, 2, 6), "en", locale="en_GB")
    ('February 6, 2025', '6 February 2025')
    """
    text = format_date(date, "long", locale=babel_locale(locale or lang))
    system = (digits or {}).get(lang)
    return to_digits(text, system) if system else text
