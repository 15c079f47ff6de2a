"""The pre-translation pipeline in process, with the pseudo engine: memory, names, records, resume, safety, config."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from helpers import make_project, snapshot, statement, stk

from toolkit import api
from toolkit.catalogs import NAME_NOTE
from toolkit.catalogs.draft_record import load_record, record_path
from toolkit.catalogs.patch import spliceable
from toolkit.drafting.engines import EngineOptions
from toolkit.drafting.engines.pseudo import PseudoEngine
from toolkit.drafting.pretranslate import translate
from toolkit.drafting.tmx import Unit, dump_tmx
from toolkit.drafting.translate_settings import translate_settings
from toolkit.errors import CatalogError, ConfigError, EngineError

SANCTIONS = (
    "Sanctions are a tool to be used against those responsible for the most serious international crimes, "
    "not against those seeking justice."
)
MEASURES = (
    "These measures can severely affect the ability of the ICC to fulfil its crucial mandate in all situations where it operates."
)
SEVERELY = (
    "US sanctions could severely affect the ability of the ICC to fulfil its crucial mandate in all situations where it operates."
)


def extracted(root: Path) -> Path:
    api.extract(api.open_project(root))
    return root


def po(root: Path, lang: str, slug: str) -> polib.POFile:
    return polib.pofile(str(root / "locales" / lang / f"{slug}.po"))


def entry(catalog: polib.POFile, msgid: str) -> polib.POEntry:
    found = catalog.find(msgid)
    assert found is not None, msgid
    return found


def review(root: Path, lang: str, slug: str, translations: dict[str, str]) -> None:
    """A translator fills some entries and saves (not fuzzy)."""
    catalog = po(root, lang, slug)
    for msgid, msgstr in translations.items():
        entry(catalog, msgid).msgstr = msgstr
    catalog.save()


@pytest.mark.slow  # msgfmt on every catalog
def test_memory_fills_the_repeated_sentences_of_the_seeds_without_machine_translation(example: Path, msgfmt) -> None:  # type: ignore[no-untyped-def]
    extracted(example)
    review(
        example,
        "fr",
        "us-sanctions-icc-2025",
        {
            SANCTIONS: "Les sanctions sont un outil contre les responsables des crimes les plus graves.",
            SEVERELY: "Les sanctions…",
        },
    )
    result = translate(
        api.open_project(example), ["fr"], ["palestinian-ngos-sanctions-2025", "icc-judges-sanctions-2025"], engine="pseudo"
    )
    rows = {r.slug: r for r in result.rows}
    assert rows["palestinian-ngos-sanctions-2025"].tm == 1 and rows["icc-judges-sanctions-2025"].tm_fuzzy >= 1

    exact = entry(po(example, "fr", "palestinian-ngos-sanctions-2025"), SANCTIONS)
    assert exact.msgstr.startswith("Les sanctions sont un outil") and not exact.fuzzy
    assert exact.tcomment == "translation memory: exact match from us-sanctions-icc-2025.po"
    fuzzy = entry(po(example, "fr", "icc-judges-sanctions-2025"), MEASURES)
    assert fuzzy.fuzzy and fuzzy.msgstr == "Les sanctions…" and fuzzy.previous_msgid == SEVERELY
    assert fuzzy.tcomment.startswith("translation memory: ") and fuzzy.tcomment.endswith("% match from us-sanctions-icc-2025.po")
    record = load_record(record_path(example / "locales", "fr", "icc-judges-sanctions-2025"), "x")
    draft = record[fuzzy.msgid]
    assert (draft.origin, draft.engine, draft.model) == ("tm-fuzzy", "tm", "locales/fr/us-sanctions-icc-2025.po")
    assert draft.score is not None and 75 <= draft.score < 100
    # the statement itself was not selected: untouched
    assert all(not e.fuzzy for e in po(example, "fr", "us-sanctions-icc-2025"))
    for path in sorted((example / "locales/fr").glob("*.po")):
        run = msgfmt(path)
        assert run.returncode == 0, run.stderr


def test_the_memory_threshold_and_imported_tmx_files(tmp_path: Path) -> None:
    root = make_project(
        tmp_path / "p",
        {
            "a": statement("Sanctions are a tool against the gravest crimes."),
            "b": statement("Sanctions are a tool against the worst crimes."),
        },
        '[project]\nname = "T"\ntarget_languages = ["fr"]\n[translate]\ntm_threshold = 99\n',
    )
    extracted(root)
    review(root, "fr", "a", {"Sanctions are a tool against the gravest crimes.": "Les sanctions sont un outil."})
    (root / "tm").mkdir()
    unit = Unit("A title", {"fr": "Un titre"}, "old")
    (root / "tm" / "old.tmx").write_bytes(dump_tmx([unit], "en", dt.datetime(2025, 1, 1, tzinfo=dt.UTC)))
    result = translate(api.open_project(root), slugs=["b"], engine="pseudo")
    (row,) = result.rows
    assert (row.tm, row.tm_fuzzy, row.mt) == (1, 0, 2)  # the title from the TMX; 99% is too strict for the sentence
    assert entry(po(root, "fr", "b"), "A title").tcomment == "translation memory: exact match from tm/old.tmx"


@pytest.mark.slow  # msgfmt on every catalog
def test_pseudo_drafts_are_labelled_fuzzy_recorded_and_never_counted_as_translated(example: Path, msgfmt) -> None:  # type: ignore[no-untyped-def]
    project = api.open_project(extracted(example))
    before = api.status(project).total()
    result = translate(project, engine="pseudo")
    assert result.models == {lang: "pseudo engine, NOT a translation (for layout previews)" for lang in ("fr", "es", "ar")}
    after = api.status(api.open_project(example)).total()
    assert after.translated == before.translated and after.untranslated == 0
    catalog = po(example, "ar", "asp23-cooperation-plenary-2024")
    title = catalog[0]
    assert title.fuzzy and title.tcomment == "pseudo-translation: pseudo engine, NOT a translation (for layout previews)"
    # Arabic pseudo-text is in Arabic letters, so the preview lays it out like a translation
    assert title.msgstr.startswith("\\[پلىىنااري سىىسسييون") and title.msgstr.endswith("جمعية الدول الأطراف\\]")
    record = load_record(record_path(example / "locales", "ar", "asp23-cooperation-plenary-2024"), "x")
    assert record[title.msgid].origin == "pseudo" and record[title.msgid].text == title.msgstr
    for path in (example / "locales").glob("*/*.po"):
        assert msgfmt(path).returncode == 0
    # A reviewer who un-fuzzies a pseudo entry has not translated it: it never feeds the memory.
    title.flags.remove("fuzzy")
    catalog.save()
    other = po(example, "fr", "asp23-cooperation-plenary-2024")
    entry(other, title.msgid).msgstr = ""
    other.save()
    result = translate(api.open_project(example), ["fr"], engine="pseudo")
    assert sum(r.tm for r in result.rows) == 0


def test_a_dry_run_reports_and_writes_nothing(example: Path) -> None:
    extracted(example)
    files = snapshot(example)
    result = translate(api.open_project(example), engine="pseudo", dry_run=True)
    assert snapshot(example) == files
    assert result.dry_run and result.segments == 3 * 170 and sum(r.mt for r in result.rows) == 3 * 174


def test_an_emptied_name_gets_its_source_back_and_a_refill_does_not_pile_up_comments(tmp_path: Path) -> None:
    body = "We call on **all States Parties** to act.\n\n<!-- names -->\n- Amnesty International\n- Al-Haq\n"
    root = extracted(make_project(tmp_path / "p", {"s": statement(body)}, '[project]\nname = "T"\ntarget_languages = ["es"]\n'))
    catalog = po(root, "es", "s")
    entry(catalog, "Al-Haq").msgstr = ""
    catalog.save()
    translate(api.open_project(root), engine="pseudo")
    catalog = po(root, "es", "s")
    name = entry(catalog, "Al-Haq")
    assert (name.msgstr, name.fuzzy, name.tcomment) == ("Al-Haq", False, "") and NAME_NOTE in name.comment
    sentence = entry(catalog, "We call on **all States Parties** to act.")
    assert "**" in sentence.msgstr and sentence.fuzzy
    # The reviewer empties the draft and adds a note; a new run drafts again, with one provenance line.
    sentence.msgstr = ""
    sentence.tcomment = "Ana: retraducir\n" + sentence.tcomment
    catalog.save()
    translate(api.open_project(root), engine="pseudo")
    sentence = entry(po(root, "es", "s"), "We call on **all States Parties** to act.")
    assert sentence.tcomment.split("\n") == [
        "Ana: retraducir",
        "pseudo-translation: pseudo engine, NOT a translation (for layout previews)",
    ]


class Interrupting(PseudoEngine):
    """The pseudo engine, interrupted (Ctrl-C) at its n-th batch, or calling a hook before each batch."""

    def __init__(self, stop_at: int = 0, before: object = None) -> None:
        super().__init__()
        self.calls = 0
        self.stop_at = stop_at
        self.before = before

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        self.calls += 1
        if self.calls == self.stop_at:
            raise KeyboardInterrupt
        if callable(self.before):
            self.before(self.calls)
        return super().translate_batch(texts, source, target)


@pytest.mark.slow  # msgfmt on every catalog
def test_an_interrupted_run_loses_at_most_one_batch_and_resumes(example: Path, tmp_path: Path, msgfmt) -> None:  # type: ignore[no-untyped-def]
    extracted(example)
    reference = tmp_path / "reference"
    shutil.copytree(example, reference)
    settings = translate_settings(api.open_project(example).config, engine="pseudo")
    small = type(settings)(settings.engine, settings.tm_threshold, 10, settings.options)
    with pytest.raises(KeyboardInterrupt):
        translate(api.open_project(example), ["fr"], settings=small, engine_object=Interrupting(stop_at=4))
    drafted = sum(1 for p in (example / "locales/fr").glob("*.po") for e in polib.pofile(str(p)) if e.msgstr and e.fuzzy)
    assert drafted >= 30  # three batches of ten distinct segments (repeated ones fill several entries)
    for path in (example / "locales/fr").glob("*.po"):
        assert msgfmt(path).returncode == 0
    translate(api.open_project(example), ["fr"], settings=small, engine_object=Interrupting())
    translate(api.open_project(reference), ["fr"], settings=small, engine_object=Interrupting())
    assert snapshot(example) == snapshot(reference)


def test_a_catalog_saved_by_someone_else_meanwhile_is_never_overwritten(example: Path) -> None:
    """A save between two batches: the run goes on on top of it (tests/test_races.py measures every window)."""
    extracted(example)
    path = example / "locales/fr/us-sanctions-icc-2025.po"
    theirs = path.read_bytes().replace(b'msgstr ""\n\n#. paragraph 1', b'msgstr "Nous nous opposons"\n\n#. paragraph 1', 1)
    mine = next(e for e in polib.pofile(theirs.decode()) if e.msgstr == "Nous nous opposons")

    def translator_saves(call: int) -> None:
        if call == 2:
            path.write_bytes(theirs)

    result = translate(api.open_project(example), ["fr"], engine_object=Interrupting(before=translator_saves))
    assert [str(w) for w in result.warnings] == [
        "locales/fr/us-sanctions-icc-2025.po: saved by someone else while translate ran: "
        "drafted again on top of their save, their changes kept"
    ]
    after = polib.pofile(str(path))
    kept = entry(after, mine.msgid)
    assert kept.msgstr == "Nous nous opposons" and not kept.fuzzy and "pseudo" not in kept.tcomment
    assert all(e.msgstr for e in after if e.msgid and not e.obsolete)  # everything else drafted
    assert mine.msgid not in load_record(record_path(example / "locales", "fr", "us-sanctions-icc-2025"), "x")
    row = next(r for r in result.rows if r.slug == "us-sanctions-icc-2025")
    empty = sum(1 for e in polib.pofile(theirs.decode()) if e.msgid and not e.msgstr and not e.obsolete)
    assert row.mt + row.names + row.tm + row.tm_fuzzy == empty  # the entry they translated is not counted as drafted


def test_files_with_unusual_layout_are_rendered_whole_and_stay_valid(tmp_path: Path, msgfmt) -> None:  # type: ignore[no-untyped-def]
    root = extracted(
        make_project(tmp_path / "p", {"s": statement("One sentence. Two sentences.")}, '[project]\ntarget_languages = ["fr"]\n')
    )
    path = root / "locales/fr/s.po"
    odd = path.read_text().replace("#: sources/s.md:8\n", "#: sources/s.md:8\n\n", 1)
    path.write_text(odd)
    assert not spliceable(odd)
    translate(api.open_project(root), engine="pseudo")
    assert msgfmt(path).returncode == 0
    assert all(e.msgstr for e in polib.pofile(str(path)) if e.msgid)


def test_a_missing_catalog_and_a_bad_config_are_reported_before_anything_is_written(example: Path) -> None:
    with pytest.raises(CatalogError, match=r"no catalog for fr yet: run `stk extract` first"):
        translate(api.open_project(example), ["fr"], engine="pseudo")
    extracted(example)
    config = example / "toolkit.toml"
    original = config.read_text()
    for table, message in [
        ("tm_threshold = 120", "translate.tm_threshold must be from 50 to 100, not 120"),
        ("batch_size = 2.5", "translate.batch_size must be an integer, not 2.5"),
        ('device = "gpu"', "translate.device must be one of auto, cpu, cuda, not 'gpu'"),
        ('engine = "deepl"', "translate.engine must be one of argos, libretranslate, pseudo, not 'deepl'"),
    ]:
        config.write_text(original + f"\n[translate]\n{table}\n")
        files = snapshot(example)
        with pytest.raises(ConfigError) as caught:
            translate(api.open_project(example))
        line = len(original.splitlines()) + 3
        assert str(caught.value) == f"toolkit.toml:{line}: Config error: {message}"
        assert snapshot(example) == files
    config.write_text(original + '\n[translate]\nengine = "pseudo"\nbeam = 2\n')
    project = api.open_project(example)
    settings = translate_settings(project.config)
    assert settings.engine == "pseudo" and project.config.warnings == (
        f"toolkit.toml:{len(original.splitlines()) + 4}: unknown key translate.beam ignored (did you mean 'beam_size'?)",
    )
    assert settings.options == EngineOptions()
    with pytest.raises(EngineError, match="unknown engine"):
        from toolkit.drafting.engines import create

        create("deepl", EngineOptions())


def test_the_translate_command_prints_json_and_a_dry_run_table(example: Path) -> None:
    """What reaches the api is tests/test_cli_mapping.py's; here, what the command prints from a real run."""
    extracted(example)
    files = snapshot(example)
    run = stk("translate", "--project", str(example), "--engine", "pseudo", "--lang", "fr", "--dry-run")
    assert run.returncode == 0 and "machine (to do)" in run.stdout and "nothing written" in run.stderr
    assert snapshot(example) == files
    run = stk("translate", "--project", str(example), "--engine", "pseudo", "--lang", "es", "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["engine"] == "pseudo" and data["segments"] == 170 and len(data["rows"]) == 5


# Run the real command line as in `make release`'s environment, which has no [mt] extra: a meta-path
# finder makes the extra's modules unimportable, exactly as if pip had never installed them.
_WITHOUT_MT = """
import sys
from importlib.abc import MetaPathFinder

class NoMT(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"argostranslate", "ctranslate2", "sentencepiece", "packaging", "stanza", "torch"}:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NoMT())
from toolkit.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _stk_without_mt(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _WITHOUT_MT, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    "command",
    [
        ["translate", "--lang", "fr"],
        ["translate", "--engine", "argos"],
        ["models", "list"],
        ["models", "install", "--online", "fr"],
    ],
)
def test_without_the_mt_extra_every_mt_command_is_one_line_naming_the_fix(example: Path, command: list[str]) -> None:
    extracted(example)
    files = snapshot(example)
    with_project = [*command, "--project", str(example)] if command[0] == "translate" else command
    run = _stk_without_mt(*with_project)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert "needs the [mt] extra" in run.stderr and "make mt" in run.stderr and "argostranslate" in run.stderr
    assert snapshot(example) == files


def test_an_argos_dry_run_counts_without_a_model_or_the_mt_extra(example: Path) -> None:
    extracted(example)
    files = snapshot(example)
    run = _stk_without_mt("translate", "--project", str(example), "--engine", "argos", "--dry-run", "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    pseudo = translate(api.open_project(example), engine="pseudo", dry_run=True)  # no model either: the same plan
    assert data["dry_run"] and data["engine"] == "argos" and data["models"] == {}
    assert data["segments"] == pseudo.segments > 400 and sum(r["mt"] for r in data["rows"]) == sum(r.mt for r in pseudo.rows)
    assert snapshot(example) == files
