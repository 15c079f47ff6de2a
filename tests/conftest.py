"""Shared fixtures: a copy of the example project, running `stk`, GNU gettext as an oracle, and the rule that keeps
`make check` fast: a test that runs LibreOffice, Chromium or Java, msgfmt on many files, or builds Argos models
is marked ``slow``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A fresh copy of the example project (sources and config, no catalogs)."""
    root = tmp_path / "example"
    root.mkdir()
    shutil.copytree(REPO / "sources", root / "sources")
    shutil.copy(REPO / "toolkit.toml", root / "toolkit.toml")
    if (REPO / "glossary.csv").exists():
        shutil.copy(REPO / "glossary.csv", root / "glossary.csv")
    return root


@pytest.fixture
def example_with_locales(example: Path) -> Path:
    """The example project with the repository's catalogs (translations included)."""
    if (REPO / "locales").exists():
        shutil.copytree(REPO / "locales", example / "locales")
    return example


@pytest.fixture
def msgfmt() -> Callable[[Path], subprocess.CompletedProcess[str]]:
    """GNU msgfmt -c --check-format on one file (the test fails if gettext is missing)."""
    exe = shutil.which("msgfmt")
    assert exe, "GNU gettext (msgfmt) is required: `make test` installs it"

    def check(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, "-c", "--check-format", "-o", os.devnull, str(path)], capture_output=True, text=True)

    return check


@pytest.fixture(autouse=True, scope="session")
def _verdict_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """msgfmt verdicts remembered in a folder of the test session's, never in the user's ~/.cache."""
    os.environ["STK_CACHE_DIR"] = str(tmp_path_factory.mktemp("stk-cache"))


# What makes a test slow: each of these programs takes seconds to start; `make check` leaves such tests to `make test`.
SLOW_PROGRAMS = frozenset({"soffice", "libreoffice", "chromium", "chromium-browser", "google-chrome", "java"})
SLOW_FIXTURES = frozenset({"tiny_packages", "argos_home"})
"""Fixtures that train and package Argos models (tests/argos_fixture.py)."""
MSGFMT_RUNS = 3
"""msgfmt on more files than this in one test is "msgfmt on many files"."""


def _from_the_toolkit() -> bool:
    """Whether the toolkit itself starts the program (``stk check`` runs msgfmt on each catalog it checks):
    that is the product's cost, measured in benchmarks; the rule is about tests that add msgfmt runs of their own."""
    frame = sys._getframe(2)
    while frame is not None:
        if f"{os.sep}toolkit{os.sep}" in frame.f_code.co_filename:
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


@pytest.fixture(autouse=True)
def _external_programs_only_in_slow_tests(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail a test not marked ``slow`` that starts a slow program, so that the mark cannot be forgotten."""
    if request.node.get_closest_marker("slow") is not None:
        return
    where = request.node.nodeid
    models = sorted(SLOW_FIXTURES & set(request.fixturenames))
    if models:
        pytest.fail(f"{where} builds Argos models ({', '.join(models)}): mark it @pytest.mark.slow")
    msgfmt_runs = 0
    real = subprocess.Popen

    class Watched(real):  # type: ignore[valid-type, misc]
        def __init__(self, args: Any, *rest: Any, **options: Any) -> None:
            nonlocal msgfmt_runs
            first = args[0] if isinstance(args, (list, tuple)) else str(args).split()[0]
            program = Path(str(first)).name
            if program in SLOW_PROGRAMS:
                pytest.fail(f"{where} runs {program}: mark it @pytest.mark.slow (or keep it out of the test)")
            if program == "msgfmt" and not _from_the_toolkit():
                msgfmt_runs += 1
                if msgfmt_runs > MSGFMT_RUNS:
                    pytest.fail(f"{where} runs msgfmt on more than {MSGFMT_RUNS} files: mark it @pytest.mark.slow")
            super().__init__(args, *rest, **options)

    monkeypatch.setattr(subprocess, "Popen", Watched)
