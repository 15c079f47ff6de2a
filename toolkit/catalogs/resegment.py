"""Re-segmentation that keeps translations: when sentences are cut or joined differently, carry the work over.

A statement's segments change shape without its words changing when the
sentence rules improve (list items split into sentences, a citation no longer
cut after "No."), when a project switches ``unit`` between ``paragraph`` and
``sentence``, or when an author splits or joins sentences. GNU msgmerge would
send each old translation to ``#~`` (or offer it as a poor fuzzy match for one
of the new sentences only). Here the new segments and the old entries are
aligned on their text instead:

- **split**: the new segments of a run concatenate to an old msgid. The old
  translation is cut with the target language's sentence rules; when it has
  as many sentences as the run, each new entry gets its part, fuzzy, with the
  old msgid as ``#|`` and a ``#.`` note; otherwise the first new entry gets
  the whole translation, fuzzy, and the others stay empty with a note.
- **join**: a new segment is the concatenation of several old msgids. It gets
  their translations joined with a space -- exactly what a build showed
  before -- reviewed when every part was reviewed and the text is unchanged,
  else fuzzy with a note.
- **both** (old boundaries and new ones cross): the old translations are
  joined, then cut as for a split.

Runs follow reading order, so an author splitting one paragraph into two is a
split too. The old entries used are consumed: they never become ``#~``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import polib

from ..document import Content, Inline, Text, plain_text
from ..document.markup import link_targets, normalize, parse, serialize
from ..segmentation.rules import rules_for
from ..segmentation.segments import Segment, split_content

SPLIT_NOTE = "split automatically: check that this translates this sentence alone"
UNSPLIT_NOTE = "split automatically: its translation is still all in “{first}”"
JOIN_NOTE = "joined automatically from {count} entries: check the join"
# (each starts with one of NOTE_PREFIXES, which the merge keeps: tests/test_catalogs.py holds them together)

_LINK_NOTE = re.compile(r"^\[(\d+)\]: (\S+)$")
_MAX_RUN = 24
"""Most new segments one old entry is ever cut into (a long paragraph's sentences)."""
_MAX_EDIT = 4
"""Most sentences an author splits one into, or joins into one, while editing."""
EDIT_CUTOFF = 85.0
"""Similarity (rapidfuzz ratio) above which edited text cut differently is the same text: a typo
fixed, "." turned into ";" and a capital into lowercase. Far above the merge's fuzzy cutoff."""

Key = tuple[str | None, str]


@dataclass(frozen=True)
class Carried:
    """What one new entry inherits from the old catalog."""

    msgstr: str
    fuzzy: bool
    previous_msgid: str | None
    note: str | None
    tcomment: str
    flags: tuple[str, ...]


@dataclass(frozen=True)
class _Old:
    key: Key
    entry: polib.POEntry
    plain: str
    content: Content
    links: tuple[str, ...]


def resegment(
    segments: Sequence[Segment],
    old: Sequence[polib.POEntry],
    exact: Iterable[str],
    used: Iterable[Key],
    lang: str,
) -> tuple[dict[str, Carried], set[Key]]:
    """What new msgids inherit from ``old`` entries (live ones in file order, then obsolete ones)
    through a split or a join, and the keys of the old entries so consumed.

    ``segments`` are the statement's new segments in reading order; ``exact``
    the new msgids that found their old entry unchanged; ``used`` those old
    entries. ``lang`` is the catalog's language, whose rules cut translations.
    """
    if not segments:
        return {}, set()  # nothing to align (and parsing every old msgid would be for nothing)
    olds = [_old(entry) for entry in old if entry.msgctxt is None and entry.msgid]
    state = _State(set(exact), set(used), lang)
    _exact_pass(segments, olds, state)
    _edit_pass(segments, olds, state)
    return state.carried, state.consumed


@dataclass
class _State:
    exact: set[str]
    used: set[Key]
    lang: str
    carried: dict[str, Carried] = field(default_factory=dict)
    consumed: set[Key] = field(default_factory=set)

    def open(self, segment: Segment) -> bool:
        """Whether the new segment still needs a translation."""
        return segment.msgid not in self.exact and segment.msgid not in self.carried

    def free(self, item: _Old) -> bool:
        """Whether the old entry is still looking for a new home."""
        return item.key not in self.used and item.key not in self.consumed

    def take(self, run: Sequence[Segment], pieces: Sequence[_Old]) -> None:
        outcome = _carry_over(run, pieces, self.exact | set(self.carried), self.lang)
        if outcome:
            self.carried.update(outcome)
            self.consumed.update(p.key for p in pieces)


def _exact_pass(segments: Sequence[Segment], olds: Sequence[_Old], state: _State) -> None:
    """Runs of new segments whose text is exactly that of old entries, cut elsewhere."""
    by_first: dict[str, list[_Old]] = {}
    for item in sorted(olds, key=lambda o: -len(o.plain)):
        by_first.setdefault(item.plain.split(" ", 1)[0], []).append(item)
    total = sum(len(o.plain) + 1 for o in olds)
    plains = [plain_text(s.content) for s in segments]
    i = 0
    while i < len(segments):
        found = None
        # No old entry starts where this segment does: no alignment starts here.
        starters = by_first.get(plains[i].split(" ", 1)[0], ())
        for j in range(i + 1, min(len(segments), i + _MAX_RUN) + 1) if starters else ():
            text = " ".join(plains[i:j])
            if len(text) > total:
                break
            pieces = _cover(text, 0, by_first, _interior_starts(plains[i:j]))
            if pieces is None or len(pieces) + (j - i) < 3:
                continue
            if any(state.open(s) for s in segments[i:j]) and any(state.free(p) for p in pieces):
                found = j, pieces
                break
        if found is None:
            i += 1
            continue
        j, pieces = found
        state.take(segments[i:j], pieces)
        i = j


def _edit_pass(segments: Sequence[Segment], olds: Sequence[_Old], state: _State) -> None:
    from rapidfuzz import fuzz, process  # only a merge with new msgids needs it: not every command pays its import

    """An author who split or joined sentences while editing them: near-equal text, cut elsewhere."""
    free = {o.key: o for o in olds if state.free(o) and o.entry.msgstr.strip()}
    # Splits: consecutive new segments that together read like one old entry.
    i = 0
    while i < len(segments) and free:
        best: tuple[float, int, _Old] | None = None
        for j in range(i + 2, min(len(segments), i + _MAX_EDIT) + 1):
            if not all(state.open(s) for s in segments[i:j]):
                break
            match = process.extractOne(
                " ".join(s.msgid for s in segments[i:j]),
                {k: o.entry.msgid for k, o in free.items()},
                scorer=fuzz.ratio,
                score_cutoff=EDIT_CUTOFF,
            )
            if match is not None and (best is None or match[1] > best[0]):
                best = (match[1], j, free[match[2]])
        if best is not None and best[0] > fuzz.ratio(segments[i].msgid, best[2].entry.msgid):
            _, j, item = best
            state.take(segments[i:j], [item])
            free.pop(item.key, None)
            i = j
        else:
            i += 1
    # Joins: one new segment that reads like consecutive old entries.
    live = [o for o in olds if not o.entry.obsolete]
    windows = {
        tuple(o.key for o in live[a:b]): live[a:b]
        for a in range(len(live))
        for b in range(a + 2, min(len(live), a + _MAX_EDIT) + 1)
        if all(o.key in free for o in live[a:b])
    }
    for segment in segments:
        if not state.open(segment) or not windows:
            continue
        texts = {key: " ".join(o.entry.msgid for o in run) for key, run in windows.items()}
        match = process.extractOne(segment.msgid, texts, scorer=fuzz.ratio, score_cutoff=EDIT_CUTOFF)
        single = max((fuzz.ratio(segment.msgid, o.entry.msgid) for o in free.values()), default=0.0)
        if match is not None and match[1] > single:
            state.take([segment], windows[match[2]])
            gone = set(match[2])
            windows = {key: run for key, run in windows.items() if not gone & set(key)}
            free = {k: o for k, o in free.items() if k not in gone}


def _old(entry: polib.POEntry) -> _Old:
    links = _links_of(entry)
    content = parse(entry.msgid, links, _ignore)
    return _Old((entry.msgctxt, entry.msgid), entry, plain_text(content), content, links)


def _links_of(entry: polib.POEntry) -> tuple[str, ...]:
    """The URLs of ``[text][N]`` as the entry's ``#.`` comments list them."""
    found: dict[int, str] = {}
    for line in (entry.comment or "").split("\n"):
        match = _LINK_NOTE.match(line.strip())
        if match:
            found[int(match.group(1))] = match.group(2)
    return tuple(found[n] for n in sorted(found))


def _ignore(message: str) -> None:
    """Warnings about a msgstr are the checks' business, not the merge's."""


def _interior_starts(plains: Sequence[str]) -> frozenset[int]:
    """Offsets in the joined text where the 2nd, 3rd... new segment starts."""
    starts: list[int] = []
    offset = 0
    for plain in plains[:-1]:
        offset += len(plain) + 1
        starts.append(offset)
    return frozenset(starts)


def _cover(
    text: str, position: int, by_first: Mapping[str, list[_Old]], starts: frozenset[int], dead: set[int] | None = None
) -> list[_Old] | None:
    """Old entries whose texts, joined with spaces, make ``text[position:]``, never starting where a new
    segment starts (that would be two alignments side by side, each found on its own). ``dead`` holds
    the positions already known to lead nowhere, so that many entries sharing a start stay cheap."""
    dead = set() if dead is None else dead
    if position in dead or (position > 0 and position in starts):
        return None
    word = text[position:].split(" ", 1)[0]
    for item in by_first.get(word, ()):
        end = position + len(item.plain)
        if not text.startswith(item.plain, position) or (end < len(text) and text[end] != " "):
            continue
        if end == len(text):
            return [item]
        rest = _cover(text, end + 1, by_first, starts, dead)
        if rest is not None:
            return [item, *rest]
    dead.add(position)
    return None


def _carry_over(run: Sequence[Segment], pieces: Sequence[_Old], taken: set[str], lang: str) -> dict[str, Carried]:
    """The new entries of ``run`` filled from the old entries ``pieces`` (the same text, cut differently)."""
    translations = [parse(p.entry.msgstr, p.links, _ignore) if p.entry.msgstr.strip() else None for p in pieces]
    present = [t for t in translations if t]
    if not present:
        return {}
    joined = _join(present)
    tcomment = "\n".join(dict.fromkeys(line for p in pieces for line in (p.entry.tcomment or "").split("\n") if line))
    flags = tuple(dict.fromkeys(f for p in pieces for f in p.entry.flags if f != "fuzzy"))
    previous = " ".join(p.entry.msgid for p in pieces)
    out: dict[str, Carried] = {}
    if len(run) == 1:
        segment = run[0]
        same = _join([s.content for s in run]) == _join([p.content for p in pieces])
        reviewed = same and len(present) == len(pieces) and not any(p.entry.fuzzy for p in pieces)
        note = None if reviewed else JOIN_NOTE.format(count=len(pieces))
        out[segment.msgid] = Carried(
            _serialize(joined, segment.links), not reviewed, None if reviewed else previous, note, tcomment, flags
        )
        return out
    parts = [p for p in split_content(joined, True, rules_for(lang)) if isinstance(p, tuple)]
    open_run = [s for s in run if s.msgid not in taken]
    if len(parts) == len(run):
        for segment, part in zip(run, parts, strict=True):
            if segment.msgid not in taken and segment.msgid not in out:
                out[segment.msgid] = Carried(_serialize(part, segment.links), True, previous, SPLIT_NOTE, tcomment, flags)
        return out
    first = open_run[0]
    out[first.msgid] = Carried(_serialize(joined, first.links), True, previous, SPLIT_NOTE, tcomment, flags)
    words = plain_text(first.content).split()
    opening = " ".join(words[:5]) + (" …" if len(words) > 5 else "")
    for segment in open_run[1:]:
        out.setdefault(segment.msgid, Carried("", False, None, UNSPLIT_NOTE.format(first=opening), "", ()))
    return out


def _join(contents: Sequence[Content]) -> Content:
    out: list[Inline] = []
    for content in contents:
        if out:
            out.append(Text(" "))
        out.extend(content)
    return normalize(tuple(out))


def _serialize(content: Content, links: Sequence[str]) -> str:
    """Light Markdown for a translation, its links numbered as the new segment's; a link the
    segment does not have (the sentences were cut elsewhere) gets the next number, for QA to flag."""
    extra = [href for href in link_targets(content) if href not in links]
    return serialize(content, (*links, *extra))
