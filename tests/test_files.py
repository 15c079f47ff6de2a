"""Atomic writes: a crash leaves the old file or the new one, never half, and no litter."""

from __future__ import annotations

import os
import time
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


# --- compare-and-swap (issue 12) -----------------------------------------------------------------


@pytest.mark.parametrize("method", files.METHODS)
def test_replace_if_unchanged_writes_only_over_the_bytes_read(tmp_path: Path, method: str) -> None:
    path = tmp_path / "x.po"
    assert files.replace_if_unchanged(path, b"one", None, method=method) is True  # created
    with pytest.raises(files.Changed) as changed:
        files.replace_if_unchanged(path, b"two", None, method=method)  # someone created it first
    assert changed.value.current == b"one"
    assert files.replace_if_unchanged(path, b"one", b"one", method=method) is False  # nothing to write
    assert files.replace_if_unchanged(path, b"two", b"one", method=method) is True
    with pytest.raises(files.Changed) as changed:
        files.replace_if_unchanged(path, b"three", b"one", method=method)
    assert (changed.value.current, path.read_bytes()) == (b"two", b"two")
    path.unlink()
    with pytest.raises(files.Changed) as changed:
        files.replace_if_unchanged(path, b"four", b"two", method=method)  # deleted meanwhile
    assert changed.value.current is None and not path.exists()
    assert [p.name for p in tmp_path.iterdir()] == []


def test_two_saves_around_the_exchange_leave_the_newest_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save just before the exchange (taken out, given back) and another just after it (replacing ours)."""
    path = tmp_path / "x.po"
    path.write_bytes(b"read")

    def save(stage: str, _path: Path) -> None:
        new = tmp_path / "editor.tmp"
        new.write_bytes({"before-swap": b"save 1", "after-swap": b"save 2"}[stage])
        os.replace(new, path)

    monkeypatch.setattr(files, "_race_hooks", [save])
    with pytest.raises(files.Changed) as changed:
        files.replace_if_unchanged(path, b"ours", b"read")
    assert (path.read_bytes(), changed.value.current) == (b"save 2", b"save 2")
    assert [p.name for p in tmp_path.iterdir()] == ["x.po"]


def test_without_renameat2_the_lock_and_re_check_are_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "exchange", lambda a, b: False)  # macOS, NFS, an old kernel
    path = tmp_path / "x.po"
    path.write_bytes(b"read")
    assert files.replace_if_unchanged(path, b"ours", b"read") is True and path.read_bytes() == b"ours"
    with pytest.raises(files.Changed):
        files.replace_if_unchanged(path, b"again", b"read")


def test_temporary_files_of_older_versions_are_removed_after_an_hour(tmp_path: Path) -> None:
    old, recent = tmp_path / ".x.po.abcd1234.tmp", tmp_path / ".y.po.efgh5678.tmp"
    for path in (old, recent):
        path.write_text("x")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert files.remove_stale_temps(tmp_path) == [old.name]
    assert recent.exists()
