"""`stk check` over whole projects: the deliberately broken fixture, the translators' catalogs, the CLI.

tests/fixtures/qa/README.md describes the fixture: every broken entry says
which code it must raise (`# expect: <code>`), every other entry is correct.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import run_stk, stk

from toolkit import api
from toolkit.catalogs import pofile
from toolkit.catalogs.pofile import read, render
from toolkit.checks import CHECKS, check_project
from toolkit.cli import main
from toolkit.errors import ConfigError

QA = Path(__file__).resolve().parent / "fixtures" / "qa"

# qa-syntax.po cannot be parsed, so its expectations live here (README.md says why).
UNREADABLE = {
    ("locales/fr/qa-syntax.po", "", "po-syntax"),
    ("locales/es/qa-syntax.po", "", "header-charset"),
    ("locales/ar/qa-syntax.po", "", "header-charset"),
}


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    root = tmp_path / "qa"
    shutil.copytree(QA, root)
    return root


def expected(root: Path) -> set[tuple[str, str, str]]:
    """(file, msgid, code) for every `# expect:` comment and `expect-header:` line of the fixture."""
    found = set(UNREADABLE)
    for path in sorted((root / "locales").glob("*/qa-statement.po")):
        shown = path.relative_to(root).as_posix()
        po = pofile.parse(pofile.decode(path.read_bytes(), shown), shown)  # polib alone breaks lines at U+2028
        for line in po.header.splitlines():
            if line.startswith("expect-header:"):
                found |= {(shown, "", code) for code in line.split(":", 1)[1].split()}
        for entry in po:
            for line in (entry.tcomment or "").splitlines():
                if line.startswith("expect:"):
                    found.add((shown, entry.msgid, line.split(":", 1)[1].strip()))
    return found


def test_the_broken_fixture_raises_exactly_what_it_expects(broken: Path) -> None:
    project = api.open_project(broken)
    # The fixture's misspelt `disabel` is a warning of the config (one rule for every table), not a QA issue.
    assert [(str(n.location), n.code) for n in project.config.notices] == [("toolkit.toml:11", "config-unknown-key")]
    assert "unknown key check.disabel ignored (did you mean 'disable'?)" in project.config.notices[0].message
    report = check_project(project)
    got = [(i.location.path, i.msgid, i.code) for i in report.issues]
    assert len(got) == len(set(got)), "one issue per broken entry and check"
    assert set(got) == expected(broken)


def test_the_fixture_breaks_every_check_in_every_language_it_applies_to(broken: Path) -> None:
    seen = {(code, path.split("/")[1] if path.startswith("locales/") else "") for path, _, code in expected(broken)}
    for check in CHECKS.values():
        langs = {"ar": ("ar",), "es": ("es",), "fr": ("fr",)}.get(check.languages[0], ()) if check.languages else ()
        if check.code.startswith("header-") or check.code in ("po-syntax", "noqa", "msgfmt"):
            assert any(code == check.code for code, _ in seen), check.code  # one header/file each suffices
            continue
        if check.code == "typography-digits":
            langs = ("ar",)  # Arabic-Indic digits in French are not a mistake anyone makes
        elif check.code in ("acronym", "glossary-case"):  # Arabic script has no capitals
            langs = ("fr", "es")
        for lang in langs or ("fr", "es", "ar"):
            assert (check.code, lang) in seen, f"{check.code} is not broken in {lang}"


def test_locations_point_at_the_entry(broken: Path) -> None:
    report = check_project(api.open_project(broken), ["fr"], ["qa-statement"])
    nbsp = next(i for i in report.issues if i.code == "typography-fr-nbsp")
    text = (broken / nbsp.location.path).read_text(encoding="utf-8").splitlines()
    assert text[nbsp.location.line - 1] == 'msgid "Our message is simple: act now."'  # type: ignore[operator]
    assert str(nbsp.location) == f"locales/fr/qa-statement.po:{nbsp.location.line}"


def test_release_makes_states_errors_that_config_and_noqa_cannot_silence(broken: Path) -> None:
    config = broken / "toolkit.toml"
    config.write_text(config.read_text().replace("disabel", "disable").replace('["length"]', '["length", "catalog"]'))
    path = broken / "locales/es/qa-statement.po"
    path.write_text(path.read_text().replace("# expect: fuzzy", "# noqa: fuzzy\n# expect: fuzzy"))
    project = api.open_project(broken)
    draft = check_project(project, ["es"], ["qa-statement"])
    assert not {i.code for i in draft.issues} & {"fuzzy", "untranslated", "pseudo", "length"}
    release = check_project(project, ["es"], ["qa-statement"], release=True)
    states = {i.code for i in release.errors("es", "qa-statement")} & {"fuzzy", "untranslated", "pseudo"}
    assert states == {"fuzzy", "untranslated", "pseudo"}
    assert "length" not in {i.code for i in release.issues}


def test_severity_can_be_changed_per_code(broken: Path) -> None:
    config = broken / "toolkit.toml"
    config.write_text(config.read_text().replace("disabel = [", 'severity = { acronym = "error", quotes = "warning" }\n#['))
    report = check_project(api.open_project(broken), ["fr"], ["qa-statement"])
    severity = {i.code: i.severity for i in report.issues}
    assert severity["acronym"] == "error" and severity["quotes"] == "warning"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[check]\ndisable = ["lenght"]\n', "check.disable: no check or family named 'lenght'"),
        ('[check]\nseverity = { numbers = "fatal" }\n', "check.severity.numbers must be 'error' or 'warning'"),
        ("[check.length]\nmax_ratio = 0.5\n", "min_ratio must be below 1 and max_ratio above 1"),
        ('[links.de]\n"https://a.org" = "https://a.org/de"\n', "[links.de]: de is not a target language"),
        ('[links.fr]\n"https://a.org" = "javascript:alert(1)"\n', "is not an http, https, mailto or relative link"),
    ],
)
def test_bad_check_config_is_an_error_naming_the_key(broken: Path, table: str, message: str) -> None:
    config = broken / "toolkit.toml"
    text = config.read_text()
    config.write_text(text[: text.index("[check]")] + table)
    with pytest.raises(ConfigError) as exc:
        check_project(api.open_project(broken))
    assert message in exc.value.message
    assert exc.value.location is not None and exc.value.location.path == "toolkit.toml"
    assert exc.value.location.line is not None


def test_the_translators_catalogs_have_no_issue(example_with_locales: Path) -> None:
    """The reviewed fr/es/ar catalogs of the example: any issue here is a false positive or a real mistake."""
    report = check_project(api.open_project(example_with_locales))
    assert report.checked > 1000
    assert [f"{i.location}: {i.code}: {i.message}" for i in report.issues] == []


# --- the command line ---------------------------------------------------------


def test_check_cli_groups_issues_by_file_and_exits_1_on_errors(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--project", str(broken), "--lang", "fr", "qa-statement"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("locales/fr/qa-statement.po\n")
    assert "locales/es/" not in out
    assert "error    typography-fr-nbsp" in out and "regular space before “:”" in out
    assert "warning  untranslated              1 entry (lines " in out
    assert out.rstrip().splitlines()[-1].startswith("16 errors, 10 warnings in 1 catalog")


def test_check_json_is_stable_for_ci(broken: Path) -> None:
    """A real process, as CI runs it: exit 1, the JSON document alone on stdout, warnings on stderr."""
    run = run_stk("check", "--project", str(broken), "--json", "--lang", "ar")
    assert run.returncode == 1
    assert run.stderr == "warning: toolkit.toml:11: unknown key check.disabel ignored (did you mean 'disable'?)\n"
    data = json.loads(run.stdout)
    assert set(data) == {"summary", "issues"}
    assert data["summary"]["errors"] == len([i for i in data["issues"] if i["severity"] == "error"])
    assert set(data["issues"][0]) == {"code", "severity", "file", "line", "lang", "statement", "message", "msgid"}
    kashida = next(i for i in data["issues"] if i["code"] == "typography-ar-kashida")
    assert kashida["file"] == "locales/ar/qa-statement.po" and kashida["msgid"] == "Justice prevails over impunity."


def test_check_exit_codes_strict_and_release(example_with_locales: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(example_with_locales)
    assert main(["check", "--project", root, "--lang", "es"]) == 0
    assert "0 errors, 0 warnings in 5 catalogs" in capsys.readouterr().out
    path = example_with_locales / "locales/es/icc-judges-sanctions-2025.po"
    po = read(path, path.name)
    next(e for e in po if e.msgid and not e.obsolete).flags.append("fuzzy")
    path.write_bytes(render(po))
    assert main(["check", "--project", root, "--lang", "es"]) == 0  # a warning: fine for a draft
    assert main(["check", "--project", root, "--lang", "es", "--strict"]) == 1
    assert main(["check", "--project", root, "--lang", "es", "--release"]) == 1
    capsys.readouterr()
    assert main(["check", "--project", root, "--lang", "de"]) == 2
    assert "--lang de: not a target language of this project" in capsys.readouterr().err


def test_check_config_errors_exit_2_with_location(broken: Path) -> None:
    config = broken / "toolkit.toml"
    config.write_text(config.read_text().replace("disabel", "disable").replace('"length"', '"lenght"'))
    run = stk("check", "--project", str(broken))
    assert run.returncode == 2
    assert run.stderr.startswith("toolkit.toml:11: Config error: check.disable: no check or family named 'lenght'")


def test_check_list_shows_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--list"]) == 0
    out = capsys.readouterr().out
    assert all(code in out for code in CHECKS)


def test_the_commented_check_example_of_a_new_project_is_valid(tmp_path: Path) -> None:
    api.init(tmp_path / "new")
    config = tmp_path / "new" / "toolkit.toml"
    text = config.read_text(encoding="utf-8")
    start = text.index("# [check]")
    lines = text[start:].splitlines()
    example = "\n".join(line[2:] if re.match(r'# (\[|"|[a-z_]+ =)', line) else line for line in lines)
    config.write_text(text[:start] + example + "\n", encoding="utf-8")
    api.extract(api.open_project(tmp_path / "new"))
    project = api.open_project(tmp_path / "new")
    assert not project.config.notices
    report = check_project(project)
    assert "length" not in {i.code for i in report.issues}
