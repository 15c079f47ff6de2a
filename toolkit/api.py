"""One function per command. Each reads like the pipeline, returns a result, never prints.

Every function that writes gathers everything first -- all sources read, all
catalogs validated, all new contents computed -- and writes last, atomically,
so bad input leaves every file as it was.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from . import catalogs
from .catalogs import Counts, draft_record, pofile, saving
from .checks import CHECKS, CheckReport, Issue, check_project
from .config import CONFIG_NAME, DEFAULT_CONFIG, Config, load_config
from .drafting import packages as _models
from .drafting.pretranslate import TranslateResult, translate
from .drafting.report import Report, build_report
from .drafting.tmx_exchange import ExportResult, ImportResult, export_tmx, import_tmx
from .errors import ConfigError, Location
from .files import write_if_changed
from .publishing.build import BuildResult, build
from .publishing.release import ReleaseResult, release
from .workspace import Project, load_project


def open_project(root: str | Path) -> Project:
    """Load the configuration and every source statement of the project at ``root``."""
    return load_project(load_config(Path(root)))


# --- init -------------------------------------------------------------------

EXAMPLE_SOURCE = """\
---
title: Example statement
date: 2025-01-01
kind: statement
author: Your organisation
---

This is a paragraph with **bold** words and a [link](https://example.org). A second sentence is a second segment.

## Our demands

1. The first demand.
2. The second demand.

## Signatories

<!-- names -->
- First Organisation
- Second Organisation
"""


GITIGNORE = """\
# temporary files of a write or release a crash or kill -9 interrupted (the next run removes them)
.*.tmp
.*.new-*/
.*.old-*/
"""


@dataclass(frozen=True)
class InitResult:
    root: Path
    created: list[str]


def init(root: Path, name: str | None = None) -> InitResult:
    """Scaffold a project: toolkit.toml, sources/ with an example, locales/, templates/, glossary."""
    config_path = root / CONFIG_NAME
    if root.exists() and not root.is_dir():
        raise ConfigError(f"{root} is a file, not a folder: give a new or existing folder for the project")
    if config_path.exists():
        raise ConfigError(
            f"{root} is a project already (it has a {CONFIG_NAME}): nothing created; "
            f"continue with `stk extract --project {root}`, or give a new folder",
            Location(str(config_path)),
        )
    files = {
        CONFIG_NAME: DEFAULT_CONFIG.format(name=(name or root.resolve().name).replace('"', "'")),
        "sources/example-statement.md": EXAMPLE_SOURCE,
        "glossary.csv": "en,fr,es,ar,note,do-not-translate,source\n",
        "locales/.gitkeep": "",
        "templates/.gitkeep": "",
        "output/.gitkeep": "",
        ".gitignore": GITIGNORE,
    }
    created = []
    for rel, text in files.items():
        path = root / rel
        if path.exists():
            continue
        try:
            write_if_changed(path, text.encode("utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot create {path}: {exc.strerror or exc}") from None
        created.append(rel)
    return InitResult(root, created)


# --- extract ----------------------------------------------------------------


@dataclass
class ExtractResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract(project: Project, slugs: list[str] | None = None) -> ExtractResult:
    """Write each statement's POT and create or merge its PO file in every target language.

    A catalog is written only if it still holds what was read; when a translator saved it
    meanwhile, the merge is done again on top of their save (:mod:`toolkit.catalogs.saving`).
    """
    stamp = catalogs.now()
    statements = project.select(slugs)
    names_by_slug = {s.slug: catalogs.name_ids(s.segments) for s in statements}
    langs = project.config.target_languages

    # 1. Read and validate everything that exists before computing anything.
    old_templates = {s.slug: project.read_template(s.slug) for s in statements}
    old_catalogs = {
        (lang, s.slug): saving.read(project.catalog_path(lang, s.slug), project.shown(project.catalog_path(lang, s.slug)), lang)
        for s in statements
        for lang in langs
    }

    # 2. Compute every new file (a catalog comes with its merge, to redo it on a translator's save).
    Merge = Callable[[polib.POFile | None], polib.POFile]
    outputs: list[tuple[Path, bytes | None, saving.Snapshot | None, Merge | None]] = []  # None: unchanged
    for st in statements:
        template = catalogs.build_template(st.doc, st.segments, project.template_info, stamp)
        old_template = old_templates[st.slug]
        if old_template is not None and catalogs.equivalent(template, old_template):
            template = old_template  # keep its creation date: no churn
            outputs.append((project.template_path(st.slug), None, None, None))
        else:
            outputs.append((project.template_path(st.slug), pofile.render(template), None, None))
        for lang in langs:
            old = old_catalogs[(lang, st.slug)]
            names, info = names_by_slug[st.slug], project.template_info
            merge = functools.partial(catalogs.merge, template, lang=lang, names=names, info=info, doc=st.doc, stamp=stamp)
            outputs.append((old.path, saving.merged(old, merge), old, merge))

    # 3. Write: a template is the toolkit's; a catalog only if nobody saved it meanwhile (else merged again).
    result = ExtractResult(warnings=[f"{loc}: {msg}" for loc, msg in project.warnings])
    for path, data, snapshot, remerge in outputs:
        shown = project.shown(path)
        if snapshot is None or remerge is None:
            written = data is not None and write_if_changed(path, data)
        else:
            saved = saving.save(snapshot, data, functools.partial(saving.merged, merge=remerge), "extract")
            written = saved.written
            if saved.remerged:
                result.warnings.append(f"{shown}: saved by someone else while extract ran: merged again, their changes kept")
        (result.written if written else result.unchanged).append(shown)
    return result


# --- status -----------------------------------------------------------------


@dataclass(frozen=True)
class StatusRow:
    slug: str
    lang: str
    counts: Counts
    catalog: str
    """Path of the PO file ('' when it does not exist yet)."""
    mt_unreviewed: int = 0
    """Entries still holding exactly their machine, pseudo or fuzzy-memory draft (fuzzy or not)."""
    words_mt_unreviewed: int = 0
    qa_errors: int = 0
    """Errors of the content checks (``stk check``), fuzzy and untranslated entries aside."""
    qa_warnings: int = 0
    ready: bool = False
    """Every segment translated and reviewed, and no QA error: ``stk release`` will ship it."""


@dataclass
class StatusResult:
    rows: list[StatusRow]

    def total(self, lang: str | None = None) -> Counts:
        total = Counts()
        for row in self.rows:
            if lang is None or row.lang == lang:
                total = total + row.counts
        return total

    def summary(self, lang: str | None = None) -> StatusRow:
        """The rows of ``lang`` (all when None) added up; ready when every one of them is."""
        rows = [r for r in self.rows if lang is None or r.lang == lang]
        return StatusRow(
            "TOTAL",
            lang or "all",
            self.total(lang),
            "",
            sum(r.mt_unreviewed for r in rows),
            sum(r.words_mt_unreviewed for r in rows),
            sum(r.qa_errors for r in rows),
            sum(r.qa_warnings for r in rows),
            bool(rows) and all(r.ready for r in rows),
        )


def status(project: Project, langs: list[str] | None = None, slugs: list[str] | None = None) -> StatusResult:
    """Per statement and language: segments and words translated, fuzzy, untranslated, unreviewed drafts, QA.

    Counted against the current sources, so a catalog that has not been
    updated since a source changed shows the new segments as untranslated.
    A pseudo-translation never counts as translated, even with its fuzzy flag
    removed. "Ready" is what the release gate decides: the checks run with
    ``release=True`` find no error.
    """
    rows: list[StatusRow] = []
    statements = project.select(slugs)
    catalogs_ = {(lang, st.slug): project.read_catalog(lang, st.slug) for st in statements for lang in project.languages(langs)}
    qa = check_project(project, langs, slugs, release=True)
    for st in statements:
        ids = list(dict.fromkeys(s.msgid for s in st.segments))
        for lang in project.languages(langs):
            po = catalogs_[(lang, st.slug)]
            drafts = project.read_drafts(lang, st.slug)
            entries = {e.msgid: e for e in po if not e.obsolete} if po is not None else {}
            states = [draft_record.as_counted(entries.get(m), m, drafts) for m in ids]
            unreviewed = [m for m in ids if m in entries and draft_record.is_unreviewed(drafts.get(m), entries[m].msgstr)]
            errors = qa.errors(lang, st.slug)
            rows.append(
                StatusRow(
                    st.slug,
                    lang,
                    catalogs.count(states),
                    project.shown(project.catalog_path(lang, st.slug)) if po is not None else "",
                    mt_unreviewed=len(unreviewed),
                    words_mt_unreviewed=sum(catalogs.word_count(m) for m in unreviewed),
                    qa_errors=sum(1 for i in errors if not CHECKS[i.code].release_severity),
                    qa_warnings=len(qa.warnings(lang, st.slug)),
                    ready=po is not None and not errors,
                )
            )
    return StatusResult(rows)


# --- translate, models: machine pre-translation -----------------------------


def models_list() -> tuple[Path, list[_models.InstalledModel]]:
    """argostranslate's packages folder and every package in it (broken ones with their problem)."""
    return _models.packages_dir(), _models.installed()


def models_install(paths: list[Path]) -> list[_models.Installed]:
    """Install .argosmodel files; every file is validated before any is installed."""
    return _models.install_files(paths)


def models_install_online(langs: list[str], source: str = "en") -> list[_models.Installed]:
    """Download source -> each language from argostranslate's package index and install it."""
    return _models.install_online(langs, source)


# --- check, report, tm: translator QA, what the drafts were worth, memory exchange
# (build and release are toolkit.build.build and toolkit.release.release, imported above)


def check(
    project: Project, langs: list[str] | None = None, slugs: list[str] | None = None, *, release: bool = False
) -> CheckReport:
    """Run every QA check over the selected catalogs (see :mod:`toolkit.checks`)."""
    return check_project(project, langs, slugs, release=release)


def report(project: Project, langs: list[str] | None = None, slugs: list[str] | None = None) -> Report:
    """What reviewers made of machine translation and memory matches (see :mod:`toolkit.report`)."""
    return build_report(project, langs, slugs)


__all__ = [
    "BuildResult",
    "CheckReport",
    "Config",
    "ExportResult",
    "ExtractResult",
    "ImportResult",
    "InitResult",
    "Issue",
    "ReleaseResult",
    "Report",
    "StatusResult",
    "TranslateResult",
    "build",
    "check",
    "export_tmx",
    "extract",
    "import_tmx",
    "init",
    "models_install",
    "models_install_online",
    "models_list",
    "open_project",
    "release",
    "report",
    "status",
    "translate",
]
