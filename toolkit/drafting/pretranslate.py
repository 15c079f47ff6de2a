"""``stk translate``: draft every empty entry, from memory first, then by machine translation.

For each target language, in order:

1. names of signatory lists: an empty one gets its source back (as extract
   does); a name is never machine-translated;
2. translation memory (:mod:`toolkit.tm`): an exact match of a reviewed
   translation is filled as it is; a close match (similarity at or above
   ``tm_threshold``) is filled fuzzy, with the source it translated as the
   previous msgid (``#|``), so editors show the difference;
3. machine translation of the rest, fuzzy, after protection
   (:mod:`toolkit.protect`): identical segments of all statements are
   translated once, in batches sorted by length.

Only entries whose msgstr is empty are touched. Everything is read and
checked before anything is written; then each catalog is saved atomically
after every batch (its drafts record first), so an interruption loses at most
one batch and a new run resumes where the last stopped. Only the filled
entries' lines change in a file (:mod:`toolkit.catalogs.patch`). A catalog
is written only if it still holds what was read (:mod:`toolkit.catalogs.saving`):
when a translator saved it meanwhile, this run's fills are redone on top of
their save -- an entry they translated stays theirs -- never over it.
"""

from __future__ import annotations

import dataclasses
import functools
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import polib

from .. import catalogs
from ..catalogs import NAME_NOTE, draft_record, patch, saving
from ..catalogs.draft_record import Draft
from ..errors import CatalogError, EngineError, Location, Notice
from ..glossary import Glossary
from ..workspace import Project, Statement
from . import translation_memory
from .engines import Engine, Limited, Streaming, create
from .protection import NOTE_PREFIXES, Protected, protect, restore
from .translate_settings import TranslateSettings, translate_settings

Progress = Callable[[int, int], None]
PROVENANCE = ("machine translation:", "translation memory:", "pseudo-translation")
"""Starts of the translator-comment lines the toolkit writes (replaced, never piled up, on a new fill)."""


@dataclass
class CatalogResult:
    lang: str
    slug: str
    catalog: str
    names: int = 0
    tm: int = 0
    tm_fuzzy: int = 0
    mt: int = 0
    """Entries machine-translated (in a dry run: entries that would be)."""
    flagged: int = 0
    """Machine drafts with a note about something lost on the way."""


@dataclass
class TranslateResult:
    engine: str
    dry_run: bool
    rows: list[CatalogResult] = field(default_factory=list)
    models: dict[str, str] = field(default_factory=dict)
    """lang -> what translated it (``argos translate-en_fr 1.9``), for languages that needed the engine."""
    segments: int = 0
    """Distinct segments sent to the engine."""
    seconds: float = 0.0
    """Time spent in machine translation (loading the model included)."""
    written: list[str] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)

    @property
    def filled(self) -> int:
        return sum(r.names + r.tm + r.tm_fuzzy + r.mt for r in self.rows)


Key = tuple[str | None, str]
"""(msgctxt, msgid) of a live entry."""


@dataclass(frozen=True)
class _Fill:
    """One entry the run filled, kept until saved so that it can be redone on a translator's newer save."""

    key: Key
    text: str
    """The msgstr it writes."""
    apply: Callable[[polib.POEntry], None]
    count: str
    """The CatalogResult counter it added to (names, tm, tm_fuzzy, mt)."""
    draft: Draft | None = None
    flagged: bool = False


@dataclass
class _Catalog:
    """One catalog being filled: what was read, what changed, where it goes."""

    statement: Statement
    snapshot: saving.Snapshot
    record_path: Path
    drafts: dict[str, Draft]
    result: CatalogResult
    fills: list[_Fill] = field(default_factory=list)
    """Filled since the last save."""
    saved: list[_Fill] = field(default_factory=list)
    """Filled and saved by this run: redone too if a translator's save (from an editor that had the file
    open since before) brought the entry back empty."""
    recorded: dict[str, Draft] = field(default_factory=dict)
    """The drafts record before this run: what the record says again of an entry a person overtook."""
    remerged: int = 0
    """Saves by someone else this run redid its fills on top of."""

    def __post_init__(self) -> None:
        self.recorded = dict(self.drafts)

    @property
    def path(self) -> Path:
        return self.snapshot.path

    @property
    def shown(self) -> str:
        return self.snapshot.shown

    @property
    def po(self) -> polib.POFile:
        assert self.snapshot.po is not None
        return self.snapshot.po

    def empty(self, key: Key) -> polib.POEntry | None:
        """The live entry ``key`` if its msgstr is still empty (a person may have filled it meanwhile)."""
        entry = self._entries.get(key)
        return entry if entry is not None and entry.msgstr == "" else None

    @functools.cached_property
    def _entries(self) -> dict[Key, polib.POEntry]:
        return {(e.msgctxt, e.msgid): e for e in self.po if not e.obsolete and e.msgid and not e.msgid_plural}

    def fill(self, entry: polib.POEntry, apply: Callable[[polib.POEntry], None], count: str, draft: Draft | None = None) -> None:
        apply(entry)
        fill = _Fill((entry.msgctxt, entry.msgid), entry.msgstr, apply, count, draft, bool(draft and _flagged(draft.notes)))
        if draft is not None:
            self.drafts[entry.msgid] = draft
        self.fills.append(fill)

    def save(self) -> bool:
        """Write the drafts record, then the catalog, which must still hold what was read; else fill again on top of it."""
        if not self.fills:
            return False
        self._save_record()
        saved = saving.save(self.snapshot, self._render(), self._refill, "translate")
        self.remerged += saved.remerged
        self.saved.extend(self.fills)
        self.fills = []
        if saved.written and saved.data is not None:  # self.po holds what was just written: no need to parse it again
            self.snapshot = dataclasses.replace(self.snapshot, data=saved.data, text=saved.data.decode("utf-8"))
        return saved.written

    def _render(self) -> bytes:
        changed = [entry for fill in self.fills if (entry := self._entries.get(fill.key)) is not None]
        return patch.rewrite(self.snapshot.text, self.po, changed)

    def _save_record(self) -> None:
        if self.drafts or self.record_path.exists():  # names alone leave no drafts: no empty record beside the file
            draft_record.save_record(self.record_path, self.drafts)

    def _refill(self, current: saving.Snapshot) -> bytes | None:
        """Someone saved the catalog since it was read: redo this run's fills on what they saved."""
        if current.po is None:
            raise CatalogError(
                "deleted while `stk translate` was running: nothing written; run `stk extract`, then the command again",
                Location(self.shown),
            )
        self.snapshot = current
        self.__dict__.pop("_entries", None)
        unsaved: list[_Fill] = []
        still: list[_Fill] = []
        for fill in [*self.fills, *self.saved]:
            entry = self._entries.get(fill.key)
            if entry is not None and entry.msgstr == "":
                # Empty: not yet written, or written and emptied by a save from an editor that had
                # the file open since before: fill it (again), as a new run would.
                fill.apply(entry)
                unsaved.append(fill)
            elif fill in self.saved and entry is not None and entry.msgstr == fill.text:
                still.append(fill)  # written earlier and still there
            else:
                self._forget(fill)  # a person translated it meanwhile: theirs stands
        self.fills, self.saved = unsaved, still
        self._save_record()
        return self._render() if unsaved else None

    def _forget(self, fill: _Fill) -> None:
        setattr(self.result, fill.count, getattr(self.result, fill.count) - 1)
        self.result.flagged -= fill.flagged
        msgid = fill.key[1]
        if fill.draft is not None and self.drafts.get(msgid) == fill.draft:
            if msgid in self.recorded:
                self.drafts[msgid] = self.recorded[msgid]
            else:
                del self.drafts[msgid]


def _flagged(notes: tuple[str, ...]) -> bool:
    """A machine draft with a note about something lost on the way (glossary notes are information)."""
    return any(not n.startswith("glossary:") for n in notes)


@dataclass
class _Language:
    lang: str
    catalogs: list[_Catalog]
    work: dict[str, list[tuple[_Catalog, Key]]]
    """msgid -> the empty entries it fills, for machine translation."""


def translate(
    project: Project,
    langs: list[str] | None = None,
    slugs: list[str] | None = None,
    *,
    engine: str | None = None,
    device: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    settings: TranslateSettings | None = None,
    engine_object: Engine | None = None,
    urls: list[str] | None = None,
    threads: int | None = None,
) -> TranslateResult:
    """Fill the empty entries of the selected catalogs; see the module docstring for the order."""
    settings = settings or translate_settings(project.config, engine, device, urls, threads)
    chosen = engine_object or create(settings.engine, settings.options)
    result = TranslateResult(chosen.name, dry_run)
    source = project.config.source_language

    # 1. Read and check every catalog of every language, and plan, before writing anything.
    glossary = project.glossary
    selected = {s.slug for s in project.select(slugs)}
    project.load_catalogs(langs)  # every statement's: they are all the memory
    languages = [_plan(project, lang, selected, settings) for lang in project.languages(langs)]
    for language in languages:
        if language.work and not dry_run:  # a dry run counts; it loads no model
            chosen.prepare(source, language.lang)
            if isinstance(chosen, Limited):
                _check_limits(chosen, language, glossary, project.config.digits, source)
            result.models[language.lang] = chosen.describe(source, language.lang)
        for catalog in language.catalogs:
            catalog.result.mt = sum(1 for targets in language.work.values() for c, _ in targets if c is catalog)
            result.rows.append(catalog.result)
    result.segments = sum(len(language.work) for language in languages)
    if dry_run:
        return result

    # 2. Save what names and memory filled; 3. machine-translate the rest, saving after each batch.
    started = time.perf_counter()
    done = 0
    for language in languages:
        done = _machine_translate(project, language, chosen, glossary, settings, result, progress, done)
    result.seconds = time.perf_counter() - started
    result.written = list(dict.fromkeys(result.written))
    result.warnings.extend(
        Notice(
            Location(catalog.shown),
            "saved-meanwhile",
            "saved by someone else while translate ran: drafted again on top of their save, their changes kept",
        )
        for language in languages
        for catalog in language.catalogs
        if catalog.remerged
    )
    return result


def _check_limits(engine: Limited, language: _Language, glossary: Glossary, digits: Mapping[str, str], source: str) -> None:
    """A text the engine would refuse (a server's character limit) stops the run now, before anything is written."""
    for msgid, targets in language.work.items():
        for text in protect(msgid, language.lang, glossary, digits).requests:
            problem = engine.refusal(text, source, language.lang)
            if problem is not None:
                catalog, key = targets[0]
                entry = next((e for e in catalog.po if (e.msgctxt, e.msgid) == key), None)
                raise EngineError(problem, Location(catalog.shown, entry.linenum if entry is not None else None))


def _plan(project: Project, lang: str, selected: set[str], settings: TranslateSettings) -> _Language:
    config = project.config
    memory_entries: list[translation_memory.MemoryEntry] = []
    catalogs_: list[_Catalog] = []
    for statement in project.statements:
        file = project.catalog(lang, statement.slug)
        is_selected = statement.slug in selected
        po = file.read()
        if po is None:
            if is_selected:
                raise CatalogError(f"no catalog for {lang} yet: run `stk extract` first", Location(file.shown))
            continue
        snapshot = file.snapshot()
        assert snapshot.po is not None
        record_path = draft_record.record_path(config.locales, lang, statement.slug)
        drafts = dict(file.read_drafts())
        names = catalogs.name_ids(statement.segments)
        memory_entries.extend(translation_memory.reviewed(snapshot.po, snapshot.shown, names, drafts))
        if is_selected:
            result = CatalogResult(lang, statement.slug, snapshot.shown)
            catalogs_.append(_Catalog(statement, snapshot, record_path, drafts, result))
    memory_entries.extend(translation_memory.imported(config.tm, config.root, config.source_language, lang))
    memory = translation_memory.Memory(memory_entries)

    work: dict[str, list[tuple[_Catalog, Key]]] = {}
    for catalog in catalogs_:
        names = catalogs.name_ids(catalog.statement.segments)
        for entry in catalog.po:
            if entry.obsolete or not entry.msgid or entry.msgstr != "" or entry.msgid_plural:
                continue
            if entry.msgid in names or NAME_NOTE in (entry.comment or ""):
                catalog.fill(entry, _prefill_name, "names")
                catalog.result.names += 1
            elif not _from_memory(catalog, entry, memory, settings.tm_threshold):
                work.setdefault(entry.msgid, []).append((catalog, (entry.msgctxt, entry.msgid)))
    return _Language(lang, catalogs_, work)


def _prefill_name(entry: polib.POEntry) -> None:
    entry.msgstr = entry.msgid


def _from_memory(catalog: _Catalog, entry: polib.POEntry, memory: translation_memory.Memory, threshold: float) -> bool:
    exact = memory.exact(entry.msgid)
    if exact is not None:
        provenance = f"translation memory: exact match from {_short(exact.origin, catalog)}"
        draft = Draft(exact.target, "tm", "tm", exact.origin, 100.0)
        catalog.fill(entry, functools.partial(_fill, msgstr=exact.target, provenance=provenance, fuzzy=False), "tm", draft)
        catalog.result.tm += 1
        return True
    match = memory.fuzzy(entry.msgid, threshold)
    if match is None:
        return False
    score = round(match.score, 1)
    origin = _short(match.entry.origin, catalog)
    provenance = f"translation memory: {match.score:.0f}% match from {origin}"
    draft = Draft(match.entry.target, "tm-fuzzy", "tm", match.entry.origin, score)
    # editors show what changed since that translation (the previous msgid)
    apply = functools.partial(_fill, msgstr=match.entry.target, provenance=provenance, fuzzy=True, previous=match.entry.source)
    catalog.fill(entry, apply, "tm_fuzzy", draft)
    catalog.result.tm_fuzzy += 1
    return True


def _short(origin: str, catalog: _Catalog) -> str:
    """A memory origin beside ``catalog`` by its file name alone: polib wraps comments longer than 79 characters."""
    folder = Path(catalog.shown).parent.as_posix()
    return origin[len(folder) + 1 :] if origin.startswith(folder + "/") else origin


def _fill(
    entry: polib.POEntry, msgstr: str, provenance: str, fuzzy: bool, notes: tuple[str, ...] = (), previous: str | None = None
) -> None:
    entry.msgstr = msgstr
    if previous is not None:
        entry.previous_msgid = previous
    kept = [line for line in (entry.tcomment or "").split("\n") if line and not line.startswith(PROVENANCE)]
    entry.tcomment = "\n".join([*kept, provenance])
    if notes:
        comments = [line for line in (entry.comment or "").split("\n") if line and not line.startswith(NOTE_PREFIXES)]
        entry.comment = "\n".join([*comments, *notes])
    if fuzzy and "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")


def _machine_translate(
    project: Project,
    language: _Language,
    engine: Engine,
    glossary: Glossary,
    settings: TranslateSettings,
    result: TranslateResult,
    progress: Progress | None,
    done: int,
) -> int:
    if not language.work:
        _save_fills(language, result)
        return done
    config = project.config
    source, lang = config.source_language, language.lang
    model = engine.model(source, lang)
    provenance = (
        f"pseudo-translation: {engine.describe(source, lang)}"
        if engine.origin == "pseudo"
        else f"machine translation: {engine.describe(source, lang)}"
    )
    # Shortest first: batches of similar lengths waste least on padding, and the first files fill fast.
    ordered = sorted(language.work, key=lambda m: (len(m), m))
    batches = [ordered[first : first + settings.batch_size] for first in range(0, len(ordered), settings.batch_size)]
    protected: dict[str, Protected] = {}
    asked: list[list[str]] = []

    def requests() -> Iterator[list[str]]:
        """Each batch's texts for the engine (each distinct text asked once in the run)."""
        seen: set[str] = set()
        for batch in batches:
            for msgid in batch:
                protected[msgid] = protect(msgid, lang, glossary, config.digits)
            texts = list(dict.fromkeys(r for m in batch for r in protected[m].requests if r not in seen))
            seen.update(texts)
            asked.append(texts)
            yield texts

    try:
        translated = _translate_batches(engine, requests(), source, lang)
    finally:
        # What names and memory filled is saved while the engine works on the first batches.
        _save_fills(language, result)
    translations: dict[str, str] = {}
    for index, outputs in enumerate(translated):
        texts, batch = asked[index], batches[index]
        if len(outputs) != len(texts):
            raise EngineError(f"engine {engine.name} returned {len(outputs)} translations for {len(texts)} segments")
        translations.update(zip(texts, outputs, strict=True))
        touched: dict[int, _Catalog] = {}
        for msgid in batch:
            restored = restore(protected[msgid], translations)
            draft = Draft(restored.msgstr, engine.origin, engine.name, model, None, restored.notes)
            apply = functools.partial(_fill, msgstr=restored.msgstr, provenance=provenance, fuzzy=True, notes=restored.notes)
            for catalog, key in language.work[msgid]:
                entry = catalog.empty(key)
                if entry is None:  # filled by a translator whose save an earlier batch merged
                    catalog.result.mt -= 1
                    continue
                catalog.fill(entry, apply, "mt", draft)
                catalog.result.flagged += _flagged(restored.notes)
                touched[id(catalog)] = catalog
        for catalog in touched.values():
            if catalog.save():
                result.written.append(catalog.shown)
        done += len(batch)
        if progress is not None:
            progress(done, result.segments)
    return done


def _save_fills(language: _Language, result: TranslateResult) -> None:
    for catalog in language.catalogs:
        if catalog.save():
            result.written.append(catalog.shown)


def _translate_batches(engine: Engine, batches: Iterator[list[str]], source: str, target: str) -> Iterator[list[str]]:
    """The engine's translations of each batch, in order: all handed over now if it can take them
    (CTranslate2 then keeps every core busy while finished batches are saved), else one call per batch."""
    if isinstance(engine, Streaming):
        return engine.translate_batches(batches, source, target)
    return (engine.translate_batch(texts, source, target) if texts else [] for texts in batches)


__all__ = ["CatalogResult", "TranslateResult", "translate"]
