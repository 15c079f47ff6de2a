"""Translation memory exchange: the project's reviewed translations out as TMX, other memories in.

Export writes every reviewed pair of every catalog of every target language
-- translated, not fuzzy, not a signatory name pre-filled with itself, not a
pseudo-translation: what :func:`toolkit.tm.reviewed` calls reviewed, obsolete
entries included, since they too are sentences someone translated -- as one
TMX 1.4 file that OmegaT, Trados, memoQ and translate-toolkit read. Segments
keep the catalogs' light Markdown (``**bold**``, ``[text][1]``).

Import validates a TMX file with the reader ``stk translate`` uses and stores
it, byte for byte, in the project's ``tm/`` folder, where every later
``stk translate`` finds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import catalogs, characters
from ..catalogs import pofile, saving
from ..errors import Location, Notice, display_path
from ..files import Changed, read_or_none, replace_if_unchanged
from ..languages import base_language
from ..workspace import Project
from . import translation_memory
from .tmx import TmxError, Unit, dump_tmx, load_tmx


@dataclass
class ExportResult:
    path: str
    written: bool
    pairs: dict[str, int] = field(default_factory=dict)
    """lang -> translation units written."""
    warnings: list[Notice] = field(default_factory=list)
    """Translations left out of the memory."""


def export_tmx(project: Project, path: Path, langs: list[str] | None = None) -> ExportResult:
    """Write every reviewed source/translation pair of the selected languages to ``path``.

    A translation holding a control character (which XML cannot hold) is left out, with a warning
    naming it. ``path`` is written only if it still holds what it held when the export started.
    """
    shown_path = display_path(path, project.root)
    before = read_or_none(path)
    units: list[Unit] = []
    seen: set[tuple[str, str, str]] = set()
    counts: dict[str, int] = {}
    warnings: list[Notice] = []
    project.load_catalogs(langs)
    for lang in project.languages(langs):
        counts[lang] = 0
        for statement in project.statements:
            file = project.catalog(lang, statement.slug)
            snapshot = file.snapshot()
            if snapshot.po is None:
                continue
            drafts = dict(file.read_drafts())
            warnings.extend(_left_out(snapshot))
            for entry in translation_memory.reviewed(snapshot.po, snapshot.shown, catalogs.name_ids(statement.segments), drafts):
                key = (lang, entry.source, entry.target)
                if key in seen:
                    continue  # a sentence two statements share: one unit is enough
                seen.add(key)
                units.append(Unit(entry.source, {lang: entry.target}, entry.origin))
                counts[lang] += 1
    data = dump_tmx(units, project.config.source_language, catalogs.now())
    try:
        written = replace_if_unchanged(path, data, before)
    except Changed:
        raise TmxError(
            "changed on disk while `stk tm export` was writing it: nothing overwritten; run the command again",
            Location(shown_path),
        ) from None
    return ExportResult(shown_path, written, counts, warnings)


def _left_out(snapshot: saving.Snapshot) -> list[Notice]:
    """Each translation a control character keeps out of the memory."""
    assert snapshot.po is not None
    lines = snapshot.text.split("\n")
    found = []
    for entry in snapshot.po:
        bad = characters.forbidden(entry.msgstr)
        if entry.msgid and bad and not entry.fuzzy:
            where = Location(snapshot.shown, pofile.msgid_line(entry, lines))
            message = f"{characters.describe(bad[0])} in the translation: left out of the TMX (XML cannot hold it)"
            found.append(Notice(where, "tmx-left-out", message))
    return found


@dataclass
class ImportResult:
    source: str
    stored: str
    written: bool
    units: dict[str, int] = field(default_factory=dict)
    """lang -> units the memory now offers for that language."""


def import_tmx(project: Project, source: Path, *, replace: bool = False) -> ImportResult:
    """Validate the TMX file ``source`` and store it in the project's ``tm/`` folder."""
    shown = str(source)
    if not source.is_file():
        raise TmxError("no such file", Location(shown))
    config = project.config
    targets = {lang: base_language(lang) for lang in config.target_languages}
    units = load_tmx(source, shown, config.source_language, sorted(set(targets.values())))
    counts = {lang: sum(1 for u in units if base in u.targets) for lang, base in targets.items()}
    if not any(counts.values()):
        raise TmxError(
            f"no translation unit from {config.source_language} into {', '.join(config.target_languages)}: "
            "nothing this project could use (check the TMX header's srclang and the xml:lang of each <tuv>)",
            Location(shown),
        )
    name = source.name if source.suffix.lower() == ".tmx" else f"{source.name}.tmx"
    target = config.tm / name
    data = source.read_bytes()
    before = read_or_none(target)
    if before is not None and before != data and not replace:
        raise TmxError(
            f"{display_path(target, project.root)} already holds a different memory: "
            "rename the file to keep both, or import with --replace",
            Location(shown),
        )
    try:
        written = replace_if_unchanged(target, data, before)  # never over a memory stored meanwhile
    except Changed:
        raise TmxError(
            f"{display_path(target, project.root)} changed on disk while `stk tm import` was writing it: "
            "nothing overwritten; run the command again",
            Location(shown),
        ) from None
    return ImportResult(shown, display_path(target, project.root), written, counts)


__all__ = ["ExportResult", "ImportResult", "export_tmx", "import_tmx"]
