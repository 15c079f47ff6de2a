"""Sentence rules as data: the prefix files of each language, fr/es/ar translations, a project's own prefixes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import make_project, statement

from toolkit import api
from toolkit.config import load_config
from toolkit.errors import ConfigError
from toolkit.prefixes import CATEGORIES
from toolkit.segmentation.rules import parse_prefix_file, rules_for
from toolkit.segmentation.sentences import sentence_spans, sentences

PREFIXES = Path(__file__).resolve().parent.parent / "toolkit" / "segmentation" / "prefixes"


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar"])
def test_each_language_has_a_prefix_file_without_contradictions(lang: str) -> None:
    path = PREFIXES / f"{lang}.txt"
    prefixes, openers = parse_prefix_file(path.read_text(encoding="utf-8"), str(path))
    assert prefixes
    seen: dict[tuple[str, tuple[str, ...]], str] = {}
    for prefix in prefixes:
        assert prefix.category in CATEGORIES
        key = (prefix.token, prefix.before)
        assert seen.setdefault(key, prefix.category) == prefix.category, f"{prefix.token} listed twice, differently"
    # Arabic has no capitals: no word tells a sentence start from a name's continuation.
    assert bool(openers) == (lang != "ar")


TRANSLATIONS_FILE = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "translations_fr_es_ar.json"
TRANSLATIONS = [
    pytest.param(case["lang"], case["text"], case["expected_sentences"], id=case["id"])
    for case in json.loads(TRANSLATIONS_FILE.read_text(encoding="utf-8"))
]


@pytest.mark.parametrize(("lang", "text", "expected"), TRANSLATIONS)
def test_target_language_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_a_language_without_a_file_gets_the_generic_rules() -> None:
    assert rules_for("de").prefixes == {}
    assert sentences("Die Klage ist da. Sie wurde eingereicht.", "de") == ["Die Klage ist da.", "Sie wurde eingereicht."]
    assert rules_for("pt_BR").lang == rules_for("pt-BR").lang == "pt"


def project(tmp_path: Path, segmentation: str) -> Path:
    config = f'[project]\nname = "T"\ntarget_languages = ["fr"]\n\n[segmentation]\n{segmentation}\n'
    body = "See Ref. 12 of the Annex. Excl. Smith agreed.\n"
    return make_project(tmp_path / "p", {"s": statement(body)}, config)


def test_a_projects_own_prefixes_extend_the_language_lists(tmp_path: Path) -> None:
    plain = api.open_project(project(tmp_path / "a", 'unit = "sentence"'))
    ids = [s.msgid for s in plain.statements[0].segments if s.role == "paragraph"]
    assert ids == ["See Ref.", "12 of the Annex.", "Excl.", "Smith agreed."]
    extended = api.open_project(project(tmp_path / "b", 'nonbreaking_prefixes = ["Ref. #number", "Excl."]'))
    ids = [s.msgid for s in extended.statements[0].segments if s.role == "paragraph"]
    assert ids == ["See Ref. 12 of the Annex.", "Excl. Smith agreed."]
    assert extended.config.nonbreaking_prefixes == ("Ref. #number", "Excl.")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('["Ref"]', "non-breaking prefix 'Ref' must end with its full stop ('Ref.')"),
        ('["Ref. #numbers"]', "non-breaking prefix 'Ref.': unknown category #numbers"),
        ("[5]", "segmentation.nonbreaking_prefixes must list abbreviations as strings"),
        ('"Ref."', "segmentation.nonbreaking_prefixes must be a list, not str"),
    ],
)
def test_a_bad_project_prefix_is_one_config_error_with_its_line(tmp_path: Path, value: str, message: str) -> None:
    root = project(tmp_path, f"nonbreaking_prefixes = {value}")
    with pytest.raises(ConfigError) as caught:
        load_config(root)
    assert str(caught.value).startswith("toolkit.toml:6: Config error: ")
    assert message in str(caught.value)


def test_spans_are_exact_in_every_language() -> None:
    for lang, text, _ in (param.values for param in TRANSLATIONS):
        spans = sentence_spans(str(text), rules_for(str(lang)))
        covered = "".join(str(text)[a:b] for a, b in spans)
        assert "".join(covered.split()) == "".join(str(text).split())
