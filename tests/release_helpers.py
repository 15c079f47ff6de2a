"""Helpers for the build and release tests: catalogs filled by a pseudo-translation, DOCX XML.

The real catalogs are being translated while this code is written, so tests
fill their own: French as the source upper-cased, Arabic as Arabic filler words
around the Latin acronyms and names (which is what a real Arabic translation
looks like to the bidi code). Markup markers are kept, so links and bold
survive as in a real translation.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import polib
from lxml import etree

from toolkit import api

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}

_WORD = re.compile(r"\b[A-Za-z][a-z]+\b")


def pseudo(lang: str, msgid: str) -> str:
    """A stand-in translation that keeps markup, acronyms and reference numbers."""
    if lang == "ar":
        return _WORD.sub("نص", msgid)
    return msgid.upper() if lang == "fr" else f"¡{msgid}!"


def fill_catalogs(
    root: Path,
    langs: tuple[str, ...] = ("fr", "es", "ar"),
    state: Callable[[str, polib.POEntry], str] | None = None,
) -> None:
    """Create the catalogs with ``stk extract``, then translate every entry.

    ``state(lang, entry)`` may return ``fuzzy`` or ``untranslated`` to leave
    an entry unreviewed; names keep their pre-filled msgstr.
    """
    api.extract(api.open_project(root))
    for lang in langs:
        for path in sorted((root / "locales" / lang).glob("*.po")):
            po = polib.pofile(str(path))
            for entry in po:
                if entry.obsolete:
                    continue
                kind = state(lang, entry) if state else "translated"
                if kind == "untranslated":
                    entry.msgstr = ""
                    continue
                if not (entry.msgstr and entry.msgstr == entry.msgid and "name in signatory list" in (entry.comment or "")):
                    entry.msgstr = pseudo(lang, entry.msgid)
                if kind == "fuzzy":
                    entry.flags.append("fuzzy")
            po.save(str(path))


def set_msgstr(path: Path, msgid: str, msgstr: str) -> int:
    """Give one entry a translator's msgstr; returns the line of its msgid (where messages point)."""
    po = polib.pofile(str(path))
    entry = po.find(msgid)
    assert entry is not None, msgid
    entry.msgstr = msgstr
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save(str(path))
    lines = path.read_text(encoding="utf-8").split("\n")
    number = int(polib.pofile(str(path)).find(msgid).linenum)
    while not lines[number - 1].startswith("msgid "):
        number += 1
    return number


def docx_xml(path: Path, member: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(member))


def docx_text(path: Path) -> str:
    """Every w:t of the body, headers and footers."""
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")]
        texts = []
        for name in sorted(names):
            root = etree.fromstring(archive.read(name))
            texts.extend(t.text or "" for t in root.iter(f"{{{W}}}t"))
    return " ".join(texts)
