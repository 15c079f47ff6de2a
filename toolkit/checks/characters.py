"""Invisible characters in translations: control characters no output can hold, separators from Word.

A control character (U+0001, the vertical tab Word writes for a manual line break, a form feed,
or the PO escapes ``\\v`` ``\\f`` ``\\b``) cannot be written into DOCX, HTML or TMX: it is an error,
in every entry of the catalog, reviewed or not, so that ``stk status`` never says "ready" for
something a release cannot print. A line or paragraph separator (U+2028, U+2029, U+0085) is valid
text, but invisible: a warning when the translation has one the source has not.

Both name the line of the msgstr that holds the character, so that a translator can find it.

>>> from toolkit.catalogs.pofile import parse
>>> text = 'msgid "Hello world."\\nmsgstr ""\\n"Bonjour\\u2028"\\n"monde."\\n'
>>> catalog = Catalog("fr", "x", "x.po", text, parse(text, "x.po"), ("Hello world.",), {})
>>> [(f.line, f.message[:40]) for f in separator(catalog)]
[(3, 'U+2028 LINE SEPARATOR in the translation')]
"""

from __future__ import annotations

import polib

from .. import characters
from .base import Catalog, Finding

_ESCAPED = {"\x0b": "\\v", "\x0c": "\\f", "\x08": "\\b"}
"""Control characters a PO file may write as an escape (polib and GNU decode these)."""


def control_character(catalog: Catalog) -> list[Finding]:
    """``control-character``: a character no DOCX, HTML or TMX file can hold, in any translation of the catalog."""
    found: list[Finding] = []
    for msgid, entry in catalog.live.items():
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        for char in dict.fromkeys(c for text in texts for c in characters.forbidden(text)):
            found.append(
                Finding(
                    f"{characters.describe(char)} in the translation: an invisible control character "
                    "that no DOCX, HTML or TMX file can hold; delete it",
                    _line_of(catalog, entry, char),
                    msgid,
                )
            )
    return found


def _line_of(catalog: Catalog, entry: polib.POEntry, char: str) -> int:
    """The line of the entry's msgstr that holds ``char`` (raw or escaped); its msgid line if none does."""
    lines = catalog.lines
    start = catalog.line(entry)
    in_msgstr = False
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            break
        in_msgstr = in_msgstr or line.lstrip().startswith("msgstr")
        if in_msgstr and (char in line or (char in _ESCAPED and _ESCAPED[char] in line)):
            return number
    return start


def separator(catalog: Catalog) -> list[Finding]:
    """``invisible-separator``: a line or paragraph separator the source does not have, in a translation
    the release would use (not fuzzy, not empty)."""
    found: list[Finding] = []
    for msgid in catalog.source_ids:
        entry = catalog.live.get(msgid)
        if entry is None or entry.fuzzy or not entry.msgstr.strip():
            continue
        for char in characters.separators(entry.msgstr):
            if entry.msgstr.count(char) > msgid.count(char):
                found.append(
                    Finding(
                        f"{characters.describe(char)} in the translation, not in the source "
                        "(an invisible line break pasted from Word or a web page): remove it",
                        _line_of(catalog, entry, char),
                        msgid,
                    )
                )
    return found


__all__ = ["control_character", "separator"]
