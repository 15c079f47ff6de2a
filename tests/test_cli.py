"""The command line as users meet it: the help of every command and option, and a few real runs of the program.

What each command passes to the library is tests/test_cli_mapping.py's business (no subprocess). The
runs of ``python -m toolkit`` here are the few that only a real process shows: the interpreter
starting the package, the exit code, stdout and stderr exactly as a shell sees them.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import run_stk, stk

from toolkit import __version__, api
from toolkit.cli import build_parser


def commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser, str | None]]:
    """Every command and subcommand of ``parser`` (aliases once, under their first name), with the help its parent
    lists it with."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        listed = {choice.dest: choice.help for choice in action._choices_actions}
        seen: set[int] = set()
        for name, sub in action.choices.items():
            if id(sub) in seen:
                continue  # an alias (update = extract)
            seen.add(id(sub))
            yield (*path, name), sub, listed.get(name)
            yield from commands(sub, (*path, name))


ALL = list(commands(build_parser()))


def _flat(text: str) -> str:
    """Text without whitespace: argparse re-wraps help to the terminal's width (and may break at hyphens)."""
    return "".join(text.split())


def test_the_command_tree_is_the_one_documented() -> None:
    """Walking the parser finds every command, subcommands included: the help test below sees them all."""
    assert {" ".join(path) for path, _, _ in ALL} == {
        "import", "init", "extract", "status", "translate", "models", "models list", "models install",
        "build", "release", "check", "report", "tm", "tm export", "tm import",
    }  # fmt: skip


@pytest.mark.parametrize(("path", "parser", "listed"), ALL, ids=[" ".join(c[0]) for c in ALL])
def test_help_explains_every_command_and_option(
    path: tuple[str, ...], parser: argparse.ArgumentParser, listed: str | None
) -> None:
    assert listed and len(listed.split()) >= 3, f"`stk {' '.join(path[:-1])} --help` lists {path[-1]} without a summary"
    assert parser.description and len(parser.description.split()) >= 8, f"`stk {' '.join(path)} --help` has no description"
    text = parser.format_help()  # also fails on a help string argparse cannot format (a stray %)
    assert text.startswith(f"usage: stk {' '.join(path)} ")
    assert _flat(parser.description) in _flat(text)
    for action in parser._actions:
        if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
            continue  # argparse's own; each subcommand's summary is checked as its own command
        what = "/".join(action.option_strings) or action.metavar or action.dest
        assert action.help and action.help != argparse.SUPPRESS, f"stk {' '.join(path)}: {what} has no help"
        assert len(action.help.split()) >= 3, f"stk {' '.join(path)}: {what}: {action.help!r} explains nothing"
        assert _flat(action.help % vars(action)) in _flat(text)
        for option in action.option_strings:
            assert option in text
    # What the user types gets exactly that page, on stdout, exit 0.
    assert stk(*path, "--help") == (0, text, "")


def test_the_top_level_help_lists_every_command_and_alias() -> None:
    ran = stk("--help")
    assert ran.returncode == 0 and ran.stderr == ""
    for name in build_parser()._subparsers._group_actions[0].choices:  # type: ignore[union-attr]
        assert f"\n    {name}" in ran.stdout or f"({name})" in ran.stdout, name


# --- real runs of the program ------------------------------------------------------------------------------------------


def test_python_dash_m_toolkit_is_stk() -> None:
    run = run_stk("--version")
    assert (run.returncode, run.stdout, run.stderr) == (0, f"statement-toolkit {__version__}\n", "")


def test_a_usage_error_is_exit_2_with_the_usage_on_stderr() -> None:
    run = run_stk("no-such-command")
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.startswith("usage: stk ") and "invalid choice: 'no-such-command'" in run.stderr
    assert "Traceback" not in run.stderr


def test_init_then_extract_then_status(tmp_path: Path) -> None:
    root = tmp_path / "new"
    run = run_stk("init", str(root))
    assert run.returncode == 0 and run.stderr == ""
    assert f"created {root / 'toolkit.toml'}\n" in run.stdout and "next: set organisation" in run.stdout
    assert (root / "sources/example-statement.md").exists()
    again = run_stk("init", str(root))  # never overwrites a project
    assert (again.returncode, again.stdout) == (2, "") and len(again.stderr.splitlines()) == 1
    assert "toolkit.toml" in again.stderr and "Traceback" not in again.stderr
    run = run_stk("extract", "--project", str(root))
    assert run.returncode == 0 and run.stderr == "4 written, 0 unchanged\n"
    assert run.stdout.splitlines() == [
        "wrote locales/templates/example-statement.pot",
        *(f"wrote locales/{lang}/example-statement.po" for lang in ("fr", "es", "ar")),
    ]
    run = run_stk("status", "--project", str(root), "--json")
    assert run.returncode == 0 and run.stderr == ""
    data = json.loads(run.stdout)
    assert {row["lang"] for row in data["statements"]} == {"fr", "es", "ar"}
    fr = next(r for r in data["statements"] if r["lang"] == "fr")
    counts = fr["counts"]
    assert counts["translated"] == 2 and counts["untranslated"] == counts["segments"] - 2  # the two names are pre-filled
    assert data["total"]["counts"]["segments"] == 3 * counts["segments"]


# --- in this process ---------------------------------------------------------------------------------------------------


def test_unknown_statement_and_language_are_usage_errors(example: Path) -> None:
    ran = stk("status", "--project", str(example), "no-such-slug")
    assert (ran.returncode, ran.stdout) == (2, "") and "no statement named no-such-slug" in ran.stderr
    ran = stk("status", "--project", str(example), "--lang", "de")
    assert (ran.returncode, ran.stdout) == (2, "") and "--lang de: not a target language of this project" in ran.stderr


def test_status_table_on_example(example: Path) -> None:
    assert stk("extract", "--project", str(example)).returncode == 0
    ran = stk("status", "--project", str(example), "--lang", "ar")
    assert ran.returncode == 0
    assert "us-sanctions-icc-2025" in ran.stdout and "TOTAL" in ran.stdout and " fr " not in ran.stdout


def test_the_library_opens_a_project_from_a_string_path(example: Path) -> None:
    assert [s.slug for s in api.open_project(str(example)).statements] == [s.slug for s in api.open_project(example).statements]
