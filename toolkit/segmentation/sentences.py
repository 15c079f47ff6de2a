"""Sentence boundaries in plain text, as character spans, for English sources and fr/es/ar translations.

A small rule-based splitter in the style of pragmatic_segmenter (the rules
behind pySBD), written for the statements this toolkit translates. It was
chosen over pySBD itself by measuring (``benchmarks/segmentation.py``): a
better Golden Rules score, legal and UN citations kept whole, none of pySBD's
char-span bugs (it searches the original text for each sentence it produced,
so spans can overlap or lose characters), no split in "Eleanor Lives! (US)" or
at a soft line break, and many times the speed.

How a boundary is decided, for each run of ``.``, ``!``, ``?``, ``…``, ``؟`` or ``۔``:

1. Text inside parentheses, brackets or a quotation (“…”, "…", «…») is
   atomic, so a quoted phrase never leaves half of itself in a segment --
   except a quotation that opens a sentence (or follows a colon) with a
   capital: its sentences are sentences ("“In these times ... humanity. When
   the principles ... safe”, state Al-Haq.").
2. The run must be followed by whitespace (optionally after closing quotes or
   brackets, French « ... » with its no-break space included), then by what
   can start a sentence: a capital or caseless letter (Arabic), a digit, or an
   opening quote or ¿ ¡ before one. A lowercase word never starts a sentence.
3. The word before a full stop may veto the boundary, as the language's
   non-breaking prefixes say (:mod:`.rules`, ``prefixes/<lang>.txt``): a title
   ("Dr.", "v.", "e.g.") never ends a sentence when a word follows; "No.",
   "Art.", "Doc." end none before a number, Roman numeral or symbol ("Art.
   VII", "Doc. A/78/322"); "Co.", "Dept." end one only before a sentence
   opener ("The", "We"), and "a.m."/"P.M." also before a title ("at 6 P.M. Mr.
   Smith then went"), unless the time opens the sentence ("At 5 a.m. Mr.
   Smith went"). Initials ("R.") and dotted abbreviations ("U.S.") end a
   sentence only before an opener, and never before a number ("D.C. 20500").
4. A list written inline ("1. ... 2. ...") is split before each item when the
   text starts with its first marker, and a marker never stands alone.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .rules import SentenceRules, rules_for

__all__ = ["sentence_spans", "sentences"]

# Names that end with "!" but not the sentence ("Yahoo! Inc.").
_EXCLAMATION_NAMES = frozenset({"yahoo!", "jeopardy!", "yum!"})

_NO_BREAK_SPACES = "\u00a0\u202f\u2009"
# Direction marks sit next to punctuation in right-to-left text: as invisible as spaces.
_MARKS = "\u200e\u200f\u061c"
_SPACES = " \t\n\r\f\v" + _NO_BREAK_SPACES + _MARKS
_OPENERS = "“‘\"'([«‹¿¡"
_CLOSERS = "”’\"')]»›" + _MARKS
_QUOTES = frozenset('“"«')
_PAIRS = {"(": ")", "[": "]", "“": "”", "«": "»"}
_OPENER_OF = {closer: opener for opener, closer in _PAIRS.items()}
_PAIRED = re.compile(r'[()\[\]“”"«»]')
_BULLETS = "•⁃◦▪‣"

# A footnote reference after the full stop belongs to the sentence it ends.
_FOOTNOTE = re.compile(r"\[\d{1,3}\]")
# French closes a quotation with a (no-break) space before »: ". »" closes it too.
_SPACED_CLOSER = re.compile(rf"[ {_NO_BREAK_SPACES}]+[»›]")
_CLOSER_SPACES = frozenset(" " + _NO_BREAK_SPACES)
# A spaced ellipsis (". . ." or ". . . .") or a run of terminal marks.
_TERMINAL = re.compile(r"\.(?:[ \u00a0]\.){2,}|[.!?…؟۔]+")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # "U.S", "e.V", "a.m"
_WORD = re.compile(r"[^\W\d_]+")
_ENUMERATOR = re.compile(rf"[{_BULLETS}]?\s*(?:\d{{1,3}}|[a-zA-Z]|[ivxlc]{{1,7}}|[IVXLC]{{1,7}})")
_LIST_START = re.compile(rf"\s*(?:[{_BULLETS}]\s*)?(\d{{1,3}}|[a-z])(\.\)|[.)])\s")
# A Roman numeral, upper or lower case ("VII", "xiv"), for "Art. VII", "Ch. XIV".
_ROMAN = re.compile(
    r"(?=[MDCLXVI])M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
    r"|(?=[mdclxvi])m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
)


def sentences(text: str, lang: str = "en") -> list[str]:
    """The sentences of ``text`` in ``lang``, as written.

    >>> sentences("Il a dit : « Nous agirons. Maintenant. » Puis il est parti.", "fr")
    ['Il a dit : « Nous agirons.', 'Maintenant. »', 'Puis il est parti.']
    >>> sentences("هل ستتحرك الدول؟ يجب أن تتحرك الآن.", "ar")
    ['هل ستتحرك الدول؟', 'يجب أن تتحرك الآن.']
    """
    return [text[start:end] for start, end in sentence_spans(text, rules_for(lang))]


def sentence_spans(text: str, rules: SentenceRules | None = None) -> list[tuple[int, int]]:
    """(start, end) character offsets of the sentences of `text`, in order,
    each span stripped of surrounding whitespace, never empty; text[start:end]
    is exactly the sentence as written (no normalisation). ``rules`` are the
    language's (English when None).

    Line breaks count as spaces: the caller decides what a paragraph is.

    >>> text = "The U.S. sanctioned Joseph R. Smith, Jr. on 5 June. We condemn it."
    >>> [text[start:end] for start, end in sentence_spans(text)]
    ['The U.S. sanctioned Joseph R. Smith, Jr. on 5 June.', 'We condemn it.']
    >>> sentence_spans("  ")
    []
    """
    rules = rules or rules_for("en")
    closing, owner, parent = _atomic_spans(text)
    cuts = _list_item_starts(text)
    for match in _TERMINAL.finditer(text):
        start, end = match.span()
        last_cut = max((cut for cut in cuts if cut <= start), default=0) if cuts else 0
        # A run inside a quotation counts only where it closes the quotation,
        # or where the quotation holds sentences of its own.
        opener = owner[_skip_closers(text, end) - 1]
        if opener >= 0 and not _holds_sentences(text, opener, parent, last_cut):
            continue
        cut = _boundary(text, start, end, last_cut, closing, rules)
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


def _holds_sentences(text: str, opener: int, parent: dict[int, int], last_cut: int) -> bool:
    """Whether the quotation opened at ``opener`` is a run of sentences rather than a phrase:
    it is the outermost pair, a quotation, opens the sentence (or follows a colon), and starts with a capital."""
    if text[opener] not in _QUOTES or parent.get(opener, -1) >= 0:
        return False
    before = text[last_cut:opener].strip(_SPACES + _OPENERS)
    if before and not before.endswith(":"):
        return False
    first = _skip(text, opener + 1, _SPACES + _OPENERS)
    return first < len(text) and _capital(text[first])


def _boundary(text: str, start: int, end: int, last_cut: int, closing: dict[int, int], rules: SentenceRules) -> int | None:
    """Where the sentence ends if the run text[start:end] ends one, else None."""
    after = _skip_closers(text, end)
    footnote = _FOOTNOTE.match(text, after)
    if footnote:
        after = _skip_closers(text, footnote.end())
    nxt = _skip(text, after, _SPACES)
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
    words = text[last_cut:start].split()
    words[-3:] = [word.lstrip(_OPENERS) for word in words[-3:]]  # prefixes are at most three words
    token = words[-1] if words else ""
    if "." not in run:
        return None if (token + run).lower() in _EXCLAMATION_NAMES else after
    return after if _full_stop_ends(text, words, nxt, last_cut, start, rules) else None


def _full_stop_ends(text: str, words: list[str], nxt: int, last_cut: int, start: int, rules: SentenceRules) -> bool:
    """Whether the full stop after ``words`` (the sentence so far) ends a sentence, the next one at nxt."""
    token = words[-1] if words else ""
    first = _skip(text, nxt, _OPENERS + _NO_BREAK_SPACES)
    digit = text[first : first + 1].isdigit()
    following = _next_word(text, nxt)
    category = rules.category(words)
    if category == "title":
        return False
    if category == "number":
        return not _is_reference(text, first)
    if category in ("context", "time"):
        if following in rules.openers:
            return True
        # "at 6 P.M. Mr. Smith then went": a title after a time starts a sentence,
        # unless the time opened this one ("At 5 a.m. Mr. Smith went").
        return category == "time" and _title_at(text, nxt, rules) and len(words) > 3
    if _ENUMERATOR.fullmatch(text[last_cut:start].strip()):
        return False  # a list marker ("2.", "b.", "• 10.") is not a sentence
    if _DOTTED.fullmatch(token):
        return not digit and following in rules.openers
    if len(token) == 1 and _capital(token):
        return digit or following in rules.openers
    return True


def _is_reference(text: str, index: int) -> bool:
    """Whether a number, a Roman numeral or a symbol starts at ``index``: "5", "VII", "A/78/322", "ICC-01/04-02/06"."""
    end = index
    while end < len(text) and text[end] not in _SPACES:
        end += 1
    word = text[index:end].rstrip('.,;:)]”’"»')
    return any(ch.isdigit() for ch in word) or "/" in word or bool(word and _ROMAN.fullmatch(word))


def _title_at(text: str, index: int, rules: SentenceRules) -> bool:
    """Whether a title with its full stop ("Mr.") starts at ``index``."""
    match = _WORD.match(text, index)
    return match is not None and text[match.end() : match.end() + 1] == "." and rules.is_title(match.group())


def _capital(char: str) -> bool:
    """A capital, or a letter of a script without case (Arabic): what a sentence may start with."""
    return char.isalpha() and not char.islower()


def _skip_closers(text: str, index: int) -> int:
    """Past closing quotes and brackets, French " »" included."""
    while True:
        index = _skip(text, index, _CLOSERS)
        spaced = _SPACED_CLOSER.match(text, index) if text[index : index + 1] in _CLOSER_SPACES else None
        if spaced is None:
            return index
        index = spaced.end()


def _starts_sentence(text: str, index: int, closing: dict[int, int]) -> bool:
    """Whether a sentence can start at text[index]."""
    if text[index] == "(":
        # "Eleanor Lives! (US)": a parenthesis starts a sentence only when it
        # holds one, as in "... ended. (See annex 2.) Then ...".
        close = closing.get(index)
        if close is None or text[close - 1] not in ".!?…؟۔":
            return False
    index = _skip(text, index, _OPENERS + _NO_BREAK_SPACES)
    return index < len(text) and (_capital(text[index]) or text[index].isdigit())


def _next_word(text: str, index: int) -> str:
    match = _WORD.match(text, _skip(text, index, _OPENERS + _NO_BREAK_SPACES))
    return match.group() if match else ""


def _skip(text: str, index: int, chars: str) -> int:
    length = len(text)
    while index < length and text[index] in chars:
        index += 1
    return index


def _atomic_spans(text: str) -> tuple[dict[int, int], list[int], dict[int, int]]:
    """Paired quotations, parentheses and brackets: where each opener closes,
    the innermost opener around each character (-1 outside every pair), and
    the opener around each opener (-1 for an outermost one)."""
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
    owner = [-1] * (len(text) + 1)
    parent: dict[int, int] = {}
    # Pairs nest, so marking outer ones first lets inner ones overwrite their part.
    for opener, closer in sorted(closing.items()):
        parent[opener] = owner[opener]
        owner[opener + 1 : closer] = [opener] * (closer - opener - 1)
    return closing, owner, parent


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
