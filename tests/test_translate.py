"""`stk translate` end to end with real Argos packages (built by the tests), offline, as a user runs it."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import ctranslate2
import polib
import pytest
from argos_fixture import argos_env, argos_home, tiny_packages  # noqa: F401 - fixtures
from helpers import run_stk, snapshot

from toolkit import api
from toolkit.catalogs import NAME_NOTE
from toolkit.catalogs.draft_record import load_record, record_path
from toolkit.catalogs.patch import block_key, blocks
from toolkit.document import Content, Emphasis, Link, Strong
from toolkit.document.markup import parse

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow  # builds and runs models in child processes

LANGS = ("fr", "es", "ar")
Msgfmt = Callable[[Path], subprocess.CompletedProcess[str]]


def catalogs_of(root: Path) -> dict[str, polib.POFile]:
    return {str(p.relative_to(root)): polib.pofile(str(p)) for p in sorted((root / "locales").glob("*/*.po"))}


def live(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete and e.msgid]


def markup(text: str) -> Counter[str]:
    """Bold, italic and link numbers in light Markdown, as a multiset."""
    found: Counter[str] = Counter()

    def walk(content: Content) -> None:
        for node in content:
            if isinstance(node, (Strong, Emphasis, Link)):
                found[type(node).__name__ + (node.href if isinstance(node, Link) else "")] += 1
                walk(node.children)

    walk(parse(text, tuple(f"#{n}" for n in range(1, 10)), lambda m: None))
    return found


def entry(po: polib.POFile, start: str) -> polib.POEntry:
    return next(e for e in live(po) if e.msgid.startswith(start))


def test_a_fresh_project_is_drafted_offline_and_a_second_run_changes_nothing(
    example: Path,
    argos_home: Path,  # noqa: F811
    msgfmt: Msgfmt,
    tmp_path: Path,
) -> None:
    api.extract(api.open_project(example))
    before = catalogs_of(example)
    log = tmp_path / "net.log"
    run = run_stk("translate", "--project", str(example), env=argos_env(argos_home, log))
    assert run.returncode == 0, run.stderr
    assert not log.exists(), log.read_text()  # no socket, no DNS lookup, no URL opened

    after = catalogs_of(example)
    for name, po in after.items():
        lang = name.split("/")[1]
        assert msgfmt(example / name).returncode == 0, name
        record = load_record(record_path(example / "locales", lang, Path(name).stem), name)
        for e in live(po):
            assert e.msgstr, f"{name}: {e.msgid!r} left empty"
            old = next(o for o in live(before[name]) if o.msgid == e.msgid)
            if old.msgstr:  # names, pre-filled by extract: untouched
                assert (e.msgstr, e.flags, e.tcomment) == (old.msgstr, old.flags, old.tcomment) and NAME_NOTE in e.comment
                continue
            assert e.fuzzy and e.tcomment == f"machine translation: argos translate-en_{lang} 1.0"
            assert record[e.msgid].text == e.msgstr and record[e.msgid].origin == "mt"
            assert record[e.msgid].model == f"translate-en_{lang} 1.0"
            assert not re.search(r"\bZ\d", e.msgstr)  # every placeholder restored
            assert markup(e.msgstr) == markup(e.msgid), e.msgid  # bold, italics and links survive

    fr, es, ar = (after[f"locales/{lang}/icc-judges-sanctions-2025.po"] for lang in LANGS)
    first = "On 5 June 2025, the United States (U.S.) government sanctioned"
    assert entry(fr, first).msgstr.startswith("On 5 juin 2025, the ")  # the copy model keeps the English around
    assert "Cour pénale internationale (CPI), pursuant to décret présidentiel (E.O.) 14203." in entry(fr, first).msgstr
    assert entry(es, first).msgstr.startswith("On 5 de junio de 2025,")
    assert entry(ar, first).msgstr.startswith("On 5 يونيو 2025,")
    assert "#. glossary: International Criminal Court = Cour pénale internationale" in str(entry(fr, first))
    asp = after["locales/fr/asp23-cooperation-plenary-2024.po"]
    assert entry(asp, "Fifth, States Parties").msgstr == (
        "Fifth, États Parties that have yet to do so, should immediately ratify the Court's "
        "**Accord sur les privilèges et immunités** (APIC)."
    )
    contact = after["locales/fr/us-sanctions-icc-2025.po"]
    assert entry(contact, "[smallet@asf.be][1]").msgstr == "[smallet@asf.be][1]"

    status = json.loads(run_stk("status", "--project", str(example), "--json").stdout)
    assert (
        status["total"]["counts"]["fuzzy"] > 400 and status["total"]["counts"]["untranslated"] == 0
    )  # drafts never count as done

    files = snapshot(example)
    again = run_stk("translate", "--project", str(example), env=argos_env(argos_home))
    assert again.returncode == 0 and "filled 0 entries" in again.stderr
    assert snapshot(example) == files


def test_entries_people_wrote_are_never_touched_byte_for_byte(example: Path, argos_home: Path) -> None:  # noqa: F811
    api.extract(api.open_project(example))
    path = example / "locales/fr/us-sanctions-icc-2025.po"
    po = polib.pofile(str(path))
    entries = live(po)
    entries[2].msgstr = "La Coalition et plus de 120 de ses organisations membres s'opposent aux sanctions."
    entries[3].msgstr = "La CPI est une institution judiciaire indépendante."
    entries[3].flags = ["fuzzy"]
    entries[3].tcomment = "Jeanne: à revoir"
    po.wrapwidth = 0  # laid out as an editor that does not wrap would write it
    path.write_text(str(po), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    kept = ["\n".join(lines[a:b]) for a, b in blocks(lines) if not _is_empty(lines[a:b])]

    run = run_stk("translate", "--project", str(example), "--lang", "fr", "us-sanctions-icc-2025", env=argos_env(argos_home))
    assert run.returncode == 0, run.stderr
    new = path.read_text(encoding="utf-8")
    for block in kept:  # the header, the names, the two entries above: identical bytes
        assert block in new
    assert new.count("\nmsgid ") == text.count("\nmsgid ")
    assert polib.pofile(str(path)).percent_translated() > 0


def _is_empty(block: list[str]) -> bool:
    key = block_key(block)
    if key is None:
        return False
    po = polib.pofile("\n".join(block) + "\n")
    return po[0].msgstr == "" if len(po) else False


def test_a_bad_model_that_loses_placeholders_still_fills_and_says_what_was_lost(
    example: Path,
    argos_home: Path,  # noqa: F811
    tiny_packages: dict[str, Path],  # noqa: F811
    msgfmt: Msgfmt,
    tmp_path: Path,
) -> None:
    home = tmp_path / "argos"
    (home / "packages").mkdir(parents=True)
    env = argos_env(home)
    assert run_stk("models", "install", str(tiny_packages["random-es"]), env=env).returncode == 0
    api.extract(api.open_project(example))
    run = run_stk("translate", "--project", str(example), "--lang", "es", "us-sanctions-icc-2025", env=env)
    assert run.returncode == 0, run.stderr
    path = example / "locales/es/us-sanctions-icc-2025.po"
    assert msgfmt(path).returncode == 0
    po = polib.pofile(str(path))
    title = entry(po, "We Oppose US Sanctions")
    assert title.fuzzy and title.msgstr and title.tcomment == "machine translation: argos translate-en_es 0.1"
    assert "machine translation lost, add by hand:" in title.comment and "(Corte Penal Internacional)" in title.comment
    record = load_record(record_path(example / "locales", "es", "us-sanctions-icc-2025"), "x")
    assert any(n.startswith("machine translation lost") for n in record[title.msgid].notes)
    assert all(e.msgstr for e in live(po))


def test_a_missing_model_is_a_one_line_error_and_nothing_is_written(example: Path, tmp_path: Path) -> None:
    api.extract(api.open_project(example))
    files = snapshot(example)
    env = argos_env(tmp_path / "empty")
    run = run_stk("translate", "--project", str(example), "--lang", "ar", env=env)
    assert run.returncode == 2
    (line,) = run.stderr.strip().splitlines()
    assert line.endswith(
        "Engine error: no model for en→ar installed (run: stk models install FILE.argosmodel, or stk models install --online ar)"
    )
    assert snapshot(example) == files


def test_cuda_asked_for_without_a_device(example: Path, argos_home: Path) -> None:  # noqa: F811
    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("this machine has a CUDA device")
    api.extract(api.open_project(example))
    run = run_stk("translate", "--project", str(example), "--device", "cuda", env=argos_env(argos_home))
    assert run.returncode == 2
    assert (
        run.stderr.strip()
        == "stk: Engine error: CUDA asked for (--device cuda) but CTranslate2 sees no CUDA device: use --device cpu"
    )


def test_a_corrupt_model_file_is_named(example: Path, tiny_packages: dict[str, Path], tmp_path: Path) -> None:  # noqa: F811
    home = tmp_path / "argos"
    env = argos_env(home)
    assert run_stk("models", "install", str(tiny_packages["copy-fr"]), env=env).returncode == 0
    model = home / "packages/translate-en_fr-copy/model/model.bin"
    model.write_bytes(model.read_bytes()[:1000])
    api.extract(api.open_project(example))
    # One reviewed catalog, so that translation memory has fills to save in the others...
    shutil.copy(REPO / "locales/fr/us-sanctions-icc-2025.po", example / "locales/fr/us-sanctions-icc-2025.po")
    before = snapshot(example)
    run = run_stk("translate", "--project", str(example), "--lang", "fr", env=env)
    assert run.returncode == 2
    assert "Engine error: corrupt model package translate-en_fr-copy" in run.stderr
    assert "stk models install FILE.argosmodel" in run.stderr
    assert snapshot(example) == before  # ... and the model is found broken before any is saved.
    model.unlink()
    run = run_stk("translate", "--project", str(example), "--lang", "fr", env=env)
    assert run.returncode == 2
    assert "the model package for en→fr is corrupt (translate-en_fr-copy: model/model.bin is missing)" in run.stderr
    assert snapshot(example) == before
    assert run_stk("translate", "--project", str(example), "--lang", "fr", "--engine", "pseudo").returncode == 0
    # (memory had something to save: the sentence the two statements share, from the reviewed one)
    reviewed = {e.msgid: e.msgstr for e in polib.pofile(str(example / "locales/fr/us-sanctions-icc-2025.po"))}
    shared = [e for e in polib.pofile(str(example / "locales/fr/palestinian-ngos-sanctions-2025.po")) if e.msgid in reviewed]
    assert any(e.msgstr == reviewed[e.msgid] and e.msgstr.startswith("Les sanctions") for e in shared)


def test_killed_midway_a_run_resumes_and_ends_as_an_uninterrupted_one(
    example: Path,
    argos_home: Path,  # noqa: F811
    msgfmt: Msgfmt,
    tmp_path: Path,
) -> None:
    config = example / "toolkit.toml"
    config.write_text(config.read_text() + "\n[translate]\nbatch_size = 1\n")
    api.extract(api.open_project(example))
    reference = tmp_path / "reference"
    shutil.copytree(example, reference)
    env = {**os.environ, **argos_env(argos_home)}
    command = [sys.executable, "-m", "toolkit", "translate", "--project", str(example), "--lang", "fr"]
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list((example / "locales/fr").glob("*.mt.json")) and time.monotonic() < deadline:
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)  # a crash: no clean-up of any kind
    child.wait()

    half = catalogs_of(example)
    filled = sum(1 for po in half.values() for e in live(po) if e.msgstr)
    empty = sum(1 for po in half.values() for e in live(po) if not e.msgstr)
    assert filled and empty, "the run was not interrupted midway"
    for name in half:
        assert msgfmt(example / name).returncode == 0, name

    for root in (example, reference):
        assert run_stk("translate", "--project", str(root), "--lang", "fr", env=argos_env(argos_home)).returncode == 0
    resumed = {k: v for k, v in snapshot(example).items() if not Path(k).name.startswith(".")}  # a temp file the kill left
    assert resumed == snapshot(reference)


@pytest.mark.parametrize("kind", ["copy", "random"])
def test_the_drafts_do_not_depend_on_the_threads(
    example: Path,
    tiny_packages: dict[str, Path],  # noqa: F811
    tmp_path: Path,
    kind: str,
) -> None:
    """One thread, or two replicas decoding batches at once (the default on 2 cores): the same files, byte for byte."""
    home = tmp_path / "argos"
    env = argos_env(home)
    assert run_stk("models", "install", str(tiny_packages[f"{kind}-fr"]), env=env).returncode == 0
    api.extract(api.open_project(example))
    runs = {}
    for threads in ("1", "2"):
        copy = tmp_path / f"threads-{threads}"
        shutil.copytree(example, copy)
        run = run_stk("translate", "--project", str(copy), "--lang", "fr", "--threads", threads, env=env)
        assert run.returncode == 0, run.stderr
        assert "machine-translated" in run.stderr
        runs[threads] = {name: data for name, data in snapshot(copy / "locales").items() if name.startswith("fr/")}
    assert runs["1"] == runs["2"]
    assert any(b"#, fuzzy" in data for data in runs["1"].values())  # something was machine-translated
