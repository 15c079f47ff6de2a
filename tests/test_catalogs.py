"""Catalogs: templates, the merge that keeps translator work, no churn, and GNU gettext's opinion."""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from babel import Locale
from babel.messages.pofile import read_po
from helpers import make_project, skip_or_fail, snapshot, statement

from toolkit import api
from toolkit.catalogs import Counts, count, equivalent, pofile
from toolkit.languages import plural_forms

MERGE = Path(__file__).parent / "fixtures" / "merge"
CONFIG = '[project]\nname = "Test"\ntarget_languages = ["fr"]\n'


def merge_project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "p", {"statement": (MERGE / "before.md").read_text(encoding="utf-8")}, CONFIG)
    (root / "locales" / "fr").mkdir(parents=True)
    shutil.copy(MERGE / "before.fr.po", root / "locales" / "fr" / "statement.po")
    return root


def test_merge_after_edit_matches_the_reviewed_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, msgfmt) -> None:  # type: ignore[no-untyped-def]
    """before.fr.po + after.md -> expected.fr.po, byte for byte.

    The fixture shows every rule: unchanged kept; edited -> fuzzy with #| msgid;
    fuzzy stays fuzzy; removed -> #~; an obsolete entry revived when its
    sentence returns; a translator's official name kept; an untouched pre-filled
    name re-filled after a typo fix; translator comments and header kept.
    """
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1737000000")
    root = merge_project(tmp_path)
    shutil.copy(MERGE / "after.md", root / "sources" / "statement.md")
    api.extract(api.open_project(root))
    assert (root / "locales/fr/statement.po").read_text(encoding="utf-8") == (MERGE / "expected.fr.po").read_text(
        encoding="utf-8"
    )
    # fuzzy, #| previous msgids and #~ obsolete entries as GNU gettext reads them
    for path in (root / "locales/fr/statement.po", root / "locales/templates/statement.pot"):
        run = msgfmt(path)
        assert run.returncode == 0, run.stderr


def test_merge_rules_one_by_one(tmp_path: Path) -> None:
    root = merge_project(tmp_path)
    shutil.copy(MERGE / "after.md", root / "sources" / "statement.md")
    api.extract(api.open_project(root))
    po = polib.pofile(str(root / "locales/fr/statement.po"))
    live = {e.msgid: e for e in po if not e.obsolete}
    edited = live["We call on **all States Parties** to act today."]
    assert edited.fuzzy and edited.previous_msgid == "We call on all States Parties to act now."
    assert edited.msgstr == "Nous appelons tous les États parties à agir maintenant."
    assert "house style guide" in edited.tcomment
    assert not live["The Court is independent."].fuzzy
    assert live["Signatories"].fuzzy  # a translator's fuzzy flag is theirs to remove
    assert live["Justice cannot be silenced."].msgstr.startswith("La justice")  # revived from #~
    assert live["International Federation for Human Rights (FIDH)"].msgstr.startswith("Fédération internationale")
    fixed = live["Amnesty International"]
    assert fixed.msgstr == "Amnesty International" and not fixed.fuzzy
    obsolete = {e.msgid: e.msgstr for e in po.obsolete_entries()}
    assert obsolete["Sanctions are a tool to be used against those responsible for the worst crimes."].startswith("Les sanctions")
    assert "An old sentence nobody will bring back." in obsolete
    assert po.metadata["Last-Translator"] == "Jeanne Martin <jeanne@example.org>"
    assert po.metadata["X-Poedit-SourceCharset"] == "UTF-8"


def test_a_translators_file_is_not_rewritten_when_nothing_changed(tmp_path: Path) -> None:
    """before.fr.po is laid out as Poedit writes it (no wrapping): extract must leave its bytes alone."""
    root = merge_project(tmp_path)
    before = (root / "locales/fr/statement.po").read_bytes()
    result = api.extract(api.open_project(root))
    assert "locales/fr/statement.po" in result.unchanged
    assert (root / "locales/fr/statement.po").read_bytes() == before


def test_second_extract_changes_no_byte(example: Path) -> None:
    api.extract(api.open_project(example))
    first = snapshot(example)
    mtimes = {p: p.stat().st_mtime_ns for p in example.rglob("*.po*")}
    result = api.extract(api.open_project(example))
    assert result.written == []
    assert snapshot(example) == first
    assert {p: p.stat().st_mtime_ns for p in example.rglob("*.po*")} == mtimes


@pytest.mark.slow  # msgfmt on every catalog
def test_example_project_gives_5_templates_and_15_catalogs_gettext_accepts(example: Path, msgfmt) -> None:  # type: ignore[no-untyped-def]
    result = api.extract(api.open_project(example))
    pots = sorted(example.glob("locales/templates/*.pot"))
    pos = sorted(example.glob("locales/*/*.po"))
    assert len(pots) == 5 and len(pos) == 15 and len(result.written) == 20
    for path in [*pots, *pos]:
        run = msgfmt(path)
        assert run.returncode == 0 and run.stderr == "", f"{path}: {run.stderr}"


def test_catalogs_read_back_with_babel_as_a_second_parser(example: Path) -> None:
    api.extract(api.open_project(example))
    for path in sorted(example.glob("locales/templates/*.pot")):
        with path.open("rb") as handle:
            template = read_po(handle, abort_invalid=True)
        assert [m.id for m in template if m.id] == [e.msgid for e in pofile.read(path, str(path))]
    for path in sorted(example.glob("locales/*/*.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
        ours = pofile.read(path, str(path))
        assert [m.id for m in catalog if m.id] == [e.msgid for e in ours if not e.obsolete]
        assert catalog.locale is not None and str(catalog.locale) == path.parent.name
        assert catalog.plural_forms == ours.metadata["Plural-Forms"]


def test_arabic_plural_forms_index_the_cldr_categories_in_gettext_order() -> None:
    # GNU gettext evaluates the header's C expression: msgstr[4] is "many" (11-99, 111...),
    # msgstr[5] "other" (100-102, ...). Babel's own table swaps them.
    header = plural_forms("ar")
    assert header.startswith("nplurals=6;")
    formula = gettext.c2py(header.split("plural=")[1].rstrip(";"))
    order = ["zero", "one", "two", "few", "many", "other"]
    arabic = Locale.parse("ar")
    assert [formula(n) for n in range(1000)] == [order.index(arabic.plural_form(n)) for n in range(1000)]
    assert (formula(11), formula(100), formula(102), formula(111)) == (4, 5, 5, 4)


@pytest.mark.parametrize("lang", ["fr", "es", "ar", "de", "ru", "pl", "zh", "ja", "pt-BR", "pt", "en-GB", "sl", "ga"])
def test_plural_forms_are_what_gnu_msginit_writes(lang: str, tmp_path: Path) -> None:
    # msginit takes gettext's own table, then CLDR's plurals.xml from $GETTEXTCLDRDIR (Debian's
    # unicode-cldr-core; without it msginit writes no Plural-Forms for Arabic or Chinese).
    cldr = Path("/usr/share/unicode/cldr")
    if not shutil.which("msginit") or not (cldr / "common/supplemental/plurals.xml").is_file():
        skip_or_fail("msginit (gettext) and CLDR's plurals.xml (unicode-cldr-core) are needed")
    pot = tmp_path / "t.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
    out = tmp_path / "t.po"
    env = {**os.environ, "GETTEXTCLDRDIR": str(cldr), "LC_ALL": "C.UTF-8"}
    command = ["msginit", "-l", lang.replace("-", "_"), "-i", str(pot), "-o", str(out), "--no-translator"]
    subprocess.run(command, env=env, check=True, capture_output=True)
    assert plural_forms(lang) == polib.pofile(str(out)).metadata["Plural-Forms"]


def test_plural_forms_do_not_follow_the_installed_babel(monkeypatch: pytest.MonkeyPatch) -> None:
    # Babel 2.19 (CLDR 46) gives French "nplurals=3": the catalogs must not change with it.
    import babel.messages.plurals

    monkeypatch.setattr(babel.messages.plurals, "get_plural", lambda *a, **k: pytest.fail("asked Babel"))
    assert plural_forms("fr") == "nplurals=2; plural=(n > 1);"
    assert plural_forms("es") == "nplurals=2; plural=(n != 1);"
    assert plural_forms("xx-unknown") == "nplurals=2; plural=(n != 1);"


def test_every_plural_forms_in_the_table_sends_one_to_the_first_form() -> None:
    from toolkit.languages import _plural_table

    table = _plural_table()
    assert len(table) > 200
    for code, value in table.items():
        nplurals = int(value.split(";")[0].split("=")[1])
        formula = gettext.c2py(value.split("plural=", 1)[1].rstrip(";"))
        if nplurals > 1:
            assert formula(1) == 0 or code in {"ar", "ars", "cy", "ksh", "kw", "lag", "prg"}, code
        assert {formula(n) for n in [*range(2000), 10**5, 10**6, 2 * 10**6]} <= set(range(nplurals)), code


def test_the_merge_keeps_every_note_a_re_segmentation_writes() -> None:
    from toolkit.catalogs.resegment import JOIN_NOTE, SPLIT_NOTE, UNSPLIT_NOTE
    from toolkit.catalogs.template import NOTE_PREFIXES

    assert all(note.startswith(NOTE_PREFIXES) for note in (SPLIT_NOTE, UNSPLIT_NOTE, JOIN_NOTE))


def test_english_names_are_babels() -> None:
    # The table (scripts/language_names.py) spares each command Babel's English data; it must say what Babel says.
    from babel import Locale

    from toolkit.languages import _english_names, english_name

    table = _english_names()
    assert len(table) > 1000
    for code, name in table.items():
        assert Locale.parse(code).get_display_name("en") == name, code
    assert english_name("fr") == "French" and english_name("pt-BR") == "Portuguese (Brazil)"
    assert english_name("fr_ZZ") == Locale.parse("fr_ZZ").get_display_name("en")  # not in the table: Babel answers


def test_a_header_this_toolkit_wrote_wrong_is_corrected_a_translators_is_kept(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("One sentence.\n")})
    api.extract(api.open_project(root))
    path = root / "locales/ar/s.po"
    good = plural_forms("ar")
    babel = good.replace("n%100>=11 ? 4", "n%100>=0 && n%100<=2 ? 4")
    path.write_text(path.read_text(encoding="utf-8").replace(good, babel), encoding="utf-8")
    api.extract(api.open_project(root))
    assert f"Plural-Forms: {good}" in path.read_text(encoding="utf-8")
    own = "nplurals=1; plural=0;"
    path.write_text(path.read_text(encoding="utf-8").replace(good, own), encoding="utf-8")
    api.extract(api.open_project(root))
    assert f"Plural-Forms: {own}" in path.read_text(encoding="utf-8")


def test_headers_are_complete(example: Path) -> None:
    api.extract(api.open_project(example))
    po = pofile.read(example / "locales/ar/us-sanctions-icc-2025.po", "x")
    assert po.metadata["Language"] == "ar"
    assert po.metadata["Plural-Forms"].startswith("nplurals=6;")
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    for field in (
        "Project-Id-Version",
        "Report-Msgid-Bugs-To",
        "POT-Creation-Date",
        "PO-Revision-Date",
        "Last-Translator",
        "Language-Team",
        "MIME-Version",
        "Content-Transfer-Encoding",
        "X-Generator",
    ):
        assert field in po.metadata
    assert not po.metadata_is_fuzzy


def test_references_comments_and_link_urls(tmp_path: Path) -> None:
    sentence = "Read the [statement](https://www.coalitionfortheicc.org/news/20250114/a-long-address)."
    body = f"{sentence} {sentence}\n\n1. One.\n2. Two.\n"
    root = make_project(tmp_path / "p", {"x": statement(body)}, CONFIG)
    api.extract(api.open_project(root))
    pot = pofile.read(root / "locales/templates/x.pot", "x")
    entry = next(e for e in pot if e.msgid.startswith("Read"))
    assert entry.msgid == "Read the [statement][1]."
    assert entry.occurrences == [("sources/x.md", "8"), ("sources/x.md", "8")]  # identical sentences share one entry
    assert "[1]: https://www.coalitionfortheicc.org/news/20250114/a-long-address" in entry.comment
    assert "https://" not in entry.msgid
    two = next(e for e in pot if e.msgid == "Two.")
    assert two.comment == "numbered list item 2 of 2"


def test_header_only_changes_are_noise() -> None:
    a = polib.pofile(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"X-Generator: A\\n"\n"PO-Revision-Date: 1\\n"\n\nmsgid "x"\nmsgstr "y"\n'
    )
    b = polib.pofile(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"X-Generator: B\\n"\n"PO-Revision-Date: 2\\n"\n\nmsgid "x"\nmsgstr "y"\n'
    )
    c = polib.pofile('msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "x"\nmsgstr "z"\n')
    assert equivalent(a, b)
    assert not equivalent(a, c)


def test_counts_never_take_fuzzy_for_translated() -> None:
    entries = [
        polib.POEntry(msgid="One two three.", msgstr="Un deux trois."),
        polib.POEntry(msgid="**Bold** [link][1].", msgstr="Gras lien.", flags=["fuzzy"]),
        polib.POEntry(msgid="Four.", msgstr=""),
        polib.POEntry(msgid="Gone.", msgstr="Parti.", obsolete=True),
    ]
    assert count(entries) == Counts(
        total=3, translated=1, fuzzy=1, untranslated=1, words=6, words_translated=3, words_fuzzy=2, words_untranslated=1
    )


def test_status_counts_against_current_sources(tmp_path: Path) -> None:
    root = merge_project(tmp_path)
    shutil.copy(MERGE / "after.md", root / "sources" / "statement.md")
    # Catalog not yet updated: the edited sentence, the returning one and the fixed name are untranslated.
    before = api.status(api.open_project(root)).rows[0].counts
    assert (before.translated, before.fuzzy, before.untranslated) == (5, 1, 3)
    api.extract(api.open_project(root))
    after = api.status(api.open_project(root)).rows[0].counts
    assert (after.translated, after.fuzzy, after.untranslated) == (7, 2, 0)


def test_a_new_catalog_names_its_source_where_it_is(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {})
    (root / "sources/2025").mkdir(parents=True)
    (root / "sources/2025/court.md").write_text(statement("One sentence.\n", title="The Court"), encoding="utf-8")
    api.extract(api.open_project(root))
    po = polib.pofile(str(root / "locales/fr/court.po"))
    pot = polib.pofile(str(root / "locales/templates/court.pot"))
    assert po.header.startswith("French translation of “The Court” (sources/2025/court.md).")
    assert "(sources/2025/court.md)" in pot.header
    # a translator's own header comment survives the next merge
    po.header = "Traduction revue par l’équipe de Genève."
    po.save()
    (root / "sources/2025/court.md").write_text(statement("One sentence. Two.\n", title="The Court"), encoding="utf-8")
    api.extract(api.open_project(root))
    assert polib.pofile(str(root / "locales/fr/court.po")).header == "Traduction revue par l’équipe de Genève."


def test_names_carry_weblates_ignore_same_flag_and_get_it_back(tmp_path: Path, msgfmt) -> None:  # type: ignore[no-untyped-def]
    """A kept name is a translation: Weblate's "Unchanged translation" check skips entries flagged ignore-same.
    Poedit and msgcat drop flags they do not know on save; the next extract puts it back, translations untouched."""
    source = statement("We act now.\n\n<!-- names -->\n- Al-Haq\n- Human Rights Watch\n")
    root = make_project(tmp_path / "p", {"s": source}, CONFIG)
    api.extract(api.open_project(root))
    for path in (root / "locales/templates/s.pot", root / "locales/fr/s.po"):
        entries = {e.msgid: e for e in polib.pofile(str(path))}
        assert entries["Al-Haq"].flags == ["ignore-same"] and entries["Human Rights Watch"].flags == ["ignore-same"]
        assert entries["We act now."].flags == []
        assert msgfmt(path).returncode == 0, msgfmt(path).stderr
    po = root / "locales/fr/s.po"
    text = po.read_text(encoding="utf-8").replace("#, ignore-same\n", "")  # as Poedit saves it
    text = text.replace('msgid "Al-Haq"\nmsgstr "Al-Haq"', 'msgid "Al-Haq"\nmsgstr "Al-Haq (Palestine)"')
    po.write_text(text, encoding="utf-8")
    api.extract(api.open_project(root))
    entries = {e.msgid: e for e in polib.pofile(str(po))}
    assert entries["Al-Haq"].msgstr == "Al-Haq (Palestine)" and entries["Al-Haq"].flags == ["ignore-same"]
    assert entries["Human Rights Watch"].flags == ["ignore-same"] and not entries["Human Rights Watch"].fuzzy
