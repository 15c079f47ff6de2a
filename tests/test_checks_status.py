"""`stk status` as the release view: states, unreviewed machine drafts, QA errors, readiness."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import make_project, statement, stk

from toolkit import api
from toolkit.catalogs import draft_record
from toolkit.catalogs.draft_record import Draft
from toolkit.catalogs.pofile import read, render
from toolkit.checks import check_project
from toolkit.cli import main

BODY = "Sanctions are a tool. The Court must act. Victims deserve justice. States must cooperate.\n"
TRANSLATIONS = {
    "fr": ["Un titre", "La Coalition", "Les sanctions sont un outil.", "La Cour doit agir.", "Les victimes méritent justice.",
           "Les États doivent coopérer."],
    "es": ["Un título", "La Coalición", "Las sanciones son una herramienta.", "La Corte debe actuar.",
           "Victims deserve justice.", "Los Estados deben cooperar."],
    "ar": ["عنوان", "التحالف", "العقوبات أداة.", "يجب أن تتحرك المحكمة.", "الضحايا يستحقون العدالة.", "يجب على الدول أن تتعاون."],
}  # fmt: skip
"""In segment order: title, author, then the four sentences. The Spanish copies one sentence (a QA error)."""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p", {"s": statement(BODY)})
    api.extract(api.open_project(root))
    for lang, texts in TRANSLATIONS.items():
        path = root / "locales" / lang / "s.po"
        po = read(path, path.name)
        for entry, text in zip([e for e in po if e.msgid], texts, strict=True):
            entry.msgstr = text
        path.write_bytes(render(po))
    # French: three machine drafts (one still fuzzy, one accepted, one edited) and a pseudo-translation un-fuzzied.
    path = root / "locales/fr/s.po"
    po = read(path, path.name)
    po.find("Sanctions are a tool.").flags.append("fuzzy")
    po.find("States must cooperate.").msgstr = "[Šţáţéš ɱûšţ çôôþéŕáţé.]"
    path.write_bytes(render(po))
    drafts = {
        "Sanctions are a tool.": Draft("Les sanctions sont un outil.", "mt", "argos", "translate-en_fr 1.9"),
        "The Court must act.": Draft("La Cour doit agir.", "mt", "argos", "translate-en_fr 1.9"),
        "Victims deserve justice.": Draft("Les victimes méritent la justice.", "mt", "argos", "translate-en_fr 1.9"),
        "States must cooperate.": Draft("[Šţáţéš ɱûšţ çôôþéŕáţé.]", "pseudo", "pseudo", "pseudo 1"),
    }
    draft_record.save_record(draft_record.record_path(root / "locales", "fr", "s"), drafts)
    return root


def test_status_counts_states_unreviewed_drafts_and_qa(project: Path) -> None:
    rows = {r.lang: r for r in api.status(api.open_project(project)).rows}
    fr, es, ar = rows["fr"], rows["es"], rows["ar"]
    # the pseudo-translation is not translated, even without its fuzzy flag
    assert (fr.counts.total, fr.counts.translated, fr.counts.fuzzy, fr.counts.untranslated) == (6, 4, 1, 1)
    assert (fr.mt_unreviewed, fr.words_mt_unreviewed) == (3, 4 + 4 + 3)  # fuzzy draft, accepted draft, pseudo
    assert (fr.qa_errors, fr.ready) == (0, False)
    assert (es.counts.translated, es.mt_unreviewed, es.qa_errors, es.ready) == (6, 0, 1, False)
    assert (ar.counts.translated, ar.mt_unreviewed, ar.qa_errors, ar.ready) == (6, 0, 0, True)


def test_ready_is_what_the_release_gate_decides(project: Path) -> None:
    proj = api.open_project(project)
    release = check_project(proj, release=True)
    for row in api.status(proj).rows:
        assert row.ready == (not release.errors(row.lang, row.slug)), row


def test_status_totals_and_json(project: Path) -> None:
    result = api.status(api.open_project(project))
    total = result.summary()
    assert (total.counts.total, total.mt_unreviewed, total.qa_errors, total.ready) == (18, 3, 1, False)
    assert result.summary("ar").ready
    run = stk("status", "--project", str(project), "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    fr = next(r for r in data["statements"] if r["lang"] == "fr")
    assert (fr["mt_unreviewed"], fr["qa_errors"], fr["ready"], fr["counts"]["untranslated"]) == (3, 0, False, 1)
    assert data["languages"]["ar"]["ready"] is True and data["total"]["qa_errors"] == 1


def test_status_table(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--project", str(project)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "MT unreviewed" in lines[0] and lines[0].rstrip().endswith("ready")
    ar = next(line for line in lines if line.startswith("s ") and " ar " in line)
    assert ar.split()[-2:] == ["0", "yes"]
    assert next(line for line in lines if line.startswith("TOTAL") and " fr " in line).split()[-1] == "no"
    assert lines[-1].startswith("segments (source words)")


def test_status_table_shows_words_of_every_state(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--project", str(project), "--lang", "fr"]) == 0
    fr = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("s "))
    row = {r.lang: r for r in api.status(api.open_project(project)).rows}["fr"]
    c = row.counts
    expected = [f"{c.total} ({c.words})", f"{c.translated} ({c.words_translated})", f"{c.fuzzy} ({c.words_fuzzy})"]
    expected += [f"{c.untranslated} ({c.words_untranslated})", f"{row.mt_unreviewed} ({row.words_mt_unreviewed})"]
    assert " ".join(fr.split()[2:12]) == " ".join(expected)
    assert (c.words_fuzzy, c.words_untranslated, row.words_mt_unreviewed) == (4, 3, 11)
