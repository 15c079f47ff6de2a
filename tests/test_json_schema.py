"""Every ``--json`` output and every release manifest has the one shape docs/json.schema.json describes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from helpers import make_project, statement
from release_helpers import set_msgstr

from toolkit.cli import main

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "docs" / "json.schema.json").read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(SCHEMA)


def validate(kind: str, data: object) -> None:
    schema = {"$ref": f"#/$defs/{kind}", "$defs": SCHEMA["$defs"]}
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    code = main([*args, "--json"])
    out, err = capsys.readouterr()
    assert code in (0, 1), (args, err)
    return json.loads(out)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project with something in every result: a warning, an untranslated entry, a QA error."""
    body = "We act **now**. See [this](tel:123).\n\n<!-- names -->\n- Amnesty International\n- Al-Haq\n"
    root = make_project(tmp_path / "p", {"s": statement(body), "t": statement("Other text.", date="2025-03-01")})
    (root / "toolkit.toml").write_text((root / "toolkit.toml").read_text() + "[translate]\nbeamsize = 2\n", encoding="utf-8")
    return root


def test_every_json_output_matches_the_schema(project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = ["--project", str(project)]
    validate("extract", run_json(capsys, "extract", *p))
    validate("translate", run_json(capsys, "translate", *p, "--engine", "pseudo", "--lang", "fr"))
    validate("status", run_json(capsys, "status", *p))
    data = run_json(capsys, "check", *p)
    validate("check", data)
    assert data["issues"]  # pseudo drafts are fuzzy: issues to validate
    validate("report", run_json(capsys, "report", *p))
    build = run_json(capsys, "build", *p, "--format", "html")
    validate("build", build)
    assert any(w["code"] == "source-dropped" and w["line"] for w in build["warnings"])  # the tel: link
    release = run_json(capsys, "release", *p, "--format", "html", "--name", "r")
    validate("release", release)
    assert release["refused"] and not release["ok"]
    validate("manifest", json.loads((project / "output/releases/r/manifest.json").read_text(encoding="utf-8")))
    set_msgstr(project / "locales/fr/t.po", "Other text.", "Autre texte.")  # one reviewed pair for the memory
    tmx = tmp_path / "x.tmx"
    validate("tm-export", run_json(capsys, "tm", "export", str(tmx), *p))
    validate("tm-import", run_json(capsys, "tm", "import", str(tmx), *p))
    validate("models-list", run_json(capsys, "models", "list"))
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>T</title></head><body><article><h1>A statement</h1><p>We call on all States to act now, "
        "and to act together, before it is too late for the people of the region.</p></article></body></html>",
        encoding="utf-8",
    )
    imported = run_json(
        capsys, "import", str(page), *p, "--dry-run", "--date", "2025-01-02", "--author", "Us", "--kind", "statement"
    )
    validate("import", imported)


def test_the_schema_refuses_what_it_must(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    data = run_json(capsys, "status", "--project", str(project))
    assert isinstance(data, dict)
    data["total"]["counts"]["total"] = data["total"]["counts"].pop("segments")  # the old name of the counts
    with pytest.raises(jsonschema.ValidationError):
        validate("status", data)
