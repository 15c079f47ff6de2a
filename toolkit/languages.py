"""Every fact about a language code, in one place: names, direction, plural forms, dates and digits.

Facts come from CLDR via Babel, except Plural-Forms, which come from GNU gettext's msginit
(a table generated into ``data/plural_forms.tsv``).

Arabic may be written with Latin digits (the default of CLDR's ``ar`` locale
and of most Arabic NGO and ICC pages) or Arabic-Indic digits; a project
chooses per language in ``toolkit.toml``::

    [project]
    digits = { ar = "arab" }   # "latn" (default) or "arab"
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

DIGIT_SYSTEMS = {
    "latn": "0123456789",
    "arab": "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic
    "arabext": "۰۱۲۳۴۵۶۷۸۹",  # Extended Arabic-Indic (Persian, Urdu)
}
_TO_LATIN = str.maketrans(DIGIT_SYSTEMS["arab"] + DIGIT_SYSTEMS["arabext"], DIGIT_SYSTEMS["latn"] * 2)


def normalise_code(code: str) -> str:
    """A language code in its usual case, separator kept: one folder per language, whatever the capitals.

    >>> [normalise_code(c) for c in ("FR", "pt-br", "zh_hant_tw", "es-419")]
    ['fr', 'pt-BR', 'zh_Hant_TW', 'es-419']
    """
    separator = "_" if "_" in code and "-" not in code else "-"
    first, *rest = re.split(r"[-_]", code.strip())
    parts = [first.lower()]
    for part in rest:
        if len(part) == 4 and part.isalpha():
            parts.append(part.title())  # script
        elif len(part) == 2 or (len(part) == 3 and part.isdigit()):
            parts.append(part.upper())  # region
        else:
            parts.append(part.lower())
    return separator.join(parts)


def base_language(code: str) -> str:
    """The language of a code, without script or region: what TMX readers, Argos packages and
    per-language rules key by.

    >>> [base_language(c) for c in ("pt-BR", "zh_Hant_TW", "AR", "*all*")]
    ['pt', 'zh', 'ar', '*all*']
    """
    return code if code == "*all*" else code.replace("_", "-").split("-")[0].lower()


def same_language(a: str, b: str) -> bool:
    """Whether two codes name one language (``fr`` and ``fr-CA``), as CLDR parses them."""
    if base_language(a) == base_language(b) and base_language(a) in _plural_table():
        return True  # a language gettext knows, written alike: no need to load CLDR to say so
    first, second = _locale(a), _locale(b)
    return first is not None and second is not None and first.language == second.language


def writes_latin(lang: str) -> bool:
    """Whether ``lang`` is written in the Latin script (CLDR's likely subtags: ``fr`` -> ``fr_Latn_FR``).

    >>> writes_latin("es"), writes_latin("ar"), writes_latin("pt-BR")
    (True, False, True)
    """
    return "_Latn" in _likely(base_language(lang))


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
    from babel.dates import format_date  # builds only: status and check do without its import

    text = format_date(date, "long", locale=babel_locale(locale or lang))
    system = (digits or {}).get(lang)
    return to_digits(text, system) if system else text


DEFAULT_PLURAL_FORMS = "nplurals=2; plural=(n != 1);"
"""For a language neither gettext's table nor CLDR knows (msginit then writes no Plural-Forms)."""


@cache
def _table(name: str) -> dict[str, str]:
    """A two-column table of toolkit/data (``code<TAB>value`` lines, ``#`` comments)."""
    text = (resources.files("toolkit") / "data" / name).read_text(encoding="utf-8")
    rows = (line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))
    return {code: value for code, value in rows}


def _plural_table() -> dict[str, str]:
    return _table("plural_forms.tsv")


def plural_forms(lang: str) -> str:
    """The Plural-Forms header GNU ``msginit -l <lang>`` writes (gettext's table, then CLDR).

    Read from a table generated with msginit (scripts/plural_table.py), never from the installed
    Babel: Babel follows each new CLDR, and CLDR 46 gave French and Spanish a third form that
    Poedit, Weblate and GNU tools do not expect.

    >>> plural_forms("fr"), plural_forms("pt-BR"), plural_forms("es")
    ('nplurals=2; plural=(n > 1);', 'nplurals=2; plural=(n > 1);', 'nplurals=2; plural=(n != 1);')
    """
    code = lang.replace("-", "_")
    table = _plural_table()
    return table.get(code) or table.get(code.split("_")[0]) or DEFAULT_PLURAL_FORMS


def _english_names() -> dict[str, str]:
    return _table("language_names.tsv")


def known_locale(code: str) -> bool:
    """Whether Babel parses ``code`` (``fr``, ``pt-BR``, ``pt_BR``) as a CLDR locale.

    Every identifier Babel lists is in the names table: those need no CLDR data loaded.
    """
    return code.replace("-", "_") in _english_names() or _locale(code) is not None


@cache
def _locale(code: str) -> Locale | None:
    """Babel's parse of ``code`` (``pt-BR`` or ``pt_BR``), None when CLDR does not know it.

    Babel is imported here, on first need: commands that need no CLDR data never pay its import.
    """
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def _likely(language: str) -> str:
    """CLDR's likely subtags of a language (``fr`` -> ``fr_Latn_FR``), or ``""``."""
    from babel.core import get_global

    return str(get_global("likely_subtags").get(language, ""))


def english_name(lang: str) -> str:
    """``French``: the English name catalog headers give a language.

    From a table of Babel's names (scripts/language_names.py): loading Babel's English data costs
    each command 20 ms, and a Babel release renaming a language would rewrite every header.

    >>> english_name("fr"), english_name("pt-BR")
    ('French', 'Portuguese (Brazil)')
    """
    code = lang.replace("-", "_")
    if code in _english_names():
        return _english_names()[code]
    locale = _locale(code)
    return (locale.get_display_name("en") if locale is not None else None) or lang


@cache
def language_name(lang: str) -> str:
    """The language's name in itself, capitalised as a menu entry.

    >>> language_name("es"), language_name("ar")
    ('Español', 'العربية')
    """
    locale = _locale(lang)
    if locale is None:
        return lang
    name = locale.get_display_name(lang.replace("-", "_")) or lang
    return name[:1].upper() + name[1:]


@cache  # Babel parses the locale each time; renderers ask per paragraph and run
def text_direction(lang: str) -> str:
    """``rtl`` or ``ltr``, from CLDR (never a hard-coded list of languages).

    >>> text_direction("ar"), text_direction("fr")
    ('rtl', 'ltr')
    """
    locale = _locale(lang)
    return "rtl" if locale is not None and locale.text_direction == "rtl" else "ltr"


@cache
def word_language(lang: str) -> str:
    """The tag Word expects in ``w:lang`` (language-REGION): ``fr-FR``, ``es-ES``, ``ar-SA``.

    CLDR's likely region, except Arabic: Word and its proofing tools default to
    ``ar-SA``, not CLDR's ``ar-EG``.

    >>> [word_language(x) for x in ("fr", "es", "ar", "pt-BR")]
    ['fr-FR', 'es-ES', 'ar-SA', 'pt-BR']
    """
    if lang == "ar":
        return "ar-SA"
    locale = _locale(lang)
    if locale is None:
        return lang
    likely = _likely(locale.language)  # e.g. fr -> fr_Latn_FR
    territory = locale.territory or (likely.split("_")[-1] if likely else None)
    return f"{locale.language}-{territory}" if territory else locale.language


@cache
def writes_arabic_script(lang: str) -> bool:
    """Whether ``lang`` is written in Arabic script (CLDR's likely script: ar, fa, ur; not he).

    >>> [writes_arabic_script(x) for x in ("ar", "fa", "he", "fr")]
    [True, True, False, False]
    """
    locale = _locale(lang)
    if locale is None:
        return False
    likely = _likely(locale.language).split("_")  # ar -> ar_Arab_EG
    return (locale.script or (likely[1] if len(likely) > 1 else "")) == "Arab"
