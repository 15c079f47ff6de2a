"""English Document + a language's catalog -> the Document in that language.

Each segment of the source is replaced by its msgstr, parsed with the same
Markdown parser that read the source (``[text][N]`` resolves to the segment's
N-th URL; ``[text](url)`` is a per-language URL; raw HTML stays literal text;
unsafe links are dropped), so HTML and DOCX renderers only ever see the model.

What happens to segments that are not reviewed is a policy, ``fallback``:

- ``draft`` (default): fuzzy msgstrs are used, untranslated segments keep the
  English, and the edition is a DRAFT (banner in HTML, header line in DOCX);
- ``source``: fuzzy and untranslated segments both keep the English; the
  edition is complete but *mixed* (the release manifest says so).

Names of signatory lists are ordinary entries whose msgstr is pre-filled with
the name, so they are used as they are.

Per-language link overrides (``[links.fr]`` in toolkit.toml, source URL ->
URL for that language) apply to every link of the edition, whether it came from
the source's ``[text][N]`` or from an inline link a translator wrote.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

import polib

from .. import catalogs, characters
from ..catalogs import Counts, draft_record
from ..catalogs.pofile import msgid_line
from ..config import Config
from ..document import Content, Document, Emphasis, Inline, Link, Strong, iter_links
from ..document.compare import emphasis_differences
from ..document.markup import parse
from ..errors import Location, Notice
from ..segmentation.rules import SentenceRules
from ..segmentation.segments import Segment, Slot, map_content, translate_document
from ..workspace import Statement

FALLBACKS = ("draft", "source")
"""Policies for fuzzy and untranslated segments (see the module docstring)."""

STATES = ("source", "reviewed", "draft", "mixed")
"""Review state of an edition: the source itself; every segment reviewed; built
with unreviewed segments (DRAFT); English shown for unreviewed segments."""


@dataclass(frozen=True)
class Edition:
    """One statement in one language, ready to render."""

    doc: Document
    state: str
    """One of :data:`STATES`."""
    counts: Counts
    """Distinct segments by review state (fuzzy never counts as translated)."""
    catalog: str = ""
    """The catalog it came from, as users see the path ('' for the source or a missing catalog)."""
    warnings: tuple[Notice, ...] = ()

    @property
    def slug(self) -> str:
        return self.doc.slug

    @property
    def lang(self) -> str:
        return self.doc.lang

    @property
    def draft(self) -> bool:
        return self.state == "draft"

    @property
    def unreviewed(self) -> int:
        return self.counts.fuzzy + self.counts.untranslated


def source_edition(statement: Statement, links: Mapping[str, str] | None = None) -> Edition:
    """The source statement as an edition: nothing to review."""
    ids = statement.msgids
    counts = Counts(total=len(ids), translated=len(ids), words=sum(catalogs.word_count(m) for m in ids))
    return Edition(apply_links(statement.doc, links or {}), "source", replace(counts, words_translated=counts.words))


def reassemble(
    statement: Statement,
    lang: str,
    po: polib.POFile | None,
    *,
    fallback: str = "draft",
    links: Mapping[str, str] | None = None,
    catalog: str = "",
    catalog_text: str = "",
    unit: str = "sentence",
    rules: SentenceRules | None = None,
    drafts: Mapping[str, draft_record.Draft] | None = None,
) -> Edition:
    """``statement`` in ``lang`` from its catalog ``po`` (None: not created yet, all English).

    ``catalog`` is the catalog's path as users see it and ``catalog_text`` its
    text, so that warnings name the line of the entry's msgid. ``drafts`` is the
    catalog's drafts record: a pseudo-translation is unreviewed whatever its flags
    say (shown in a draft like a fuzzy entry, counted as untranslated, as in status).
    ``unit`` and ``rules`` must be those the statement's segments were made with.
    """
    if fallback not in FALLBACKS:
        raise ValueError(f"fallback must be one of {FALLBACKS}, not {fallback!r}")
    overrides = dict(links or {})
    known = drafts or {}
    entries = {e.msgid: e for e in po if not e.obsolete and e.msgid} if po is not None else {}
    warnings: dict[Notice, None] = {}  # a shared entry is met once per occurrence
    lines = catalog_text.split("\n")

    def translate(segment: Segment) -> Content | None:
        entry = entries.get(segment.msgid)
        if entry is None or not entry.msgstr.strip():
            return None
        if fallback == "source" and (entry.fuzzy or draft_record.is_pseudo(known.get(entry.msgid), entry.msgstr)):
            return None
        where = Location(catalog, msgid_line(entry, lines))

        def warn(message: str, code: str = "translation-markup") -> None:
            warnings[Notice(where, code, message)] = None

        bad = characters.forbidden(entry.msgstr)
        if bad:  # no DOCX or HTML can hold it (stk check reports it as control-character)
            warn(f"{characters.describe(bad[0])} in the translation: the English is used until the character is deleted")
            return None
        content = parse(entry.msgstr, segment.links, warn)  # unsafe links: dropped with a warning
        if not content:
            warn("msgstr has no text: the English is used", "translation-empty")
            return None
        for message in compare_markup(segment.content, content, overrides):
            warn(message)
        return content

    doc = apply_links(translate_document(statement.doc, lang, translate, unit, rules), overrides)
    ids = statement.msgids
    counts = catalogs.count(draft_record.as_counted(entries.get(m), m, known) for m in ids)
    return Edition(doc, _state(counts, fallback), counts, catalog, tuple(warnings))


def _state(counts: Counts, fallback: str) -> str:
    if counts.fuzzy + counts.untranslated == 0:
        return "reviewed"
    return "draft" if fallback == "draft" else "mixed"


# --- links and markup -------------------------------------------------------


def apply_links(doc: Document, overrides: Mapping[str, str]) -> Document:
    """``doc`` with every link whose URL has an override pointing to the override."""
    if not overrides:
        return doc

    def relink(content: Content, _slot: Slot) -> Content:
        return tuple(_relink(node, overrides) for node in content)

    return map_content(doc, relink)


def _relink(node: Inline, overrides: Mapping[str, str]) -> Inline:
    if isinstance(node, Link):
        children = tuple(_relink(n, overrides) for n in node.children)
        return Link(overrides.get(node.href, node.href), children, node.title)
    if isinstance(node, Strong):
        return Strong(tuple(_relink(n, overrides) for n in node.children))
    if isinstance(node, Emphasis):
        return Emphasis(tuple(_relink(n, overrides) for n in node.children))
    return node


def compare_markup(source: Content, translation: Content, overrides: Mapping[str, str]) -> list[str]:
    """What a translation lost or added: links (as multisets of URLs, so order may change), bold, italic.

    >>> from toolkit.document import Text
    >>> compare_markup((Strong((Text("now"),)),), (Text("maintenant"),), {})
    ['bold: 1 in the source, 0 in the translation']
    """
    messages: list[str] = []
    want = Counter(overrides.get(link.href, link.href) for link in iter_links(source))
    have = Counter(overrides.get(link.href, link.href) for link in iter_links(translation))
    for href in sorted(want - have):
        messages.append(f"link to {href} is missing in the translation")
    for href in sorted(have - want):
        messages.append(f"link to {href} is not in the source (nor its [links] override)")
    return [*messages, *emphasis_differences(source, translation)]


def link_overrides(config: Config, lang: str) -> dict[str, str]:
    """The ``[links.<lang>]`` table: source URL -> URL for ``lang`` (validated with the config)."""
    return dict(config.links.get(lang, {}))


__all__ = ["FALLBACKS", "STATES", "Edition", "apply_links", "compare_markup", "link_overrides", "reassemble", "source_edition"]
