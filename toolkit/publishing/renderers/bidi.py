"""Split text into runs of one direction, so renderers can mark and isolate them.

An Arabic paragraph holds Latin-script names and acronyms ("(CICC)",
"Al-Haq", "E.O. 14203"). Word needs ``w:rtl`` on the Arabic runs only, and a
browser needs the Latin runs isolated (``<bdi>``) so that neutral punctuation
lands on the correct side. Both need the same split:

- letters are strong: Arabic/Hebrew (bidi classes R, AL) or Latin (L);
- digits after a Latin letter belong to it ("E.O. 14203", as the Unicode
  bidi algorithm's rule W7 does); other digits are neutral;
- a stretch of neutral characters (spaces, punctuation, digits) between two
  letters of one direction takes that direction; anywhere else (between the
  two scripts, or at either end of a line) it takes the paragraph's direction,
  so the full stop after a Latin name ends the Arabic sentence;
- a line with letters of only one direction is entirely that direction, edges
  included: a Latin name alone in an Arabic list keeps its closing parenthesis;
- brackets around letters of the other direction only go with them: "(CICC)".

Lines are cut at hard line breaks (an address block is one paragraph of lines).

>>> [(r.text, r.rtl) for r in directed((Text("المحكمة (CICC)."),), rtl=True)]
[('المحكمة ', True), ('(CICC)', False), ('.', True)]
>>> [(r.text, r.rtl) for r in directed((Text("Al-Haq (PCHR)"),), rtl=True)]
[('Al-Haq (PCHR)', False)]
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import assert_never

from ...document import Code, Content, Emphasis, Inline, LineBreak, Link, Strong, Text


@dataclass(frozen=True)
class Run(Text):
    """Text of one direction (a :class:`Text`, so it fits anywhere inline content goes)."""

    rtl: bool = False


LRM = "\u200e"
RLM = "\u200f"


def directed(content: Content, rtl: bool) -> Content:
    """``content`` with every Text node replaced by :class:`Run` nodes of one direction each."""
    lines: list[list[str]] = [[]]
    _collect(content, lines)
    return _rebuild(content, _Cursor([_resolve("".join(texts), rtl) for texts in lines]))


def _collect(content: Content, lines: list[list[str]]) -> None:
    for node in content:
        if isinstance(node, (Text, Code)):
            lines[-1].append(node.text)
        elif isinstance(node, LineBreak):
            lines.append([])
        else:
            _collect(node.children, lines)


class _Cursor:
    """Walks the per-line directions in the order :func:`_collect` read the text."""

    def __init__(self, lines: list[list[bool]]) -> None:
        self.lines = lines
        self.line = 0
        self.pos = 0

    def take(self, length: int) -> list[bool]:
        part = self.lines[self.line][self.pos : self.pos + length]
        self.pos += length
        return part

    def next_line(self) -> None:
        self.line += 1
        self.pos = 0


def _rebuild(content: Content, cursor: _Cursor) -> Content:
    out: list[Inline] = []
    for node in content:
        if isinstance(node, Text):
            out.extend(_runs(node.text, cursor.take(len(node.text))))
        elif isinstance(node, Code):
            cursor.take(len(node.text))
            out.append(node)
        elif isinstance(node, LineBreak):
            cursor.next_line()
            out.append(node)
        elif isinstance(node, Strong):
            out.append(Strong(_rebuild(node.children, cursor)))
        elif isinstance(node, Emphasis):
            out.append(Emphasis(_rebuild(node.children, cursor)))
        elif isinstance(node, Link):
            out.append(Link(node.href, _rebuild(node.children, cursor), node.title))
        else:
            assert_never(node)
    return tuple(out)


def _runs(text: str, rtl: list[bool]) -> list[Run]:
    if text and rtl.count(rtl[0]) == len(text):
        return [Run(text, rtl[0])]  # one direction throughout, as most lines are: no walk per character
    runs: list[Run] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or rtl[i] != rtl[start]:
            runs.append(Run(text[start:i], rtl[start]))
            start = i
    return runs


_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
"""Hebrew, Arabic, Syriac, Thaana, N'Ko... blocks: where right-to-left letters live."""


@functools.cache
def _kind(ch: str) -> str:
    """``R`` right-to-left letter, ``L`` left-to-right letter, ``D`` digit, ``N`` neutral."""
    cls = unicodedata.bidirectional(ch)
    if cls in ("R", "AL"):
        return "R"
    if cls == "L":
        return "L"
    if cls in ("EN", "AN"):
        return "D"
    return "N"


def _resolve(text: str, rtl: bool) -> list[bool]:
    """Direction (True: right to left) of every character of one line."""
    if not rtl and not _RTL_LETTER.search(text):
        return [False] * len(text)  # the common case of a left-to-right page, without the per-character walk
    kinds = [_kind(ch) for ch in text]
    strong = {k for k in kinds if k in "RL"}
    if len(strong) < 2:
        return [("R" in strong) if strong else rtl] * len(text)
    last = ""
    for i, k in enumerate(kinds):
        if k in "RL":
            last = k
        elif k == "D" and last == "L":
            kinds[i] = "L"
    out: list[bool] = []
    i = 0
    while i < len(kinds):
        if kinds[i] in "RL":
            out.append(kinds[i] == "R")
            i += 1
            continue
        j = i
        while j < len(kinds) and kinds[j] not in "RL":
            j += 1
        before = kinds[i - 1] if i else ""
        after = kinds[j] if j < len(kinds) else ""
        out.extend([before == "R" if before and before == after else rtl] * (j - i))
        i = j
    _brackets(text, kinds, out, rtl)
    return out


_PAIRS = {")": "(", "]": "[", "}": "{"}


def _brackets(text: str, kinds: list[str], out: list[bool], rtl: bool) -> None:
    """A bracket pair around letters of the other direction only goes with them: "(CICC)".

    Line breaking then never separates a parenthesis from its acronym (LibreOffice
    breaks lines where runs change), and the display is the same either way.
    """
    stack: list[int] = []
    for j, ch in enumerate(text):
        if ch in "([{":
            stack.append(j)
        elif ch in _PAIRS and stack and text[stack[-1]] == _PAIRS[ch]:
            i = stack.pop()
            inside = {k for k in kinds[i + 1 : j] if k in "RL"}
            if len(inside) == 1 and (inside == {"R"}) != rtl:
                out[i : j + 1] = [not rtl] * (j + 1 - i)


def separator(rtl: bool) -> str:
    """`` · `` between parts the toolkit joins (author, date), with marks of the paragraph's direction.

    Without them, digits after a Latin name take its direction (the Unicode
    bidi algorithm's rule W7): "(CICC) · 5 يونيو" would show "5" on the wrong side.
    """
    mark = RLM if rtl else LRM
    return f"{mark} · {mark}"


def is_strong(ch: str, rtl: bool) -> bool:
    """Whether ``ch`` is a letter of direction ``rtl`` (marks are needed where a run ends otherwise)."""
    return _kind(ch) == ("R" if rtl else "L")


__all__ = ["LRM", "RLM", "Run", "directed", "is_strong", "separator"]
