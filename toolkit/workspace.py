"""A project as read from disk: its configuration, statements, catalogs and glossary, each read once.

Everything here reads; nothing writes. :func:`load_project` reads every source;
:meth:`Project.load_catalogs` then reads every catalog a command needs, once,
keeping bytes and text beside the parsed entries (for line numbers, and so that
a write can check that nobody changed the file since). Stages receive the loaded
project and never read files themselves; a file that cannot be read is kept as
its error, which strict users raise (:meth:`CatalogFile.read`) and QA reports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import polib

from . import files
from .catalogs import TemplateInfo, draft_record, pofile, saving
from .config import Config
from .document import Document, plain_text
from .errors import CatalogError, CharsetError, Location, Notice, SourceError, display_path
from .glossary import Glossary, load_glossary
from .segmentation.rules import SentenceRules, rules_for
from .segmentation.segments import Segment, segment_document
from .sources import READERS


@dataclass(frozen=True)
class Statement:
    """One source statement with its segments."""

    doc: Document
    segments: tuple[Segment, ...]

    @property
    def slug(self) -> str:
        return self.doc.slug

    @property
    def title(self) -> str:
        return plain_text(self.doc.meta.title)

    @property
    def msgids(self) -> list[str]:
        """Its distinct msgids in reading order: the entries of its catalogs, what counts count."""
        return list(dict.fromkeys(s.msgid for s in self.segments))


@dataclass(frozen=True)
class CatalogFile:
    """One PO file as read, once per run: bytes, text and entries, or why it could not be read."""

    lang: str
    slug: str
    path: Path
    shown: str
    """The path as users see it (``locales/fr/x.po``)."""
    data: bytes | None = None
    """The bytes read; None when there is no such file."""
    text: str = ""
    parsed: polib.POFile | None = field(default=None, repr=False)
    """The entries; None when the file is absent or unreadable."""
    error: CatalogError | None = None
    """Why the file could not be decoded or parsed."""
    drafts: Mapping[str, draft_record.Draft] = field(default_factory=dict, repr=False)
    """The drafts record beside it (``<slug>.mt.json``)."""
    drafts_error: CatalogError | None = None

    @property
    def exists(self) -> bool:
        return self.data is not None

    def read(self) -> polib.POFile | None:
        """The entries, validated (encoding, grammar, header language); None when the file does not exist.

        Raises the error that kept the file from being read: commands that change files stop on it.
        """
        if self.error is not None:
            raise self.error
        if self.parsed is not None:
            pofile.check_language(self.parsed, self.lang, self.shown, self.text)
        return self.parsed

    def snapshot(self) -> saving.Snapshot:
        """What a compare-and-swap write of this catalog is based on (:mod:`toolkit.catalogs.saving`); strict like
        :meth:`read`."""
        po = self.read()
        return saving.Snapshot(self.path, self.shown, self.lang, self.data, self.text, po)

    def read_drafts(self) -> Mapping[str, draft_record.Draft]:
        if self.drafts_error is not None:
            raise self.drafts_error
        return self.drafts


@dataclass
class Project:
    config: Config
    statements: list[Statement]
    warnings: list[Notice] = field(default_factory=list)
    catalogs: dict[tuple[str, str], CatalogFile] = field(default_factory=dict, repr=False)
    """(lang, slug) -> the catalog as read by :meth:`load_catalogs`."""
    _glossary: Glossary | None = field(default=None, repr=False)

    @property
    def root(self) -> Path:
        return self.config.root

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)

    def template_path(self, slug: str) -> Path:
        return self.config.locales / "templates" / f"{slug}.pot"

    def catalog_path(self, lang: str, slug: str) -> Path:
        return self.config.locales / lang / f"{slug}.po"

    def select(self, slugs: list[str] | None) -> list[Statement]:
        """The statements named by ``slugs`` (all when None); unknown slugs are an error."""
        if not slugs:
            return list(self.statements)
        known = {s.slug: s for s in self.statements}
        missing = [s for s in slugs if s not in known]
        if missing:
            raise SourceError(
                f"no statement named {', '.join(missing)} (known: {', '.join(known)})", Location(self.shown(self.config.sources))
            )
        return [known[s] for s in slugs]

    def languages(self, langs: list[str] | None) -> list[str]:
        """Target languages named by ``langs`` (all when None); others are an error."""
        return self.config.pick_languages(langs, source=False)

    @property
    def template_info(self) -> TemplateInfo:
        return TemplateInfo(self.config.name, self.config.contact, self.config.source_language)

    def load_catalogs(self, langs: Sequence[str] | None = None, slugs: Sequence[str] | None = None) -> None:
        """Read the catalogs (and drafts records) of ``langs`` x ``slugs`` (all targets x all statements), once."""
        targets = [lang for lang in langs or () if lang != self.config.source_language]
        if langs and not targets:
            return  # the source language alone: no catalog
        wanted = self.languages(targets or None)
        for lang in wanted:
            files.remove_stale_temps(self.config.locales / lang)  # what a killed run left: gone before anyone reads
        keys = [(lang, st.slug) for st in self.select(list(slugs) if slugs else None) for lang in wanted]
        keys = [key for key in keys if key not in self.catalogs]
        self.catalogs.update(zip(keys, read_catalog_files(self.config, keys), strict=True))

    def catalog(self, lang: str, slug: str) -> CatalogFile:
        """The catalog of ``slug`` in ``lang`` as :meth:`load_catalogs` read it."""
        try:
            return self.catalogs[(lang, slug)]
        except KeyError:
            raise RuntimeError(f"catalog {lang}/{slug} used before load_catalogs() read it") from None

    @property
    def glossary(self) -> Glossary:
        """The project's glossary, read on first use (empty when the file does not exist)."""
        if self._glossary is None:
            self._glossary = project_glossary(self.config)
        return self._glossary

    def read_template(self, slug: str) -> polib.POFile | None:
        path = self.template_path(slug)
        if not path.exists():
            return None
        return pofile.read(path, self.shown(path))


def read_catalog_files(config: Config, keys: Sequence[tuple[str, str]]) -> list[CatalogFile]:
    """Read each (language, slug) catalog and its drafts record, keeping any error for whoever uses it.

    Bytes, drafts and decoding one by one; the PO parsing of all at once (large catalogs on two cores).
    """
    files = [_read_unparsed(config, lang, slug) for lang, slug in keys]
    pending = [i for i, file in enumerate(files) if file.exists and file.error is None]
    parsed = pofile.parse_many([(files[i].text, files[i].shown) for i in pending])
    for i, result in zip(pending, parsed, strict=True):
        if isinstance(result, CatalogError):
            files[i] = replace(files[i], error=result)
        else:
            files[i] = replace(files[i], parsed=result)
    return files


def _read_unparsed(config: Config, lang: str, slug: str) -> CatalogFile:
    path = config.locales / lang / f"{slug}.po"
    shown = display_path(path, config.root)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return CatalogFile(lang, slug, path, shown)
    record = draft_record.record_path(config.locales, lang, slug)
    try:
        drafts: Mapping[str, draft_record.Draft] = draft_record.load_record(record, display_path(record, config.root))
        drafts_error = None
    except CatalogError as exc:
        drafts, drafts_error = {}, exc
    try:
        text = pofile.decode(data, shown)
    except CatalogError as exc:  # not UTF-8: QA files it under header-charset
        error = CharsetError(exc.message, exc.location)
        return CatalogFile(lang, slug, path, shown, data, error=error, drafts=drafts, drafts_error=drafts_error)
    return CatalogFile(lang, slug, path, shown, data, text, drafts=drafts, drafts_error=drafts_error)


def unread_hint(suffix: str) -> str:
    """Why a file in sources/ is not read, and what to do about it."""
    if suffix in (".docx", ".html", ".htm", ".xhtml"):
        return f"not read: a {suffix} file is not a source; run `stk import` on it to make a sources/*.md"
    if suffix in (".doc", ".odt", ".rtf", ".pages"):
        return f"not read: save this {suffix} document as .docx, then run `stk import` on it"
    return "not read: only Markdown sources (.md) are statements"


def load_project(config: Config) -> Project:
    """Read every source statement of the project (sorted by slug)."""
    warnings: list[Notice] = []
    sources = config.sources
    if not sources.is_dir():
        raise SourceError(f"sources folder {display_path(sources, config.root)} does not exist", Location("toolkit.toml"))
    files: list[Path] = []
    for path in sorted(sources.rglob("*")):
        parts = path.relative_to(sources).parts
        if not path.is_file() or any(part.startswith(".") for part in parts) or path.name.endswith("~"):
            continue  # .history/ (sources replaced by stk import --force), editors' hidden and backup files
        if path.suffix.lower() in READERS:
            files.append(path)
        else:
            warnings.append(
                Notice(Location(display_path(path, config.root)), "source-not-read", unread_hint(path.suffix.lower()))
            )
    by_slug: dict[str, Path] = {}
    statements: list[Statement] = []
    for path in files:
        shown = display_path(path, config.root)
        slug = path.stem.lower()
        if slug in by_slug:
            other = display_path(by_slug[slug], config.root)
            raise SourceError(
                f"two sources have the slug '{slug}' ({other} and {shown}): their catalogs and outputs would collide",
                Location(shown),
            )
        by_slug[slug] = path
        reader = READERS[path.suffix.lower()]
        doc = replace(reader(path.read_bytes(), shown, slug, warnings), lang=config.source_language)
        segments = tuple(segment_document(doc, config.segment_unit, source_rules(config)))
        statements.append(Statement(doc, segments))
    statements.sort(key=lambda s: s.slug)
    return Project(config, statements, warnings)


def source_rules(config: Config) -> SentenceRules:
    """How the project's sources split into sentences: the language's lists and the project's own prefixes."""
    return rules_for(config.source_language, config.nonbreaking_prefixes)


def project_glossary(config: Config) -> Glossary:
    """The project's glossary (empty when the file does not exist)."""
    return load_glossary(config.glossary, display_path(config.glossary, config.root), config.languages)
