"""Reading one TOML table against its schema, collecting every problem instead of stopping at the first.

Each accessor validates one key, records an error (with the key's line) and returns the default when
the value is wrong, so that one run reports every mistake. Keys nobody asked for are warnings with a
did-you-mean; the same rule holds in every table.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from ..errors import ConfigError, Location, Notice, ToolkitError
from .lines import KeyLines

T = TypeVar("T")


class Problems:
    """What a load found: errors (the config is refused) and notices (it is used as far as it is valid)."""

    def __init__(self, file: str, lines: KeyLines) -> None:
        self.file = file
        self.lines = lines
        self.errors: list[ToolkitError] = []
        self.notices: list[Notice] = []

    def where(self, *path: str) -> Location:
        return Location(self.file, self.lines.line(*path))

    def error(self, path: Sequence[str], message: str) -> None:
        self.errors.append(ConfigError(message, self.where(*path)))

    def unknown(self, path: Sequence[str], key: str, known: Iterable[str], what: str = "key") -> None:
        close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        name = ".".join([*path, key])
        self.notices.append(Notice(self.where(*path, key), "config-unknown-key", f"unknown {what} {name} ignored{hint}"))


class TableReader:
    """One table of toolkit.toml (``[translate]``, ``[check.length]``...) read key by key."""

    def __init__(self, problems: Problems, path: tuple[str, ...], table: Any) -> None:
        self.problems = problems
        self.path = path
        self.name = ".".join(path)
        self.used: set[str] = set()
        if table is None:
            table = {}
        if not isinstance(table, Mapping):
            problems.error(path, f"[{self.name}] must be a table")
            table = {}
        self.table: Mapping[str, Any] = table

    def __contains__(self, key: str) -> bool:
        return key in self.table

    def error(self, key: str, message: str) -> None:
        self.problems.error((*self.path, key), message)

    def value(self, key: str, default: T, check: Callable[[Any], str | None], convert: Callable[[Any], T]) -> T:
        """``table[key]`` converted, when ``check`` finds nothing wrong, else the default (and ``check``'s
        message is recorded as an error)."""
        self.used.add(key)
        if key not in self.table:
            return default
        raw = self.table[key]
        problem = check(raw)
        if problem:
            self.error(key, problem)
            return default
        return convert(raw)

    def _must(self, key: str, problem: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
        """A check whose phrase (``must be a number``) becomes ``translate.beam_size must be a number, not 'x'``."""

        def check(value: Any) -> str | None:
            phrase = problem(value)
            return f"{self.name}.{key} {phrase}, not {value!r}" if phrase else None

        return check

    def text(self, key: str, default: str, *, required: bool = False) -> str:
        def check(v: Any) -> str | None:
            if not isinstance(v, str):
                return "must be text"
            return "must not be empty" if required and not v.strip() else None

        return self.value(key, default, self._must(key, check), lambda v: str(v).strip() if required else str(v))

    def choice(self, key: str, default: str, allowed: Sequence[str]) -> str:
        return self.value(key, default, self._must(key, lambda v: _not_in(v, allowed)), str)

    def integer(self, key: str, default: int, lowest: int, highest: int) -> int:
        def check(v: Any) -> str | None:
            if isinstance(v, bool) or not isinstance(v, int):
                return "must be an integer"
            return None if lowest <= v <= highest else f"must be from {lowest} to {highest}"

        return self.value(key, default, self._must(key, check), int)

    def number(self, key: str, default: float, lowest: float, highest: float) -> float:
        return self.value(key, default, self._must(key, lambda v: _number_problem(v, lowest, highest)), float)

    def strings(self, key: str, default: tuple[str, ...], allowed: Sequence[str] | None = None) -> tuple[str, ...]:
        def check(v: Any) -> str | None:
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                return f"{self.name}.{key} must be a list of strings, not {v!r}"
            bad = [x for x in v if allowed is not None and x not in allowed]
            if bad:
                return f"{self.name}.{key}: unknown {', '.join(map(repr, bad))} (known: {', '.join(allowed or ())})"
            return None

        return self.value(key, default, check, tuple)

    def mapping(self, key: str) -> Mapping[str, Any]:
        """A sub-table given inline or as its own ``[a.b]`` table, unvalidated (the caller reads its keys)."""
        return self.value(key, {}, self._must(key, lambda v: None if isinstance(v, Mapping) else "must be a table"), dict)

    def sub(self, key: str) -> TableReader:
        self.used.add(key)
        return TableReader(self.problems, (*self.path, key), self.table.get(key))

    def finish(self, known: Iterable[str] | None = None) -> None:
        """Warn about every key no accessor asked for."""
        known = list(known if known is not None else self.used)
        for key in self.table:
            if key not in self.used:
                self.problems.unknown(self.path, key, known)


def _not_in(value: Any, allowed: Sequence[str]) -> str | None:
    if isinstance(value, str) and value in allowed:
        return None
    return f"must be one of {', '.join(allowed)}"


def _number_problem(value: Any, lowest: float, highest: float) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "must be a number"
    return None if lowest <= value <= highest else f"must be from {lowest:g} to {highest:g}"
