"""TMX 1.4 (Translation Memory eXchange): writing and reading translation units.

Each ``<tu>`` pairs one English segment with one translation, so that tools
that read only the first two variants of a unit (translate-toolkit) see every
language; one file still carries the memory of every language. Inline markup stays as the light Markdown of the
catalogs (``**bold**``, ``[text][1]``): the units are plain text segments.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..errors import Location, ToolkitError
from ..languages import base_language

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class TmxError(ToolkitError):
    category = "TMX error"


@dataclass(frozen=True)
class Unit:
    source: str
    targets: dict[str, str] = field(hash=False)
    """lang -> translation"""
    origin: str = ""
    """Where the pair came from (``locales/fr/x.po``), kept as a TMX note."""


def dump_tmx(units: Iterable[Unit], srclang: str, created: dt.datetime) -> bytes:
    """TMX 1.4 bytes for ``units`` (reproducible: no clock read here)."""
    stamp = created.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "statement-toolkit",
            "creationtoolversion": __version__,
            "datatype": "plaintext",
            "segtype": "sentence",
            "adminlang": "en",
            "srclang": srclang,
            "o-tmf": "PO",
            "creationdate": stamp,
        },
    )
    body = ET.SubElement(root, "body")
    for unit in units:
        for target_lang, target in sorted(unit.targets.items()):
            tu = ET.SubElement(body, "tu", {"srclang": srclang})
            if unit.origin:
                ET.SubElement(tu, "note").text = unit.origin
            for lang, text in ((srclang, unit.source), (target_lang, target)):
                tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
                ET.SubElement(tuv, "seg").text = text
    ET.indent(root)
    xml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + xml + b"\n"


def load_tmx(path: Path, shown: str, srclang: str, languages: Sequence[str] | None = None) -> list[Unit]:
    """Units of a TMX file whose source language is ``srclang`` (case- and region-insensitive)."""
    try:
        tree = ET.parse(path)
    except ET.ParseError as exc:
        raise TmxError(f"not well-formed XML: {exc}", Location(shown, exc.position[0])) from None
    root = tree.getroot()
    if root.tag != "tmx" or root.find("body") is None:
        raise TmxError("not a TMX file (no <tmx><body>)", Location(shown))
    header = root.find("header")
    default_src = header.get("srclang", srclang) if header is not None else srclang
    units: list[Unit] = []
    for tu in root.iter("tu"):
        src = base_language(tu.get("srclang", default_src))
        segs: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang = base_language(tuv.get(XML_LANG) or tuv.get("lang") or "")
            seg = tuv.find("seg")
            if seg is not None and lang:
                segs[lang] = "".join(seg.itertext())
        source = segs.pop(base_language(srclang), None) if src in (base_language(srclang), "*all*") else None
        if source is None:
            continue
        targets = {k: v for k, v in segs.items() if v.strip() and (languages is None or k in languages)}
        if targets:
            note = tu.find("note")
            units.append(Unit(source, targets, note.text or "" if note is not None else ""))
    return units
