"""Helpers for tests: small projects, source text, snapshots, running `stk` as a user does."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import NamedTuple, NoReturn


def make_project(root: Path, sources: dict[str, str], config: str | None = None) -> Path:
    """A small project with the given sources (slug -> Markdown text)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "toolkit.toml").write_text(
        config or '[project]\nname = "Test"\nsource_language = "en"\ntarget_languages = ["fr", "es", "ar"]\n',
        encoding="utf-8",
    )
    (root / "sources").mkdir(exist_ok=True)
    for slug, text in sources.items():
        (root / "sources" / f"{slug}.md").write_text(text, encoding="utf-8")
    return root


def statement(body: str, title: str = "A title", **meta: str) -> str:
    """Markdown source text with valid front matter."""
    fields = {"title": title, "date": "2025-01-14", "kind": "statement", "author": "The Coalition", **meta}
    head = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return f"---\n{head}---\n\n{body}"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes: compare before/after to prove nothing changed."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run_stk(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess (exit code, stdout, stderr as a user sees them)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=600,
    )


class Ran(NamedTuple):
    """What a run of the command line showed: the same three fields as a finished subprocess."""

    returncode: int
    stdout: str
    stderr: str


def stk(*args: str) -> Ran:
    """Run the command line in this process: ``main(argv)`` with stdout and stderr captured.

    For tests of what a command does and says; :func:`run_stk` is for what only a real process shows
    (the interpreter starting, environment read at import time, signals). A usage error or ``--help``
    ends argparse with SystemExit: its code is the exit code, as in a process.
    """
    from toolkit.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    return Ran(code, out.getvalue(), err.getvalue())


def skip_or_fail(reason: str) -> NoReturn:
    """Skip a test whose outside tool is missing, except under ``make test`` (STK_REQUIRE_TOOLS=1),
    which installs every tool: there a missing one is a broken set-up and must not pass as a skip."""
    import pytest

    if os.environ.get("STK_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{reason}; `make test` should have installed it")
    pytest.skip(reason)
