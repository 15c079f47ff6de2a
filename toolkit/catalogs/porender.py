"""polib's rendering of a catalog, byte for byte, without polib's per-line cost.

Catalogs the toolkit wrote with ``str(polib.POFile)`` are in translators' hands and
in git: a renderer that wrapped one line differently would make every catalog
change on the next run. So this module follows polib 1.2's ``__unicode__``
methods step by step, and replaces only the expensive step -- ``textwrap.wrap``
over every long msgid and msgstr, whose word-splitting pattern and chunk loop
were half of writing a large catalog. A string without a hyphen is split at
spaces (the only places textwrap's pattern splits such a string), a hyphenated
word by textwrap's own pattern, and lines are filled by the greedy rule textwrap
applies with ``break_long_words=False``; comments and references, rarely wrapped,
still go through textwrap itself. tests/test_poparse.py holds the output against
``str(po)`` on every catalog in the repository and on thousands of generated
ones, and the filling against ``textwrap.wrap``.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Callable

import polib

from .. import forking
from ..gcpause import without_gc

_SPECIAL = ("\\", "\n", "\r", "\t", "\v", "\b", "\f", '"')
_PLAIN = re.compile('[\\\\"\t\n\r\x0b\x0c\x08\x1c\x1d\x1e\x85\u2028\u2029]')
"""Characters polib escapes or ``str.splitlines()`` breaks at: a string without them is written as it is."""


@without_gc
def render(po: polib.POFile) -> str:
    """``str(po)``."""
    out: list[str] = []
    for line in po.header.split("\n"):
        if not line:
            out.append("#\n")
        elif line[:1] in (",", ":"):
            out.append(f"#{line}\n")
        else:
            out.append(f"# {line}\n")
    width = po.wrapwidth
    entries = [po.metadata_as_entry(), *(e for e in po if not e.obsolete), *(e for e in po if e.obsolete)]
    if len(entries) < _SHARE_ABOVE:
        return "".join(out) + "\n".join(_entry(e, width) for e in entries)
    half = len(entries) // 2
    with forking.beside(lambda: "\n".join(_entry(e, width) for e in entries[half:]), str) as second_half:
        first = "\n".join(_entry(e, width) for e in entries[:half])
        second = second_half() if second_half is not None else None
    if second is None:  # no second process, or it failed
        second = "\n".join(_entry(e, width) for e in entries[half:])
    return "".join(out) + first + "\n" + second


_SHARE_ABOVE = 20_000
"""Entries above which a forked copy of the process writes the second half (below, forking costs more)."""


def _entry(entry: polib.POEntry, width: int) -> str:
    ret: list[str] = []
    obsolete = entry.obsolete
    if entry.tcomment:
        ret += _comment(entry.tcomment, "# ", width)
    if entry.comment and not obsolete:
        ret += _comment(entry.comment, "#. ", width)
    if not obsolete and entry.occurrences:
        filestr = " ".join([f"{path}:{line}" if line else path for path, line in entry.occurrences])
        if width > 0 and len(filestr) + 3 > width:
            wrapped = textwrap.wrap(
                filestr.replace("-", "*"), width, initial_indent="#: ", subsequent_indent="#: ", break_long_words=False
            )
            ret += [line.replace("*", "-") for line in wrapped]
        else:
            ret.append("#: " + filestr)
    if entry.flags:
        ret.append("#, " + ", ".join(entry.flags))
    prefix = "#~| " if obsolete else "#| "
    if entry.previous_msgctxt is not None:
        ret += _field("previous_msgctxt", prefix, "", entry.previous_msgctxt, width)
    if entry.previous_msgid is not None:
        ret += _field("previous_msgid", prefix, "", entry.previous_msgid, width)
    if entry.previous_msgid_plural is not None:
        ret += _field("previous_msgid_plural", prefix, "", entry.previous_msgid_plural, width)

    flag = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        ret += _field("msgctxt", flag, "", entry.msgctxt, width)
    ret += _field("msgid", flag, "", entry.msgid, width)
    if entry.msgid_plural:
        ret += _field("msgid_plural", flag, "", entry.msgid_plural, width)
    if entry.msgstr_plural:
        for index in sorted(entry.msgstr_plural):
            ret += _field("msgstr", flag, f"[{index}]", entry.msgstr_plural[index], width)
    else:
        ret += _field("msgstr", flag, "", entry.msgstr, width)
    ret.append("")
    return "\n".join(ret)


def _comment(value: str, prefix: str, width: int) -> list[str]:
    ret: list[str] = []
    for comment in value.split("\n"):
        if width > 0 and len(comment) + len(prefix) > width:
            ret += textwrap.wrap(comment, width, initial_indent=prefix, subsequent_indent=prefix, break_long_words=False)
        else:
            ret.append(prefix + comment)
    return ret


def _field(name: str, flag: str, index: str, value: str, width: int) -> list[str]:
    """polib's ``_BaseEntry._str_field``: the lines of one string field, without their line ends."""
    if _PLAIN.search(value) is None:  # most strings: nothing to escape, no line break
        shown = name.removeprefix("previous_")  # polib measures with "previous_msgid", writes "msgid"
        if width <= 0 or len(value) <= width - len(name) - 3 - len(index):
            return [f'{flag}{shown}{index} "{value}"']
        between = f'"\n{flag}"'
        return [f'{flag}{shown}{index} ""\n{flag}"{between.join(_wrap(value, width - 2))}"']
    lines = value.splitlines(True)
    if len(lines) > 1:
        escaped = ["", *(polib.escape(line) for line in lines)]
    else:
        specials = sum(map(value.count, _SPECIAL))
        escaped_value = polib.escape(value)
        if width > 0 and len(value) > width - len(name) - 3 - len(index) + specials:
            escaped = ["", *_wrap(escaped_value, width - 2)]  # (escapes hold no space and no hyphen)
        else:
            escaped = [escaped_value]
    first = f'{flag}{name.removeprefix("previous_")}{index} "{escaped[0]}"'
    return [first, *(f'{flag}"{line}"' for line in escaped[1:])]


def _wrap(text: str, width: int) -> list[str]:
    """``textwrap.wrap(text, width, drop_whitespace=False, break_long_words=False)``, as polib calls it."""
    return _fill_chunks(text, width) if "-" in text else _filler(width)(text)


@functools.cache
def _filler(width: int) -> Callable[[str], list[str]]:
    """``textwrap.wrap(text, width, drop_whitespace=False, break_long_words=False)`` for a text without a hyphen.

    Without a hyphen textwrap's chunks are the runs of spaces and the runs between them (its other
    break points all need a hyphen; tabs and line breaks were escaped before), and it fills lines
    greedily: each line is the longest run of whole chunks that fits in ``width``, or one chunk alone
    when even that one does not fit. The pattern says the same: up to ``width`` characters ending
    where a chunk ends, else one whole chunk.
    """
    pattern = r"(?s).{1,WIDTH}(?:(?<= )(?=[^ ])|(?<=[^ ])(?= )|\Z)|[^ ]+| +".replace("WIDTH", str(width))
    return re.compile(pattern).findall


def _fill_chunks(text: str, width: int) -> list[str]:
    """The same for any ``text``: textwrap's own chunks (its pattern), filled by its greedy rule.

    polib unescapes each wrapped line and escapes it again; that is the identity here, since every
    place textwrap's pattern splits at is next to a hyphen or a space, never inside an escape.
    """
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for chunk in _chunks(text):
        size = len(chunk)
        if used + size <= width:
            line.append(chunk)
            used += size
            continue
        if line:
            lines.append("".join(line))
        if size > width:
            lines.append(chunk)
            line, used = [], 0
        else:
            line, used = [chunk], size
    if line:
        lines.append("".join(line))
    return lines


def _chunks(text: str) -> list[str]:
    """textwrap's chunks of ``text``: its pattern, run on the words that hold a hyphen only.

    The pattern is slow (a lazy run with lookarounds at every character). Cut at spaces first, each
    word splits alone exactly as inside the text: its lookarounds read a space and the text's end alike.
    """
    chunks: list[str] = []
    for token in _TOKENS(text):
        if "-" in token:
            chunks += _pieces(token)
        else:
            chunks.append(token)
    return chunks


@functools.lru_cache(maxsize=8192)  # "human-rights", "follow-up" recur in every statement
def _pieces(word: str) -> tuple[str, ...]:
    return tuple(piece for piece in _WORDSEP(word) if piece)


_TOKENS = re.compile(" +|[^ ]+").findall
_WORDSEP = textwrap.TextWrapper.wordsep_re.split


__all__ = ["render"]
