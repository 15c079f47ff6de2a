"""Language-neutral checks of the text: copies, whitespace, end punctuation, pairs, length.

>>> from toolkit.glossary import Glossary
>>> from toolkit.checks.settings import CheckSettings
>>> e = Entry("es", "x", "Stop the (sanctions).", "Detengan las (sanciones", (), "paragraph", Glossary(), CheckSettings())
>>> punctuation_end(e), brackets(e)
(['the source ends with “.”, the translation with no punctuation'], ['( and ): 1 more opened than closed'])
"""

from __future__ import annotations

import re

from ..glossary import contains_form
from ..tokens import ACRONYM, EMAIL, URL
from .base import Entry

_WORD = re.compile(r"[^\W\d_]{2,}")
FUNCTION_WORDS = frozenset(
    {
        *("a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"),
        *("de", "du", "des", "la", "le", "les", "el", "los", "las", "y", "et"),
    }
)
"""Lower-case words that names carry too (``Lawyers for Justice in Libya``)."""


def untranslated_copy(entry: Entry) -> list[str]:
    """``untranslated-copy``: the msgstr is the English msgid (names blocks excepted).

    What a translation legitimately copies -- URLs, numbers, acronyms, terms
    the glossary renders as the English -- does not count. What is left must
    hold an ordinary lower-case word: lines made only of capitalised words are
    proper nouns (a person in a contact block, a street address, an
    organisation's English name) that translations keep as they are.
    """
    if entry.msgstr.strip() != entry.msgid.strip():
        return []
    text = entry.source_text
    for match in entry.glossary.find(text):
        forms = match.term.forms(entry.lang)
        if any(contains_form(match.text, form, entry.lang) for form in forms):
            text = text.replace(match.text, " ")
    words = _WORD.findall(ACRONYM.sub(" ", EMAIL.sub(" ", URL.sub(" ", text))))
    ordinary = [w for w in words if w.islower() and w not in FUNCTION_WORDS]
    if len(words) < 2 or not ordinary:
        return []
    return ["the translation is the English source, unchanged"]


def whitespace(entry: Entry) -> list[str]:
    """``whitespace``: leading/trailing spaces that differ from the msgid; double spaces; tabs and newlines."""
    problems: list[str] = []
    for side, pick in (("leading", _leading), ("trailing", _trailing)):
        if pick(entry.msgid) != pick(entry.msgstr):
            problems.append(f"{side} whitespace {pick(entry.msgstr)!r} differs from the source's {pick(entry.msgid)!r}")
    inner = entry.msgstr.strip()
    if re.search(r"[ \u00a0\u202f]{2}", inner):
        problems.append("double space")
    if re.search(r"[\t\r\n]", inner):
        problems.append("tab or line break inside the text (a segment is one line of text)")
    return problems


def _leading(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _trailing(text: str) -> str:
    return text[len(text.rstrip()) :]


# --- end punctuation --------------------------------------------------------

_TRAILERS = " \u00a0\u202f\"'”’»)]"
_END_CLASS = {".": ".", "!": "!", "?": "?", "؟": "?", ":": ":", ";": ";", "؛": ";", "…": "…", ",": ",", "،": ","}
_ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-Z][a-z]{0,2}|[A-Za-z](?:\.[A-Za-z])+|etc)\.$")
_SHOWN = {"": "no punctuation", ".": "“.”", "!": "“!”", "?": "“?”", ":": "“:”", ";": "“;”", "…": "“…”", ",": "“,”"}


def end_class(text: str) -> str:
    """The kind of punctuation ending ``text`` (closing quotes and brackets looked through).

    >>> [end_class(t) for t in ("Now.”", "¿Ahora?", "الآن؟", "Maintenant :", "wait...", "Title")]
    ['.', '?', '?', ':', '…', '']
    """
    core = text.rstrip(_TRAILERS)
    if core.endswith("..."):
        return "…"
    return _END_CLASS.get(core[-1:], "")


def punctuation_end(entry: Entry) -> list[str]:
    """``punctuation-end``: the translation ends with the same kind of punctuation as the source.

    ``:`` and ``,`` count as one kind: a letter's salutation ends with either,
    as each language writes it (``Dear President:`` / ``Monsieur le Président,``).
    A source ending with an abbreviation (``Jr.``, ``D.C.``) ends with a word,
    not a full stop, and the translation may end either way.
    """
    want, have = end_class(entry.source_text), end_class(entry.target_text)
    if want == have or {want, have} == {":", ","}:
        return []
    if want == "." and have == "" and _ABBREVIATION.search(entry.source_text.rstrip(_TRAILERS)):
        return []
    return [f"the source ends with {_SHOWN[want]}, the translation with {_SHOWN[have]}"]


# --- pairs ------------------------------------------------------------------

_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))


def brackets(entry: Entry) -> list[str]:
    """``brackets``: each kind of bracket as balanced as in the source.

    Compared with the source rather than required to balance, because a
    sentence boundary may fall inside a parenthesis spanning two sentences.
    """
    problems: list[str] = []
    for open_, close in _BRACKETS:
        want = entry.source_text.count(open_) - entry.source_text.count(close)
        have = entry.target_text.count(open_) - entry.target_text.count(close)
        if want != have:
            diff = have - want
            more = f"{diff} more opened than closed" if diff > 0 else f"{-diff} more closed than opened"
            problems.append(f"{open_} and {close}: {more}")
    return problems


def _quote_imbalance(text: str) -> int:
    # Straight quotes do not say whether they open or close: an odd count is one unpaired quote.
    return abs(text.count("«") + text.count("“") - text.count("»") - text.count("”")) + text.count('"') % 2


def quotes(entry: Entry) -> list[str]:
    """``quotes``: double quotation marks (“ ” « » ") paired as in the source, whatever the style."""
    want, have = _quote_imbalance(entry.source_text), _quote_imbalance(entry.target_text)
    if want == have:
        return []
    return [f"quotation marks unpaired: {have} in the translation, {want} in the source"]


# --- length -----------------------------------------------------------------


def length(entry: Entry) -> list[str]:
    """``length``: a translation three times longer or a third of the source (configurable)."""
    settings = entry.settings
    source, target = len(entry.source_text), len(entry.target_text)
    if source < settings.min_chars:
        return []
    ratio = target / source
    if settings.min_ratio <= ratio <= settings.max_ratio:
        return []
    return [f"the translation has {target} characters for {source} in the source ({ratio:.2f} times): a sentence lost or added?"]


__all__ = ["brackets", "end_class", "length", "punctuation_end", "quotes", "untranslated_copy", "whitespace"]
