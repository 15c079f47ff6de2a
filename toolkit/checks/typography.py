"""Typography per language: what readers of French, Spanish and Arabic expect to see.

- French: a no-break space (U+00A0, or the narrow U+202F) before ``: ; ! ?``
  and inside « »; « » rather than straight quotes; the apostrophe ’.
- Spanish: the opening ¿ and ¡; « » rather than straight quotes.
- Arabic: ، ؛ ؟ rather than Latin ``, ; ?`` (Latin names and figures inside
  the text keep theirs); no kashida (tatweel) stretching words; « ».
- Every language: digits of the system the project chose (``[project] digits``).

URLs and e-mail addresses are masked first: their ``:`` and ``?`` are not prose.

>>> from toolkit.glossary import Glossary
>>> from toolkit.checks.settings import CheckSettings
>>> def entry(lang, msgstr):
...     return Entry(lang, "x", "Why?", msgstr, (), "paragraph", Glossary(), CheckSettings())
>>> french_nbsp(entry("fr", "Pourquoi ?")), french_nbsp(entry("fr", "Pourquoi\u00a0?"))
(['regular space before “?” (use a no-break space, U+00A0 or U+202F): …Pourquoi ?…'], [])
>>> spanish_inverted(entry("es", "Por qué?")), arabic_punctuation(entry("ar", "لماذا?"))
(['“?” without its opening “¿”'], ['Latin “?” in Arabic text (use “؟”): …لماذا?…'])
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..languages import DIGIT_SYSTEMS
from ..tokens import EMAIL, URL
from .base import Entry

NBSP = "\u00a0\u202f"
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _prose(entry: Entry) -> str:
    """The printed msgstr with URLs and e-mail addresses masked, offsets unchanged."""
    return _masked(entry.target_text)


@lru_cache(maxsize=1024)  # several typography checks of a language look at the same msgstr
def _masked(text: str) -> str:
    for pattern in (URL, EMAIL):
        text = pattern.sub(lambda m: "x" * len(m.group()), text)
    return text


def _excerpt(text: str, index: int) -> str:
    start, end = max(0, index - 12), min(len(text), index + 13)
    return f"…{text[start:end]}…"


# --- French -----------------------------------------------------------------


def french_nbsp(entry: Entry) -> list[str]:
    """``typography-fr-nbsp``: a no-break space before ``: ; ! ?`` and », after «."""
    text = _prose(entry)
    problems: list[str] = []
    for m in re.finditer(r"[:;!?»]", text):
        i, mark = m.start(), m.group()
        before = text[i - 1] if i else ""
        if not before or before in NBSP or (mark in "!?" and before in "!?"):
            continue
        if mark == ":" and before.isdigit() and text[i + 1 : i + 2].isdigit():
            continue  # 10:30, 3:1
        if before.isspace():
            problems.append(f"regular space before “{mark}” (use a no-break space, U+00A0 or U+202F): {_excerpt(text, i)}")
        else:
            problems.append(f"no space before “{mark}” (French puts a no-break space there): {_excerpt(text, i)}")
    for m in re.finditer("«", text):
        after = text[m.end() : m.end() + 1]
        if after and after not in NBSP:
            what = "regular space" if after.isspace() else "no space"
            problems.append(f"{what} after “«” (use a no-break space, U+00A0 or U+202F): {_excerpt(text, m.start())}")
    return problems


def straight_quotes(entry: Entry) -> list[str]:
    """``typography-<lang>-quotes``: « » where the text has straight double quotes."""
    count = _prose(entry).count('"')
    return [f'{count} straight double quote{"s" if count > 1 else ""} ("): use « »'] if count else []


def french_apostrophe(entry: Entry) -> list[str]:
    """``typography-fr-apostrophe``: the typographic apostrophe ’ rather than the straight '."""
    text = _prose(entry)
    found = [m.start() for m in re.finditer(r"(?<=\w)'(?=\w)", text)]
    return [f"straight apostrophe ' (use ’): {_excerpt(text, found[0])}"] if found else []


# --- Spanish ----------------------------------------------------------------


def spanish_inverted(entry: Entry) -> list[str]:
    """``typography-es-inverted``: every ? and ! has its opening ¿ and ¡."""
    text = _prose(entry)
    problems: list[str] = []
    for opening, closing in (("¿", "?"), ("¡", "!")):
        opened, closed = text.count(opening), text.count(closing)
        if closed > opened:
            problems.append(f"“{closing}” without its opening “{opening}”")
        elif opened > closed:
            problems.append(f"“{opening}” without its closing “{closing}”")
    return problems


# --- Arabic -----------------------------------------------------------------

_ARABIC_FOR = {",": "،", ";": "؛", "?": "؟"}


def _nearest_letter(text: str, index: int, step: int) -> str:
    i = index + step
    while 0 <= i < len(text):
        if text[i].isalpha():
            return text[i]
        i += step
    return ""


def arabic_punctuation(entry: Entry) -> list[str]:
    """``typography-ar-punctuation``: ، ؛ ؟ in Arabic text.

    A Latin mark stays right between digits (``1,000``) and inside Latin
    runs (an organisation's English name quoted in the text).
    """
    text = _prose(entry)
    problems: list[str] = []
    for m in re.finditer(r"[,;?]", text):
        i, mark = m.start(), m.group()
        if mark == "," and text[i - 1 : i].isdigit() and text[i + 1 : i + 2].isdigit():
            continue
        before, after = _nearest_letter(text, i, -1), _nearest_letter(text, i, 1)
        if _ARABIC_LETTER.match(before or " ") or _ARABIC_LETTER.match(after or " "):
            problems.append(f"Latin “{mark}” in Arabic text (use “{_ARABIC_FOR[mark]}”): {_excerpt(text, i)}")
    return problems


def arabic_kashida(entry: Entry) -> list[str]:
    """``typography-ar-kashida``: no tatweel (U+0640) stretching words."""
    count = entry.target_text.count("\u0640")
    return [f"{count} kashida (tatweel, U+0640): justification is the layout's job, not the text's"] if count else []


# --- every language ---------------------------------------------------------


def digits(entry: Entry) -> list[str]:
    """``typography-digits``: digits of the system chosen for the language (Latin by default)."""
    system = entry.settings.digits.get(entry.lang, "latn")
    wanted = DIGIT_SYSTEMS.get(system, DIGIT_SYSTEMS["latn"])
    problems: list[str] = []
    for other, chars in DIGIT_SYSTEMS.items():
        if other != system and not frozenset(chars).isdisjoint(entry.target_text):
            problems.append(f"{other} digits in the text, but the project writes {entry.lang} with {system} digits ({wanted})")
    return problems


__all__ = [
    "arabic_kashida",
    "arabic_punctuation",
    "digits",
    "french_apostrophe",
    "french_nbsp",
    "spanish_inverted",
    "straight_quotes",
]
