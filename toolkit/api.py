"""The library's front door: one function per command. Each reads like the pipeline, returns a result, never prints.

Every function that writes gathers everything first -- all sources read, all catalogs validated,
all new contents computed -- and writes last, atomically, so bad input leaves every file as it was.

Stages are imported when a command runs, not when this module is: ``stk --version`` loads none of
them, ``stk status`` no DOCX, PDF or machine-translation code. Result types are importable from here
too (``api.BuildResult``), resolved on first use.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import polib

    from .checks import CheckReport, Issue
    from .checks.status import StatusResult, StatusRow
    from .config import Config
    from .drafting.engines.libretranslate import ServerInfo
    from .drafting.packages import Installed, InstalledModel
    from .drafting.pretranslate import TranslateResult
    from .drafting.report import Report
    from .drafting.tmx_exchange import ExportResult, ImportResult
    from .errors import Notice
    from .publishing.build import BuildResult
    from .publishing.release import ReleaseResult
    from .scaffold import InitResult
    from .sources.import_files import ImportedSource, ImportSourcesResult
    from .sources.importing import ImportOptions
    from .workspace import Project

_LAZY = {
    "CHECKS": "toolkit.checks",
    "CheckReport": "toolkit.checks",
    "Issue": "toolkit.checks",
    "StatusResult": "toolkit.checks.status",
    "StatusRow": "toolkit.checks.status",
    "Config": "toolkit.config",
    "Counts": "toolkit.catalogs",
    "Installed": "toolkit.drafting.packages",
    "InstalledModel": "toolkit.drafting.packages",
    "CatalogResult": "toolkit.drafting.pretranslate",
    "TranslateResult": "toolkit.drafting.pretranslate",
    "Report": "toolkit.drafting.report",
    "ReportRow": "toolkit.drafting.report",
    "ServerInfo": "toolkit.drafting.engines.libretranslate",
    "ExportResult": "toolkit.drafting.tmx_exchange",
    "ImportResult": "toolkit.drafting.tmx_exchange",
    "BuildResult": "toolkit.publishing.build",
    "EditionInfo": "toolkit.publishing.build",
    "ReleaseResult": "toolkit.publishing.release",
    "InitResult": "toolkit.scaffold",
    "ImportedSource": "toolkit.sources.import_files",
    "ImportSourcesResult": "toolkit.sources.import_files",
    "ImportOptions": "toolkit.sources.importing",
    "Project": "toolkit.workspace",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


# --- projects ---------------------------------------------------------------------------


def open_project(root: str | Path) -> Project:
    """Load the configuration and every source statement of the project at ``root``."""
    from .config import load_config
    from .workspace import load_project

    return load_project(load_config(Path(root)))


def init(root: Path, name: str | None = None) -> InitResult:
    """Scaffold a project: toolkit.toml, sources/ with an example, locales/, templates/, glossary."""
    from .scaffold import init as scaffold

    return scaffold(root, name)


# --- sources and catalogs ---------------------------------------------------------------


def import_sources(
    root: str | Path, inputs: list[str], options: ImportOptions, *, force: bool = False, dry_run: bool = False
) -> ImportSourcesResult:
    """Make ``sources/<slug>.md`` from Word documents, saved web pages or URLs (see :mod:`toolkit.sources.importing`)."""
    from .sources.import_files import import_sources as run

    return run(root, inputs, options, force=force, dry_run=dry_run)


@dataclass
class ExtractResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)


def extract(project: Project, slugs: list[str] | None = None) -> ExtractResult:
    """Write each statement's POT and create or merge its PO file in every target language.

    A catalog is written only if it still holds what was read; when a translator saved it
    meanwhile, the merge is done again on top of their save (:mod:`toolkit.catalogs.saving`).
    """
    from . import catalogs
    from .catalogs import pofile, saving
    from .errors import Location, Notice
    from .files import write_if_changed

    stamp = catalogs.now()
    statements = project.select(slugs)

    # 1. Read and validate everything that exists before computing anything.
    old_templates = {s.slug: project.read_template(s.slug) for s in statements}
    project.load_catalogs(None, slugs)
    targets = project.config.target_languages
    old_catalogs = {(lang, s.slug): project.catalog(lang, s.slug).snapshot() for s in statements for lang in targets}

    # 2. Compute every new file (a catalog comes with its merge, to redo it on a translator's save).
    Merge = Callable[["polib.POFile | None"], "polib.POFile"]
    outputs: list[tuple[Path, bytes | None, saving.Snapshot | None, Merge | None]] = []  # None: unchanged
    for st in statements:
        names = catalogs.name_ids(st.segments)
        template = catalogs.build_template(st.doc, st.segments, project.template_info, stamp)
        old_template = old_templates[st.slug]
        if old_template is not None and catalogs.equivalent(template, old_template):
            template = old_template  # keep its creation date: no churn
            outputs.append((project.template_path(st.slug), None, None, None))
        else:
            outputs.append((project.template_path(st.slug), pofile.render(template), None, None))
        for lang in targets:
            old = old_catalogs[(lang, st.slug)]
            merge = functools.partial(
                catalogs.merge,
                template,
                lang=lang,
                names=names,
                info=project.template_info,
                doc=st.doc,
                stamp=stamp,
                segments=st.segments,
            )
            outputs.append((old.path, saving.merged(old, merge), old, merge))

    # 3. Write: a template is the toolkit's; a catalog only if nobody saved it meanwhile (else merged again).
    result = ExtractResult(warnings=list(project.warnings))
    for path, data, snapshot, remerge in outputs:
        shown = project.shown(path)
        if snapshot is None or remerge is None:
            written = data is not None and write_if_changed(path, data)
        else:
            saved = saving.save(snapshot, data, functools.partial(saving.merged, merge=remerge), "extract")
            written = saved.written
            if saved.remerged:
                message = "saved by someone else while extract ran: merged again, their changes kept"
                result.warnings.append(Notice(Location(shown), "saved-meanwhile", message))
        (result.written if written else result.unchanged).append(shown)
    return result


def status(project: Project, langs: list[str] | None = None, slugs: list[str] | None = None) -> StatusResult:
    """Per statement and language: segments and words translated, fuzzy, untranslated, unreviewed drafts, QA
    errors, and whether ``stk release`` would ship it (see :mod:`toolkit.checks.status`)."""
    from .checks.status import status as run

    return run(project, langs, slugs)


# --- drafting -------------------------------------------------------------------------


def translate(
    project: Project,
    langs: list[str] | None = None,
    slugs: list[str] | None = None,
    *,
    engine: str | None = None,
    device: str | None = None,
    dry_run: bool = False,
    progress: Any = None,
    urls: list[str] | None = None,
    threads: int | None = None,
) -> TranslateResult:
    """Draft every empty entry: names, translation memory, then machine translation (:mod:`toolkit.drafting.pretranslate`);
    ``urls``: LibreTranslate servers (the libretranslate engine); ``threads``: CPU threads for the model (0: every core)."""
    from .drafting.pretranslate import translate as run

    return run(
        project, langs, slugs, engine=engine, device=device, dry_run=dry_run, progress=progress, urls=urls, threads=threads
    )


def models_list() -> tuple[Path, list[InstalledModel]]:
    """argostranslate's packages folder and every package in it (broken ones with their problem)."""
    from .drafting import packages

    return packages.packages_dir(), packages.installed()


def models_list_servers(project: Project | None, urls: list[str] | None = None) -> list[ServerInfo]:
    """What LibreTranslate servers offer: those at ``urls``, else the project's ``[translate.libretranslate]``."""
    from .config import LibreTranslateConfig, override
    from .drafting.engines.libretranslate import server_infos
    from .errors import ConfigError

    options = project.config.translate.libretranslate if project is not None else LibreTranslateConfig()
    if urls:
        options = override(project.config, urls=urls).translate.libretranslate if project else replace(options, urls=tuple(urls))
    if not options.urls:
        raise ConfigError("no LibreTranslate server given: use --url, or set url in [translate.libretranslate]")
    return server_infos(options)


def models_install(paths: list[Path]) -> list[Installed]:
    """Install .argosmodel files; every file is validated before any is installed."""
    from .drafting import packages

    return packages.install_files(paths)


def models_install_online(langs: list[str], source: str = "en") -> list[Installed]:
    """Download source -> each language from argostranslate's package index and install it."""
    from .drafting import packages

    return packages.install_online(langs, source)


def report(project: Project, langs: list[str] | None = None, slugs: list[str] | None = None) -> Report:
    """What reviewers made of machine translation and memory matches (see :mod:`toolkit.drafting.report`)."""
    from .drafting.report import build_report

    return build_report(project, langs, slugs)


def report_html(report: Report, project: Project, path: Path) -> bool:
    """Write the report as one HTML page (chart included); False when the file already held it."""
    from .drafting.report import render_html
    from .files import write_if_changed

    return write_if_changed(path, render_html(report, project.config.name))


def export_tmx(project: Project, path: Path, langs: list[str] | None = None) -> ExportResult:
    """Every reviewed source/translation pair of the selected languages, as TMX 1.4."""
    from .drafting.tmx_exchange import export_tmx as run

    return run(project, path, langs)


def import_tmx(project: Project, path: Path, *, replace: bool = False) -> ImportResult:
    """Store a TMX file in the project's tm/ folder, where ``stk translate`` reads memories."""
    from .drafting.tmx_exchange import import_tmx as run

    return run(project, path, replace=replace)


# --- QA and publishing ----------------------------------------------------------------


def check(
    project: Project, langs: list[str] | None = None, slugs: list[str] | None = None, *, release: bool = False
) -> CheckReport:
    """Run every QA check over the selected catalogs (see :mod:`toolkit.checks`)."""
    from .checks import check_project

    return check_project(project, langs, slugs, release=release)


def build(
    project: Project,
    langs: Sequence[str] | None = None,
    slugs: Sequence[str] | None = None,
    formats: Sequence[str] | None = None,
    fallback: str | None = None,
) -> BuildResult:
    """``output/<lang>/<slug>.docx, .html (, .pdf)`` and ``output/index.html`` (see :mod:`toolkit.publishing.build`)."""
    from .publishing.build import build as run

    return run(project, langs, slugs, formats, fallback)


def release(
    project: Project,
    name: str | None = None,
    langs: Sequence[str] | None = None,
    slugs: Sequence[str] | None = None,
    *,
    allow_draft: bool = False,
    fallback: str | None = None,
    force: bool = False,
    formats: Sequence[str] | None = None,
) -> ReleaseResult:
    """Check, gate and package ``output/releases/<name>/`` (see :mod:`toolkit.publishing.release`)."""
    from .publishing.release import release as run

    return run(project, name, langs, slugs, allow_draft=allow_draft, fallback=fallback, force=force, formats=formats)


__all__ = [
    "BuildResult",
    "CheckReport",
    "Config",
    "ExportResult",
    "ExtractResult",
    "ImportOptions",
    "ImportResult",
    "ImportSourcesResult",
    "ImportedSource",
    "InitResult",
    "Issue",
    "Project",
    "ReleaseResult",
    "Report",
    "StatusResult",
    "StatusRow",
    "TranslateResult",
    "build",
    "check",
    "export_tmx",
    "extract",
    "import_sources",
    "import_tmx",
    "init",
    "models_install",
    "models_install_online",
    "models_list",
    "models_list_servers",
    "open_project",
    "release",
    "report",
    "report_html",
    "status",
    "translate",
]
