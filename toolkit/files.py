"""Writing files so that a crash leaves each one old or new, never half."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    ``os.replace`` within one file system is atomic, so readers (and a crash)
    see either the old file or the new one. The temporary file is fsynced first
    so that the rename never exposes an empty file after a power loss.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        # Ctrl-C or a full disk: remove the temporary file, keep the old one.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically write ``data`` unless ``path`` already holds exactly it.

    Returns True when the file was written. Skipping identical writes keeps
    mtimes (and make-style tools, editors, git) quiet.
    """
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    atomic_write(path, data)
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class ChangedOnDisk(Exception):
    """The file is not what it was when the command read it: someone (an editor, another run) changed it."""


def replace_if_unchanged(path: Path, expected: bytes | None, data: bytes) -> None:
    """Atomically put ``data`` at ``path`` only if ``path`` still holds ``expected`` (None: does not exist).

    Compare-and-swap for files a person may be editing (sources): the new
    bytes go to a temporary file first, then the old bytes are checked again
    just before the rename, so a change made meanwhile is never overwritten
    (raises :class:`ChangedOnDisk`). A new file is linked into place, which
    fails if one appeared in the meantime.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            current: bytes | None = path.read_bytes()
            os.chmod(tmp, path.stat().st_mode & 0o777)
        except FileNotFoundError:
            current = None
            os.chmod(tmp, 0o666 & ~_umask())
        if current != expected:
            raise ChangedOnDisk(str(path))
        if expected is None:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise ChangedOnDisk(str(path)) from None
        else:
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
