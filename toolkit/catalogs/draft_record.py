"""The drafts record: what the toolkit itself put into a catalog, kept beside it.

``locales/<lang>/<slug>.mt.json`` maps each msgid the toolkit pre-filled to the
exact text it wrote and where that text came from (machine translation, the
translation memory, the pseudo engine). The PO entry is then the reviewer's;
comparing the two later tells how much a draft helped (``stk report``) and
whether an entry is still an unreviewed machine draft (``stk status``).

A record is written only by the toolkit, atomically, sorted, so it diffs well.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polib

from ..errors import CatalogError, Location
from ..files import write_if_changed

SUFFIX = ".mt.json"


@dataclass(frozen=True)
class Draft:
    text: str
    """Exactly what was written into msgstr."""
    origin: str
    """``mt``, ``tm`` (exact memory match), ``tm-fuzzy`` or ``pseudo``."""
    engine: str = ""
    """``argos``, ``pseudo``, ``tm``."""
    model: str = ""
    """Model package and version (``translate-en_fr 1.9``), or the memory entry's origin."""
    score: float | None = None
    """Similarity of a fuzzy memory match (0-100)."""
    notes: tuple[str, ...] = field(default=())
    """What the drafting noticed: lost placeholders, glossary terms applied."""


def record_path(locales: Path, lang: str, slug: str) -> Path:
    return locales / lang / f"{slug}{SUFFIX}"


def load_record(path: Path, shown: str) -> dict[str, Draft]:
    """msgid -> Draft; an absent file is an empty record."""
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        drafts = raw["drafts"]
        return {
            msgid: Draft(
                text=d["text"],
                origin=d["origin"],
                engine=d.get("engine", ""),
                model=d.get("model", ""),
                score=d.get("score"),
                notes=tuple(d.get("notes", ())),
            )
            for msgid, d in drafts.items()
        }
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        line = getattr(exc, "lineno", None)
        why = "nested too deeply" if isinstance(exc, RecursionError) else exc
        raise CatalogError(f"unreadable drafts record ({why}); delete it to start afresh", Location(shown, line)) from None


def dump_record(drafts: Mapping[str, Draft]) -> bytes:
    body = {
        "format": "statement-toolkit drafts 1",
        "drafts": {msgid: {k: v for k, v in asdict(d).items() if v not in (None, "", ())} for msgid, d in sorted(drafts.items())},
    }
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def save_record(path: Path, drafts: Mapping[str, Draft]) -> bool:
    """Write the record atomically (only if it changed). Returns True when written."""
    return write_if_changed(path, dump_record(drafts))


UNREVIEWED_ORIGINS = ("mt", "tm-fuzzy", "pseudo")
"""Drafts a person must look at: an entry still holding one exactly is an unreviewed draft."""


def is_unreviewed(draft: Draft | None, msgstr: str) -> bool:
    """Whether ``msgstr`` is still exactly the machine, pseudo or fuzzy-memory draft (fuzzy flag or not)."""
    return draft is not None and draft.origin in UNREVIEWED_ORIGINS and bool(msgstr) and msgstr == draft.text


def is_pseudo(draft: Draft | None, msgstr: str) -> bool:
    """Whether ``msgstr`` is a pseudo-translation: never a translation, whatever its flags say."""
    return draft is not None and draft.origin == "pseudo" and bool(msgstr) and msgstr == draft.text


def as_counted(entry: polib.POEntry | None, msgid: str, drafts: Mapping[str, Draft]) -> polib.POEntry:
    """The entry as statistics see it: absent, or a pseudo-translation marked reviewed, is untranslated."""
    if entry is None or (not entry.fuzzy and is_pseudo(drafts.get(msgid), entry.msgstr)):
        return polib.POEntry(msgid=msgid, msgstr="")
    return entry
