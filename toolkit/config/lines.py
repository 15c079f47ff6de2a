"""Where each key of toolkit.toml is written, so that every message can name its line."""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_BARE = re.compile(r"[A-Za-z0-9_-]+")


def split_key(text: str) -> tuple[str, ...] | None:
    """A TOML key (``a.b``, ``"x.y".z``) as its parts; None when ``text`` does not start with one.

    >>> split_key('"https://a.org/x?y=1" = "z"')
    ('https://a.org/x?y=1',)
    >>> split_key("check . length")
    ('check', 'length')
    """
    parts: list[str] = []
    rest = text.strip()
    while rest:
        if rest[0] in "\"'":
            end = rest.find(rest[0], 1)
            if end < 0:
                return None
            parts.append(rest[1:end])
            rest = rest[end + 1 :].lstrip()
        else:
            match = _BARE.match(rest)
            if match is None:
                return None
            parts.append(match.group())
            rest = rest[match.end() :].lstrip()
        if not rest.startswith("."):
            break
        rest = rest[1:].lstrip()
    return tuple(parts) if parts else None


class KeyLines:
    """Key path -> 1-based line: tables (``("links", "fr")``) and keys (``("translate", "beam_size")``).

    >>> lines = KeyLines('[project]\\nname = "x"\\ndigits = { ar = "latn" }\\n[check.length]\\nmin_ratio = 0.2\\n')
    >>> lines.line("project", "name"), lines.line("check", "length", "min_ratio"), lines.line("project", "digits", "ar")
    (2, 5, 3)
    >>> lines.line("build") is None
    True
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        for number, line in enumerate(text.splitlines(), 1):
            header = _HEADER.match(line)
            if header:
                table = split_key(header.group(1)) or ()
                self._lines.setdefault(table, number)
                continue
            if "=" not in line or line.lstrip().startswith("#"):
                continue
            key = split_key(line.split("=", 1)[0] if line.lstrip()[:1] not in "\"'" else line)
            if key:
                self._lines.setdefault((*table, *key), number)

    def line(self, *path: str) -> int | None:
        """The line of ``path``, else of its closest enclosing key or table (an inline table's key is on its
        parent's line); None when nothing of it is written."""
        for end in range(len(path), 0, -1):
            found = self._lines.get(path[:end])
            if found is not None:
                return found
        return None
