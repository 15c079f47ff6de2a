"""Pseudo-localisation: a deterministic stand-in for translation, to preview layouts without models.

Every ASCII letter becomes an accented look-alike, every word grows by about
30% (translations into French or Spanish run that much longer than English)
and the whole segment is bracketed, so clipped or untranslated text shows at
a glance. Into a language written in Arabic script (ar, fa, ur...) each letter
becomes an Arabic letter that sounds alike and ``, ; ?`` become ``، ؛ ؟``:
the words join and shape, and bold, links and Latin acronyms fall in
right-to-left reading order as they do in a real translation, so the preview
shows an Arabic layout, not Latin text in a right-to-left page. Placeholders (``Z3``) and digits pass through untouched, so the
whole pipeline -- protection, glossary, dates, markup -- runs as it does with
a real model. Drafts are marked fuzzy and labelled as pseudo-translations:
they never count as translated.

>>> PseudoEngine().translate_batch(["We call on Z1 to act."], "en", "fr")
['[Ŵéé çááļļ ôôñ Z1 ţôô ááçţ.]']
>>> PseudoEngine().translate_batch(["We call on Z1 to act, now?"], "en", "ar")
['[وىى كاالل وون Z1 توو ااكت، نووو؟]']
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from ...languages import writes_arabic_script
from ..protection import PLACEHOLDER

if TYPE_CHECKING:
    from . import EngineOptions

_LOOKALIKE = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçďéƒĝĥîĵķļɱñôþǫŕšţûṽŵẋýžÁƁÇĎÉƑĜĤÎĴĶĻṀÑÔÞǪŔŠŢÛṼŴẊÝŽ",
)
_ARABIC_SCRIPT = str.maketrans(
    "abcdefghijklmnopqrstuvwxyz,;?",
    "ابكدىفغهيجكلمنوپقرستوڤوخيز،؛؟",
)
"""Latin letter -> an Arabic letter that sounds alike (c as k, e as alef maqsura, p and v as Persian پ and ڤ)."""
_WORD = re.compile(r"[A-Za-z]+")
_ARABIC_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+|[,;?]")
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
        arabic = writes_arabic_script(target)
        return [f"[{pseudo(text, arabic)}]" for text in texts]


def pseudo(text: str, arabic: bool = False) -> str:
    """``text`` with its words stretched and accented (or in Arabic letters), placeholders kept."""
    word, stretch = (_ARABIC_WORD, _arabic) if arabic else (_WORD, _stretch)
    out: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        out.append(word.sub(stretch, text[position : match.start()]))
        out.append(match.group())
        position = match.end()
    out.append(word.sub(stretch, text[position:]))
    return "".join(out)


def _arabic(match: re.Match[str]) -> str:
    # Letter by letter like _stretch, so a phrase reads the same alone and inside its sentence; vowels
    # and then consonants are doubled for the 30% (a tilde would break the joining of the letters).
    word = "".join(c for c in unicodedata.normalize("NFD", match.group().lower()) if not unicodedata.combining(c))
    extra = round(GROWTH * len(word)) if word.isalpha() else 0
    doubled = {i for i, ch in enumerate(word) if ch in _VOWELS}
    doubled = set(sorted(doubled)[:extra]) | set(sorted(set(range(len(word))) - doubled)[: max(0, extra - len(doubled))])
    return "".join(ch * (2 if i in doubled else 1) for i, ch in enumerate(word)).translate(_ARABIC_SCRIPT)


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
