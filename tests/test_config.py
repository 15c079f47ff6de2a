"""toolkit.toml: what each setting changes, and one-line errors naming the line."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_project, statement

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
