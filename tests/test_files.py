"""Atomic writes: a crash leaves the old file or the new one, never half, and no litter."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolkit import files
from toolkit.files import atomic_write, write_if_changed


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "a" / "x.po"
    atomic_write(path, b"old")
    atomic_write(path, b"new content")
    assert path.read_bytes() == b"new content"
    assert sorted(p.name for p in path.parent.iterdir()) == ["x.po"]


def test_crash_during_replace_keeps_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(b"translator work")

    def boom(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, b"half")
    assert path.read_bytes() == b"translator work"
    assert [p.name for p in tmp_path.iterdir()] == ["x.po"]


def test_crash_during_write_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(b"translator work")

    def boom(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"translator work"
    assert [p.name for p in tmp_path.iterdir()] == ["x.po"]


def test_write_if_changed_skips_identical(tmp_path: Path) -> None:
    path = tmp_path / "x"
    assert write_if_changed(path, b"a") is True
    before = path.stat().st_mtime_ns
    assert write_if_changed(path, b"a") is False
    assert path.stat().st_mtime_ns == before


def test_permissions_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "x"
    path.write_bytes(b"a")
    path.chmod(0o640)
    atomic_write(path, b"b")
    assert path.stat().st_mode & 0o777 == 0o640


def test_replace_folder_swaps_a_whole_tree_and_reports_changes(tmp_path: Path) -> None:
    folder = tmp_path / "out" / "r"
    change = files.replace_folder(folder, {"a.txt": b"1", "sub/b.txt": b"2"})
    assert change.written == ["a.txt", "sub/b.txt"] and not change.unchanged and not change.removed
    inode = folder.stat().st_ino
    change = files.replace_folder(folder, {"a.txt": b"1", "sub/b.txt": b"2"})
    assert change.unchanged == ["a.txt", "sub/b.txt"] and not change.written
    assert folder.stat().st_ino == inode  # identical contents: not even swapped
    change = files.replace_folder(folder, {"a.txt": b"one", "c.txt": b"3"})
    assert (change.written, change.unchanged, change.removed) == (["a.txt", "c.txt"], [], ["sub/b.txt"])
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == ["a.txt", "c.txt"]
    assert [p.name for p in folder.parent.iterdir()] == ["r"]


def test_exchange_swaps_two_folders_atomically_on_linux(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("from a")
    (b / "y").write_text("from b")
    assert files.exchange(a, b)  # this machine's Linux and file system support RENAME_EXCHANGE
    assert (a / "y").read_text() == "from b" and (b / "x").read_text() == "from a"


def test_without_exchange_the_old_tree_is_parked_and_a_crash_between_renames_is_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "r"
    files.replace_folder(folder, {"a.txt": b"old"})
    monkeypatch.setattr(files, "exchange", lambda a, b: False)
    files.replace_folder(folder, {"a.txt": b"new"})
    assert (folder / "a.txt").read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["r"]
    # Killed between the two renames: the old tree is parked, the new one half-made.
    real_rename = os.rename
    calls = {"n": 0}

    def killed(src: str | Path, dst: str | Path) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", killed)
    with pytest.raises(KeyboardInterrupt):
        files.replace_folder(folder, {"a.txt": b"newer"})
    assert not folder.exists()
    monkeypatch.setattr(os, "rename", real_rename)
    files.remove_leftovers(folder)
    assert (folder / "a.txt").read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["r"]
