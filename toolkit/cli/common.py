"""What every command shares: the project option, JSON output, tables, warnings, progress."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from ..workspace import Project


def add_project_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--project",
        "-p",
        metavar="DIR",
        type=Path,
        default=Path("."),
        help="project folder holding toolkit.toml (default: the current folder)",
    )


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON on stdout")


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        "-l",
        metavar="LANG",
        action="append",
        help="only this target language (repeatable, or comma-separated: --lang fr,ar)",
    )


def add_slugs_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slugs", nargs="*", metavar="STATEMENT", help="statement slugs (file names without .md); default: all")


def langs(args: argparse.Namespace) -> list[str] | None:
    values = getattr(args, "lang", None)
    if not values:
        return None
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def project(args: argparse.Namespace) -> Project:
    from ..api import open_project

    result = open_project(args.project)
    for notice in result.config.notices:
        warn(notice)
    return result


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``1 edition``, ``2 editions``, ``0 editions``.

    >>> counted(1, "edition"), counted(3, "entry", "entries")
    ('1 edition', '3 entries')
    """
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def warn(message: object) -> None:
    """One warning line on stderr: a :class:`~toolkit.errors.Notice` or any text."""
    print(f"warning: {message}", file=sys.stderr)


def print_json(value: Any, out: TextIO | None = None) -> None:
    json.dump(_jsonable(value), out or sys.stdout, ensure_ascii=False, indent=2, sort_keys=False)
    (out or sys.stdout).write("\n")


def _jsonable(value: Any) -> Any:
    """Results as JSON, in the one shape docs/json.md describes: a statement is ``statement`` (its slug),
    counts are :meth:`~toolkit.catalogs.Counts.as_json`, a warning is ``{file, line, code, message}``."""
    as_json = getattr(value, "as_json", None)
    if callable(as_json):
        return as_json()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            ("statement" if f.name == "slug" else f.name): _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)
        }
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], right: set[int] | None = None) -> str:
    """A plain-text table: columns padded, numbers right-aligned."""
    body = [[str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in body)) if body else len(h) for i, h in enumerate(headers)]
    right = right or set()

    def fmt(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    lines = [fmt(headers), fmt(["-" * w for w in widths])]
    lines.extend(fmt(r) for r in body)
    return "\n".join(lines)


class Progress:
    """A progress bar on stderr when it is a terminal; silent otherwise (CI logs, pipes)."""

    def __init__(self, label: str, enabled: bool | None = None) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=self.label, unit="seg", file=sys.stderr, leave=False, dynamic_ncols=True)
        self._bar.total = total
        self._bar.n = done
        self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Callable[[int, int], None]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
