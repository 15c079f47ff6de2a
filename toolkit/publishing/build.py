"""``stk build``: every statement in every language, as DOCX and HTML (and PDF), plus an index.

The pipeline gathers everything before writing anything (MkDocs' build does
the same): options validated, every source and every catalog read and
reassembled, every file rendered in memory; only then are files written,
atomically and only when their bytes change. A broken catalog or template
leaves output/ exactly as it was.

    output/<lang>/<slug>.docx, output/<lang>/<slug>.html   (source language included)
    output/index.html                                        every statement, its languages and review state
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..catalogs import Counts
from ..config import BuildConfig, Config, override
from ..document import plain_text
from ..errors import Location, Notice, display_path
from ..files import write_if_changed
from ..labels import Labels, labels_for
from ..languages import long_date
from ..workspace import Project, Statement, source_rules
from .reassemble import Edition, link_overrides, reassemble, source_edition
from .renderers import RENDERERS, Page, Renderer, Settings
from .renderers.fonts import word_font_note
from .renderers.html import HtmlRenderer, IndexEdition, IndexRow
from .renderers.page import render_pages
from .renderers.pdf import missing as pdf_missing


@dataclass(frozen=True)
class BuildOptions:
    """What a build needs of ``[build]``, with command-line choices applied."""

    formats: tuple[str, ...] = ("docx", "html")
    fallback: str = "draft"
    settings: Settings = field(default_factory=lambda: Settings(Path("templates")))
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    warnings: tuple[Notice, ...] = ()

    def labels_for(self, lang: str) -> Labels:
        return labels_for(lang, self.labels)


def build_options(
    config: Config, formats: Sequence[str] | None = None, fallback: str | None = None, *, pdf_if_available: bool = False
) -> BuildOptions:
    """``[build]`` of ``config``, with the command line's ``formats`` and ``fallback`` applied.

    ``pdf_if_available`` (releases): PDF is added to the configured formats when
    LibreOffice is installed, and a warning says why not when it is not. PDF
    asked for explicitly (``--format``, ``[build] formats``) is required.
    """
    build = override(config, formats=formats, fallback=fallback).build
    warnings: list[Notice] = []
    chosen = build.formats
    if pdf_if_available and not formats and "pdf" not in chosen:
        reason = pdf_missing()
        if reason is None:
            chosen = tuple(f for f in RENDERERS if f in (*chosen, "pdf"))
        else:
            warnings.append(Notice(Location(""), "pdf-unavailable", f"no PDF editions in this release: {reason}"))
    settings = Settings(config.templates, display_path(config.templates, config.root), build.font, build.arabic_font)
    note = word_font_note(settings.arabic_font) if build.arabic_font != BuildConfig().arabic_font and "docx" in chosen else None
    if note is not None:
        warnings.append(Notice(config.where("build", "arabic_font"), "font-not-on-word", f"build.arabic_font: {note}"))
    return BuildOptions(chosen, build.fallback, settings, build.labels, tuple(warnings))


def build_languages(config: Config, langs: Sequence[str] | None) -> list[str]:
    """Languages to build: the source and every target unless ``langs`` names some."""
    return config.pick_languages(langs, source=True)


# --- reassembly of every edition --------------------------------------------


def reassemble_all(
    project: Project, statements: Iterable[Statement], langs: Iterable[str], fallback: str
) -> dict[tuple[str, str], Edition]:
    """Every (slug, lang) edition; reads and validates every catalog involved first."""
    config = project.config
    langs = list(langs)
    targets = [lang for lang in langs if lang != config.source_language]
    statements = list(statements)
    project.load_catalogs(targets, [st.slug for st in statements])
    catalogs = {(lang, st.slug): project.catalog(lang, st.slug).read() for st in statements for lang in targets}
    links = {lang: link_overrides(config, lang) for lang in langs}
    editions: dict[tuple[str, str], Edition] = {}
    for st in statements:
        for lang in langs:
            if lang == config.source_language:
                editions[(st.slug, lang)] = source_edition(st, links[lang])
                continue
            file = project.catalog(lang, st.slug)
            po = catalogs[(lang, st.slug)]
            editions[(st.slug, lang)] = reassemble(
                st,
                lang,
                po,
                fallback=fallback,
                links=links[lang],
                catalog=file.shown,
                catalog_text=file.text,
                unit=config.segment_unit,
                rules=source_rules(config),
                drafts=dict(file.read_drafts()) if po is not None else None,
            )
    return editions


def summary(edition: Edition) -> str:
    """The review state in words: ``reviewed``, ``DRAFT: 6 of 24 segments unreviewed``.

    >>> from toolkit.document import Document, Meta
    >>> import datetime as dt
    >>> doc = Document("x", "x.md", "fr", Meta((), dt.date(2025, 1, 1), "statement", ()), ())
    >>> summary(Edition(doc, "draft", Counts(total=24, translated=18, fuzzy=4, untranslated=2)))
    'draft: 6 of 24 segments unreviewed (4 fuzzy, 2 untranslated)'
    """
    c = edition.counts
    if edition.state in ("source", "reviewed"):
        return edition.state
    detail = f"{edition.unreviewed} of {c.total} segments unreviewed ({c.fuzzy} fuzzy, {c.untranslated} untranslated)"
    return f"draft: {detail}" if edition.state == "draft" else f"mixed, English shown for {detail}"


# --- rendering --------------------------------------------------------------


@dataclass(frozen=True)
class OutputFile:
    """One rendered file, not yet written."""

    rel: str
    """Path under the output folder: ``fr/<slug>.html``."""
    data: bytes
    slug: str = ""
    lang: str = ""


def page_for(edition: Edition, project: Project, options: BuildOptions, languages: Sequence[str]) -> Page:
    labels = options.labels_for(edition.lang)
    return Page(
        edition=edition,
        labels=labels,
        organisation=labels.organisation or project.config.organisation,
        languages=tuple(languages),
        source_language=project.config.source_language,
        digits=project.config.digits,
        locale=project.config.date_locale(edition.lang),
    )


def renderers_for(options: BuildOptions) -> tuple[dict[str, Renderer], HtmlRenderer]:
    """The chosen renderers (templates loaded and checked now) and the HTML one for the index."""
    chosen = {name: RENDERERS[name](options.settings) for name in options.formats}
    html = chosen.get("html")
    return chosen, html if isinstance(html, HtmlRenderer) else HtmlRenderer(options.settings)


def render_editions(
    editions: Iterable[Edition],
    renderers: Mapping[str, Renderer],
    page: Callable[[Edition], Page],
) -> list[OutputFile]:
    editions = list(editions)
    pages = [page(edition) for edition in editions]
    rendered = {name: render_pages(renderer, pages) for name, renderer in renderers.items()}
    files: list[OutputFile] = []
    for i, edition in enumerate(editions):
        for name, renderer in renderers.items():
            rel = f"{edition.lang}/{edition.slug}{renderer.extension}"
            files.append(OutputFile(rel, rendered[name][i], edition.slug, edition.lang))
    return files


def index_rows(
    project: Project,
    statements: Iterable[Statement],
    editions: Mapping[tuple[str, str], Edition],
    files: Callable[[Edition], list[tuple[str, str]]],
) -> list[IndexRow]:
    """Rows of the index, newest statement first."""
    source = project.config.source_language
    rows = []
    for st in statements:
        meta = st.doc.meta
        listed = [e for (slug, _), e in editions.items() if slug == st.slug]
        rows.append(
            IndexRow(
                slug=st.slug,
                title=plain_text(meta.title),
                date=long_date(meta.date, source, project.config.digits, project.config.date_locale(source)),
                iso_date=meta.date.isoformat(),
                kind=labels_for(source).kind(meta.kind),
                editions=tuple(
                    IndexEdition(
                        e.lang, e.state, summary(e), tuple(files(e)), "" if e.lang == source else plain_text(e.doc.meta.title)
                    )
                    for e in listed
                ),
            )
        )
    rows.sort(key=lambda r: (r.iso_date, r.slug), reverse=True)
    return rows


# --- the command ------------------------------------------------------------


@dataclass
class EditionInfo:
    slug: str
    lang: str
    state: str
    summary: str
    counts: Counts
    files: list[str]


@dataclass
class BuildResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    editions: list[EditionInfo] = field(default_factory=list)


def build(
    project: Project,
    langs: Sequence[str] | None = None,
    slugs: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
    fallback: str | None = None,
) -> BuildResult:
    """Write output/<lang>/<slug>.<format> for the chosen statements and languages, and output/index.html."""
    config = project.config
    options = build_options(config, formats, fallback)
    chosen = project.select(list(slugs) if slugs else None)
    wanted = build_languages(config, langs)

    # 1. Read and reassemble everything (the index shows every statement and language).
    editions = reassemble_all(project, project.statements, config.languages, options.fallback)
    renderers, html = renderers_for(options)

    # 2. Render in memory.
    selected = [editions[(st.slug, lang)] for st in chosen for lang in wanted]
    files = render_editions(selected, renderers, lambda e: page_for(e, project, options, config.languages))
    rendered = {f.rel for f in files}

    def links(edition: Edition) -> list[tuple[str, str]]:
        found = []
        for name, renderer in RENDERERS.items():
            rel = f"{edition.lang}/{edition.slug}{renderer.extension}"
            if rel in rendered or (config.output / rel).is_file():
                found.append((name, rel))
        return found

    rows = index_rows(project, project.statements, editions, links)
    files.append(OutputFile("index.html", html.render_index(rows, config.name, config.organisation, config.source_language)))

    # 3. Write.
    result = BuildResult(warnings=[*options.warnings, *collect_notices(project, selected)])
    result.editions = [edition_info(e, files) for e in selected]
    write_files(project, config.output, files, result.written, result.unchanged)
    return result


def edition_info(edition: Edition, files: Sequence[OutputFile]) -> EditionInfo:
    """What a command reports about one edition: its state and the files written for it."""
    rels = [f.rel for f in files if (f.slug, f.lang) == (edition.slug, edition.lang)]
    return EditionInfo(edition.slug, edition.lang, edition.state, summary(edition), edition.counts, rels)


def collect_notices(project: Project, editions: Iterable[Edition]) -> list[Notice]:
    """What the sources and the editions' catalogs dropped or lost, and what the project leaves out."""
    found = list(project.warnings)
    if not project.config.organisation.strip():
        found.append(
            Notice(
                project.config.where("project", "organisation"),
                "organisation-empty",
                "project.organisation is empty: DOCX headers and HTML mastheads name no organisation "
                "(set it in toolkit.toml, and [build.labels.<lang>] organisation for its name in each language)",
            )
        )
    for edition in editions:
        found.extend(edition.warnings)
    return found


def write_files(project: Project, folder: Path, files: Iterable[OutputFile], written: list[str], unchanged: list[str]) -> None:
    """Write each file under ``folder`` (atomically, only when its bytes change), noting which."""
    for f in files:
        path = folder / f.rel
        (written if write_if_changed(path, f.data) else unchanged).append(project.shown(path))


__all__ = [
    "BuildOptions",
    "BuildResult",
    "EditionInfo",
    "OutputFile",
    "build",
    "build_languages",
    "build_options",
    "edition_info",
    "reassemble_all",
    "render_editions",
    "summary",
]
