"""A translator saving while `stk extract` or `stk translate` runs: their save is never lost.

The translator's editor saves the way Poedit, git and sync tools do (a temporary file renamed over
the catalog) or the way a plain editor does (rewriting the file in place). Each save adds one
translator-comment line ``save N`` to an entry, so that every save leaves its own mark: after the
run, a save is lost when its mark is missing.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polib
import pytest
from helpers import make_project, statement

from toolkit import api, files
from toolkit.catalogs import saving

CONFIG = '[project]\nname = "Race"\ntarget_languages = ["fr"]\n'
SENTENCES = [
    "The Coalition welcomes the decision.",
    "States must cooperate with the Court.",
    "Victims deserve justice and reparations.",
    "We call on **all States Parties** to act.",
    "The sanctions must be lifted.",
    "Civil society will keep watching.",
]


def source(extra: int = 0) -> str:
    """A statement whose text grows with ``extra``, so that each extract has something to write."""
    added = " ".join(f"New sentence number {n}." for n in range(extra))
    return statement(" ".join(SENTENCES) + (f"\n\n{added}\n" if added else "\n"))


def new_project(root: Path) -> Path:
    project = make_project(root, {"s": source()}, CONFIG)
    api.extract(api.open_project(project))
    return project


class Translator:
    """Saves the catalog as a person's editor does, leaving a mark per save."""

    def __init__(self, path: Path, in_place: bool = False, translates: bool = False) -> None:
        self.path = path
        self.in_place = in_place
        self.translates = translates
        """Each save also translates the first empty entry (``Traduction humaine N``), as stk is about to."""
        self.saves = 0
        self.translated: dict[str, str] = {}

    def save(self) -> None:
        self.saves += 1
        catalog = polib.pofile(self.path.read_text(encoding="utf-8"), wrapwidth=79)
        target = next(e for e in catalog if e.msgid == SENTENCES[1])
        target.tcomment = "\n".join(filter(None, [target.tcomment, f"save {self.saves}"]))
        empty = next((e for e in catalog if e.msgid and not e.msgstr and not e.obsolete), None)
        if self.translates and empty is not None:
            empty.msgstr = self.translated[empty.msgid] = f"Traduction humaine {self.saves}."
        data = str(catalog).encode("utf-8")
        if self.in_place:
            with open(self.path, "wb") as handle:  # O_TRUNC at open, then write: a plain editor
                handle.write(data)
        else:
            temp = self.path.with_name(f"{self.path.name}~poedit")
            temp.write_bytes(data)
            os.replace(temp, self.path)  # Poedit, git, sync tools: rename over the file

    def lost(self) -> list[int]:
        """The saves whose mark is missing from the catalog now."""
        text = self.path.read_text(encoding="utf-8")
        marks = set(re.findall(r"^# save (\d+)$", text, re.MULTILINE))
        lost = [n for n in range(1, self.saves + 1) if str(n) not in marks]
        entries = {e.msgid: e for e in polib.pofile(text)}
        for msgid, msgstr in self.translated.items():
            if entries[msgid].msgstr != msgstr or entries[msgid].fuzzy:
                lost.append(int(msgstr.split()[-1].rstrip(".")))
        return sorted(set(lost))


@pytest.fixture
def fsync_hook(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Callable[[str], None]]]:
    """Calls each hook with the path of every file stk fsyncs (its temporary file, just before the rename)."""
    hooks: list[Callable[[str], None]] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        real(fd)
        name = os.readlink(f"/proc/self/fd/{fd}")
        for hook in hooks:
            hook(name)

    monkeypatch.setattr(os, "fsync", fsync)
    yield hooks


# --- the findings, reproduced -------------------------------------------------------------------


def test_extract_keeps_a_save_made_after_it_read_the_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding 1: extract read every catalog first and wrote at the end, over a save made meanwhile."""
    root = new_project(tmp_path / "p")
    catalog = root / "locales/fr/s.po"
    translator = Translator(catalog)
    (root / "sources/s.md").write_text(source(extra=1), encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        data = real(self)
        if self == catalog and translator.saves == 0:
            translator.save()  # the translator saves just after stk read the file
        return data

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    api.extract(api.open_project(root))
    monkeypatch.undo()
    assert translator.saves == 1 and translator.lost() == []
    assert "New sentence number 0." in catalog.read_text(encoding="utf-8")  # and extract did its own work


@pytest.mark.parametrize("in_place", [False, True], ids=["rename", "in-place"])
def test_extract_keeps_a_save_made_while_it_writes_its_temporary_file(
    tmp_path: Path, fsync_hook: list[Callable[[str], None]], in_place: bool
) -> None:
    """Finding 1: a save landing between stk's last look at the catalog and its rename."""
    root = new_project(tmp_path / "p")
    catalog = root / "locales/fr/s.po"
    translator = Translator(catalog, in_place)
    (root / "sources/s.md").write_text(source(extra=1), encoding="utf-8")
    fsync_hook.append(lambda name: translator.save() if Path(name).name.startswith(".s.po.") and translator.saves < 3 else None)
    api.extract(api.open_project(root))
    assert translator.saves == 3 and translator.lost() == []
    assert "New sentence number 0." in catalog.read_text(encoding="utf-8")


@pytest.mark.parametrize("in_place", [False, True], ids=["rename", "in-place"])
def test_translate_keeps_a_save_made_while_it_writes_its_temporary_file(
    tmp_path: Path, fsync_hook: list[Callable[[str], None]], in_place: bool
) -> None:
    """Finding 2: translate re-checked the catalog, then wrote the record and the file: a save in between was lost."""
    root = new_project(tmp_path / "p")
    catalog = root / "locales/fr/s.po"
    translator = Translator(catalog, in_place)
    fsync_hook.append(lambda name: translator.save() if Path(name).name.startswith(".s.po.") and translator.saves < 3 else None)
    result = api.translate(api.open_project(root), engine="pseudo")
    assert translator.saves == 3 and translator.lost() == []
    entries = [e for e in polib.pofile(str(catalog)) if e.msgid]
    assert all(e.msgstr for e in entries) and result.filled == len(entries) == len(SENTENCES) + 2  # + title, author


# --- the race harness: a save right before and right after each of stk's swaps -------------------

SAVES = int(os.environ.get("STK_RACE_SAVES", "25"))
"""Saves per tool, stage and kind of editor: 25 x 2 stages x 2 editors = 100 per tool (STK_RACE_SAVES for more)."""
STAGES = ["before-swap", "after-swap"]
EDITORS = {"rename": False, "in-place": True}


@pytest.fixture
def race_hook(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Callable[[str, Path], None]]]:
    hooks: list[Callable[[str, Path], None]] = []
    monkeypatch.setattr(files, "_race_hooks", hooks)
    yield hooks


def once_per_run(translator: Translator, stage: str, catalog: Path) -> tuple[Callable[[str, Path], None], Callable[[], None]]:
    """A hook that saves at ``stage`` of the first swap of ``catalog`` in each run (a retry is not raced again)."""
    armed = [True]

    def hook(at: str, path: Path) -> None:
        if at == stage and path == catalog and armed[0]:
            armed[0] = False
            translator.save()

    def rearm() -> None:
        armed[0] = True

    return hook, rearm


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("editor", EDITORS)
def test_race_harness_extract_loses_no_save(
    tmp_path: Path, race_hook: list[Callable[[str, Path], None]], stage: str, editor: str
) -> None:
    root = new_project(tmp_path / "p")
    catalog = root / "locales/fr/s.po"
    translator = Translator(catalog, EDITORS[editor])
    hook, rearm = once_per_run(translator, stage, catalog)
    race_hook.append(hook)
    runs = 0
    while translator.saves < SAVES:
        runs += 1
        (root / "sources/s.md").write_text(source(extra=runs), encoding="utf-8")  # something to write each run
        rearm()
        api.extract(api.open_project(root))
        assert f"New sentence number {runs - 1}." in catalog.read_text(encoding="utf-8")
    assert (translator.saves, translator.lost()) == (SAVES, [])
    assert [p.name for p in catalog.parent.iterdir() if p.name.endswith(".tmp")] == []


def rearming(rearm: Callable[[], None]) -> Callable[..., saving.Saved]:
    real = saving.save

    def save(*args: Any, **kwargs: Any) -> saving.Saved:
        rearm()
        return real(*args, **kwargs)

    return save


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("editor", EDITORS)
def test_race_harness_translate_loses_no_save(
    tmp_path: Path, race_hook: list[Callable[[str, Path], None]], monkeypatch: pytest.MonkeyPatch, stage: str, editor: str
) -> None:
    """Batches of one segment: a save after every entry stk drafts, some of them translating the next one."""
    template = new_project(tmp_path / "template")
    (template / "toolkit.toml").write_text(CONFIG + "[translate]\nbatch_size = 1\n", encoding="utf-8")
    saves = lost = runs = 0
    while saves < SAVES:
        runs += 1
        root = tmp_path / f"run{runs}"
        shutil.copytree(template, root)
        catalog = root / "locales/fr/s.po"
        translator = Translator(catalog, EDITORS[editor], translates=runs % 2 == 0)
        hook, rearm = once_per_run(translator, stage, catalog)
        race_hook[:] = [hook]
        monkeypatch.setattr(saving, "save", rearming(rearm))  # raced once per save (each batch), not per retry
        api.translate(api.open_project(root), engine="pseudo")
        saves += translator.saves
        lost += len(translator.lost())
        entries = [e for e in polib.pofile(str(catalog)) if e.msgid]
        assert all(e.msgstr for e in entries)  # stk drafted every entry the translator did not
        assert all(e.msgstr.startswith("Traduction humaine") for e in entries if e.msgid in translator.translated)
    assert (saves >= SAVES, lost) == (True, 0)


@pytest.mark.parametrize("method", ["exchange", "lock"])
def test_the_window_each_method_leaves(
    tmp_path: Path, race_hook: list[Callable[[str, Path], None]], monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    """The fallback without renameat2 (an advisory lock, a re-check, os.replace) keeps a window: a save
    by someone who does not take the lock, between the re-check and the rename, is lost. Exchange has none."""
    monkeypatch.setattr(files, "DEFAULT_METHOD", method)
    root = new_project(tmp_path / "p")
    catalog = root / "locales/fr/s.po"
    translator = Translator(catalog)
    for run, stage in enumerate(("before-swap", "before-replace", "after-swap"), 1):
        hook, _ = once_per_run(translator, stage, catalog)
        race_hook[:] = [hook]
        (root / "sources/s.md").write_text(source(extra=run), encoding="utf-8")
        api.extract(api.open_project(root))
    if method == "exchange":
        assert (translator.saves, translator.lost()) == (2, [])  # no before-replace stage: nothing to race
    else:
        assert (translator.saves, translator.lost()) == (3, [2])  # the save between re-check and rename


def test_on_the_example_project_every_catalog_keeps_a_save_made_before_its_swap(
    example_with_locales: Path, race_hook: list[Callable[[str, Path], None]]
) -> None:
    """The seed statements: a translator saves each of the 15 reviewed catalogs just before stk swaps it."""
    root = example_with_locales
    for path in (root / "sources").glob("*.md"):  # an edit in every statement: every catalog to write
        path.write_text(path.read_text(encoding="utf-8") + "\nA closing sentence added to the source.\n", encoding="utf-8")
    marks: dict[Path, str] = {}

    def save(stage: str, path: Path) -> None:
        if stage == "before-swap" and path.suffix == ".po" and path not in marks:
            marks[path] = f"reviewer's note {len(marks) + 1}"
            catalog = polib.pofile(path.read_text(encoding="utf-8"), wrapwidth=79)
            entry = next(e for e in catalog if e.msgid and e.msgstr)
            entry.tcomment = "\n".join(filter(None, [entry.tcomment, marks[path]]))
            path.write_text(str(catalog), encoding="utf-8")

    race_hook.append(save)
    result = api.extract(api.open_project(root))
    assert len(marks) == 15 and len(result.warnings) >= 15
    for path, mark in marks.items():
        text = path.read_text(encoding="utf-8")
        assert f"# {mark}\n" in text and "A closing sentence added to the source." in text, path
