"""Shared fixtures: a copy of the example project, running `stk`, and GNU gettext as an oracle."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

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
