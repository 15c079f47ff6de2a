"""A project on disk: its statements and its catalogs, read and validated together.

Everything here reads; nothing writes. Commands first load the whole project
(every source, every catalog) so that one broken file stops them before they
change anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import polib
from babel import Locale

from .catalogs import TemplateInfo, draft_record, pofile
from .config import Config
from .document import Document, plain_text
from .errors import CatalogError, Location, SourceError, display_path
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


@dataclass
class Project:
    config: Config
    statements: list[Statement]
    warnings: list[tuple[Location, str]] = field(default_factory=list)

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

    def read_catalog(self, lang: str, slug: str) -> polib.POFile | None:
        """The catalog of ``slug`` in ``lang``, validated; None when it does not exist yet."""
        path = self.catalog_path(lang, slug)
        if not path.exists():
            return None
        shown = self.shown(path)
        data = path.read_bytes()
        text = pofile.decode(data, shown)
        po = pofile.parse(text, shown)
        check_language(po, lang, shown, text)
        return po

    def read_drafts(self, lang: str, slug: str) -> dict[str, draft_record.Draft]:
        """What the toolkit drafted into the catalog (``locales/<lang>/<slug>.mt.json``), by msgid."""
        record = draft_record.record_path(self.config.locales, lang, slug)
        return draft_record.load_record(record, self.shown(record))

    def read_template(self, slug: str) -> polib.POFile | None:
        path = self.template_path(slug)
        if not path.exists():
            return None
        return pofile.read(path, self.shown(path))


def check_language(po: polib.POFile, lang: str, shown: str, text: str) -> None:
    """A catalog in ``locales/fr/`` must not declare another language in its header."""
    declared = po.metadata.get("Language", "").strip()
    if not declared:
        return
    try:
        same = Locale.parse(declared.replace("-", "_")).language == Locale.parse(lang.replace("-", "_")).language
    except (ValueError, TypeError):
        same = False
    if not same:
        raise CatalogError(
            f"header declares Language: {declared}, but the file is in the folder for {lang}",
            Location(shown, pofile.header_line(text, "Language")),
        )


def load_project(config: Config) -> Project:
    """Read every source statement of the project (sorted by slug)."""
    warnings: list[tuple[Location, str]] = []
    sources = config.sources
    if not sources.is_dir():
        raise SourceError(f"sources folder {display_path(sources, config.root)} does not exist", Location("toolkit.toml"))
    files = sorted(p for p in sources.rglob("*") if p.is_file() and p.suffix.lower() in READERS)
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
