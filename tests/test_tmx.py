"""`stk tm export` / `stk tm import`: read back by translate-toolkit (a real client), used by `stk translate`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest
from helpers import snapshot, stk
from translate.storage.tmx import tmxfile

from toolkit import api, catalogs
from toolkit.catalogs import draft_record
from toolkit.cli import main
from toolkit.drafting import translation_memory
from toolkit.drafting.tmx import TmxError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def reviewed_pairs(root: Path) -> set[tuple[str, str, str]]:
    """(lang, source, target) of every reviewed entry, read with polib independently of the exporter."""
    project = api.open_project(root)
    pairs: set[tuple[str, str, str]] = set()
    for lang in project.config.target_languages:
        for st in project.statements:
            names = catalogs.name_ids(st.segments)
            for entry in polib.pofile(str(project.catalog_path(lang, st.slug))):
                if not entry.msgid or entry.fuzzy or not entry.msgstr.strip():
                    continue
                if entry.msgid in names and entry.msgstr == entry.msgid:
                    continue  # a signatory name pre-filled with itself is no translation
                pairs.add((lang, entry.msgid, entry.msgstr))
    return pairs


def test_export_is_read_back_by_translate_toolkit(
    example_with_locales: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "memory.tmx"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1748000000")
    run = stk("tm", "export", str(out), "--project", str(example_with_locales))
    assert run.returncode == 0, run.stderr
    store = tmxfile(out.read_bytes())
    got = set()
    for unit in store.units:
        source_node, target_node = unit.getlanguageNodes()
        assert source_node.get(XML_LANG) == "en"
        got.add((target_node.get(XML_LANG), unit.source, unit.target))
    assert got == reviewed_pairs(example_with_locales)
    assert len(store.units) == len(got)  # no duplicate units
    assert {lang for lang, _, _ in got} == {"fr", "es", "ar"}
    assert any("«\u00a0" in target for lang, _, target in got if lang == "fr")  # no-break spaces survive
    assert 'creationdate="20250523T113320Z"' in out.read_text(encoding="utf-8")  # SOURCE_DATE_EPOCH: reproducible
    assert f"units (fr {sum(1 for p in got if p[0] == 'fr')}," in run.stdout


def test_export_leaves_out_fuzzy_pseudo_and_prefilled_names(example_with_locales: Path, tmp_path: Path) -> None:
    root = example_with_locales
    path = root / "locales/fr/icc-judges-sanctions-2025.po"
    po = polib.pofile(str(path))
    live = [e for e in po if e.msgid and not e.obsolete]
    live[2].flags.append("fuzzy")
    pseudo = live[3]
    pseudo.msgstr = "[Ƥšéûďô]"
    po.save(str(path))
    draft_record.save_record(
        draft_record.record_path(root / "locales", "fr", "icc-judges-sanctions-2025"),
        {pseudo.msgid: draft_record.Draft("[Ƥšéûďô]", "pseudo")},
    )
    result = api.export_tmx(api.open_project(root), tmp_path / "m.tmx", ["fr"])
    sources = {u.source for u in tmxfile((tmp_path / "m.tmx").read_bytes()).units}
    assert live[2].msgid not in sources and pseudo.msgid not in sources and live[4].msgid in sources
    assert set(result.pairs) == {"fr"}


def test_import_stores_the_memory_that_translate_then_uses(example_with_locales: Path, tmp_path: Path) -> None:
    # Export from the translated project...
    exported = tmp_path / "cicc.tmx"
    api.export_tmx(api.open_project(example_with_locales), exported, ["fr"])
    # ...into a project with the same sources but no translations yet.
    fresh = tmp_path / "fresh"
    shutil.copytree(example_with_locales, fresh, ignore=shutil.ignore_patterns("locales"))
    api.extract(api.open_project(fresh))
    assert main(["tm", "import", str(exported), "--project", str(fresh)]) == 0
    assert (fresh / "tm/cicc.tmx").read_bytes() == exported.read_bytes()
    memory = translation_memory.imported(fresh / "tm", fresh, "en", "fr")
    assert memory and all(entry.origin == "tm/cicc.tmx" for entry in memory)
    result = api.translate(api.open_project(fresh), ["fr"], ["icc-judges-sanctions-2025"], engine="pseudo")
    row = result.rows[0]
    assert row.tm > 0 and row.mt == 0  # every sentence came from the imported memory
    drafts = draft_record.load_record(draft_record.record_path(fresh / "locales", "fr", "icc-judges-sanctions-2025"), "x")
    assert {d.origin for d in drafts.values()} == {"tm"}


def test_import_refuses_what_the_project_cannot_use(example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(example)
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx version='1.4'><body><tu><tuv xml:lang='en'><seg>x</seg></tuv>", encoding="utf-8")
    assert main(["tm", "import", str(bad), "--project", str(example)]) == 2
    assert f"{bad}:1: TMX error: not well-formed XML" in capsys.readouterr().err
    german = tmp_path / "german.tmx"
    german.write_text(
        '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>Hello</seg></tuv>'
        '<tuv xml:lang="de"><seg>Hallo</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    assert main(["tm", "import", str(german), "--project", str(example)]) == 2
    assert "no translation unit from en into fr, es, ar" in capsys.readouterr().err
    assert main(["tm", "import", str(tmp_path / "missing.tmx"), "--project", str(example)]) == 2
    assert snapshot(example) == before  # nothing stored


def test_import_does_not_overwrite_another_memory_unless_asked(example: Path, tmp_path: Path) -> None:
    one = tmp_path / "a" / "memory.tmx"
    two = tmp_path / "b" / "memory.tmx"
    for path, text in ((one, "Bonjour"), (two, "Salut")):
        path.parent.mkdir()
        path.write_text(
            f'<tmx version="1.4"><header srclang="en-US"/><body><tu><tuv xml:lang="en-US"><seg>Hello</seg></tuv>'
            f'<tuv xml:lang="fr-FR"><seg>{text}</seg></tuv></tu></body></tmx>',
            encoding="utf-8",
        )
    project = api.open_project(example)
    first = api.import_tmx(project, one)
    assert first.written and first.units == {"fr": 1, "es": 0, "ar": 0}
    assert not api.import_tmx(project, one).written  # the same file again: nothing to do
    with pytest.raises(TmxError, match="already holds a different memory"):
        api.import_tmx(project, two)
    run = stk("tm", "import", str(two), "--replace", "--json", "--project", str(example))
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["stored"] == "tm/memory.tmx"
    assert (example / "tm/memory.tmx").read_bytes() == two.read_bytes()
