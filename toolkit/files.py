"""Writing files so that a crash leaves each one old or new, never half."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
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


# --- swapping whole folders ------------------------------------------------------------

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap ``a`` and ``b`` (files or folders) in one atomic step; False where the system cannot.

    Linux's ``renameat2(RENAME_EXCHANGE)`` (kernel 3.15, glibc 2.28; ext4, xfs, btrfs, tmpfs): at
    every instant each name holds a complete old or new tree. Elsewhere (macOS, Windows, old
    kernels, some network file systems) it returns False and the caller falls back to two renames.
    """
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a))


@dataclass
class FolderChange:
    """What :func:`replace_folder` did, as paths relative to the folder."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def replace_folder(folder: Path, files: Mapping[str, bytes]) -> FolderChange:
    """Make ``folder`` hold exactly ``files`` (relative path -> bytes), all at once.

    The new tree is written completely beside the old one (``.<name>.new-*``), then swapped in:
    a crash or a full disk at any moment leaves the old folder whole, or the new one. When the
    contents are already identical nothing is touched. Leftovers of an earlier crash are removed.
    """
    change = FolderChange()
    old = _tree(folder)
    for rel in sorted(files):
        (change.unchanged if old.get(rel) == files[rel] else change.written).append(rel)
    change.removed = sorted(set(old) - set(files))
    folder.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(folder)
    if not change.written and not change.removed:
        return change
    new = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
    try:
        for rel, data in files.items():
            path = new / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(path, 0o666 & ~_umask())
        os.chmod(new, 0o777 & ~_umask())
        if not folder.exists():
            os.rename(new, folder)
            return change
        if not exchange(new, folder):
            # Two renames: between them the old tree waits as .<name>.old-*, restored by the next run.
            parked = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=folder.parent))
            os.rename(folder, parked / folder.name)
            os.rename(new, folder)
            new = parked
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    shutil.rmtree(new, ignore_errors=True)  # after the swap, the old tree
    return change


def remove_leftovers(folder: Path) -> None:
    """Remove what an interrupted :func:`replace_folder` left beside ``folder``; bring back a parked old tree."""
    for parked in folder.parent.glob(f".{folder.name}.old-*"):
        if not folder.exists() and (parked / folder.name).is_dir():
            os.rename(parked / folder.name, folder)
        shutil.rmtree(parked, ignore_errors=True)
    for partial in folder.parent.glob(f".{folder.name}.new-*"):
        shutil.rmtree(partial, ignore_errors=True)


def _tree(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


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
