"""A fast reader for the PO files the toolkit, msgmerge, Poedit and Weblate write.

:func:`toolkit.catalogs.pofile.parse` first checks a file against GNU's grammar
(:func:`~toolkit.catalogs.pofile.check_syntax`), then hands it to polib: two
line-by-line passes in Python, 11 s for a 50,000-entry catalog and its template.
This module reads the same files in one pass, and builds the very objects polib
builds (``polib.POFile`` / ``polib.POEntry``, the same attribute values, the same
line numbers), so that nothing downstream can tell the two apart.

It accepts a strict subset of the grammar: every line one of the shapes a PO
writer produces (one space after a keyword, no whitespace at either end, string
literals with the escapes both GNU gettext and polib decode, no raw control
characters inside them), entries laid out as GNU documents them (comments, then
``#|`` previous strings, then msgctxt/msgid/msgid_plural/msgstr). Anything else --
a hand-broken file, a stray space, a character that ``str.splitlines()`` would
break at -- returns None, and the strict two-pass reader decides: it either
reads it as before or reports the error at its line. Since everything accepted
here is accepted by both of those, a file reads the same either way
(tests/test_poparse.py compares them on every catalog in the repository and on
thousands of generated and damaged ones).
"""

from __future__ import annotations

import operator
import re

import polib

from .. import forking
from ..gcpause import without_gc

_STR = r'"[^"\\\x00-\x1f]*+(?:\\[\\"ntrbfv][^"\\\x00-\x1f]*+)*+"'
"""A string literal: no raw control character (a raw tab and ``\\t`` read alike but differ as written)."""
_TEXT = "[^\\n\\r\\x0b\\x0c\\x1c\\x1d\\x1e\\x85\\u2028\\u2029]"
"""A comment's character: not one where ``str.splitlines()`` ends a line (polib's path shields those)."""
_ENTRY = re.compile(
    rf"""
    (?P<tc>(?:\#(?:\ (?:{_TEXT}*\S)?)?\n)*)
    (?P<gc>(?:\#\.\ {_TEXT}*\S\n)*)
    (?P<oc>(?:\#:\ {_TEXT}*\S\n)*)
    (?P<fl>(?:\#,\ {_TEXT}*\S\n)*)
    (?P<pv>(?:\#\|\ (?:(?:msgctxt|msgid|msgid_plural)\ )?{_STR}\n|\#~\|\ {_TEXT}*\n)*)
    (?P<o>(?:\#~\ )?)
    (?:msgctxt\ (?P<ct>{_STR}(?:\n(?P=o){_STR})*)\n(?P=o))?
    msgid\ (?P<mi>{_STR}(?:\n(?P=o){_STR})*)\n
    (?P=o)msgstr\ (?P<ms>{_STR}(?:\n(?P=o){_STR})*)
    (?:\n+|\Z)
    """,
    re.VERBOSE,
)
"""One entry as GNU gettext, polib, Poedit and Weblate lay it out, and the blank lines after it."""
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", '"': '"', "\\": "\\"}
_ESCAPE = re.compile(r"\\(.)")
_PREVIOUS = {"msgctxt": "previous_msgctxt", "msgid": "previous_msgid", "msgid_plural": "previous_msgid_plural"}


class _Fallback(Exception):
    """The file leaves the subset this reader decides alone."""


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], value)


def polib_entry(
    msgid: str,
    msgstr: str,
    msgctxt: str | None,
    obsolete: int | bool,
    comment: str,
    tcomment: str,
    occurrences: list[tuple[str, str]],
    flags: list[str],
    previous_msgctxt: str | None,
    previous_msgid: str | None,
    linenum: int | None,
) -> polib.POEntry:
    """What ``polib.POEntry(msgid=..., ...)`` builds (no plural), without its keyword lookups.

    The attributes are set one by one in polib's own order: the instance dictionaries then share
    their keys (PEP 412), 280 bytes an entry instead of 464 for a dictionary assigned whole.
    """
    entry: polib.POEntry = _NEW(polib.POEntry)
    entry.msgid = msgid
    entry.msgstr = msgstr
    entry.msgid_plural = ""
    entry.msgstr_plural = {}
    entry.msgctxt = msgctxt
    entry.obsolete = obsolete
    entry.encoding = "utf-8"
    entry.comment = comment
    entry.tcomment = tcomment
    entry.occurrences = occurrences
    entry.flags = flags
    entry.previous_msgctxt = previous_msgctxt
    entry.previous_msgid = previous_msgid
    entry.previous_msgid_plural = None
    entry.linenum = linenum
    return entry


_NEW = polib.POEntry.__new__


@without_gc
def parse(text: str, wrapwidth: int) -> polib.POFile | None:
    """The catalog in ``text`` as polib reads it, or None when the strict reader must decide."""
    try:
        return _parse(text, wrapwidth)
    except _Fallback:
        return None


def _parse(text: str, wrapwidth: int) -> polib.POFile:
    po = polib.POFile(wrapwidth=wrapwidth, encoding="utf-8")
    entries: list[polib.POEntry] = []
    keys: set[tuple[str | None, str]] = set()
    match = _ENTRY.match
    add = entries.append
    pos = len(text) - len(text.lstrip("\n"))
    line = 1 + pos
    end = len(text)
    while pos < end:
        m = match(text, pos)
        if m is None:
            raise _Fallback
        tc, gc, oc, fl, pv, obsolete, ct, mi, ms = m.groups()
        if obsolete:
            raw_id = mi[1:-1].replace('"\n#~ "', "")
            raw_str = ms[1:-1].replace('"\n#~ "', "")
            raw_ctxt = None if ct is None else ct[1:-1].replace('"\n#~ "', "")
        else:
            raw_id = mi[1:-1].replace('"\n"', "")
            raw_str = ms[1:-1].replace('"\n"', "")
            raw_ctxt = None if ct is None else ct[1:-1].replace('"\n"', "")
            key = (ct[1 : ct.index('"\n')] if ct is not None and "\n" in ct else raw_ctxt, raw_id)
            if key in keys:
                raise _Fallback  # check_syntax's duplicate rule, on its key (msgctxt's first line, msgid as written)
            keys.add(key)
        comment = (gc[3:-1] if gc.count("\n") == 1 else _comments(gc, 3)) if gc else ""
        if oc:
            refs = oc[3:-1].split()
            if len(refs) == 1 and oc.count("\n") == 1:
                path, sep, number = refs[0].rpartition(":")
                occurrences = [(path, number) if sep and number.isdigit() else (refs[0], "")]
            else:
                occurrences = _occurrences(oc)
        else:
            occurrences = []
        entry = polib_entry(
            _unescape(raw_id),
            _unescape(raw_str),
            None if raw_ctxt is None else _unescape(raw_ctxt),
            1 if obsolete else 0,
            comment,
            "",
            occurrences,
            [flag.strip() for flags in fl[:-1].split("\n") for flag in flags[3:].split(",")] if fl else [],
            None,
            None,
            line if entries else 0,
        )
        if tc or pv:
            if pv and pv.startswith("#~|") and not (tc or gc or oc or fl) and entries:
                # polib skips "#~|" lines before it even counts an entry as begun
                entry.linenum += _skipped(pv)
            if tc:
                if entries:
                    entry.tcomment = _comments(tc, 2)
                else:
                    po.header = _header(tc)
            if pv:
                _previous(entry, pv)
        add(entry)
        after = m.end()
        line += text.count("\n", pos, after)
        pos = after
    if not entries:
        raise _Fallback

    headers = [e for e in entries if e.msgid == "" and not e.obsolete]
    if len(headers) > 1:
        raise _Fallback
    if headers:
        _metadata(po, headers[0])
        del entries[next(i for i, e in enumerate(entries) if e is headers[0])]  # list.remove compares renderings
    po.extend(entries)
    return po


def _skipped(block: str) -> int:
    """How many ``#~|`` lines open a block of previous-string lines."""
    count = 0
    for line in block.split("\n"):
        if not line.startswith("#~|"):
            break
        count += 1
    return count


def _header(block: str) -> str:
    """polib's header: the ``#`` lines that open the file, joined as polib joins them (a leading empty one vanishes)."""
    header = ""
    for line in block[:-1].split("\n"):
        if header != "":
            header += "\n"
        header += line[2:]
    return header


def _comments(block: str, skip: int) -> str:
    comment = ""
    for line in block[:-1].split("\n"):
        comment = line[skip:] if comment == "" else comment + "\n" + line[skip:]
    return comment


def _occurrences(block: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for line in block[:-1].split("\n"):
        for occurrence in line[3:].split():
            path, sep, number = occurrence.rpartition(":")
            found.append((path, number) if sep and number.isdigit() else (occurrence, ""))
    return found


def _previous(entry: polib.POEntry, block: str) -> None:
    """``#| msgid "..."`` lines (and their ``#| "..."`` continuations); ``#~|`` lines are skipped, as polib does."""
    name = None
    for line in block[:-1].split("\n"):
        if line.startswith("#~|"):
            continue
        rest = line[3:]
        if rest.startswith('"'):
            if name is None:
                raise _Fallback
            setattr(entry, name, getattr(entry, name) + _unescape(rest[1:-1]))
            continue
        keyword, _, value = rest.partition(" ")
        name = _PREVIOUS[keyword]
        setattr(entry, name, _unescape(value[1:-1]))


def _metadata(po: polib.POFile, entry: polib.POEntry) -> None:
    """polib's reading of the header entry, step by step."""
    if any(c in entry.msgstr for c in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
        raise _Fallback  # str.splitlines() would break there: leave those to polib itself
    po.metadata_is_fuzzy = entry.flags
    key = None
    for msg in entry.msgstr.splitlines():
        try:
            key, val = msg.split(":", 1)
            po.metadata[key] = val.strip()
        except (ValueError, KeyError):
            if key is not None:
                po.metadata[key] += "\n" + msg.strip()


_FIELDS = (
    *("msgid", "msgstr", "msgid_plural", "msgstr_plural", "msgctxt", "obsolete", "encoding", "comment", "tcomment"),
    *("occurrences", "flags", "previous_msgctxt", "previous_msgid", "previous_msgid_plural", "linenum"),
)
"""The attributes of a polib entry (tests/test_poparse.py holds them to polib's), in the order a
helper process sends them as tuples."""
_FILE_FIELDS = ("header", "metadata", "metadata_is_fuzzy")

_SHARE_ABOVE = 4_000_000
"""Characters of PO text above which a second process reads about half of the files."""

Flat = tuple[tuple[object, ...], list[tuple[object, ...]]]


def parse_many(texts: list[str], wrapwidth: int) -> list[polib.POFile | None]:
    """:func:`parse` of each text; when they are large, a forked process reads about half of them.

    Its catalogs come back as tuples (a third of the cost of pickling polib's objects) and are
    rebuilt into the same objects here.
    """
    theirs: list[int] = []
    if sum(map(len, texts)) > _SHARE_ABOVE and len(texts) > 1:
        mine_size = theirs_size = 0
        for index in sorted(range(len(texts)), key=lambda i: -len(texts[i])):
            if theirs_size < mine_size:
                theirs.append(index)
                theirs_size += len(texts[index])
            else:
                mine_size += len(texts[index])
    results: list[polib.POFile | None] = [None] * len(texts)
    if not theirs:
        return [parse(text, wrapwidth) for text in texts]

    def their_half() -> list[Flat | None]:
        return [_flat(parse(texts[i], wrapwidth)) for i in theirs]

    with forking.beside(their_half, list) as helper:
        for index in range(len(texts)):
            if helper is None or index not in theirs:
                results[index] = parse(texts[index], wrapwidth)
        flats = helper() if helper is not None else None
    for position, index in enumerate(theirs if helper is not None else ()):
        flat = flats[position] if flats is not None and len(flats) == len(theirs) else None
        results[index] = _rebuilt(flat, wrapwidth) if flat is not None else parse(texts[index], wrapwidth)
    return results


def _flat(po: polib.POFile | None) -> Flat | None:
    if po is None:
        return None
    row = operator.itemgetter(*_FIELDS)
    return tuple(getattr(po, name) for name in _FILE_FIELDS), [row(e.__dict__) for e in po]


@without_gc
def _rebuilt(flat: Flat, wrapwidth: int) -> polib.POFile:
    head, rows = flat
    po = polib.POFile(wrapwidth=wrapwidth, encoding="utf-8")
    for name, value in zip(_FILE_FIELDS, head, strict=True):
        setattr(po, name, value)
    entries = []
    for r in rows:  # (one value per field of _FIELDS, in its order)
        entry = polib_entry(r[0], r[1], r[4], r[5], r[7], r[8], r[9], r[10], r[11], r[12], r[14])  # type: ignore[arg-type]
        if r[2] or r[3] or r[13] is not None:
            entry.msgid_plural, entry.msgstr_plural, entry.previous_msgid_plural = r[2], r[3], r[13]
        entries.append(entry)
    po.extend(entries)
    return po


__all__ = ["parse", "parse_many", "polib_entry"]
