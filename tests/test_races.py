"""A translator saving while `stk extract` or `stk translate` runs: their save is never lost.

The translator's editor saves the way Poedit, git and sync tools do (a temporary file renamed over
the catalog) or the way a plain editor does (rewriting the file in place). Each save adds one
translator-comment line ``save N`` to an entry, so that every save leaves its own mark: after the
run, a save is lost when its mark is missing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import polib
import pytest
from helpers import make_project, statement

from toolkit import api

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

    def __init__(self, path: Path, in_place: bool = False) -> None:
        self.path = path
        self.in_place = in_place
        self.saves = 0

    def save(self) -> None:
        self.saves += 1
        catalog = polib.pofile(self.path.read_text(encoding="utf-8"), wrapwidth=79)
        target = next(e for e in catalog if e.msgid == SENTENCES[1])
        target.tcomment = "\n".join(filter(None, [target.tcomment, f"save {self.saves}"]))
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
        marks = set(re.findall(r"^# save (\d+)$", self.path.read_text(encoding="utf-8"), re.MULTILINE))
        return [n for n in range(1, self.saves + 1) if str(n) not in marks]


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

UNFIXED = pytest.mark.xfail(strict=True, reason="issue 12: lost update (reproduced before the fix)")


@UNFIXED
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


@UNFIXED
@pytest.mark.parametrize("in_place", [False, True], ids=["rename", "in-place"])
def test_extract_keeps_a_save_made_while_it_writes_its_temporary_file(
    tmp_path: Path, fsync_hook: list[Callable[[str], None]], in_place: bool
) -> None:
    """Finding 1: a save landing between stk's last look at the catalog and its rename."""
    root = new_project(tmp_path / "p")
    catalog = root / "locales/fr/s.po"
    translator = Translator(catalog, in_place)
    (root / "sources/s.md").write_text(source(extra=1), encoding="utf-8")
    fsync_hook.append(lambda name: translator.save() if Path(name).name.startswith(".s.po.") else None)
    api.extract(api.open_project(root))
    assert translator.saves >= 1 and translator.lost() == []
    assert "New sentence number 0." in catalog.read_text(encoding="utf-8")


@UNFIXED
@pytest.mark.parametrize("in_place", [False, True], ids=["rename", "in-place"])
def test_translate_keeps_a_save_made_while_it_writes_its_temporary_file(
    tmp_path: Path, fsync_hook: list[Callable[[str], None]], in_place: bool
) -> None:
    """Finding 2: translate re-checked the catalog, then wrote the record and the file: a save in between was lost."""
    root = new_project(tmp_path / "p")
    catalog = root / "locales/fr/s.po"
    translator = Translator(catalog, in_place)
    fsync_hook.append(lambda name: translator.save() if Path(name).name.startswith(".s.po.") else None)
    result = api.translate(api.open_project(root), engine="pseudo")
    assert translator.saves >= 1 and translator.lost() == []
    filled = [e for e in polib.pofile(str(catalog)) if e.msgid and e.msgstr]
    assert len(filled) == len(SENTENCES) + 1 and result.filled == len(SENTENCES) + 1  # title + sentences drafted
