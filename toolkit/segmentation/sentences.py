"""Sentence boundaries in English plain text, as character spans.

A small rule-based splitter in the style of pragmatic_segmenter (the rules
behind pySBD), written for the statements this toolkit translates. It was
chosen over pySBD itself by measuring (``benchmarks/golden_rules.py``): the
same Golden Rules score (47/48), but none of pySBD's char-span bugs (it
searches the original text for each sentence it produced, so spans can overlap
or lose characters), no split in "Eleanor Lives! (US)" or at a soft line break,
and over thirty times the speed.

How a boundary is decided, for each run of ``.``, ``!``, ``?`` or ``…``:

1. Text inside a paired quotation (“…” or "…"), parentheses or brackets is
   atomic, so a quoted sentence never leaves half a quotation in a segment.
2. The run must be followed by whitespace (optionally after closing quotes or
   brackets), then by what can start a sentence: an uppercase letter, a digit,
   or an opening quote before one. A lowercase word never starts a sentence.
3. The word before a full stop may veto the boundary: a title ("Dr.", "v.",
   "e.g.") never ends a sentence when a word follows; "No.", "Art.", "para."
   do not end one before a number; initials ("R.") and dotted abbreviations
   ("U.S.", "a.m.") end one only when a common sentence starter ("The", "We")
   follows, and never before a number ("D.C. 20500", "E.O. 14203").
4. A list written inline ("1. ... 2. ...") is split before each item when the
   text starts with its first marker, and a marker never stands alone.
"""

from __future__ import annotations

import re
from itertools import pairwise

__all__ = ["sentence_spans"]

# Abbreviations, lowercase and without their final full stop. Titles and
# linking words introduce what follows, so they never end a sentence when a
# word follows them ("Dr. Smith", "Prosecutor v. Ongwen", "e.g. Al-Haq").
_TITLES = frozenset(
    {
        "mr", "mrs", "ms", "mx", "dr", "prof", "st", "mt", "sen", "rep", "gov", "gen", "col", "capt",
        "lt", "sgt", "hon", "rev", "fr", "messrs", "mme", "mlle", "amb", "pres", "supt",
        "v", "vs", "e.g", "i.e", "cf", "viz",
    }
)  # fmt: skip

# These are followed by a number, which then does not start a new sentence
# ("No. 5", "Art. 58", "para. 3", "N°. 1026"); before a word they can end one.
_BEFORE_NUMBER = frozenset(
    {
        "no", "nos", "n°", "nº", "art", "arts", "para", "paras", "p", "pp", "vol", "vols", "ch", "chap",
        "sec", "secs", "fig", "figs", "op", "doc", "res", "reg", "sch", "cl", "approx", "ca", "ed", "eds",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    }
)  # fmt: skip

# Names that end with "!" but not the sentence ("Yahoo! Inc.").
_EXCLAMATION_NAMES = frozenset({"yahoo!", "jeopardy!", "yum!"})

# After an initial or a dotted abbreviation, a capitalised word is usually
# the rest of a name ("Joseph R. Biden", "the U.S. Government"); only these
# words, which cannot continue a name, show that a new sentence has begun
# ("I live in the U.S. How about you?"). pragmatic_segmenter's list, plus
# pronouns, determiners, conjunctions and prepositions. Words that are also
# names or parts of names (May, Will, First) are left out on purpose.
_SENTENCE_STARTERS = frozenset(
    {
        "A", "An", "The", "This", "That", "These", "Those", "Such", "Some", "Many", "Most", "Much",
        "More", "All", "Any", "Each", "Every", "Both", "Few", "Several", "Other", "Another", "No",
        "None", "Neither", "Either", "Our", "Its", "Their", "His", "Her", "Your", "My", "We", "They",
        "He", "She", "It", "I", "You", "There", "Here", "What", "When", "Where", "Who", "Whom",
        "Whose", "Which", "Why", "How", "However", "Therefore", "Thus", "Hence", "Moreover",
        "Furthermore", "Nevertheless", "Nonetheless", "Meanwhile", "Instead", "Also", "Yet", "But",
        "And", "Or", "Nor", "So", "If", "As", "At", "By", "For", "From", "In", "On", "Of", "To",
        "With", "Without", "After", "Before", "Since", "Until", "Although", "Though", "While",
        "Because", "Despite", "During", "Today", "Now", "Then", "Only", "Not", "Even", "Being",
        "Did", "Do", "Does", "Is", "Are", "Was", "Were", "Has", "Have", "Had", "Can", "Could",
        "Would", "Should", "Must", "Please", "Millions", "Thousands", "Hundreds",
    }
)  # fmt: skip

_OPENERS = "“‘\"'([«¿¡"
_CLOSERS = "”’\"')]»"
_PAIRS = {"(": ")", "[": "]", "“": "”"}
_OPENER_OF = {closer: opener for opener, closer in _PAIRS.items()}
_PAIRED = re.compile(r'[()\[\]“”"]')
_BULLETS = "•⁃◦▪‣"

# A footnote reference after the full stop belongs to the sentence it ends.
_FOOTNOTE = re.compile(r"\[\d{1,3}\]")
# A spaced ellipsis (". . ." or ". . . .") or a run of terminal marks.
_TERMINAL = re.compile(r"\.(?:[ \u00a0]\.){2,}|[.!?…]+")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # "U.S", "e.V", "a.m"
_WORD = re.compile(r"[^\W\d_]+")
_ENUMERATOR = re.compile(rf"[{_BULLETS}]?\s*(?:\d{{1,3}}|[a-zA-Z]|[ivxlc]{{1,7}}|[IVXLC]{{1,7}})")
_LIST_START = re.compile(rf"\s*(?:[{_BULLETS}]\s*)?(\d{{1,3}}|[a-z])(\.\)|[.)])\s")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the sentences of `text` (English),
    in order, each span stripped of surrounding whitespace, never empty;
    text[start:end] is exactly the sentence as written (no normalisation).

    Line breaks count as spaces: the caller decides what a paragraph is.

    >>> text = "The U.S. sanctioned Joseph R. Smith, Jr. on 5 June. We condemn it."
    >>> [text[start:end] for start, end in sentence_spans(text)]
    ['The U.S. sanctioned Joseph R. Smith, Jr. on 5 June.', 'We condemn it.']
    >>> sentence_spans("  ")
    []
    """
    closing, inside = _atomic_spans(text)
    cuts = _list_item_starts(text)
    for match in _TERMINAL.finditer(text):
        start, end = match.span()
        # A run inside a quotation counts only where it closes the quotation.
        if inside[_skip(text, end, _CLOSERS) - 1]:
            continue
        last_cut = max((cut for cut in cuts if cut <= start), default=0)
        cut = _boundary(text, start, end, last_cut, closing)
        if cut is not None:
            cuts.append(cut)
    cuts = sorted(set(cuts) | {0, len(text)})
    spans: list[tuple[int, int]] = []
    for begin, finish in pairwise(cuts):
        chunk = text[begin:finish]
        stripped = chunk.strip()
        if stripped:
            offset = begin + len(chunk) - len(chunk.lstrip())
            spans.append((offset, offset + len(stripped)))
    return spans


def _boundary(text: str, start: int, end: int, last_cut: int, closing: dict[int, int]) -> int | None:
    """Where the sentence ends if the run text[start:end] ends one, else None."""
    after = _skip(text, end, _CLOSERS)
    footnote = _FOOTNOTE.match(text, after)
    if footnote:
        after = _skip(text, footnote.end(), _CLOSERS)
    nxt = _skip(text, after, " \t\n\r\f\v\u00a0\u2009\u202f")
    if after == nxt or nxt == len(text):
        return None  # no space after it ("2.5", "asf.be"), or end of text
    run = text[start:end]
    starts = _starts_sentence(text, nxt, closing)
    if " " in run or "\u00a0" in run:
        if run.count(".") < 4:
            return None  # ". . ." is an omission inside a sentence
        if starts and start > 0 and not text[start - 1].isspace():
            return start + 1  # "compounds. . . . The": the first dot ends it
        return after if starts else None
    if not starts:
        return None
    if "…" in run or len(run) >= 3:
        return after
    word = text[last_cut:start].split()[-1:] or [""]
    token = word[0].lstrip(_OPENERS)
    if "!" in run or "?" in run:
        return None if (token + run).lower() in _EXCLAMATION_NAMES else after
    return after if _full_stop_ends(text, token, nxt, last_cut, start) else None


def _full_stop_ends(text: str, token: str, nxt: int, last_cut: int, start: int) -> bool:
    """Whether the full stop after `token` ends a sentence, the next one at nxt."""
    lower = token.lower()
    digit = text[_skip(text, nxt, _OPENERS) :][:1].isdigit()
    if lower in _TITLES:
        return False
    if digit and lower in _BEFORE_NUMBER:
        return False
    if _ENUMERATOR.fullmatch(text[last_cut:start].strip()):
        return False  # a list marker ("2.", "b.", "• 10.") is not a sentence
    if _DOTTED.fullmatch(token):
        return not digit and _next_word(text, nxt) in _SENTENCE_STARTERS
    if len(token) == 1 and token.isupper():
        return digit or _next_word(text, nxt) in _SENTENCE_STARTERS
    return True


def _starts_sentence(text: str, index: int, closing: dict[int, int]) -> bool:
    """Whether a sentence can start at text[index]."""
    if text[index] == "(":
        # "Eleanor Lives! (US)": a parenthesis starts a sentence only when it
        # holds one, as in "... ended. (See annex 2.) Then ...".
        close = closing.get(index)
        if close is None or text[close - 1] not in ".!?…":
            return False
    index = _skip(text, index, _OPENERS)
    return index < len(text) and (text[index].isupper() or text[index].isdigit())


def _next_word(text: str, index: int) -> str:
    match = _WORD.match(text, _skip(text, index, _OPENERS))
    return match.group() if match else ""


def _skip(text: str, index: int, chars: str) -> int:
    while index < len(text) and text[index] in chars:
        index += 1
    return index


def _atomic_spans(text: str) -> tuple[dict[int, int], bytearray]:
    """Paired quotations, parentheses and brackets: where each opener closes,
    and which characters lie strictly inside one."""
    closing: dict[int, int] = {}
    stack: list[tuple[str, int]] = []
    for match in _PAIRED.finditer(text):
        char, index = match.group(), match.start()
        if char == '"':
            # A straight quote closes an open one, or opens a quotation.
            if not any(opener == '"' for opener, _ in stack):
                stack.append((char, index))
                continue
            wanted = '"'
        elif char in _PAIRS:
            stack.append((char, index))
            continue
        else:
            wanted = _OPENER_OF[char]
        # Close the innermost matching opener; openers still open inside it
        # were stray. A closer with no opener ("1) the first item") is ignored.
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == wanted:
                closing[stack[depth][1]] = index
                del stack[depth:]
                break
    inside = bytearray(len(text) + 1)
    for opener, closer in closing.items():
        inside[opener + 1 : closer] = b"\x01" * (closer - opener - 1)
    return closing, inside


def _list_item_starts(text: str) -> list[int]:
    """Where the items of an inline list start ("1) one 2) two"), if `text`
    starts with the first item's marker; the markers must count up."""
    first = _LIST_START.match(text)
    if first is None:
        return []
    value, punct = first.group(1), first.group(2)
    starts: list[int] = []
    position = first.end()
    while True:
        value = str(int(value) + 1) if value.isdigit() else chr(ord(value) + 1)
        item = re.compile(rf"\s((?:[{_BULLETS}]\s*)?){re.escape(value)}{re.escape(punct)}\s").search(text, position)
        if item is None:
            return starts
        starts.append(item.start(1))
        position = item.end()
