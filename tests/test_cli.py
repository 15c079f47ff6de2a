"""The command line as users meet it: help, exit codes, JSON, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_stk

from toolkit import api
from toolkit.cli import build_parser, main


def test_help_explains_every_command() -> None:
    run = run_stk("--help")
    assert run.returncode == 0
    for command in ("init", "extract", "status"):
        assert command in run.stdout
    for command in ("init", "extract", "status"):
        sub = run_stk(command, "--help")
        assert sub.returncode == 0 and "usage: stk" in sub.stdout and len(sub.stdout) > 200


def test_usage_error_exits_2() -> None:
    run = run_stk("no-such-command")
    assert run.returncode == 2 and "invalid choice" in run.stderr


def test_arguments_map_to_options() -> None:
    args = build_parser().parse_args(["status", "--project", "p", "--lang", "fr,ar", "--lang", "es", "--json", "one", "two"])
    from toolkit.cli.common import langs

    assert args.project == Path("p") and args.json and args.slugs == ["one", "two"]
    assert langs(args) == ["fr", "ar", "es"]


def test_init_then_extract_then_status(tmp_path: Path) -> None:
    root = tmp_path / "new"
    run = run_stk("init", str(root))
    assert run.returncode == 0 and (root / "toolkit.toml").exists() and (root / "sources/example-statement.md").exists()
    assert run_stk("init", str(root)).returncode == 2  # never overwrites a project
    run = run_stk("extract", "--project", str(root))
    assert run.returncode == 0, run.stderr
    assert "wrote locales/fr/example-statement.po" in run.stdout
    run = run_stk("status", "--project", str(root), "--json")
    data = json.loads(run.stdout)
    assert run.returncode == 0
    assert {row["lang"] for row in data["statements"]} == {"fr", "es", "ar"}
    fr = next(r for r in data["statements"] if r["lang"] == "fr")
    counts = fr["counts"]
    assert counts["translated"] == 2 and counts["untranslated"] == counts["segments"] - 2  # the two names are pre-filled
    assert data["total"]["counts"]["segments"] == 3 * counts["segments"]


def test_python_dash_m_is_stk(tmp_path: Path) -> None:
    run = run_stk("--version")
    assert run.returncode == 0 and "statement-toolkit" in run.stdout


def test_unknown_statement_and_language_are_usage_errors(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--project", str(example), "no-such-slug"]) == 2
    assert "no statement named no-such-slug" in capsys.readouterr().err
    assert main(["status", "--project", str(example), "--lang", "de"]) == 2
    assert "--lang de: not a target language of this project" in capsys.readouterr().err


def test_status_table_on_example(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--project", str(example)]) == 0
    capsys.readouterr()
    assert main(["status", "--project", str(example), "--lang", "ar"]) == 0
    out = capsys.readouterr().out
    assert "us-sanctions-icc-2025" in out and "TOTAL" in out and " fr " not in out


def test_the_library_opens_a_project_from_a_string_path(example: Path) -> None:
    assert [s.slug for s in api.open_project(str(example)).statements] == [s.slug for s in api.open_project(example).statements]
