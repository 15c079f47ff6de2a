"""The package's folders are the pipeline, and imports only flow down it.

    base      errors, files, gcpause, forking, choices, characters, prefixes, endpoints, languages, dates, labels, tokens,
              document/, config/, glossary
    sources/ -> segmentation/ -> catalogs/ -> workspace -> drafting/ | checks/ -> publishing/ -> api, scaffold -> cli/

A module may import its own stage and the stages below it, never one above; drafting and checks are
siblings and import neither each other; the command line goes through the api (and the vocabularies in
choices, for its --help; gcpause for its process policy). Imports under ``if TYPE_CHECKING:`` are annotations
only and are not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TOOLKIT = Path(__file__).resolve().parent.parent / "toolkit"

BASE = (
    *("errors", "files", "choices", "characters", "prefixes", "endpoints", "languages", "dates", "labels", "tokens"),
    *("document", "config", "glossary", "gcpause", "forking"),
)
LAYERS: dict[str, int] = {
    **dict.fromkeys(BASE, 0),
    "sources": 1,
    "segmentation": 2,
    "catalogs": 3,
    "workspace": 4,
    "drafting": 5,
    "checks": 5,
    "publishing": 6,
    "api": 7,
    "scaffold": 7,
    "cli": 8,
    "__main__": 9,
}
CLI_MAY_USE = {"api", "choices", "errors", "gcpause", "cli"}


def imports(path: Path, root: Path) -> list[tuple[int, tuple[str, ...]]]:
    """(line, toolkit module path) of every import in ``path`` that runs (TYPE_CHECKING blocks left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and getattr(block.test, "id", None) == "TYPE_CHECKING"
        for node in ast.walk(block)
    }
    rel = path.relative_to(root).with_suffix("").parts
    package = ("toolkit", *rel[:-1])
    found: list[tuple[int, tuple[str, ...]]] = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = (*base, *(node.module.split(".") if node.module else ()))
            elif node.module and node.module.split(".")[0] == "toolkit":
                target = tuple(node.module.split("."))
            else:
                continue
            if node.module:
                found.append((node.lineno, target))
            else:
                found.extend((node.lineno, (*target, alias.name)) for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, tuple(a.name.split("."))) for a in node.names if a.name.split(".")[0] == "toolkit")
    return found


def stage_of(path: Path, root: Path = TOOLKIT) -> str:
    return path.relative_to(root).with_suffix("").parts[0]


def violations(root: Path = TOOLKIT) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        stage = stage_of(path, root)
        if stage == "__init__":
            continue
        for line, target in imports(path, root):
            other = target[1] if len(target) > 1 else "__init__"
            if other == stage or other not in LAYERS:
                continue
            where = f"{path.relative_to(root.parent)}:{line}"
            if stage == "cli" and other not in CLI_MAY_USE:
                found.append(f"{where}: the command line imports toolkit.{other} instead of going through the api")
            elif LAYERS[other] > LAYERS[stage] or (LAYERS[other] == LAYERS[stage] == 5):
                found.append(f"{where}: {stage} imports {'.'.join(target)}, a later stage")
    return found


def test_every_module_has_a_stage() -> None:
    stages = {stage_of(p) for p in TOOLKIT.rglob("*.py")} - {"__init__"}
    assert stages <= set(LAYERS), stages - set(LAYERS)


def test_imports_flow_down_the_pipeline() -> None:
    assert violations() == []


@pytest.mark.parametrize(
    ("stage", "source", "message"),
    [
        ("catalogs", "from ..publishing.build import build\n", "catalogs imports toolkit.publishing.build, a later stage"),
        ("drafting", "from ..checks.tokens import URL\n", "drafting imports toolkit.checks.tokens, a later stage"),
        ("cli", "from ..workspace import Project\n", "the command line imports toolkit.workspace instead of going through"),
        ("config", "from .. import workspace\n", "config imports toolkit.workspace, a later stage"),
    ],
)
def test_the_layer_rule_catches_an_upward_import(tmp_path: Path, stage: str, source: str, message: str) -> None:
    fake = tmp_path / "toolkit"
    (fake / stage).mkdir(parents=True)
    typing_only = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..api import open_project\n"
    (fake / stage / "bad.py").write_text(source + typing_only, encoding="utf-8")
    found = violations(fake)
    assert len(found) == 1 and found[0].startswith(f"toolkit/{stage}/bad.py:1: {message}"), found


def test_importing_the_command_line_loads_no_stage() -> None:
    import subprocess
    import sys

    code = "import sys, toolkit.cli; print(sorted(m for m in sys.modules if m.startswith('toolkit')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    heavy = [
        m
        for m in ("toolkit.workspace", "toolkit.catalogs", "toolkit.publishing", "toolkit.drafting", "toolkit.checks")
        if m in loaded
    ]
    assert heavy == [], loaded
