"""Zip packages that do not depend on when they were made: DOCX files and release archives.

python-docx and :mod:`zipfile` stamp every entry with the current time, so two
builds of the same inputs would differ. Every entry here gets one fixed
timestamp (the statement's date), fixed permissions and the same compression,
so same inputs give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable


def stable_zip(entries: Iterable[tuple[str, bytes]], date: dt.date) -> bytes:
    """A zip of ``(name, data)`` entries, in the given order, all stamped ``date`` at midnight.

    >>> a = stable_zip([("a.txt", b"hi")], dt.date(2025, 1, 14))
    >>> a == stable_zip([("a.txt", b"hi")], dt.date(2025, 1, 14))
    True
    """
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)  # zip dates start in 1980
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the building machine
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=6)
    return out.getvalue()


def restamp(data: bytes, date: dt.date) -> bytes:
    """The zip ``data`` rewritten by :func:`stable_zip` (entry order kept: [Content_Types].xml first)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    return stable_zip(entries, date)


__all__ = ["restamp", "stable_zip"]
