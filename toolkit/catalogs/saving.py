"""Saving a catalog a translator may be editing at the same moment: compare-and-swap, merge again, retry.

A command reads a catalog, computes its new content, and writes it with
:func:`toolkit.files.replace_if_unchanged`, which succeeds only if the file still
holds the bytes that were read. When a translator saved in between (Poedit, a
synced folder, ``git pull``), the command's work -- which is recomputable --
is done again on top of what they saved, and written with the same check. Their
save is never overwritten.
"""

from __future__ import annotations

import codecs
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib

from .. import files
from ..errors import CatalogError, Location
from . import pofile

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 20
"""Saves by someone else in a row before the command gives up on a file (it then names the file and stops)."""


@dataclass(frozen=True)
class Snapshot:
    """A catalog as a command read it: the bytes its work is based on, and what they hold."""

    path: Path
    shown: str
    """As users see the path, for messages."""
    lang: str
    data: bytes | None
    """None: the file does not exist."""
    text: str = ""
    po: polib.POFile | None = None


def read(path: Path, shown: str, lang: str) -> Snapshot:
    """Read and validate the catalog at ``path`` (absent: an empty snapshot).

    Temporary files a killed run left beside it are removed first (once per folder), so that a run
    with nothing to write still cleans up.
    """
    files.remove_stale_temps(path.parent)
    return snapshot(path, shown, lang, files.read_or_none(path))


def snapshot(path: Path, shown: str, lang: str, data: bytes | None) -> Snapshot:
    """``data`` (what ``path`` holds) decoded, parsed and checked: a broken file is a CatalogError naming its line."""
    if data is None:
        return Snapshot(path, shown, lang, None)
    text = pofile.decode(data, shown)
    po = pofile.parse(text, shown)
    pofile.check_language(po, lang, shown, text)
    return Snapshot(path, shown, lang, data, text, po)


def merged(old: Snapshot, merge: Callable[[polib.POFile | None], polib.POFile]) -> bytes | None:
    """The new bytes of ``old``'s catalog after ``merge``; None when nothing but noise would change."""
    from .merging import equivalent  # (loaded with the merge that calls this)

    new = merge(old.po)
    if old.po is not None and old.data is not None and not old.data.startswith(codecs.BOM_UTF8) and equivalent(new, old.po):
        return None  # (a byte-order mark, which GNU msgfmt refuses, is a reason to write the file again)
    return pofile.render(new)


@dataclass(frozen=True)
class Saved:
    written: bool
    data: bytes | None
    """What the file holds now, as far as this run knows (its own bytes when written)."""
    remerged: int = 0
    """How many times someone else's save made the run redo its work on top of it."""


def save(old: Snapshot, data: bytes | None, recompute: Callable[[Snapshot], bytes | None], command: str) -> Saved:
    """Write ``data`` over ``old.path`` if it still holds ``old.data``; else redo the work on what it holds now.

    ``recompute`` receives a fresh snapshot of the file and returns the new bytes (None: nothing to
    write). A file someone keeps saving (or saves broken) stops the command with one line naming it.
    """
    remerged = 0
    for _ in range(MAX_ATTEMPTS):
        if data is None:
            return Saved(False, old.data, remerged)
        try:
            written = files.replace_if_unchanged(old.path, data, old.data)
            return Saved(written, data, remerged)
        except files.Changed as changed:
            log.info("%s: saved by someone else while `stk %s` ran: merging again", old.shown, command)
            remerged += 1
            old = snapshot(old.path, old.shown, old.lang, changed.current)
            data = recompute(old)
    raise CatalogError(
        f"saved by someone else {MAX_ATTEMPTS} times in a row while `stk {command}` was writing it: "
        "nothing overwritten; run the command again when the file is quiet",
        Location(old.shown),
    )


__all__ = ["MAX_ATTEMPTS", "Saved", "Snapshot", "merged", "read", "save", "snapshot"]
