"""The glossary: loading, English matching (capitals, plurals), target matching (Arabic clitics)."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.errors import GlossaryError
from toolkit.glossary import contains_form, load_glossary, parse_glossary, target_present

REPO = Path(__file__).resolve().parent.parent
LANGS = ("en", "fr", "es", "ar")


@pytest.fixture(scope="module")
def glossary():  # type: ignore[no-untyped-def]
    return load_glossary(REPO / "glossary.csv", "glossary.csv", LANGS)


def sources(glossary, text: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(m.text, m.term.source) for m in glossary.find(text)]


def test_the_shipped_glossary_loads_with_every_language(glossary) -> None:  # type: ignore[no-untyped-def]
    assert len(glossary.terms) >= 40
    core = {t.source: t for t in glossary.terms}
    assert core["Rome Statute"].target("fr") == "Statut de Rome"
    assert core["Rome Statute"].target("ar") == "نظام روما الأساسي"
    assert core["APIC"].do_not_translate and core["APIC"].target("es") == "APIC"
    assert core["arrest warrant"].forms("fr") == ("mandat d'arrêt", "mandats d'arrêt")
    assert all(t.note for t in glossary.terms if "verify" in t.note or "decided" in t.note)


def test_plurals_and_capitals_in_english(glossary) -> None:  # type: ignore[no-untyped-def]
    found = sources(glossary, "Execute Arrest Warrants; every State Party and all States Parties; two NGOs.")
    assert found == [
        ("Arrest Warrants", "arrest warrant"),
        ("State Party", "State Party"),
        ("States Parties", "States Parties"),
        ("NGOs", "NGO"),
    ]


def test_longest_term_wins_and_acronyms_are_case_sensitive(glossary) -> None:  # type: ignore[no-untyped-def]
    found = sources(glossary, "The Coalition for the International Criminal Court welcomes the icc decision of the ICC.")
    assert found == [
        ("Coalition for the International Criminal Court", "Coalition for the International Criminal Court"),
        ("ICC", "ICC"),
    ]
    assert sources(glossary, "the Office of the Prosecutor") == [("Office of the Prosecutor", "Office of the Prosecutor")]
    assert sources(glossary, "a running session") == []  # no "UN" inside words


@pytest.mark.parametrize(
    ("text", "form", "present"),
    [
        ("وتدعو الدولَ الأطراف إلى", "الدول الأطراف", True),
        ("بالمحكمة الجنائية الدولية", "المحكمة الجنائية الدولية", True),
        ("للمحكمة الجنائية الدولية", "المحكمة الجنائية الدولية", True),
        ("وأوامر القبض", "أوامر القبض", True),
        ("مذكرات التوقيف", "أوامر القبض", False),
        ("الدولة الطرف", "دولة طرف", True),
        ("دعم المجتمع المدني، والمدافعين", "المجتمع المدني", True),  # Arabic comma right after the term
        ("أين المحكمة؟", "المحكمة", True),
    ],
)
def test_arabic_matching_tolerates_article_and_clitics(text: str, form: str, present: bool) -> None:
    assert contains_form(text, form, "ar") is present


def test_latin_target_matching(glossary) -> None:  # type: ignore[no-untyped-def]
    term = next(t for t in glossary.terms if t.source == "arrest warrant")
    assert target_present(term, "fr", "Les mandats d’arrêt doivent être exécutés.")  # typographic apostrophe
    assert not target_present(term, "fr", "Les ordres d'arrestation.")
    assert target_present(term, "es", "ejecutar las órdenes de detención")


def test_malformed_glossary_names_the_line() -> None:
    with pytest.raises(GlossaryError) as err:
        parse_glossary("en,fr\nRome Statute,Statut de Rome\nrome statute,x\n", "glossary.csv", LANGS)
    assert str(err.value) == "glossary.csv:3: Glossary error: term 'rome statute' is already defined at line 2"
    with pytest.raises(GlossaryError):
        parse_glossary("fr,es\nx,y\n", "glossary.csv", LANGS)
