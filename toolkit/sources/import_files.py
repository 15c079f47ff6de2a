"""``stk import``: inputs read and made into sources in memory first, then written -- never over a source
someone edited meanwhile, and an existing one only with ``force`` (kept in ``sources/.history/``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..config import load_config
from ..errors import Location, SourceError, display_path
from ..files import Changed, atomic_write, replace_if_unchanged
from .draft import Note
from .importing import SLUG, ImportOptions, make_source, slug_for
from .inputs import read_input

HISTORY = ".history"
"""Folder in sources/ keeping every source ``stk import --force`` replaced (``<slug>.<UTC time>.md``)."""


@dataclass
class ImportedSource:
    """One input made into ``sources/<slug>.md`` (or only shown, with --dry-run)."""

    input: str
    target: str
    slug: str
    text: str
    """The Markdown source."""
    decided: dict[str, str]
    """Front-matter key -> where its value came from."""
    notes: list[Note]
    """Every decision and every piece of text not kept, with its place in the input."""
    words_in: int
    words_out: int
    words_dropped: int
    words_front_matter: int
    """Words of the input that went into front matter (title, byline...) or joined a list (``and``)."""
    written: bool = False
    replaced: str | None = None
    """Where the source this one replaced was kept (``sources/.history/<slug>.<time>.md``)."""


@dataclass
class ImportSourcesResult:
    sources: list[ImportedSource] = field(default_factory=list)
    dry_run: bool = False


def import_sources(
    root: str | Path, inputs: list[str], options: ImportOptions, *, force: bool = False, dry_run: bool = False
) -> ImportSourcesResult:
    """Make ``sources/<slug>.md`` from Word documents, saved web pages or URLs (see :mod:`toolkit.sources.importing`).

    Everything is read and checked before anything is written; an existing
    source is replaced only with ``force``, the old one kept in
    ``sources/.history/``; each write is atomic and compare-and-swap (a source
    edited meanwhile stops the command).
    """
    config = load_config(Path(root))
    if options.slug is not None and len(inputs) > 1:
        raise SourceError("--slug names one source: give one input with it", Location(inputs[1]))
    if options.slug is not None and not SLUG.match(options.slug):
        raise SourceError(f"--slug {options.slug!r}: use lower-case letters, digits and hyphens (e.g. icc-judges-2025)", None)
    # 1. Read every input and make every source in memory.
    made = []
    for name in inputs:
        draft = read_input(name)
        slug = options.slug or slug_for(name)
        if not slug:
            raise SourceError("cannot make a file name from this input: give --slug", Location(name))
        made.append(make_source(draft, options, slug))
    # 2. Check the targets: no two inputs to one source, no existing source replaced without --force.
    planned: list[tuple[ImportedSource, Path, bytes | None]] = []
    for imported in made:
        target = config.sources / f"{imported.slug}.md"
        shown = display_path(target, config.root)
        if any(p[1] == target for p in planned):
            raise SourceError(
                f"two inputs would both become {shown}: import them one by one with --slug", Location(imported.input)
            )
        existing = target.read_bytes() if target.exists() else None
        if existing is not None and not force and not dry_run:
            raise SourceError(
                f"{shown} already exists: give --slug for a new one, or --force to replace it (the old one is kept in "
                f"{display_path(config.sources / HISTORY, config.root)}/)",
                Location(imported.input),
            )
        front = sum(n.words for n in imported.notes if not n.dropped)
        planned.append(
            (
                ImportedSource(
                    imported.input, shown, imported.slug, imported.text, imported.decided, imported.notes,
                    imported.words_in, imported.words_out, imported.words_dropped, front,
                ),
                target,
                existing,
            )
        )  # fmt: skip
    result = ImportSourcesResult([p[0] for p in planned], dry_run)
    if dry_run:
        return result
    # 3. Write: the old source to .history/ first, then the new one, each only if nothing changed meanwhile.
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for entry, target, existing in planned:
        try:
            if existing is not None:
                if target.read_bytes() != existing:
                    raise Changed(target, target.read_bytes())
                if existing == entry.text.encode("utf-8"):
                    continue  # the same source again: nothing to keep or write
                kept = config.sources / HISTORY / f"{entry.slug}.{stamp}.md"
                atomic_write(kept, existing)
                entry.replaced = display_path(kept, config.root)
            replace_if_unchanged(target, entry.text.encode("utf-8"), existing)
        except Changed:
            raise SourceError(
                "changed on disk while importing (is it open in an editor?): not replaced; "
                "save your edits and run the import again",
                Location(entry.target),
            ) from None
        entry.written = True
    return result
