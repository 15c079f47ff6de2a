"""Translation memory: which entries count as reviewed, exact and fuzzy lookup, imported TMX files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polib

from toolkit.catalogs import NAME_NOTE
from toolkit.catalogs.draft_record import Draft
from toolkit.drafting.tmx import Unit, dump_tmx
from toolkit.drafting.translation_memory import Memory, MemoryEntry, imported, reviewed

SANCTIONS = (
    "Sanctions are a tool to be used against those responsible for the most serious international crimes, "
    "not against those seeking justice."
)
SANCTIONS_FR = "Les sanctions sont un outil à utiliser contre les responsables des crimes internationaux les plus graves."


def catalog(*entries: polib.POEntry) -> polib.POFile:
    po = polib.POFile()
    for entry in entries:
        po.append(entry)
    return po


def test_only_reviewed_translations_are_remembered() -> None:
    po = catalog(
        polib.POEntry(msgid=SANCTIONS, msgstr=SANCTIONS_FR),
        polib.POEntry(msgid="Draft only.", msgstr="Brouillon.", flags=["fuzzy"]),
        polib.POEntry(msgid="Untranslated.", msgstr=""),
        polib.POEntry(msgid="Amnesty International", msgstr="Amnesty International", comment=NAME_NOTE),
        polib.POEntry(msgid="Pseudo.", msgstr="[Þšéééûûďôô.]"),
        polib.POEntry(msgid="Old sentence.", msgstr="Ancienne phrase.", obsolete=True),
    )
    drafts = {"Pseudo.": Draft("[Þšéééûûďôô.]", "pseudo", "pseudo")}
    entries = reviewed(po, "locales/fr/a.po", frozenset(), drafts)
    assert [(e.source, e.target) for e in entries] == [(SANCTIONS, SANCTIONS_FR), ("Old sentence.", "Ancienne phrase.")]
    assert {e.origin for e in entries} == {"locales/fr/a.po"}


def test_a_name_translated_to_an_official_local_name_is_remembered() -> None:
    po = catalog(polib.POEntry(msgid="Amnesty International", msgstr="Amnistía Internacional", comment=NAME_NOTE))
    assert [e.target for e in reviewed(po, "x.po", frozenset({"Amnesty International"}), {})] == ["Amnistía Internacional"]


def test_exact_and_fuzzy_matches_with_a_threshold() -> None:
    memory = Memory([MemoryEntry(SANCTIONS, SANCTIONS_FR, "locales/fr/us.po")])
    assert memory.exact(SANCTIONS) == MemoryEntry(SANCTIONS, SANCTIONS_FR, "locales/fr/us.po")
    assert memory.exact(SANCTIONS.lower()) is None
    close = SANCTIONS.replace("most serious", "gravest")
    match = memory.fuzzy(close, 75)
    assert match is not None and 75 <= match.score < 100 and match.entry.target == SANCTIONS_FR
    assert memory.fuzzy(close, 99) is None
    assert memory.fuzzy("Something else entirely.", 50) is None
    assert Memory([]).fuzzy(SANCTIONS, 50) is None


def test_the_most_frequent_translation_wins_and_ties_do_not_depend_on_order() -> None:
    entries = [
        MemoryEntry("Thank you", "Merci beaucoup", "locales/fr/b.po"),
        MemoryEntry("Thank you", "Merci", "locales/fr/c.po"),
        MemoryEntry("Thank you", "Merci", "locales/fr/a.po"),
    ]
    assert Memory(entries).exact("Thank you") == MemoryEntry("Thank you", "Merci", "locales/fr/a.po")
    assert Memory(reversed(entries)).exact("Thank you") == MemoryEntry("Thank you", "Merci", "locales/fr/a.po")
    tie = [MemoryEntry("Hi", "Salut", "locales/fr/z.po"), MemoryEntry("Hi", "Bonjour", "locales/fr/a.po")]
    assert Memory(tie).exact("Hi") == Memory(reversed(tie)).exact("Hi") == MemoryEntry("Hi", "Bonjour", "locales/fr/a.po")


def test_imported_tmx_files_are_read_for_the_language(tmp_path: Path) -> None:
    folder = tmp_path / "tm"
    folder.mkdir()
    units = [Unit(SANCTIONS, {"fr": SANCTIONS_FR, "es": "Las sanciones son una herramienta."}, "old project")]
    (folder / "old.tmx").write_bytes(dump_tmx(units, "en", dt.datetime(2025, 1, 1, tzinfo=dt.UTC)))
    (folder / "notes.txt").write_text("not a memory")
    fr = imported(folder, tmp_path, "en", "fr")
    assert fr == [MemoryEntry(SANCTIONS, SANCTIONS_FR, "tm/old.tmx")]
    assert [e.target for e in imported(folder, tmp_path, "en", "es-ES")] == ["Las sanciones son una herramienta."]
    assert imported(tmp_path / "absent", tmp_path, "en", "fr") == []
