"""The merge that keeps translator work when a statement's template changes.

Merge semantics follow GNU ``msgmerge --previous`` and Babel's
``Catalog.update``, and are never weaker:

- an unchanged segment keeps its translation, flags and translator comments;
- segments cut or joined differently (new sentence rules, ``unit`` switched,
  an author's split) inherit the old translation cut or joined to match
  (:mod:`.resegment`), never sending it to ``#~``;
- an edited segment gets the closest old translation as ``#, fuzzy`` with the
  old source in ``#| msgid``;
- a removed segment's translation goes to obsolete ``#~`` entries, and
  obsolete entries are kept (and revived when their segment comes back);
- names of signatory lists are pre-filled with the source name and flagged
  ``ignore-same`` (:data:`NAME_FLAG`).

Only tool-written parts (extracted comments, references, POT-Creation-Date)
ever change in an entry a translator touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import polib

from ..document import Document, plain_text
from ..gcpause import without_gc
from ..languages import english_name
from ..segmentation.segments import Segment
from .poparse import polib_entry
from .template import NAME_FLAG, NOTE_PREFIXES, TemplateInfo, header_fields, now

if TYPE_CHECKING:
    from .resegment import Carried

FUZZY_CUTOFF = 60.0
"""Similarity (0-100, rapidfuzz ratio) above which an old translation is offered as fuzzy.
GNU msgmerge's fstrcmp threshold is 0.6 on a comparable scale."""

NOISE_FIELDS = frozenset({"POT-Creation-Date", "PO-Revision-Date", "X-Generator"})
"""Header fields that change without the content changing: never a reason to rewrite a file."""

_SUPERSEDED_PLURALS = {
    # Babel's Arabic, which swaps forms 4 and 5 against GNU gettext's.
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=0 && n%100<=2 ? 4 : 5);",
    # The gettext manual's Arabic, which earlier versions wrote: the same forms as msginit's.
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    # Babel 2.19's French and Spanish (CLDR 46 "many"), written by a release that asked Babel.
    "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;",
    "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);",
}
"""Plural-Forms values earlier versions wrote: replaced on merge (translators' own values are kept)."""


@without_gc
def merge(
    template: polib.POFile,
    old: polib.POFile | None,
    lang: str,
    names: frozenset[str],
    info: TemplateInfo,
    doc: Document,
    stamp: dt.datetime,
    segments: Sequence[Segment] = (),
) -> polib.POFile:
    """The catalog for ``lang``: ``template``'s entries carrying ``old``'s translations.

    The header comment and the fields translators own stay as ``old`` has them.
    ``segments`` (the statement's, in reading order) let a translation follow
    its sentences when they are cut or joined differently.
    """
    slug = doc.slug
    new = polib.POFile()
    new.header = (
        old.header
        if old is not None and old.header
        else f"{english_name(lang)} translation of “{plain_text(doc.meta.title)}” ({doc.path}).\n"
        "Translate the msgstr lines; keep **bold**, *italic* and [links][1] markers around the matching words."
    )
    live = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete} if old is not None else {}
    obsolete = {(e.msgctxt, e.msgid): e for e in old if e.obsolete} if old is not None else {}
    metadata = header_fields(info, slug, lang, _created(template), stamp)
    if old is not None:
        metadata = _keep_translator_header(old.metadata, metadata)
    new.metadata = metadata

    used: set[tuple[str | None, str]] = set()
    unmatched: list[tuple[int, polib.POEntry]] = []
    items: list[polib.POEntry] = []
    add = items.append
    for index, tentry in enumerate(template):
        key = (tentry.msgctxt, tentry.msgid)
        previous = live.get(key) or obsolete.get(key)
        if previous is not None:
            used.add(key)
            add(_carry(tentry, previous))
        else:
            add(tentry)  # placeholder, replaced below
            unmatched.append((index, tentry))
    new.extend(items)  # (POFile.append checks each entry for a setting the toolkit never turns on)

    exact = {tentry.msgid for tentry in template} - {tentry.msgid for _, tentry in unmatched}
    olds = [*live.values(), *obsolete.values()]
    # Only a catalog with new msgids can have sentences cut differently.
    carried: dict[str, Carried] = {}
    consumed: set[tuple[str | None, str]] = set()
    if unmatched and olds:
        from .resegment import resegment  # only a catalog with new msgids: a no-op extract never loads it

        carried, consumed = resegment(segments, olds, exact, used, lang)
    spoken_for = used | consumed
    candidates = {(e.msgctxt, e.msgid): e for e in olds if (e.msgctxt, e.msgid) not in spoken_for and e.msgstr.strip()}
    keys = list(candidates)
    bests = _closest([t.msgid for _, t in unmatched if t.msgid not in carried], [e.msgid for e in candidates.values()])
    fuzzy_used: set[tuple[str | None, str]] = set()
    for index, tentry in unmatched:
        entry = _fresh(tentry)
        if tentry.msgid in carried:
            new[index] = _inherit(entry, carried[tentry.msgid])
            continue
        best = next(bests)
        if best is not None:
            donor = candidates[keys[best]]
            fuzzy_used.add(keys[best])
            if tentry.msgid in names and donor.msgstr == donor.msgid:
                entry.msgstr = tentry.msgid  # an untouched pre-filled name: pre-fill again
            else:
                entry.msgstr = donor.msgstr
                entry.tcomment = donor.tcomment
                entry.flags = ["fuzzy"]
                entry.previous_msgid = donor.previous_msgid if donor.fuzzy and donor.previous_msgid else donor.msgid
        elif tentry.msgid in names:
            entry.msgstr = tentry.msgid
        new[index] = entry
    for entry in new if names else ():
        if entry.msgid in names and NAME_FLAG not in entry.flags:
            entry.flags.append(NAME_FLAG)  # the toolkit's flag: put back when an editor dropped it

    # Old translations nobody took: kept as obsolete, never dropped.
    taken = used | fuzzy_used | consumed
    left = live.keys() - taken
    for key in filter(left.__contains__, live):  # (in the catalog's order; the test runs in C)
        entry = live[key]
        if entry.msgstr.strip() or entry.tcomment:
            gone = _copy(entry)
            gone.obsolete = True
            gone.occurrences = []
            gone.comment = ""
            new.append(gone)
    for key, entry in obsolete.items():
        if key not in taken:
            new.append(_copy(entry))
    return new


_PAIRS_IN_ONE_GO = 1_000_000
"""Above this many (new msgid, old msgid) pairs the similarities are computed as a matrix on every core."""


def _closest(queries: list[str], choices: list[str]) -> Iterator[int | None]:
    """For each query, the index of the most similar choice (the first of equals), None below the cutoff.

    What ``process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)`` answers;
    a revision of a long statement (1,500 new sentences against 1,500 old ones) asks it in blocks of
    ``rapidfuzz.process.cdist`` instead, which shares the work between cores.
    """
    if not choices:
        yield from (None for _ in queries)
        return
    from rapidfuzz import fuzz, process  # a merge with new msgids only: status and check never pay its import

    if len(queries) * len(choices) <= _PAIRS_IN_ONE_GO:
        for query in queries:
            found = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            yield None if found is None else found[2]
        return
    import numpy as np  # rapidfuzz's matrices are numpy arrays; only large merges pay its import

    rows = max(1, 4_000_000 // len(choices))  # a block: at most 32 MB of float64
    for start in range(0, len(queries), rows):
        scores = process.cdist(
            queries[start : start + rows], choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, dtype=np.float64, workers=-1
        )
        for row in scores:
            column = int(row.argmax())
            yield column if row[column] >= FUZZY_CUTOFF else None


def _created(template: polib.POFile) -> dt.datetime:
    value = template.metadata.get("POT-Creation-Date", "")
    try:
        return dt.datetime.strptime(value, "%Y-%m-%d %H:%M%z")
    except ValueError:
        return now()


def _keep_translator_header(old: dict[str, str], fresh: dict[str, str]) -> dict[str, str]:
    """Keep what translators and their editors own in the header; set what the toolkit owns."""
    merged = dict(fresh)
    for field in ("PO-Revision-Date", "Last-Translator", "Language-Team", "Report-Msgid-Bugs-To", "Plural-Forms"):
        if old.get(field) and not (field == "Plural-Forms" and old[field] in _SUPERSEDED_PLURALS):
            merged[field] = old[field]
    for field, value in old.items():
        if field not in merged:
            merged[field] = value  # e.g. X-Poedit-* settings
    return merged


def _copy(entry: polib.POEntry) -> polib.POEntry:
    return polib_entry(
        entry.msgid,
        entry.msgstr,
        entry.msgctxt,
        entry.obsolete,
        entry.comment,
        entry.tcomment,
        list(entry.occurrences),
        list(entry.flags),
        entry.previous_msgctxt,
        entry.previous_msgid,
        None,
    )


def _fresh(tentry: polib.POEntry) -> polib.POEntry:
    entry = _copy(tentry)
    entry.msgstr = ""
    entry.flags = []
    entry.previous_msgid = None
    return entry


def _carry(tentry: polib.POEntry, previous: polib.POEntry) -> polib.POEntry:
    """The template entry with the translator-owned parts of ``previous``."""
    # GNU msgmerge keeps ``#|`` only while an entry is fuzzy.
    fuzzy = "fuzzy" in previous.flags
    comment = tentry.comment
    # A re-segmentation note stays until a translator has reviewed the entry.
    # It comes last, and a writer may have wrapped it over several lines.
    noted = previous.comment
    if noted and (fuzzy or not previous.msgstr.strip()) and any(prefix in noted for prefix in NOTE_PREFIXES):
        lines = noted.split("\n")
        at = next((i for i, line in enumerate(lines) if line.startswith(NOTE_PREFIXES)), None)
        if at is not None:
            note = " ".join(lines[at:])
            comment = f"{comment}\n{note}" if comment else note
    return polib_entry(
        tentry.msgid,
        previous.msgstr,
        tentry.msgctxt,
        tentry.obsolete,
        comment,
        previous.tcomment,
        list(tentry.occurrences),
        list(previous.flags),
        previous.previous_msgctxt if fuzzy else None,
        previous.previous_msgid if fuzzy else None,
        None,
    )


def _inherit(entry: polib.POEntry, carried: Carried) -> polib.POEntry:
    """A new entry filled by a split or a join of old ones."""
    entry.msgstr = carried.msgstr
    entry.tcomment = carried.tcomment
    entry.flags = [*carried.flags, *(["fuzzy"] if carried.fuzzy else [])]
    entry.previous_msgid = carried.previous_msgid
    if carried.note:
        entry.comment = f"{entry.comment}\n{carried.note}" if entry.comment else carried.note
    return entry


# --- comparing and counting -------------------------------------------------


def _entry_tuple(e: polib.POEntry) -> tuple[object, ...]:
    return (
        e.msgctxt,
        e.msgid,
        e.msgid_plural,
        e.msgstr,
        tuple(sorted(e.msgstr_plural.items())),
        tuple(e.flags),
        " ".join((e.comment or "").split()),  # writers wrap comment lines differently
        " ".join((e.tcomment or "").split()),
        tuple(e.occurrences),
        e.previous_msgid,
        e.previous_msgctxt,
        e.obsolete,
    )


def equivalent(a: polib.POFile, b: polib.POFile) -> bool:
    """Same entries, same header except the fields that change on their own."""

    def header(po: polib.POFile) -> dict[str, str]:
        return {k: v for k, v in po.metadata.items() if k not in NOISE_FIELDS}

    def entries(po: polib.POFile) -> list[tuple[object, ...]]:
        return [_entry_tuple(e) for e in [*(e for e in po if not e.obsolete), *po.obsolete_entries()]]

    return header(a) == header(b) and entries(a) == entries(b) and (a.header or "") == (b.header or "")
