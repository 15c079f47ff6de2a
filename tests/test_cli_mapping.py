"""The command line as an argument mapper: every command's arguments, and exactly what reaches ``toolkit.api``.

No subprocess and no project on disk: each test parses a command line with the real parser, runs
its handler through :func:`toolkit.cli.main`, and replaces the one api function the command calls
with ``unittest.mock.create_autospec`` (as MkDocs tests its CLI). Autospec keeps the real
signature, so a handler that passes an argument the api function does not take, or misses one it
requires, fails here. The call is bound to the real signature with its defaults applied, so each
test states every argument the library receives, not only the ones the command line set.

What the api does with those arguments is tested elsewhere; the few real runs of the program
(exit codes, stdout and stderr as a user sees them) are in tests/test_cli.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest import mock

import pytest

from toolkit import api
from toolkit.catalogs import Counts
from toolkit.checks import CheckReport
from toolkit.checks.status import StatusResult, StatusRow
from toolkit.cli import build_parser, main
from toolkit.cli.common import Progress
from toolkit.drafting.packages import Installed, InstalledModel
from toolkit.drafting.pretranslate import TranslateResult
from toolkit.drafting.report import Report
from toolkit.drafting.tmx_exchange import ExportResult, ImportResult
from toolkit.publishing.build import BuildResult
from toolkit.publishing.release import ReleaseResult
from toolkit.scaffold import InitResult
from toolkit.sources.import_files import ImportSourcesResult
from toolkit.sources.importing import ImportOptions

PROJECT = SimpleNamespace(config=SimpleNamespace(notices=()))
"""What the patched ``api.open_project`` returns: handlers only pass it on (and print its config's warnings)."""


@dataclass
class Api:
    """The patched api of one test: which functions were called, and with what."""

    fakes: dict[str, mock.Mock] = field(default_factory=dict)

    def called(self) -> list[str]:
        return sorted(name for name, fake in self.fakes.items() if fake.called)

    def args(self, name: str) -> dict[str, Any]:
        """Every parameter of ``api.<name>`` as the one call bound it, defaults included."""
        fake = self.fakes[name]
        fake.assert_called_once()
        real = getattr(_REAL, name)
        bound = inspect.signature(real).bind(*fake.call_args.args, **fake.call_args.kwargs)
        bound.apply_defaults()
        return dict(bound.arguments)


class IsA:
    """Equal to any instance of ``kind`` (an argument whose identity the command line makes up)."""

    def __init__(self, kind: type) -> None:
        self.kind = kind

    def __eq__(self, other: object) -> bool:
        return isinstance(other, self.kind)

    def __repr__(self) -> str:
        return f"IsA({self.kind.__name__})"


_REAL = SimpleNamespace(**{name: getattr(api, name) for name in api.__all__ if callable(getattr(api, name))})

# What each patched function returns: a real, empty result, so that the handler's output code runs too.
RESULTS: dict[str, Callable[[], Any]] = {
    "open_project": lambda: PROJECT,
    "init": lambda: InitResult(Path("d"), ["toolkit.toml"]),
    "import_sources": lambda: ImportSourcesResult(),
    "extract": lambda: api.ExtractResult(written=["locales/fr/s.po"]),
    "status": lambda: StatusResult([StatusRow("s", "fr", Counts(), "locales/fr/s.po")]),
    "translate": lambda: TranslateResult("pseudo", False),
    "models_list": lambda: (Path("packages"), []),
    "models_list_servers": lambda: [],
    "models_install": lambda: [Installed(InstalledModel(Path("m"), "m", "en", "fr", "1.0"))],
    "models_install_online": lambda: [],
    "check": lambda: CheckReport(),
    "report": lambda: Report([], dt.datetime(2025, 1, 1, tzinfo=dt.UTC)),
    "report_html": lambda: True,
    "export_tmx": lambda: ExportResult("out.tmx", True, {"fr": 3}),
    "import_tmx": lambda: ImportResult("in.tmx", "tm/in.tmx", True, {"fr": 3}),
    "build": lambda: BuildResult(),
    "release": lambda: ReleaseResult("r", "output/releases/r", "output/releases/r/r.zip"),
}


@pytest.fixture
def fake_api(monkeypatch: pytest.MonkeyPatch) -> Iterator[Api]:
    """Every api function a command may call, autospecced; none touches the disk."""
    patched = Api()
    for name, result in RESULTS.items():
        fake = mock.create_autospec(getattr(api, name), return_value=result())
        monkeypatch.setattr(api, name, fake)
        patched.fakes[name] = fake
    yield patched


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# --- one table: each command line, the api function it calls, and every argument that reaches it ----------------------

CASES: list[tuple[list[str], str, dict[str, Any]]] = [
    (["init", "new"], "init", {"root": Path("new"), "name": None}),
    (["init", "new", "--name", "Spring statements"], "init", {"root": Path("new"), "name": "Spring statements"}),
    (
        ["import", "letter.docx"],
        "import_sources",
        {"root": Path("."), "inputs": ["letter.docx"], "options": ImportOptions(), "force": False, "dry_run": False},
    ),
    (
        [
            "import", "letter.docx", "https://example.org/news/a.html", "--project", "p", "--kind", "joint letter",
            "--date", "2025-02-07", "--date-order", "mdy", "--title", "T", "--author", "A", "--place", "The Hague",
            "--no-names", "--force", "--dry-run",
        ],
        "import_sources",
        {
            "root": Path("p"),
            "inputs": ["letter.docx", "https://example.org/news/a.html"],  # a URL is an input like a file
            "options": ImportOptions(
                None, "joint letter", dt.date(2025, 2, 7), "mdy", "T", "A", "The Hague", names=False
            ),
            "force": True,
            "dry_run": True,
        },
    ),
    (
        ["import", "page.html", "--slug", "shield", "--json"],
        "import_sources",
        {"root": Path("."), "inputs": ["page.html"], "options": ImportOptions(slug="shield"), "force": False, "dry_run": False},
    ),
    (["extract"], "extract", {"project": PROJECT, "slugs": None}),
    (["extract", "-p", "p", "one", "two"], "extract", {"project": PROJECT, "slugs": ["one", "two"]}),
    (["update", "--json", "one"], "extract", {"project": PROJECT, "slugs": ["one"]}),
    (["status"], "status", {"project": PROJECT, "langs": None, "slugs": None}),
    (
        ["status", "--lang", "fr,ar", "-l", " es , ", "--json", "one", "two"],
        "status",
        {"project": PROJECT, "langs": ["fr", "ar", "es"], "slugs": ["one", "two"]},
    ),
    (
        ["translate"],
        "translate",
        {
            "project": PROJECT, "langs": None, "slugs": None,
            "engine": None, "device": None, "dry_run": False, "progress": IsA(Progress), "urls": None, "threads": None,
        },
    ),
    (
        ["translate", "--url", "http://a:1", "--url", "http://b:2"],
        "translate",
        {
            "project": PROJECT, "langs": None, "slugs": None,
            "engine": None, "device": None, "dry_run": False, "progress": IsA(Progress),
            "urls": ["http://a:1", "http://b:2"], "threads": None,
        },
    ),
    (
        ["translate", "--engine", "pseudo", "--device", "cpu", "--dry-run", "--lang", "fr,es", "--json", "one"],
        "translate",
        {
            "project": PROJECT, "langs": ["fr", "es"], "slugs": ["one"],
            "engine": "pseudo", "device": "cpu", "dry_run": True, "progress": IsA(Progress), "urls": None, "threads": None,
        },
    ),
    (
        ["translate", "--threads", "1"],
        "translate",
        {
            "project": PROJECT, "langs": None, "slugs": None,
            "engine": None, "device": None, "dry_run": False, "progress": IsA(Progress), "urls": None, "threads": 1,
        },
    ),
    (["models", "list"], "models_list", {}),
    (["models", "list", "--json"], "models_list", {}),
    (["models", "list", "--engine", "libretranslate", "--url", "http://a:1"], "models_list_servers",
     {"project": None, "urls": ["http://a:1"]}),
    (["models", "install", "a.argosmodel", "b.argosmodel"], "models_install",
     {"paths": [Path("a.argosmodel"), Path("b.argosmodel")]}),
    (["models", "install", "--online", "fr", "es", "--json"], "models_install_online", {"langs": ["fr", "es"], "source": "en"}),
    (["build"], "build", {"project": PROJECT, "langs": None, "slugs": None, "formats": None, "fallback": None}),
    (
        ["build", "--lang", "en,ar", "--format", " html, DOCX ,", "--fallback", "source", "--json", "one"],
        "build",
        {"project": PROJECT, "langs": ["en", "ar"], "slugs": ["one"], "formats": ["html", "docx"], "fallback": "source"},
    ),
    (
        ["release"],
        "release",
        {
            "project": PROJECT, "name": None, "langs": None, "slugs": None,
            "allow_draft": False, "fallback": None, "force": False, "formats": None,
        },
    ),
    (
        [
            "release", "--name", "spring", "-l", "fr", "--allow-draft", "--force", "-f", "docx,pdf",
            "--fallback", "draft", "--json", "s", "t",
        ],
        "release",
        {
            "project": PROJECT, "name": "spring", "langs": ["fr"], "slugs": ["s", "t"],
            "allow_draft": True, "fallback": "draft", "force": True, "formats": ["docx", "pdf"],
        },
    ),
    (["check"], "check", {"project": PROJECT, "langs": None, "slugs": None, "release": False}),
    (
        ["check", "--lang", "es", "--release", "--strict", "--json", "one"],
        "check",
        {"project": PROJECT, "langs": ["es"], "slugs": ["one"], "release": True},
    ),
    (["report"], "report", {"project": PROJECT, "langs": None, "slugs": None}),
    (["report", "--lang", "fr", "--json", "one"], "report", {"project": PROJECT, "langs": ["fr"], "slugs": ["one"]}),
    (["tm", "export", "out.tmx"], "export_tmx", {"project": PROJECT, "path": Path("out.tmx"), "langs": None}),
    (
        ["tm", "export", "out.tmx", "-p", "p", "--lang", "fr,es", "--json"],
        "export_tmx",
        {"project": PROJECT, "path": Path("out.tmx"), "langs": ["fr", "es"]},
    ),
    (["tm", "import", "in.tmx"], "import_tmx", {"project": PROJECT, "path": Path("in.tmx"), "replace": False}),
    (["tm", "import", "in.tmx", "--replace", "--json"], "import_tmx",
     {"project": PROJECT, "path": Path("in.tmx"), "replace": True}),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "function", "expected"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_each_command_line_reaches_the_api_as(
    fake_api: Api, capsys: pytest.CaptureFixture[str], argv: list[str], function: str, expected: dict[str, Any]
) -> None:
    code, out, _ = run(argv, capsys)
    assert code == 0
    assert fake_api.args(function) == expected
    # One library call per command (open_project aside), and the project opened is the one named.
    assert set(fake_api.called()) - {"open_project"} == {function}
    if expected.get("project") is PROJECT:
        assert fake_api.args("open_project") == {"root": _option(argv, "--project", "-p", default=Path("."))}
    else:
        assert not fake_api.fakes["open_project"].called
    if "--json" in argv:
        json.loads(out)  # machine-readable, and nothing else on stdout


def _option(argv: list[str], *names: str, default: Path) -> Path:
    for i, arg in enumerate(argv):
        if arg in names:
            return Path(argv[i + 1])
    return default


def test_every_command_has_a_mapping_case() -> None:
    """A new command (or subcommand) without a row in CASES fails here."""
    covered = {tuple(argv[: 2 if argv[0] in ("models", "tm") else 1]) for argv, _, _ in CASES}
    assert covered == set(leaf_commands(build_parser()))


def leaf_commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every runnable command, aliases included (``update`` is ``extract``)."""
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subparsers:
        yield path
    for action in subparsers:
        for name, sub in action.choices.items():
            yield from leaf_commands(sub, (*path, name))


# --- what the table cannot say ---------------------------------------------------------------------------------------


def test_translate_reports_progress_through_a_callable(fake_api: Api, capsys: pytest.CaptureFixture[str]) -> None:
    run(["translate"], capsys)
    progress = fake_api.fakes["translate"].call_args.kwargs["progress"]
    assert isinstance(progress, Progress) and not progress.enabled  # stderr is not a terminal here: no bar
    progress(1, 2)  # the engine calls it with (done, total)


def test_report_html_gets_the_report_the_project_and_the_file(fake_api: Api, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["report", "--html", "out/report.html", "--lang", "fr"], capsys)
    assert code == 0 and "wrote out/report.html" in err
    report = fake_api.fakes["report"].return_value
    assert fake_api.args("report_html") == {"report": report, "project": PROJECT, "path": Path("out/report.html")}
    run(["report"], capsys)
    assert fake_api.fakes["report_html"].call_count == 1  # no --html, no page


def test_check_list_opens_no_project(fake_api: Api, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--list", "--json"], capsys)
    assert code == 0 and fake_api.called() == []
    assert {c["code"] for c in json.loads(out)} == set(api.CHECKS)


@pytest.mark.parametrize(
    "argv",
    [
        ["translate", "--engine", "deepl"],
        ["translate", "--device", "tpu"],
        ["build", "--format", "docx,rtf"],
        ["release", "-f", "epub"],
        ["build", "--fallback", "english"],
        ["import", "a.docx", "--date", "7/2/2025"],
        ["import", "a.docx", "--date-order", "ymd"],
        ["import"],
        ["models", "install"],
        ["models"],
        ["tm"],
        ["init"],
    ],
)
def test_bad_arguments_are_usage_errors_before_any_api_call(
    fake_api: Api, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    out, err = capsys.readouterr()
    assert exit_.value.code == 2 and out == "" and err.startswith("usage: stk ")
    assert fake_api.called() == []


def test_check_exit_code_follows_errors_and_strict(fake_api: Api, capsys: pytest.CaptureFixture[str]) -> None:
    from toolkit.checks import Issue
    from toolkit.errors import Location

    warning = Issue("length", "warning", Location("locales/fr/s.po", 9), "too long", "fr", "s", "One.")
    fake_api.fakes["check"].return_value = CheckReport([warning], 1, ["locales/fr/s.po"])
    assert run(["check"], capsys)[0] == 0
    assert run(["check", "--strict"], capsys)[0] == 1
    code, out, _ = run(["check", "--strict", "--json"], capsys)
    assert code == 1 and json.loads(out)["summary"]["failed"] is True
    error = Issue("numbers", "error", Location("locales/fr/s.po", 9), "1 missing", "fr", "s", "One.")
    fake_api.fakes["check"].return_value = CheckReport([error], 1, ["locales/fr/s.po"])
    code, out, _ = run(["check"], capsys)
    assert code == 1 and "locales/fr/s.po\n      9  error    numbers" in out


def test_release_exit_code_follows_its_result(fake_api: Api, capsys: pytest.CaptureFixture[str]) -> None:
    from toolkit.publishing.release import Refusal

    refused = ReleaseResult("r", "output/releases/r", "output/releases/r/r.zip")
    refused.refused.append(Refusal("s", "fr", "2 of 5 segments unreviewed", "locales/fr/s.po"))
    fake_api.fakes["release"].return_value = refused
    code, out, err = run(["release"], capsys)
    assert code == 1 and "1 refused" in err
    code, out, _ = run(["release", "--json"], capsys)
    assert code == 1 and json.loads(out)["ok"] is False


def test_config_warnings_of_the_project_are_printed_before_the_command_runs(
    fake_api: Api, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_api.fakes["open_project"].return_value = SimpleNamespace(
        config=SimpleNamespace(notices=("toolkit.toml:3: unknown key project.nmae ignored",))
    )
    code, _, err = run(["status"], capsys)
    assert code == 0 and err.startswith("warning: toolkit.toml:3: unknown key project.nmae ignored\n")
