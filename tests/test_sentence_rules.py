"""Sentence rules as data: the prefix files of each language, fr/es/ar translations, a project's own prefixes."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_project, statement

from toolkit import api
from toolkit.config import load_config
from toolkit.errors import ConfigError
from toolkit.segmentation.rules import CATEGORIES, parse_prefix_file, rules_for
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


TRANSLATIONS = [
    pytest.param(
        "fr",
        "« Nous agirons. Nous ne céderons pas\u202f», a déclaré Mme Khan. La séance a été levée.",
        ["« Nous agirons.", "Nous ne céderons pas\u202f», a déclaré Mme Khan.", "La séance a été levée."],
        id="fr-quotation-of-sentences-with-no-break-spaces",
    ),
    pytest.param(
        "fr",
        "Elle a parlé de la « justice. » Puis elle est partie.",
        ["Elle a parlé de la « justice. »", "Puis elle est partie."],
        id="fr-closing-guillemet-after-a-space",
    ),
    pytest.param(
        "fr",
        "Pourquoi\u00a0? Parce que le décret n° 14203 vise la CPI.",
        ["Pourquoi\u00a0?", "Parce que le décret n° 14203 vise la CPI."],
        id="fr-no-break-space-before-question-mark",
    ),
    pytest.param(
        "fr",
        "M. Dupont a cité l’art. 5 du Statut. Voir aussi le doc. A/78/322 et le vol. II.",
        ["M. Dupont a cité l’art. 5 du Statut.", "Voir aussi le doc. A/78/322 et le vol. II."],
        id="fr-titles-and-citations-elided-article",
    ),
    pytest.param(
        "es",
        "¿Actuarán los Estados? ¡Deben hacerlo ahora! La Corte espera.",
        ["¿Actuarán los Estados?", "¡Deben hacerlo ahora!", "La Corte espera."],
        id="es-inverted-marks-open-sentences",
    ),
    pytest.param(
        "es",
        "Los EE. UU. impusieron sanciones. El Sr. López lo condenó según el art. 58 y el núm. 5.",
        ["Los EE. UU. impusieron sanciones.", "El Sr. López lo condenó según el art. 58 y el núm. 5."],
        id="es-EE.-UU.-inside-a-sentence",
    ),
    pytest.param(
        "es",
        "La decisión es de EE. UU. Los Estados Partes respondieron.",
        ["La decisión es de EE. UU.", "Los Estados Partes respondieron."],
        id="es-EE.-UU.-ending-a-sentence",
    ),
    pytest.param(
        "ar",
        "هل ستتحرك الدول؟ يجب أن تتحرك الآن.",
        ["هل ستتحرك الدول؟", "يجب أن تتحرك الآن."],
        id="ar-question-mark",
    ),
    pytest.param(
        "ar",
        "قال د. أحمد إن المحكمة مستقلة، وإن الدول ملزمة بالتعاون. وأضاف أن العقوبات مرفوضة.",
        ["قال د. أحمد إن المحكمة مستقلة، وإن الدول ملزمة بالتعاون.", "وأضاف أن العقوبات مرفوضة."],
        id="ar-comma-and-abbreviated-title-do-not-end",
    ),
    pytest.param(
        "ar",
        "صدر الأمر التنفيذي رقم ١٤٢٠٣ في ٦ فبراير ٢٠٢٥. وبلغت النسبة ٣٫٥ في المائة.",
        ["صدر الأمر التنفيذي رقم ١٤٢٠٣ في ٦ فبراير ٢٠٢٥.", "وبلغت النسبة ٣٫٥ في المائة."],
        id="ar-arabic-indic-digits",
    ),
    pytest.param(
        "ar",
        "١. تدين هذه العقوبات. ٢. تحث الحكومة على إلغائها.",
        ["١. تدين هذه العقوبات.", "٢. تحث الحكومة على إلغائها."],
        id="ar-arabic-indic-list-numbers",
    ),
    pytest.param(
        "ar",
        "قال إن ذلك مرفوض۔ وغادر.",
        ["قال إن ذلك مرفوض۔", "وغادر."],
        id="ar-urdu-full-stop",
    ),
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
