"""Every fact about the invisible characters text brings from Word and web pages, in one place.

Two kinds matter:

- **control characters** (C0 except tab, line feed and carriage return; U+FFFE and U+FFFF): XML
  1.0 cannot hold them, so no DOCX, HTML or TMX file can. They are an error in a source and a
  ``stk check`` error in a msgstr, and never reach a writer.
- **line separators** U+2028, U+2029 and U+0085: valid text that some readers take for line
  ends (Python's ``str.splitlines()``, which polib reads with; YAML). They are kept, reported,
  and every reader and writer of the toolkit treats them as text.

The PO grammar's only line end is ``\\n``: :data:`SPLITLINES_ONLY` lists what ``str.splitlines()``
breaks on besides it.

>>> describe("\\x0b"), describe("\\u2028")
("U+000B LINE TABULATION (Word's manual line break)", 'U+2028 LINE SEPARATOR')
>>> first_forbidden("ok\\x01"), first_forbidden("ok")
(2, None)
"""

from __future__ import annotations

import re
import unicodedata

SPLITLINES_ONLY = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""Where ``str.splitlines()`` ends a line, besides ``\\n`` (and ``\\r\\n``)."""

SEPARATORS = "\u2028\u2029\x85"
"""Invisible line and paragraph separators: valid text, kept and reported."""

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""What XML 1.0 cannot hold (tab, line feed and carriage return are allowed)."""

_NAMES = {
    "\x00": "NULL",
    "\x01": "START OF HEADING",
    "\x02": "START OF TEXT",
    "\x03": "END OF TEXT",
    "\x04": "END OF TRANSMISSION",
    "\x05": "ENQUIRY",
    "\x06": "ACKNOWLEDGE",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x0b": "LINE TABULATION (Word's manual line break)",
    "\x0c": "FORM FEED (Word's page break)",
    "\x0e": "SHIFT OUT",
    "\x0f": "SHIFT IN",
    "\x1b": "ESCAPE",
    "\x1c": "FILE SEPARATOR",
    "\x1d": "GROUP SEPARATOR",
    "\x1e": "RECORD SEPARATOR",
    "\x1f": "UNIT SEPARATOR",
    "\x85": "NEXT LINE",
    "\ufffe": "(a noncharacter)",
    "\uffff": "(a noncharacter)",
}


def describe(char: str) -> str:
    """``U+2028 LINE SEPARATOR``: the code point and the name a person can search for."""
    name = _NAMES.get(char) or unicodedata.name(char, "CONTROL CHARACTER")
    return f"U+{ord(char):04X} {name}"


def first_forbidden(text: str) -> int | None:
    """Index of the first character no XML (DOCX, HTML, TMX) can hold, or None."""
    match = _FORBIDDEN.search(text)
    return match.start() if match else None


def forbidden(text: str) -> list[str]:
    """The distinct characters of ``text`` no XML can hold, in order of appearance."""
    return list(dict.fromkeys(_FORBIDDEN.findall(text)))


def separators(text: str) -> list[str]:
    """The distinct invisible separators in ``text``, in order of appearance."""
    return [c for c in dict.fromkeys(text) if c in SEPARATORS]


def position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of ``text[index]``, lines ending at ``\\n`` only."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def shield(text: str, chars: str = SPLITLINES_ONLY) -> tuple[str, dict[str, str]]:
    """``text`` with each of ``chars`` it holds replaced by a private-use character it does not hold.

    For readers that would break lines on them (polib, YAML): parse the shielded text, then
    :func:`unshield` every string read. ``\\r\\n`` stays a line end. Returns the text and the
    mapping back.
    """
    present = [c for c in chars if c in text and (c != "\r" or re.search("\r(?!\n)", text))]
    if not present:
        return text, {}
    used = set(text)
    free = (chr(code) for code in range(0xF0000, 0xFFFFE) if chr(code) not in used)  # plane 15: private use
    back: dict[str, str] = {}
    for char in present:
        stand_in = next(free)
        text = re.sub("\r(?!\n)", stand_in, text) if char == "\r" else text.replace(char, stand_in)
        back[stand_in] = char
    return text, back


def unshield(value: str, back: dict[str, str]) -> str:
    """``value`` read from shielded text, with the original characters back."""
    if not back or not value:
        return value
    return value.translate({ord(stand_in): char for stand_in, char in back.items()})


__all__ = [
    "SEPARATORS",
    "SPLITLINES_ONLY",
    "describe",
    "first_forbidden",
    "forbidden",
    "position",
    "separators",
    "shield",
    "unshield",
]
