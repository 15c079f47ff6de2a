"""toolkit.toml: what each setting changes, and one-line errors naming the line."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_project, statement, stk

from toolkit import api
from toolkit.config import load_config
from toolkit.errors import ConfigError

CONFIG = '[project]\nname = "T"\nsource_language = "en"\ntarget_languages = ["fr"]\n'


@pytest.mark.parametrize(("locale", "date"), [("", "February 6, 2025"), ('locale = "en_GB"\n', "6 February 2025")])
def test_the_project_locale_decides_how_source_dates_are_written(tmp_path: Path, locale: str, date: str) -> None:
    root = make_project(tmp_path / "p", {"s": statement("Text.", date="2025-02-06")}, CONFIG + locale)
    api.extract(api.open_project(root))
    api.build(api.open_project(root), ["en", "fr"], None, ["html"])
    english = (root / "output/en/s.html").read_text(encoding="utf-8")
    assert f'<time datetime="2025-02-06">{date}</time>' in english
    assert "6 février 2025" in (root / "output/fr/s.html").read_text(encoding="utf-8")  # targets keep their own
    assert f"{date}" in (root / "output/index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (root / "output").iterdir()) == ["en", "fr", "index.html"]  # no en_GB folder


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('locale = "fr_FR"', "toolkit.toml:5: Config error: project.locale 'fr_FR' is not a variety of the source language 'en'"),
        ('locale = "en_XX_YY"', "toolkit.toml:5: Config error: unknown language code 'en_XX_YY'"),
    ],
)
def test_a_locale_of_another_language_is_refused_with_its_line(tmp_path: Path, line: str, message: str) -> None:
    root = make_project(tmp_path / "p", {}, CONFIG + line + "\n")
    with pytest.raises(ConfigError) as error:
        load_config(root)
    assert str(error.value).startswith(message)


def test_the_example_project_writes_british_dates() -> None:
    config = load_config(Path(__file__).resolve().parent.parent)
    assert config.locale == "en_GB" and config.date_locale("en") == "en_GB" and config.date_locale("fr") == "fr"


def test_an_empty_organisation_is_a_warning_at_build_time(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("Text.")}, CONFIG + 'organisation = ""\n')
    api.extract(api.open_project(root))
    result = api.build(api.open_project(root), ["en"], None, ["html"])
    assert [w for w in map(str, result.warnings) if "organisation" in w] == [
        "toolkit.toml:5: project.organisation is empty: DOCX headers and HTML mastheads name no organisation "
        "(set it in toolkit.toml, and [build.labels.<lang>] organisation for its name in each language)"
    ]
    (root / "toolkit.toml").write_text(CONFIG + 'organisation = "The Coalition"\n', encoding="utf-8")
    assert not [w for w in map(str, api.build(api.open_project(root), ["en"], None, ["html"]).warnings) if "organisation" in w]


@pytest.mark.parametrize("command", ["status", "build", "check", "translate"])
def test_an_unknown_lang_is_the_same_config_error_for_every_command(tmp_path: Path, command: str) -> None:
    root = make_project(tmp_path / "p", {"s": statement("Text.")}, CONFIG)
    api.extract(api.open_project(root))
    run = stk(command, "--project", str(root), "--lang", "de", *(["--engine", "pseudo"] if command == "translate" else []))
    assert run.returncode == 2
    assert run.stderr.startswith("toolkit.toml:4: Config error: --lang de: not a"), run.stderr


def test_init_on_an_existing_project_says_what_to_do(tmp_path: Path) -> None:
    assert stk("init", str(tmp_path / "p")).returncode == 0
    config = (tmp_path / "p/toolkit.toml").read_bytes()
    run = stk("init", str(tmp_path / "p"))
    assert run.returncode == 2 and "is a project already" in run.stderr and "stk extract --project" in run.stderr
    assert (tmp_path / "p/toolkit.toml").read_bytes() == config
    other = tmp_path / "q"
    other.mkdir()
    (other / "notes.txt").write_text("mine", encoding="utf-8")
    assert stk("init", str(other)).returncode == 0  # an existing folder that is not a project
    assert (other / "notes.txt").read_text(encoding="utf-8") == "mine" and (other / "toolkit.toml").is_file()


def test_a_config_with_three_mistakes_reports_all_three_in_one_run(tmp_path: Path) -> None:
    config = (
        CONFIG + '[translate]\nbeam_size = 99\nengine = "deepl"\n[build]\nformats = ["docx", "pdfx"]\n[check]\ndisabel = []\n'
    )
    root = make_project(tmp_path / "p", {"s": statement("Text.")}, config)
    run = stk("status", "--project", str(root))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        "toolkit.toml:6: Config error: translate.beam_size must be from 1 to 16, not 99",
        "toolkit.toml:7: Config error: translate.engine must be one of argos, libretranslate, pseudo, not 'deepl'",
        "toolkit.toml:9: Config error: build.formats: unknown 'pdfx' (known: docx, html, pdf)",
    ]


def test_unknown_keys_warn_in_every_table_with_a_did_you_mean(tmp_path: Path) -> None:
    tables = (
        '[project]\nname = "T"\ntarget_languages = ["fr"]\norganization = "x"\n'
        "[translate]\nbeamsize = 2\n[check.length]\nmin_ratoi = 0.2\n[build.labels.fr]\ndraf = 'P'\n[relase]\n"
    )
    root = make_project(tmp_path / "p", {}, tables)
    assert [str(n) for n in load_config(root).notices] == [
        "toolkit.toml:4: unknown key project.organization ignored (did you mean 'organisation'?)",
        "toolkit.toml:6: unknown key translate.beamsize ignored (did you mean 'beam_size'?)",
        "toolkit.toml:8: unknown key check.length.min_ratoi ignored (did you mean 'min_ratio'?)",
        "toolkit.toml:10: unknown key build.labels.fr.draf ignored (did you mean 'draft'?)",
        "toolkit.toml:11: unknown key relase ignored (did you mean 'release'?)",
    ]


def test_command_line_choices_go_through_the_same_rules(tmp_path: Path) -> None:
    from toolkit.config import override

    config = load_config(make_project(tmp_path / "p", {}, CONFIG + '[translate]\nengine = "pseudo"\n'))
    assert override(config, engine="argos").translate.engine == "argos"
    assert override(config, engine=None).translate.engine == "pseudo"
    assert override(config, formats=["html", "docx"]).build.formats == ("docx", "html")
    with pytest.raises(ConfigError) as error:
        override(config, formats=["pdfx"])
    assert str(error.value) == "command line: Config error: build.formats: unknown 'pdfx' (known: docx, html, pdf)"


def test_every_registry_implements_exactly_its_vocabulary() -> None:
    from toolkit import choices
    from toolkit.checks import CHECKS
    from toolkit.drafting.engines import ENGINES
    from toolkit.labels import _BUILT_IN
    from toolkit.languages import DIGIT_SYSTEMS
    from toolkit.publishing.renderers import RENDERERS

    assert tuple(ENGINES) == choices.ENGINES
    assert tuple(RENDERERS) == choices.FORMATS
    assert {c.code: c.family for c in CHECKS.values()} == choices.CHECKS
    assert tuple(_BUILT_IN["en"]) == choices.LABELS
    assert tuple(DIGIT_SYSTEMS) == choices.DIGIT_SYSTEMS
