"""What GNU ``msgfmt -c`` refuses: checked by the toolkit's own rules, and by msgfmt itself where installed.

A catalog GNU rejects must never be released: Poedit, Weblate and every gettext-based program
read PO files the way msgfmt does. :func:`own_rules` needs no tool and covers what a translator's
file can get wrong -- a byte-order mark, no header entry, a Plural-Forms msgfmt cannot evaluate,
plural forms in the wrong number, a ``\\n`` at one end of the msgstr but not of the msgid.
:func:`msgfmt_problems` runs GNU msgfmt when it is installed, for everything else it knows
(format strings, header details).

The plural expression is parsed with GNU's grammar (``plural.y``: ``?:``, ``||``, ``&&``, ``==``
``!=``, ``<`` ``>`` ``<=`` ``>=``, ``+`` ``-``, ``*`` ``/`` ``%``, ``!``, ``n``, integers,
parentheses) and evaluated as gettext's ``check_plural_eval`` does: in unsigned long arithmetic,
for n from 0 to 1000.

>>> plural_problem("nplurals=2; plural=(n > 1);"), plural_problem("nplurals=2; plural=n%3;")
('', 'nplurals = 2 but the plural expression can produce values as large as 2')
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import polib

from ..languages import plural_forms
from . import pofile

Problem = tuple[int | None, str]
"""(1-based line or None for the whole file, message)."""

_ULONG = 2**64
_MAX_TOKENS = 200
_MAX_DEPTH = 20
"""Longer or deeper expressions are refused, never a RecursionError (the longest real one, Arabic's,
has about 60 tokens and 2 levels of parentheses)."""


def own_rules(data: bytes, text: str, po: polib.POFile, lang: str) -> list[Problem]:
    """Everything the toolkit checks itself that ``msgfmt -c`` refuses."""
    problems: list[Problem] = []
    if data.startswith(codecs.BOM_UTF8):
        problems.append(
            (
                1,
                "the file starts with a byte-order mark (U+FEFF), which GNU msgfmt refuses: "
                "save it as UTF-8 without one (`stk extract` does)",
            )
        )
    if not has_header(po):
        problems.append((None, 'no header entry (msgid ""), which GNU msgfmt refuses: `stk extract` writes one'))
        return problems
    value = po.metadata.get("Plural-Forms")
    nplurals = 2
    if value is not None:
        problem = plural_problem(value)
        if problem:
            suggestion = f" (for {lang}: {plural_forms(lang)})" if problem.startswith("invalid plural expression") else ""
            problems.append((pofile.header_line(text, "Plural-Forms"), f"Plural-Forms: {problem}{suggestion}"))
            return problems
        nplurals = int(_NPLURALS.search(value).group(1))  # type: ignore[union-attr]
    lines = text.split("\n")
    for entry in po:
        if entry.obsolete or entry.fuzzy or not entry.msgid:
            continue
        where = pofile.msgid_line(entry, lines)
        if entry.msgid_plural:
            if value is None:
                problems.append((where, "a plural entry, but the header has no Plural-Forms (GNU msgfmt refuses it)"))
            elif len(entry.msgstr_plural) != nplurals:
                problems.append((where, f"nplurals = {nplurals} in the header, but this entry has {len(entry.msgstr_plural)}"))
        problems.extend((where, message) for message in _newline_problems(entry))
    return problems


def has_header(po: polib.POFile) -> bool:
    """Whether the file has a header entry (polib leaves ``metadata_is_fuzzy`` at 0 when it has none)."""
    return isinstance(po.metadata_is_fuzzy, list)


def _newline_problems(entry: polib.POEntry) -> list[str]:
    """GNU's check_pair: translations begin and end with ``\\n`` exactly when the msgid does."""
    translations = [s for _, s in sorted(entry.msgstr_plural.items())] if entry.msgid_plural else [entry.msgstr]
    if not translations or not translations[0]:
        return []  # untranslated: msgfmt leaves it out before checking
    found: list[str] = []
    others = [entry.msgid_plural] if entry.msgid_plural else []
    for end in ("begin", "end"):

        def test(text: str, end: str = end) -> bool:
            return text.startswith("\n") if end == "begin" else text.endswith("\n")

        want = test(entry.msgid)
        if any(test(s) != want for s in [*others, *translations]):
            found.append(f"'msgid' and 'msgstr' do not both {end} with '\\n' (GNU msgfmt refuses it)")
    return found


# --- Plural-Forms ----------------------------------------------------------------------------

_NPLURALS = re.compile(r"nplurals=[ \t]*([0-9]+)")
_TOKEN = re.compile(r"[ \t]*(?:([0-9]+)|(==|!=|<=|>=|&&|\|\||[-+*/%<>!?:()n]))")

Node = Callable[[int], int]


class _Invalid(Exception):
    pass


class _DivisionByZero(Exception):
    pass


@lru_cache(maxsize=64)  # every catalog of a language has the same header value: evaluated 1001 times once
def plural_problem(value: str) -> str:
    """Why GNU msgfmt -c refuses the Plural-Forms header value ``value`` ('' when it does not)."""
    if "nplurals=" in value and not _NPLURALS.search(value):
        return f"invalid nplurals value {value.split('nplurals=', 1)[1].split(';')[0].strip()!r}"
    nplurals_match = _NPLURALS.search(value)
    plural_at = value.find("plural=", value.find("nplurals=") + 9 if "nplurals=" in value else 0)
    if nplurals_match is None or plural_at < 0:
        return "it must read nplurals=INTEGER; plural=EXPRESSION;"
    nplurals = int(nplurals_match.group(1))
    source = re.split(r"[;\n]", value[plural_at + 7 :], maxsplit=1)[0]
    try:
        evaluate = _parse(source)
    except _Invalid:
        return f"invalid plural expression {source.strip()!r}"
    try:
        for n in range(1001):
            result = evaluate(n)
            if result >= 2**63:
                return "the plural expression can produce negative values"
            if result >= nplurals:
                return f"nplurals = {nplurals} but the plural expression can produce values as large as {result}"
    except _DivisionByZero:
        return "the plural expression can divide by zero"
    return ""


def _parse(source: str) -> Node:
    tokens: list[str] = []
    position = 0
    while position < len(source.rstrip(" \t")):
        match = _TOKEN.match(source, position)
        if match is None:
            raise _Invalid(source)
        tokens.append(match.group(1) or match.group(2))
        position = match.end()
    depth = deepest = 0
    for token in tokens:
        depth += {"(": 1, ")": -1}.get(token, 0)
        deepest = max(deepest, depth)
    if not tokens or len(tokens) > _MAX_TOKENS or deepest > _MAX_DEPTH:
        raise _Invalid(source)
    parser = _Parser(tokens)
    node = parser.ternary()
    if parser.at < len(tokens):
        raise _Invalid(source)
    return node


_BINARY: list[dict[str, Callable[[int, int], int]]] = [
    {"==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b)},
    {"<": lambda a, b: int(a < b), ">": lambda a, b: int(a > b), "<=": lambda a, b: int(a <= b), ">=": lambda a, b: int(a >= b)},
    {"+": lambda a, b: (a + b) % _ULONG, "-": lambda a, b: (a - b) % _ULONG},
    {"*": lambda a, b: (a * b) % _ULONG, "/": lambda a, b: _divide(a, b) // b, "%": lambda a, b: _divide(a, b) % b},
]


def _divide(a: int, b: int) -> int:
    if b == 0:
        raise _DivisionByZero
    return a


class _Parser:
    """Recursive descent over GNU's plural.y grammar, with its precedences."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> str:
        return self.tokens[self.at] if self.at < len(self.tokens) else ""

    def take(self, token: str) -> None:
        if self.peek() != token:
            raise _Invalid(token)
        self.at += 1

    def ternary(self) -> Node:
        condition = self.logical("||")
        if self.peek() != "?":
            return condition
        self.take("?")
        yes = self.ternary()
        self.take(":")
        no = self.ternary()
        return lambda n: yes(n) if condition(n) else no(n)

    def logical(self, operator: str) -> Node:
        left = self._logical_operand(operator)
        while self.peek() == operator:
            self.take(operator)
            right = self._logical_operand(operator)
            left = _or(left, right) if operator == "||" else _and(left, right)
        return left

    def _logical_operand(self, operator: str) -> Node:
        return self.logical("&&") if operator == "||" else self.binary(0)

    def binary(self, level: int) -> Node:
        if level == len(_BINARY):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in _BINARY[level]:
            op = _BINARY[level][self.tokens[self.at]]
            self.at += 1
            right = self.binary(level + 1)
            left = _apply(op, left, right)
        return left

    def unary(self) -> Node:
        token = self.peek()
        self.at += 1
        if token == "!":
            inner = self.unary()
            return lambda n: int(inner(n) == 0)
        if token == "n":
            return lambda n: n
        if token.isdigit():
            value = int(token) % _ULONG
            return lambda n: value
        if token == "(":
            inner = self.ternary()
            self.take(")")
            return inner
        raise _Invalid(token)


def _or(left: Node, right: Node) -> Node:
    return lambda n: int(bool(left(n)) or bool(right(n)))


def _and(left: Node, right: Node) -> Node:
    return lambda n: int(bool(left(n)) and bool(right(n)))


def _apply(op: Callable[[int, int], int], left: Node, right: Node) -> Node:
    return lambda n: op(left(n), right(n))


# --- GNU msgfmt itself ------------------------------------------------------------------------

_MSGFMT_LINE = re.compile(r"^<stdin>:(\d+)(?::\d+)?: (.*)$")


def msgfmt_problems(data: bytes) -> list[Problem]:
    """What ``msgfmt -c`` reports as errors in ``data`` (nothing when GNU gettext is not installed).

    The verdict is a function of the bytes and of the msgfmt program alone, so it is remembered
    (:func:`_verdict_file`): a catalog nobody changed since the last run is not handed to msgfmt again.
    """
    exe = shutil.which("msgfmt")
    if exe is None:
        return []
    remembered = _verdict_file(exe, data)
    if remembered is not None:
        try:
            kept = [(line, message) for line, message in json.loads(remembered.read_bytes())]
            if all(isinstance(line, int | None) and isinstance(message, str) for line, message in kept):
                return kept
        except (OSError, ValueError, TypeError):
            pass  # absent, cut short by a crash, or not a verdict: ask msgfmt
    try:
        run = subprocess.run([exe, "-c", "-o", os.devnull, "-"], input=data, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return []
    problems: list[Problem] = []
    if run.returncode != 0:
        for line in run.stderr.decode("utf-8", "replace").splitlines():
            match = _MSGFMT_LINE.match(line)
            if match and "warning:" not in match.group(2):
                problems.append((int(match.group(1)), f"GNU msgfmt -c: {match.group(2).strip()}"))
        if not problems:
            last = [line for line in run.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
            problems.append((None, f"GNU msgfmt -c refuses the file: {' '.join(last[-2:]).strip()}"))
    if remembered is not None:
        _remember(remembered, json.dumps(problems).encode("utf-8"))
    return problems


_KEPT_VERDICTS = 4000
"""Verdict files kept (about 60 bytes each); beyond, the oldest half goes."""


def _verdict_file(exe: str, data: bytes) -> Path | None:
    """Where msgfmt's verdict on ``data`` is kept: named by a hash of the bytes and of the program
    (its path, size and modification time: an upgraded gettext is another program).

    In ``$STK_CACHE_DIR`` (empty: remember nothing), else ``$XDG_CACHE_HOME/statement-toolkit``,
    else ``~/.cache/statement-toolkit``.
    """
    folder = os.environ.get("STK_CACHE_DIR")
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "statement-toolkit")
    if not folder:
        return None
    try:
        program = os.stat(exe)
    except OSError:
        return None
    key = hashlib.sha256(f"msgfmt-c 1\0{exe}\0{program.st_size}\0{program.st_mtime_ns}\0".encode() + data).hexdigest()
    return Path(folder, "msgfmt", f"{key}.json")


def _remember(path: Path, verdict: bytes) -> None:
    """Keep a verdict (best effort: a read-only home or a full disk only costs the next run a msgfmt)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(verdict)
        os.replace(tmp, path)
        if not path.name.startswith("00"):
            return  # the folder is counted on one write in 256
        kept = list(path.parent.glob("*.json"))
        if len(kept) > _KEPT_VERDICTS:
            kept.sort(key=lambda p: p.stat().st_mtime)
            for old in kept[: len(kept) // 2]:
                old.unlink(missing_ok=True)
    except OSError:
        pass


__all__ = ["Problem", "has_header", "msgfmt_problems", "own_rules", "plural_problem"]
