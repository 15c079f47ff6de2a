"""One function per command. Each reads like the pipeline, returns a result, never prints.

Every function that writes gathers everything first -- all sources read, all
catalogs validated, all new contents computed -- and writes last, atomically,
so bad input leaves every file as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib

from . import catalogs, pofile
from .catalogs import Counts
from .config import CONFIG_NAME, DEFAULT_CONFIG, Config, load_config
from .errors import ConfigError, Location
from .files import write_if_changed
from .project import Project, load_project


def open_project(root: Path) -> Project:
    """Load the configuration and every source statement of the project at ``root``."""
    return load_project(load_config(root))


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


@dataclass(frozen=True)
class InitResult:
    root: Path
    created: list[str]


def init(root: Path, name: str | None = None) -> InitResult:
    """Scaffold a project: toolkit.toml, sources/ with an example, locales/, templates/, glossary."""
    config_path = root / CONFIG_NAME
    if config_path.exists():
        raise ConfigError(f"{config_path} already exists: not overwriting a project", Location(str(config_path)))
    files = {
        CONFIG_NAME: DEFAULT_CONFIG.format(name=(name or root.resolve().name).replace('"', "'")),
        "sources/example-statement.md": EXAMPLE_SOURCE,
        "glossary.csv": "en,fr,es,ar,note,do-not-translate,source\n",
        "locales/.gitkeep": "",
        "templates/.gitkeep": "",
        "output/.gitkeep": "",
    }
    created = []
    for rel, text in files.items():
        path = root / rel
        if path.exists():
            continue
        write_if_changed(path, text.encode("utf-8"))
        created.append(rel)
    return InitResult(root, created)


# --- extract ----------------------------------------------------------------


@dataclass
class ExtractResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract(project: Project, slugs: list[str] | None = None) -> ExtractResult:
    """Write each statement's POT and create or merge its PO file in every target language."""
    stamp = catalogs.now()
    statements = project.select(slugs)
    names_by_slug = {s.slug: catalogs.name_ids(s.segments) for s in statements}

    # 1. Read and validate everything that exists before computing anything.
    old_templates = {s.slug: project.read_template(s.slug) for s in statements}
    old_catalogs = {
        (lang, s.slug): project.read_catalog(lang, s.slug) for s in statements for lang in project.config.target_languages
    }

    # 2. Compute every new file.
    outputs: list[tuple[Path, bytes | None]] = []  # None: unchanged
    for st in statements:
        template = catalogs.build_template(st.doc, st.segments, project.template_info, stamp)
        old_template = old_templates[st.slug]
        if old_template is not None and catalogs.equivalent(template, old_template):
            template = old_template  # keep its creation date: no churn
            outputs.append((project.template_path(st.slug), None))
        else:
            outputs.append((project.template_path(st.slug), pofile.render(template)))
        for lang in project.config.target_languages:
            old = old_catalogs[(lang, st.slug)]
            new = catalogs.merge(template, old, lang, names_by_slug[st.slug], project.template_info, st.slug, st.title, stamp)
            if old is not None and old.header:
                new.header = old.header  # the translators' own notes at the top
            unchanged = old is not None and catalogs.equivalent(new, old)
            outputs.append((project.catalog_path(lang, st.slug), None if unchanged else pofile.render(new)))

    # 3. Write.
    result = ExtractResult(warnings=[f"{loc}: {msg}" for loc, msg in project.warnings])
    for path, data in outputs:
        shown = project.shown(path)
        if data is not None and write_if_changed(path, data):
            result.written.append(shown)
        else:
            result.unchanged.append(shown)
    return result


# --- status -----------------------------------------------------------------


@dataclass(frozen=True)
class StatusRow:
    slug: str
    lang: str
    counts: Counts
    catalog: str
    """Path of the PO file ('' when it does not exist yet)."""


@dataclass
class StatusResult:
    rows: list[StatusRow]

    def total(self, lang: str | None = None) -> Counts:
        total = Counts()
        for row in self.rows:
            if lang is None or row.lang == lang:
                total = total + row.counts
        return total


def status(project: Project, langs: list[str] | None = None, slugs: list[str] | None = None) -> StatusResult:
    """Per statement and language: segments and words translated, fuzzy and untranslated.

    Counted against the current sources, so a catalog that has not been
    updated since a source changed shows the new segments as untranslated.
    """
    rows: list[StatusRow] = []
    for st in project.select(slugs):
        ids = list(dict.fromkeys(s.msgid for s in st.segments))
        for lang in project.languages(langs):
            po = project.read_catalog(lang, st.slug)
            entries = {e.msgid: e for e in po if not e.obsolete} if po is not None else {}
            counts = catalogs.count(entries.get(m) or polib.POEntry(msgid=m, msgstr="") for m in ids)
            shown = project.shown(project.catalog_path(lang, st.slug)) if po is not None else ""
            rows.append(StatusRow(st.slug, lang, counts, shown))
    return StatusResult(rows)


__all__ = ["Config", "ExtractResult", "InitResult", "StatusResult", "extract", "init", "open_project", "status"]
