"""`stk report`: known machine drafts and reviewed texts give known figures.

TER is counted by hand in the comments (sacrebleu's TER splits on spaces and
ignores case; edits per 100 words of the reviewed text). chrF is checked
against sacrebleu's sentence-level function where a row has one pair.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib
import pytest
from helpers import make_project, statement, stk
from sacrebleu import sentence_chrf

from toolkit import api
from toolkit.catalogs import draft_record
from toolkit.catalogs.draft_record import Draft
from toolkit.catalogs.pofile import render
from toolkit.drafting.report import render_html

MODEL = "translate-en_fr 1.9"
# msgid -> lang -> (final msgstr, fuzzy, draft or None)
CATALOGS: dict[str, dict[str, dict[str, tuple[str, bool, Draft | None]]]] = {
    "a": {
        "fr": {
            "A title": ("Un titre", False, None),
            "The Coalition": ("La Coalition", False, None),
            # accepted unchanged: 0 edits, 5 words
            "The Court must remain independent.": (
                "La Cour doit rester indépendante.",
                False,
                Draft("La Cour doit rester indépendante.", "mt", "argos", MODEL),
            ),
            # "le tribunal." -> "la Cour.": 2 substitutions, 7 words
            "States must cooperate with the Court.": (
                "Les États doivent coopérer avec la Cour.",
                False,
                Draft("Les États doivent coopérer avec le tribunal.", "mt", "argos", MODEL),
            ),
            # still fuzzy: awaiting review, not scored
            "Sanctions are a tool.": (
                "Les sanctions sont un outil.",
                True,
                Draft("Les sanctions sont un outil.", "mt", "argos", MODEL),
            ),
            "The victims deserve justice.": (
                "Les victimes méritent justice.",
                False,
                Draft("Les victimes méritent justice.", "tm", "tm", "locales/fr/old.po", 100.0),
            ),
            "Civil society stands ready.": (
                "La société civile est prête.",
                False,
                Draft("La société civile se tient prête.", "tm-fuzzy", "tm", "locales/fr/old.po", 81.0),
            ),
            "The Coalition speaks.": (
                "[Ţĥéé Çôôáļîţîôôñ šþéééáķš.]",
                True,
                Draft("[Ţĥéé Çôôáļîţîôôñ šþéééáķš.]", "pseudo", "pseudo"),
            ),
            "People decide.": ("Les peuples décident.", False, None),
        },
        "es": {
            "A title": ("Un título", False, None),
            "The Coalition": ("La Coalición", False, None),
            # El->La, tribunal->Corte, ser->seguir, +siendo: 4 edits, 6 words
            "The Court must remain independent.": (
                "La Corte debe seguir siendo independiente.",
                False,
                Draft("El tribunal debe ser independiente.", "mt", "argos", "translate-en_es 1.9"),
            ),
        },
    },
    "b": {
        "fr": {
            "A title": ("Un titre", False, None),
            "The Coalition": ("La Coalition", False, None),
            # accepted unchanged: 0 edits, 3 words
            "Justice prevails.": ("La justice l’emporte.", False, Draft("La justice l’emporte.", "mt", "argos", MODEL)),
        },
    },
}
BODIES = {
    "a": "The Court must remain independent. States must cooperate with the Court. Sanctions are a tool. "
    "The victims deserve justice. Civil society stands ready. The Coalition speaks. People decide.\n",
    "b": "Justice prevails.\n",
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(
        tmp_path / "p",
        {slug: statement(body) for slug, body in BODIES.items()},
        '[project]\nname = "Report test"\ntarget_languages = ["fr", "es"]\n',
    )
    api.extract(api.open_project(root))
    for slug, languages in CATALOGS.items():
        for lang, entries in languages.items():
            path = root / "locales" / lang / f"{slug}.po"
            po = polib.pofile(path.read_text(encoding="utf-8"))
            drafts: dict[str, Draft] = {}
            for msgid, (msgstr, fuzzy, draft) in entries.items():
                entry = po.find(msgid)
                assert entry is not None, msgid
                entry.msgstr = msgstr
                entry.flags = ["fuzzy"] if fuzzy else []
                if draft is not None:
                    drafts[msgid] = draft
            path.write_bytes(render(po))
            draft_record.save_record(draft_record.record_path(root / "locales", lang, slug), drafts)
    return root


def test_report_figures(project: Path) -> None:
    result = api.report(api.open_project(project))
    rows = {(r.slug, r.lang): r for r in result.rows}
    fr_a = rows[("a", "fr")]
    assert (fr_a.segments, fr_a.tm, fr_a.tm_fuzzy, fr_a.tm_unchanged) == (9, 1, 1, 1)
    assert (fr_a.mt, fr_a.reviewed, fr_a.unchanged, fr_a.awaiting) == (3, 2, 1, 1)
    assert fr_a.ter == pytest.approx(100 * 2 / 12)
    es_a = rows[("a", "es")]
    assert (es_a.mt, es_a.reviewed, es_a.unchanged) == (1, 1, 0)
    assert es_a.ter == pytest.approx(100 * 4 / 6)
    assert es_a.chrf == pytest.approx(
        sentence_chrf("El tribunal debe ser independiente.", ["La Corte debe seguir siendo independiente."]).score
    )
    fr_b = rows[("b", "fr")]
    assert (fr_b.chrf, fr_b.ter, fr_b.unchanged) == (pytest.approx(100.0), 0.0, 1)
    assert rows[("b", "es")].chrf is None  # nothing machine-translated
    total = result.total("fr")
    assert (total.segments, total.mt, total.reviewed, total.unchanged) == (12, 4, 3, 2)
    assert total.ter == pytest.approx(100 * 2 / 15)  # corpus: all edits over all reviewed words


def test_report_table_prints_the_figures(project: Path) -> None:
    run = stk("report", "--project", str(project))
    assert run.returncode == 0, run.stderr
    rows = {tuple(line.split()[:2]): line.split()[2:] for line in run.stdout.splitlines()[2:]}
    # segments, TM, TM fuzzy, MT, reviewed, unchanged, chrF, TER
    assert rows[("a", "fr")][:6] == ["9", "1", "1", "3", "2", "1"] and rows[("a", "fr")][7] == "16.7"
    es = sentence_chrf("El tribunal debe ser independiente.", ["La Corte debe seguir siendo independiente."]).score
    assert rows[("a", "es")][4:] == ["1", "0", f"{es:.1f}", "66.7"]
    assert rows[("b", "fr")][-2:] == ["100.0", "0.0"]
    assert rows[("b", "es")][-2:] == ["-", "-"]
    assert rows[("TOTAL", "fr")][-1] == "13.3"


def test_report_json(project: Path) -> None:
    run = stk("report", "--project", str(project), "--json", "--lang", "es")
    data = json.loads(run.stdout)
    assert [r["statement"] for r in data["statements"]] == ["a", "b"]
    assert data["statements"][0]["ter"] == 66.67 and data["statements"][0]["mt_unchanged"] == 0
    assert data["languages"]["es"]["mt_reviewed"] == 1


def test_report_html_is_self_contained_with_a_chart(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    run = stk("report", "--project", str(project), "--html", str(out))
    assert run.returncode == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "Report test" in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)  # no external assets
    # one bar per statement and a total per language; pieces sized by segments (unchanged: 1 of 9 in a/fr)
    assert html.count("<rect") == len(re.findall(r"<rect[^>]*fill=", html)) > 6
    assert "a (fr): 1 machine translation accepted unchanged" in html
    assert "16.7" in html and "66.7" in html


def test_html_escapes_everything(project: Path) -> None:
    """Every text the page shows from the project -- its name, each statement's slug (a file name may hold
    anything) in the table, the chart's labels and the bars' tooltips -- arrives as text, never as markup."""
    from html.parser import HTMLParser

    slug = 'b <img src=x onerror=alert(\'slug\')>" onmouseover="alert(1)" &amp;'  # no "/": a file name
    for path in [project / "sources/b.md", *(project / "locales").glob("*/b.*")]:
        path.rename(path.with_name(path.name.replace("b.", f"{slug}.", 1)))
    name = '<script>alert(\'name\')</script>" onmouseover="alert(2)" <img src=x onerror=alert(3)> &amp;'
    result = api.report(api.open_project(project))
    assert slug in {r.slug for r in result.rows}
    html = render_html(result, name).decode()

    class Page(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
            self.text = ""
            self.feed(html)

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append((tag, attrs))

        def handle_data(self, data: str) -> None:
            self.text += data

    page = Page()
    allowed = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "code", "strong", "span", "i", "section",
               "svg", "g", "text", "rect", "table", "thead", "tbody", "tr", "th", "td"}  # fmt: skip
    assert {tag for tag, _ in page.tags} <= allowed
    assert not [(tag, attr) for tag, attrs in page.tags for attr, _ in attrs if attr.startswith("on") or attr == "src"]
    assert page.text.count(name) == 2  # <title> and <h1>
    assert page.text.count(slug) >= 4  # per language: its bar's label and its row; and in the tooltips
    assert f"{slug} (fr): 1 machine translation accepted unchanged" in page.text
