"""Atomic writes: a crash leaves the old file or the new one, never half, and no litter."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
