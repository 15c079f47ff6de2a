"""Rewriting some entries of a PO file and leaving every other byte as the translator's editor wrote it.

polib (like Babel) does not write an untouched file back byte-identical: it
re-wraps long lines its own way, where Poedit or Weblate wrapped them
differently. Pre-translation fills a few empty entries of files translators
are working on, so it replaces just those entries' lines. A file whose
layout makes that unsafe (a hand-made file with a blank line inside an
entry) is rendered whole by polib instead: correct, only less quiet.

>>> text = 'msgid ""\\nmsgstr ""\\n"Language: fr\\\\n"\\n\\nmsgid "Hi"\\nmsgstr ""\\n\\nmsgid "Bye"\\nmsgstr   "Salut"\\n'
>>> print(splice(text, {(None, "Hi"): 'msgid "Hi"\\nmsgstr "Bonjour"\\n'})[0], end="")
msgid ""
msgstr ""
"Language: fr\\n"
<BLANKLINE>
msgid "Hi"
msgstr "Bonjour"
<BLANKLINE>
msgid "Bye"
msgstr   "Salut"
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import polib

from . import pofile

Key = tuple[str | None, str]
"""(msgctxt, msgid) of a live entry."""

_FIELD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(.*)"\s*$')
_MORE = re.compile(r'^"(.*)"\s*$')
_MSGID = re.compile(r"^(?:#~\s*)?msgid\s")


def blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last + 1) line ranges of the runs of non-blank lines."""
    found: list[tuple[int, int]] = []
    start: int | None = None
    for number, line in enumerate([*lines, ""]):
        if line.strip() and start is None:
            start = number
        elif not line.strip() and start is not None:
            found.append((start, number))
            start = None
    return found


def block_key(lines: list[str]) -> Key | None:
    """The (msgctxt, msgid) a block defines; None for the header, obsolete entries and comments alone."""
    fields: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        stripped = line.strip()
        match = _FIELD.match(stripped)
        if match:
            current = match.group(1)
            fields[current] = [match.group(2)]
        elif current is not None and _MORE.match(stripped):
            fields[current].append(_MORE.match(stripped).group(1))  # type: ignore[union-attr]
        elif stripped.startswith("#"):
            current = None
    if "msgid" not in fields:
        return None
    msgid = polib.unescape("".join(fields["msgid"]))
    if not msgid:
        return None
    ctxt = polib.unescape("".join(fields["msgctxt"])) if "msgctxt" in fields else None
    return ctxt, msgid


def splice(text: str, replacements: Mapping[Key, str]) -> tuple[str, int]:
    """``text`` with the blocks of the given entries replaced by new entry text, and how many were found."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    out: list[str] = []
    position = found = 0
    for start, end in blocks(lines):
        key = block_key(lines[start:end])
        if key is None or key not in replacements:
            continue
        out.extend(lines[position:start])
        out.extend(replacements[key].rstrip("\n").split("\n"))
        position = end
        found += 1
    out.extend(lines[position:])
    return newline.join(out), found


@functools.lru_cache(maxsize=64)
def spliceable(text: str) -> bool:
    """Whether each entry of ``text`` (header and obsolete ones included) is one block of lines of its own.

    That is how gettext tools, Poedit, Weblate and polib lay files out. A
    comment separated from its entry by a blank line, or two entries without
    one between them, would make a splice wrong: such files are rendered whole.
    """
    lines = text.split("\n")
    for start, end in blocks(lines):
        ids = sum(1 for line in lines[start:end] if _MSGID.match(line.strip()))
        if ids != 1:
            return False
    return True


def rewrite(text: str, po: polib.POFile, changed: list[polib.POEntry]) -> bytes:
    """The new bytes of a catalog read from ``text`` whose ``changed`` entries (objects of ``po``) were filled in."""
    if spliceable(text):
        replacements = {(e.msgctxt, e.msgid): e.__unicode__(pofile.WRAP_WIDTH) for e in changed}
        spliced, found = splice(text, replacements)
        if found == len(replacements):
            return spliced.encode("utf-8")
    return pofile.render(po)


__all__ = ["block_key", "blocks", "rewrite", "splice", "spliceable"]
