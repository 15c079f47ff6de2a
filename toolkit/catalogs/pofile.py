"""Reading PO files strictly, and writing them reproducibly.

polib is the reader and writer, but it is lenient where a translator's
hand-broken file needs a precise error: it silently shortens an unterminated
string, and it reports a missing msgstr two lines too late. So every file is
first checked by :func:`check_syntax`, a small state machine over the PO
grammar that reports what GNU msgfmt reports, at the same 1-based line; only a
file that passes is handed to polib.

One line rule: the PO grammar ends lines at ``\n`` only, as GNU gettext,
Babel and translate-toolkit read it. polib splits its input with
``str.splitlines()``, which also breaks at U+2028, U+2029, U+0085, \x1c-\x1e,
\v, \f and a lone \r -- characters pasted from Word and web pages into a
msgstr. :func:`parse` hands polib a text where those are stand-ins
(:func:`toolkit.characters.shield`) and puts them back in every string read.
Writing keeps them raw (U+2028 has no PO escape; msgfmt accepts them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import polib

from .. import characters
from ..errors import CatalogError, CharsetError, Location
from ..languages import same_language
from . import poparse, porender

WRAP_WIDTH = 79
"""GNU gettext's width, so that msgmerge/msgcat and the toolkit wrap alike."""

_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(.*)$")
_CHARSET = re.compile(r"charset\s*=\s*([^;\s]+)", re.IGNORECASE)
_STRING = re.compile(r'^"((?:[^"\\]++|\\.)*+)"\s*$')
"""A C string literal; possessive runs, so that a long line is matched in a few steps and never backtracked."""
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = set('\\"ntrbfv')
"""Escapes GNU gettext and polib decode alike (\\a, octal and \\x escapes: GNU decodes them, polib keeps them as text)."""


def _string_error(text: str) -> str | None:
    """Why ``text`` is not one complete C string literal, or None if it is."""
    if not text.startswith('"'):
        return "expected a string in double quotes"
    match = _STRING.match(text)
    if match is None:
        body = text[1:]
        if re.match(r'^(?:[^"\\]|\\.)*\\?$', body.rstrip()):
            return 'end-of-line within string (a closing " is missing)'
        return 'unescaped " inside a string (write \\")'
    body = match.group(1)
    for esc in _ESCAPE.findall(body) if "\\" in body else ():
        if esc in "a01234567x":
            return f"escape sequence \\{esc}... is read differently by PO tools: write the character itself"
        if esc not in _ESCAPES:
            return f"invalid escape sequence \\{esc}"
    return None


def check_syntax(text: str, path: str) -> None:
    """Raise CatalogError at the first line that breaks the PO grammar."""
    state = "start"  # start | ctxt | id | plural | str
    seen: dict[tuple[str | None, str, bool], int] = {}
    entry_start = 0
    ctxt: str | None = None
    msgid_parts: list[str] = []
    obsolete_entry = False

    def fail(line: int, message: str) -> CatalogError:
        return CatalogError(message, Location(path, line))

    def close_entry(line: int) -> None:
        nonlocal state, ctxt, msgid_parts
        if state in ("id", "plural", "ctxt"):
            raise fail(entry_start, "missing 'msgstr' section")
        if state == "str":
            key = (ctxt, "".join(msgid_parts), obsolete_entry)
            if key in seen and not obsolete_entry:
                raise fail(entry_start, f"duplicate message definition (first defined at line {seen[key]})")
            seen.setdefault(key, entry_start)
        state, ctxt, msgid_parts = "start", None, []

    lines = text.split("\n")
    after_comment = False
    for number, raw in enumerate(lines, 1):
        line = raw.strip(" \t\r\f\v")
        if line.startswith('"') and after_comment and state != "start":
            raise fail(number, "a string after a comment line: a comment cannot sit inside an entry")
        after_comment = line.startswith("#") and not line.startswith("#~")
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if line.startswith("|"):  # previous msgid of an obsolete entry: a comment
                continue
        elif line.startswith("#") or not line:
            if state != "start" and state != "str" and line:
                raise fail(entry_start, "missing 'msgstr' section")
            if not line and state == "str":
                close_entry(number)
            if line.startswith("#|"):
                _check_previous(line[2:].strip(), number, fail)
            continue
        if not line:
            continue
        keyword = _KEYWORD.match(line)
        if keyword:
            word, _index, rest = keyword.groups()
            problem = _string_error(rest)
            if problem:
                raise fail(number, problem)
            value = _STRING.match(rest).group(1)  # type: ignore[union-attr]
            if word == "msgctxt":
                if state == "str":
                    close_entry(number)
                if state != "start":
                    raise fail(number, "msgctxt must start an entry")
                state, ctxt, entry_start, obsolete_entry = "ctxt", value, number, obsolete
            elif word == "msgid":
                if state == "str":
                    close_entry(number)
                if state == "id":
                    raise fail(entry_start, "missing 'msgstr' section")
                if state == "start":
                    entry_start, obsolete_entry = number, obsolete
                state, msgid_parts = "id", [value]
            elif word == "msgid_plural":
                if state != "id":
                    raise fail(number, "msgid_plural without msgid")
                state = "plural"
            else:  # msgstr / msgstr[N]
                if state not in ("id", "plural", "str"):
                    raise fail(number, "msgstr without msgid")
                if state == "plural" and _index is None:
                    raise fail(number, "after msgid_plural the translations are msgstr[0], msgstr[1]...")
                if state == "id" and _index is not None:
                    raise fail(entry_start, "missing 'msgid_plural' section (msgstr[N] is for plural entries)")
                state = "str"
            continue
        if line.startswith('"'):
            problem = _string_error(line)
            if problem:
                raise fail(number, problem)
            if state == "start":
                raise fail(number, "string without a keyword (msgid or msgstr) before it")
            if state == "id":
                msgid_parts.append(_STRING.match(line).group(1))  # type: ignore[union-attr]
            continue
        words = line.split()
        if not words:  # U+2028, a no-break space...: invisible, and a line of its own to every reader but GNU's
            raise fail(number, f"a line holding only {characters.describe(line[0])} (delete it, or join it to the line above)")
        raise fail(number, f'keyword {words[0]!r} unknown (a line must start with #, msgid, msgstr or ")')
    close_entry(len(lines))


def _check_previous(rest: str, number: int, fail: Callable[[int, str], CatalogError]) -> None:
    match = re.match(r"^(msgctxt|msgid_plural|msgid)?\s*(.*)$", rest)
    if match and match.group(2):
        problem = _string_error(match.group(2))
        if problem:
            raise fail(number, f"in the previous msgid (#|): {problem}")


def decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CatalogError("not valid UTF-8 (the toolkit writes and reads UTF-8 only)", Location(path, line)) from None


def parse(text: str, path: str) -> polib.POFile:
    """Parse PO text that :func:`check_syntax` accepts, lines ending at ``\\n`` only."""
    po = poparse.parse(text, WRAP_WIDTH)
    if po is None:
        po = _parse_strictly(text, path)
    _check_charset(po, text, path)
    return po


def parse_many(texts: Sequence[tuple[str, str]]) -> list[polib.POFile | CatalogError]:
    """:func:`parse` of each (text, path), with the error of each file that has one in its place.

    Large files are read on two cores (:func:`.poparse.parse_many`)."""
    fast = poparse.parse_many([text for text, _ in texts], WRAP_WIDTH)
    results: list[polib.POFile | CatalogError] = []
    for po, (text, path) in zip(fast, texts, strict=True):
        try:
            if po is None:
                po = _parse_strictly(text, path)
            _check_charset(po, text, path)
            results.append(po)
        except CatalogError as exc:
            results.append(exc)
    return results


def _parse_strictly(text: str, path: str) -> polib.POFile:
    """The grammar check, then polib: for the files :mod:`.poparse` leaves to them (and every broken one)."""
    check_syntax(text, path)
    shielded, back = characters.shield(text)
    if "\n" not in shielded:
        shielded += "\n"  # polib treats a one-line argument as a path
    try:
        po = polib.pofile(shielded, encoding="utf-8", wrapwidth=WRAP_WIDTH)
    except (OSError, ValueError) as exc:
        found = re.search(r"\(line (\d+)\)(?::\s*(.*))?", str(exc))
        line = int(found.group(1)) if found else None
        why = found.group(2) if found and found.group(2) else "syntax error"
        raise CatalogError(f"unreadable PO file: {why}", Location(path, line)) from None
    _unshield(po, back)
    return po


def _check_charset(po: polib.POFile, text: str, path: str) -> None:
    content_type = po.metadata.get("Content-Type")
    if content_type is not None:
        declared = _CHARSET.search(content_type)
        charset = declared.group(1) if declared else ""
        if charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
            said = f"charset={charset}" if charset else "no charset"
            raise CharsetError(
                f"the header's Content-Type says {said}: the toolkit reads and writes UTF-8 only "
                "(write 'text/plain; charset=UTF-8')",
                Location(path, header_line(text, "Content-Type")),
            )


def _unshield(po: polib.POFile, back: dict[str, str]) -> None:
    """Put the characters :func:`toolkit.characters.shield` stood in for back into every string polib read."""
    if not back:
        return

    def fix(value: str | None) -> str | None:
        return characters.unshield(value, back) if value else value

    for entry in po:
        for name in ("msgid", "msgstr", "msgctxt", "msgid_plural", "comment", "tcomment"):
            setattr(entry, name, fix(getattr(entry, name)))
        for name in ("previous_msgid", "previous_msgid_plural", "previous_msgctxt"):
            setattr(entry, name, fix(getattr(entry, name)))
        entry.msgstr_plural = {k: fix(v) for k, v in entry.msgstr_plural.items()}
        entry.occurrences = [(fix(f), fix(n)) for f, n in entry.occurrences]
        entry.flags = [fix(f) for f in entry.flags]
    po.header = fix(po.header)
    po.metadata = {fix(k): fix(v) for k, v in po.metadata.items()}


def read(path: Path, shown: str) -> polib.POFile:
    """Read and parse the PO or POT file at ``path``; ``shown`` names it in errors."""
    return parse(decode(path.read_bytes(), shown), shown)


def render(po: polib.POFile) -> bytes:
    po.wrapwidth = WRAP_WIDTH
    return porender.render(po).encode("utf-8")


def msgid_line(entry: polib.POEntry, lines: list[str]) -> int:
    """The 1-based line of the entry's msgid (polib's ``linenum`` is its first comment line)."""
    number = int(entry.linenum)
    for index in range(max(number - 1, 0), len(lines)):  # no slice: a copy of the rest of the file per entry
        if lines[index].lstrip("#~ ").startswith("msgid "):
            return index + 1
    return number


def header_line(text: str, field: str) -> int | None:
    """1-based line of a header field in PO text (for messages)."""
    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith(f'"{field}:'):
            return number
    return None


def check_language(po: polib.POFile, lang: str, shown: str, text: str) -> None:
    """A catalog in ``locales/fr/`` must not declare another language in its header."""
    declared = po.metadata.get("Language", "").strip()
    if not declared:
        return
    if not same_language(declared, lang):
        raise CatalogError(
            f"header declares Language: {declared}, but the file is in the folder for {lang}",
            Location(shown, header_line(text, "Language")),
        )
