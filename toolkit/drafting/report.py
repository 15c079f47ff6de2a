"""How much the drafts helped: what reviewers made of machine translation and memory matches.

For every entry the toolkit pre-filled (the drafts record beside each catalog,
:mod:`toolkit.mtrecord`) the current msgstr is the reviewer's text. For the
machine-translated entries that have been reviewed since (no longer fuzzy),
the report measures how far the final text is from the machine's output:

- **chrF** (character n-gram F-score, sacrebleu's defaults, 0-100): 100 means
  the reviewers kept the machine's output as it was; it stays meaningful for
  Arabic, whose attached articles and prepositions make word metrics harsh.
- **TER** (translation edit rate, sacrebleu, in %): word insertions,
  deletions, substitutions and shifts needed to turn the machine output into
  the final text, per 100 words of the final text -- the post-editing effort
  (HTER). 0 means untouched; above about 50 a translator would have been as
  fast from scratch.

Both are corpus scores over the reviewed segments of a statement (and of a
language for the totals), so long segments weigh more than short ones, as
they do in a reviewer's day. Texts are compared as the msgstr is written
(light Markdown included: moving a link is an edit too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources

import jinja2
import polib
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER

from .. import catalogs
from ..catalogs.draft_record import Draft
from ..languages import english_name
from ..workspace import Project


@dataclass(frozen=True)
class ReportRow:
    """One statement in one language."""

    lang: str
    slug: str
    segments: int = 0
    """Distinct segments of the current source."""
    tm: int = 0
    """Filled from the translation memory, exact matches."""
    tm_fuzzy: int = 0
    """Filled from the translation memory, close matches (reviewed like machine drafts)."""
    tm_unchanged: int = 0
    """Memory matches (exact or close) that are reviewed and still read as filled."""
    mt: int = 0
    """Machine-translated."""
    reviewed: int = 0
    """Machine-translated and reviewed since (no longer fuzzy)."""
    unchanged: int = 0
    """Reviewed machine translations the reviewer accepted as they were."""
    pairs: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    """(machine output, final text) of every reviewed machine translation."""

    @property
    def edited(self) -> int:
        return self.reviewed - self.unchanged

    @property
    def awaiting(self) -> int:
        """Machine translations not reviewed yet."""
        return self.mt - self.reviewed

    # Cached: the table, the chart and the JSON each read the scores, and a score costs
    # tens of milliseconds per catalog.
    @cached_property
    def chrf(self) -> float | None:
        return chrf(self.pairs)

    @cached_property
    def ter(self) -> float | None:
        return ter(self.pairs)


def chrf(pairs: Iterable[tuple[str, str]]) -> float | None:
    """Corpus chrF of machine outputs against final texts (None without pairs).

    >>> round(chrf([("Les sanctions sont un outil.", "Les sanctions sont un outil.")]), 1)
    100.0
    """
    hyps, refs = _split(pairs)
    return CHRF().corpus_score(hyps, [refs]).score if hyps else None


def ter(pairs: Iterable[tuple[str, str]]) -> float | None:
    """Corpus TER (%) of machine outputs against final texts (None without pairs).

    >>> ter([("the court acts now", "the court acts today")])
    25.0
    """
    hyps, refs = _split(pairs)
    return TER().corpus_score(hyps, [refs]).score if hyps else None


def _split(pairs: Iterable[tuple[str, str]]) -> tuple[list[str], list[str]]:
    listed = list(pairs)
    return [h for h, _ in listed], [r for _, r in listed]


@dataclass
class Report:
    rows: list[ReportRow]
    created: dt.datetime
    _totals: dict[str, ReportRow] = field(default_factory=dict, init=False, repr=False, compare=False)

    def languages(self) -> list[str]:
        return list(dict.fromkeys(r.lang for r in self.rows))

    def total(self, lang: str) -> ReportRow:
        """All statements of ``lang`` as one row (its scores over all their pairs)."""
        if lang not in self._totals:
            rows = [r for r in self.rows if r.lang == lang]
            counts = {name: sum(getattr(r, name) for r in rows) for name in _COUNTS}
            self._totals[lang] = ReportRow(lang, "TOTAL", **counts, pairs=tuple(p for r in rows for p in r.pairs))
        return self._totals[lang]


_COUNTS = ("segments", "tm", "tm_fuzzy", "tm_unchanged", "mt", "reviewed", "unchanged")


def build_report(project: Project, langs: list[str] | None = None, slugs: list[str] | None = None) -> Report:
    """Compare every drafts record of the selected catalogs with the catalogs' current text."""
    rows: list[ReportRow] = []
    project.load_catalogs(langs, slugs)
    for statement in project.select(slugs):
        ids = statement.msgids
        for lang in project.languages(langs):
            file = project.catalog(lang, statement.slug)
            po, drafts = file.read(), dict(file.read_drafts())
            entries = {e.msgid: e for e in po if not e.obsolete} if po is not None else {}
            rows.append(compare(lang, statement.slug, ids, entries, drafts))
    return Report(rows, catalogs.now())


def compare(lang: str, slug: str, ids: list[str], entries: dict[str, polib.POEntry], drafts: dict[str, Draft]) -> ReportRow:
    """What became of the drafts of one catalog (entries no longer in the source are left out)."""
    counts = dict.fromkeys(_COUNTS, 0)
    counts["segments"] = len(ids)
    pairs: list[tuple[str, str]] = []
    for msgid in ids:
        draft, entry = drafts.get(msgid), entries.get(msgid)
        if draft is None or draft.origin == "pseudo":
            continue
        final = entry.msgstr if entry is not None else ""
        reviewed = entry is not None and not entry.fuzzy and bool(final.strip())
        if draft.origin in ("tm", "tm-fuzzy"):
            counts["tm" if draft.origin == "tm" else "tm_fuzzy"] += 1
            counts["tm_unchanged"] += reviewed and final == draft.text
        elif draft.origin == "mt":
            counts["mt"] += 1
            if reviewed:
                counts["reviewed"] += 1
                counts["unchanged"] += final == draft.text
                pairs.append((draft.text, final))
    return ReportRow(lang, slug, **counts, pairs=tuple(pairs))


# --- HTML -------------------------------------------------------------------

COLOURS = {
    "unchanged": ("#009E73", "machine translation accepted unchanged"),
    "edited": ("#E69F00", "machine translation edited by the reviewer"),
    "awaiting": ("#D55E00", "machine translation not reviewed yet"),
    "memory": ("#0072B2", "filled from translation memory"),
    "other": ("#C8C8C8", "translated by people (or not yet)"),
}
"""Okabe-Ito colours: told apart with every common colour-vision deficiency."""

_BAR, _GAP, _LABEL, _WIDTH, _SCORES = 22, 8, 280, 420, 150


@dataclass(frozen=True)
class BarPart:
    x: float
    width: float
    colour: str
    title: str


@dataclass(frozen=True)
class Bar:
    y: int
    label: str
    pieces: tuple[BarPart, ...]
    scores: str


def bars(rows: list[ReportRow]) -> list[Bar]:
    """One stacked bar per row: each segment of the statement by what filled it."""
    out: list[Bar] = []
    for index, row in enumerate(rows):
        parts = [
            ("unchanged", row.unchanged),
            ("edited", row.edited),
            ("awaiting", row.awaiting),
            ("memory", row.tm + row.tm_fuzzy),
            ("other", max(0, row.segments - row.mt - row.tm - row.tm_fuzzy)),
        ]
        pieces: list[BarPart] = []
        x = float(_LABEL)
        for key, count in parts:
            if not count or not row.segments:
                continue
            width = _WIDTH * count / row.segments
            colour, meaning = COLOURS[key]
            pieces.append(BarPart(round(x, 2), round(width, 2), colour, f"{row.slug} ({row.lang}): {count} {meaning}"))
            x += width
        scores = "" if row.chrf is None else f"chrF {row.chrf:.1f} · TER {row.ter:.1f}"
        out.append(Bar(index * (_BAR + _GAP), row.slug, tuple(pieces), scores))
    return out


def render_html(report: Report, project_name: str) -> bytes:
    """A self-contained page (inline SVG and CSS, no external assets) for coordinators."""
    template = resources.files("toolkit.drafting").joinpath("report.html.j2").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    sections = []
    for lang in report.languages():
        rows = [r for r in report.rows if r.lang == lang]
        total = report.total(lang)
        sections.append(
            {
                "lang": lang,
                "name": english_name(lang),
                "rows": rows,
                "total": total,
                "bars": bars([*rows, total]),
                "height": (len(rows) + 1) * (_BAR + _GAP),
            }
        )
    html = env.from_string(template).render(
        project=project_name,
        created=report.created.strftime("%Y-%m-%d %H:%M UTC"),
        sections=sections,
        colours=COLOURS,
        bar=_BAR,
        label=_LABEL,
        width=_LABEL + _WIDTH + _SCORES,
        scores_x=_LABEL + _WIDTH + 10,
    )
    return html.encode("utf-8")


__all__ = ["Report", "ReportRow", "build_report", "chrf", "compare", "render_html", "ter"]
