"""Pseudo-localisation: a deterministic stand-in for translation, to preview layouts without models.

Every ASCII letter becomes an accented look-alike, every word grows by about
30% (translations into French or Spanish run that much longer than English)
and the whole segment is bracketed, so clipped or untranslated text shows at
a glance. Placeholders (``Z3``) and digits pass through untouched, so the
whole pipeline -- protection, glossary, dates, markup -- runs as it does with
a real model. Drafts are marked fuzzy and labelled as pseudo-translations:
they never count as translated.

>>> PseudoEngine().translate_batch(["We call on Z1 to act."], "en", "fr")
['[Ŵéé çááļļ ôôñ Z1 ţôô ááçţ.]']
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..protection import PLACEHOLDER

if TYPE_CHECKING:
    from . import EngineOptions

_LOOKALIKE = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçďéƒĝĥîĵķļɱñôþǫŕšţûṽŵẋýžÁƁÇĎÉƑĜĤÎĴĶĻṀÑÔÞǪŔŠŢÛṼŴẊÝŽ",
)
_WORD = re.compile(r"[A-Za-z]+")
_VOWELS = "aeiouyAEIOUY"
GROWTH = 0.3


class PseudoEngine:
    name = "pseudo"
    origin = "pseudo"

    def __init__(self, options: EngineOptions | None = None) -> None:
        del options  # nothing to configure: the output depends on the text only

    def prepare(self, source: str, target: str) -> None:
        return None

    def model(self, source: str, target: str) -> str:
        return "pseudo 1"

    def describe(self, source: str, target: str) -> str:
        return "pseudo engine, NOT a translation (for layout previews)"

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        return [f"[{pseudo(text)}]" for text in texts]


def pseudo(text: str) -> str:
    """``text`` with its words stretched and accented, placeholders kept."""
    out: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        out.append(_WORD.sub(_stretch, text[position : match.start()]))
        out.append(match.group())
        position = match.end()
    out.append(_WORD.sub(_stretch, text[position:]))
    return "".join(out)


def _stretch(match: re.Match[str]) -> str:
    # Word by word, so that a phrase comes out the same alone and inside a sentence:
    # that is what lets bold and links be put back around it.
    word = match.group()
    extra = round(GROWTH * len(word))
    letters: list[str] = []
    for ch in word:
        letters.append(ch)
        if extra and ch in _VOWELS:
            letters.append(ch.lower() if ch.isupper() else ch)
            extra -= 1
    return "".join(letters).translate(_LOOKALIKE) + "~" * extra
