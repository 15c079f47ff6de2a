"""Writing files so that a crash leaves each one old or new, never half, and a person's save is never lost.

- :func:`atomic_write` / :func:`write_if_changed`: files only the toolkit writes (templates,
  outputs, records): a temporary file in the same folder, fsynced, renamed over the old one.
- :func:`replace_if_unchanged`: files a person may be editing at the same moment (PO catalogs,
  memories): compare-and-swap. The new file goes in only if the old one still holds the bytes the
  run read; otherwise :class:`Changed` says what it holds now, and the caller re-merges or stops.
- :func:`replace_folder`: a whole release folder, swapped in at once.

Temporary files are named ``.<name>.<pid>-<random>.tmp``; those of a process that no longer runs
(kill -9, power loss) are removed by the next write into their folder (:func:`remove_stale_temps`).
See docs/reliability.md for what each mechanism guarantees, and on which systems.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    ``os.replace`` within one file system is atomic, so readers (and a crash)
    see either the old file or the new one. The temporary file is fsynced first
    so that the rename never exposes an empty file after a power loss.
    """
    with _named(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(path.parent)
        tmp = _temp_copy(path, data)
        try:
            os.replace(tmp, path)
        except BaseException:
            # Ctrl-C or a full disk: remove the temporary file, keep the old one.
            _unlink(tmp)
            raise


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically write ``data`` unless ``path`` already holds exactly it.

    Returns True when the file was written. Skipping identical writes keeps
    mtimes (and make-style tools, editors, git) quiet.
    """
    if read_or_none(path) == data:
        return False
    atomic_write(path, data)
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- renameat2: exchanging two names, creating without replacing -------------------------

_AT_FDCWD = -100
_RENAME_NOREPLACE = 1
_RENAME_EXCHANGE = 2


def _renameat2(a: Path | str, b: Path | str, flags: int) -> bool:
    """Linux ``renameat2(a, b, flags)``; False where the system or the file system cannot do it."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), flags) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def exchange(a: Path | str, b: Path | str) -> bool:
    """Swap ``a`` and ``b`` (files or folders) in one atomic step; False where the system cannot.

    Linux's ``renameat2(RENAME_EXCHANGE)`` (kernel 3.15, glibc 2.28; ext4, xfs, btrfs, tmpfs): at
    every instant each name holds a complete old or new tree. Elsewhere (macOS, Windows, old
    kernels, some network file systems) it returns False and the caller falls back to two renames.
    """
    return _renameat2(a, b, _RENAME_EXCHANGE)


# --- compare-and-swap: writing a file a person may be editing ------------------------------


class Changed(Exception):
    """The file no longer holds the bytes the run based its work on: someone saved it meanwhile."""

    def __init__(self, path: Path, current: bytes | None) -> None:
        super().__init__(f"{path} changed on disk")
        self.path = path
        self.current = current
        """What the file holds now (None: it no longer exists)."""


METHODS = ("exchange", "lock")
"""How :func:`replace_if_unchanged` closes the window between its last look and its rename."""
DEFAULT_METHOD = "exchange"
"""``exchange`` falls back to ``lock`` by itself where renameat2 is missing; tests set ``lock`` to measure it."""

_race_hooks: list[Callable[[str, Path], None]] = []
"""Test hooks (tests/test_races.py), called with the stage and the path: ``before-swap`` after the
last look at the file and before the atomic step, ``after-swap`` right after it, and (``lock`` only)
``before-replace`` between the re-check under the lock and ``os.replace``."""

_GIVE_BACK_ROUNDS = 16


def replace_if_unchanged(path: Path, data: bytes, expected: bytes | None, *, method: str | None = None) -> bool:
    """Write ``data`` to ``path`` only if it still holds ``expected`` (None: only if it does not exist).

    Returns False when ``data`` is ``expected`` (nothing to write), True when written. Raises
    :class:`Changed`, having written nothing, when the file holds something else; nothing anyone
    else wrote is ever overwritten.

    ``exchange`` (Linux ``renameat2(RENAME_EXCHANGE)``): the new file is swapped in, and what was
    swapped out is compared with ``expected``; when someone saved in between, their file is swapped
    back. No moment exists at which a save by rename (editors, git, sync tools) can be replaced
    unseen. ``lock`` (the fallback where exchange is unavailable): an advisory lock on the folder,
    re-check, ``os.replace``: safe against other toolkit runs, which take the same lock; a person's
    save landing in the microseconds between the re-check and the rename is lost. docs/reliability.md
    has the measurements.
    """
    method = method or DEFAULT_METHOD
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    if expected is not None and data == expected:
        return False
    with _named(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(path.parent)
        tmp = _temp_copy(path, data)
        try:
            return _swap_in(path, tmp, data, expected, method)
        finally:
            _unlink(tmp)


def _swap_in(path: Path, tmp: Path, data: bytes, expected: bytes | None, method: str) -> bool:
    if expected is None:
        _hook("before-swap", path)
        if not _create(tmp, path):
            raise Changed(path, read_or_none(path))
        _hook("after-swap", path)
        return True
    current = read_or_none(path)
    if current != expected:
        raise Changed(path, current)
    _hook("before-swap", path)
    try:
        swapped = method == "exchange" and exchange(tmp, path)
    except FileNotFoundError:  # deleted since the look above
        raise Changed(path, read_or_none(path)) from None
    if swapped:
        _hook("after-swap", path)
        if read_or_none(tmp) == expected:
            return True
        _give_back(path, tmp, data)
        raise Changed(path, read_or_none(path))
    with _folder_lock(path.parent):
        current = read_or_none(path)
        if current != expected:
            raise Changed(path, current)
        _hook("before-replace", path)  # the window this method leaves open, for the measurements
        os.replace(tmp, path)
        _hook("after-swap", path)
    return True


def _give_back(path: Path, tmp: Path, ours: bytes) -> None:
    """``tmp`` holds a file someone saved just before our exchange: put it back at ``path``.

    Each exchange takes out what ``path`` holds: normally our own file, done. If a newer save had
    replaced ours meanwhile, the file we just put back is the older one: exchange again, so that
    ``path`` always ends with the newest save and the one taken out is one that save superseded.
    """
    superseded: list[bytes | None] = [ours]
    for _ in range(_GIVE_BACK_ROUNDS):
        putting_back = read_or_none(tmp)
        if not exchange(tmp, path):  # pragma: no cover - it worked a moment ago on this file system
            break
        if read_or_none(tmp) in superseded:
            return
        superseded.append(putting_back)
    # Saves arriving faster than we can swap: keep the one in hand beside the file, never delete it.
    keep = path.with_name(f"{path.name}.saved-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
    os.replace(tmp, keep)


def _create(tmp: Path, path: Path) -> bool:
    """Rename ``tmp`` to ``path`` only if ``path`` does not exist; False if it does."""
    try:
        if _renameat2(tmp, path, _RENAME_NOREPLACE):
            return True
    except FileExistsError:
        return False
    try:
        os.link(tmp, path)  # atomic create-if-absent where renameat2 is missing
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
    with _folder_lock(path.parent):  # no hard links either (FAT, some FUSE file systems)
        if path.exists():
            return False
        os.replace(tmp, path)
    return True


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive advisory lock (flock) on ``folder``, shared by every toolkit process writing there.

    Where there is none (Windows; file systems without flock, such as some NFS mounts) the re-check
    runs without it.
    """
    try:
        import fcntl

        fd = os.open(folder, os.O_RDONLY)
    except (ImportError, OSError):
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _hook(stage: str, path: Path) -> None:
    for hook in _race_hooks:
        hook(stage, path)


# --- temporary files -------------------------------------------------------------------------

_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>[0-9]+)-[a-z0-9_]{8}\.tmp$")
_OLD_TEMP = re.compile(r"^\.(?P<name>.+\.(?:po|pot|json|tmx|html|docx|csv|md|zip))\.[a-z0-9_]{8}\.tmp$")
"""Temporary files of toolkit versions before the process id was in the name (removed after an hour)."""


def _temp_copy(path: Path, data: bytes) -> Path:
    """``data`` in a new fsynced temporary file beside ``path``, with ``path``'s permissions."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def remove_stale_temps(folder: Path) -> list[str]:
    """Remove the temporary files that dead toolkit processes left in ``folder``.

    Only the toolkit's own pattern, ``.<name>.<pid>-<random>.tmp``, of a process id that no longer
    runs on this machine (docs/reliability.md: two machines running the toolkit at once on one
    synced folder are not supported). Returns the names removed.
    """
    removed: list[str] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _TEMP.match(name)
        if match is not None:
            stale = not is_alive(int(match.group("pid")))
        else:
            old = _OLD_TEMP.match(name)
            try:
                stale = old is not None and time.time() - (folder / name).stat().st_mtime > 3600
            except OSError:
                stale = False
        if stale:
            with contextlib.suppress(OSError):  # a read-only folder: leave it, the write will say why
                _unlink(folder / name)
                removed.append(name)
    return removed


def is_alive(pid: int) -> bool:
    """Whether a process with this id runs (on this machine); always True where that cannot be asked."""
    if pid == os.getpid() or os.name != "posix":  # Windows' os.kill(pid, 0) would send Ctrl-C
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def read_or_none(path: Path) -> bytes | None:
    """The bytes of ``path``, or None when it does not exist."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


@contextlib.contextmanager
def _named(path: Path) -> Iterator[None]:
    """Make an OSError name ``path`` (the file the user knows), not the temporary file it happened on."""
    try:
        yield
    except OSError as exc:
        if exc.errno is not None and (exc.filename is None or str(exc.filename).startswith(str(path.parent / f".{path.name}."))):
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


# --- swapping whole folders ------------------------------------------------------------


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
    with _named(folder):
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
