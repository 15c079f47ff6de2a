"""``stk release``: run the checks, build, refuse what is not ready, package the rest.

    output/releases/<name>/<lang>/<slug>.docx, .html, .pdf   the released editions (PDF when LibreOffice is installed)
    output/releases/<name>/index.html                  what this release holds
    output/releases/<name>/manifest.json               every file with its sha256, every edition's state and counts
    output/releases/<name>/<name>.zip                  all of the above, to send or upload

An edition (one statement in one language) is refused when QA
(:func:`toolkit.checks.check_project` with ``release=True``) reports an error
for it, or when it has unreviewed segments (fuzzy or untranslated) -- unless
``--allow-draft`` (its files then carry the DRAFT mark) or its language's
threshold in toolkit.toml is met::

    [release]
    threshold = { fr = 100, ar = 95 }   # percent of segments reviewed; or one number for all

Refusals name counts: ``fr/icc-judges: 6 of 24 segments unreviewed``. The
other editions are still released, and the command exits 1. Same inputs give
byte-identical files, manifest and zip, whenever the release is made.

A release folder is replaced all at once (:func:`toolkit.files.replace_folder`),
and never by less: when no edition passes, or a language of the previous release
of that name would go missing, the previous release stays as it was (exit 1)
unless ``--force``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import __version__
from ..checks import Issue, check_project
from ..config import Config
from ..errors import BuildError, Notice
from ..files import replace_folder
from ..workspace import Project, Statement
from .build import (
    BuildOptions,
    EditionInfo,
    OutputFile,
    build_languages,
    build_options,
    collect_notices,
    edition_info,
    index_rows,
    page_for,
    reassemble_all,
    render_editions,
    renderers_for,
    summary,
)
from .reassemble import Edition
from .renderers.package import stable_zip

REVIEW_CODES = frozenset({"fuzzy", "untranslated"})
"""QA codes (toolkit.checks) about review state: the gate counts these itself, with clearer counts."""
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


@dataclass(frozen=True)
class Refusal:
    """An edition the gate kept out of the release."""

    slug: str
    lang: str
    reason: str
    location: str
    """The file to fix (the catalog, or where QA found the first error)."""

    def __str__(self) -> str:
        return f"{self.location}: Release refused: {self.lang}/{self.slug}: {self.reason}"


@dataclass
class ReleaseResult:
    name: str
    folder: str
    archive: str
    released: list[EditionInfo] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    kept: str = ""
    """Why nothing was written and the previous release of this name was kept ('' when written)."""

    @property
    def ok(self) -> bool:
        return not self.refused and not self.kept


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
    """Check, gate and package the chosen statements and languages into output/releases/<name>/.

    The folder is replaced whole or not at all. A release that would hold no edition, or drop a
    language the previous release of the same name holds, keeps that one (``result.kept`` says
    why) unless ``force``.
    """
    config = project.config
    options = build_options(config, formats, fallback, pdf_if_available=True)
    statements = project.select(list(slugs) if slugs else None)
    languages = build_languages(config, langs)
    thresholds = release_thresholds(config)
    name = release_name(name, statements)
    folder = config.output / "releases" / name

    # 1. Read, reassemble and check everything.
    editions = reassemble_all(project, statements, languages, options.fallback)
    qa_errors = _qa_errors(project, languages, [s.slug for s in statements])
    renderers, html = renderers_for(options)

    # 2. Gate.
    accepted: list[Edition] = []
    refused: list[Refusal] = []
    for edition in editions.values():
        refusal = _gate(project, edition, qa_errors, thresholds, allow_draft)
        if refusal is not None:
            refused.append(refusal)
        elif edition.unreviewed and not _threshold_met(edition, thresholds):
            accepted.append(replace(edition, state="draft"))  # allowed as a draft: marked as one
        else:
            accepted.append(edition)
    published = {
        st.slug: [lang for lang in languages if any(e.slug == st.slug and e.lang == lang for e in accepted)] for st in statements
    }

    # 3. Render in memory: each page links only the languages this release holds.
    files = render_editions(accepted, renderers, lambda e: page_for(e, project, options, published[e.slug]))
    by_edition: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for f in files:
        by_edition.setdefault((f.slug, f.lang), []).append((f.rel.rsplit(".", 1)[1], f.rel))
    shown = {(e.slug, e.lang): e for e in accepted}
    rows = index_rows(project, statements, shown, lambda e: by_edition.get((e.slug, e.lang), []))
    files.append(
        OutputFile("index.html", html.render_index(rows, f"{config.name}: {name}", config.organisation, config.source_language))
    )
    manifest = _manifest(config, name, options, allow_draft, statements, editions, shown, refused, files)
    files.append(OutputFile("manifest.json", manifest))
    newest = max(st.doc.meta.date for st in statements)
    archive = stable_zip(((f"{name}/{f.rel}", f.data) for f in sorted(files, key=lambda f: f.rel)), newest)
    files.append(OutputFile(f"{name}.zip", archive))

    # 4. Keep the previous release rather than replace it with less; else swap the new one in whole.
    result = ReleaseResult(name, project.shown(folder), project.shown(folder / f"{name}.zip"), refused=sorted(refused, key=str))
    result.warnings = [*options.warnings, *collect_notices(project, accepted)]
    result.released = [edition_info(e, files) for e in accepted]
    result.kept = "" if force else _shrinks(project, folder, accepted)
    if result.kept:
        return result
    change = replace_folder(folder, {f.rel: f.data for f in files})
    result.written = [project.shown(folder / rel) for rel in change.written]
    result.unchanged = [project.shown(folder / rel) for rel in change.unchanged]
    result.removed = [project.shown(folder / rel) for rel in change.removed]
    return result


def _shrinks(project: Project, folder: Path, accepted: Sequence[Edition]) -> str:
    """Why writing ``accepted`` would lose what the release already in ``folder`` holds ('' when it would not)."""
    shown = project.shown(folder)
    if not accepted:
        return f"no edition passed the gate: nothing to release, {shown}/ left as it was"
    try:
        before = json.loads((folder / "manifest.json").read_bytes())
        held = {lang for st in before["statements"] for lang, info in st["languages"].items() if info.get("released")}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return ""  # no earlier release (or not one this toolkit can read): nothing to protect
    missing = held - {e.lang for e in accepted}
    if not missing:
        return ""
    order = project.config.languages
    ranked = sorted(missing, key=lambda lang: (order.index(lang) if lang in order else len(order), lang))
    return (
        f"{shown}/ holds {', '.join(ranked)}, which this release would drop: the previous release is kept "
        "(--force replaces it, --name writes a release of another name)"
    )


def release_name(name: str | None, statements: Sequence[Statement]) -> str:
    """``name`` if it is a safe folder name; by default the statement's slug, or ``release-<newest date>``."""
    if name is None:
        if len(statements) == 1:
            return statements[0].slug
        return f"release-{max(st.doc.meta.date for st in statements).isoformat()}"
    if not _NAME.fullmatch(name):
        raise BuildError(
            f"release name {name!r}: use letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit"
        )
    return name


def release_thresholds(config: Config) -> dict[str, float]:
    """``[release] threshold``: percent of segments that must be reviewed, per language (default 100)."""
    return {lang: config.release.threshold.get(lang, 100.0) for lang in config.target_languages}


def _threshold_met(edition: Edition, thresholds: Mapping[str, float]) -> bool:
    """Whether the share of reviewed segments reaches the language's threshold (100% by default)."""
    return edition.counts.percent >= thresholds.get(edition.lang, 100.0)


def _gate(
    project: Project, edition: Edition, qa_errors: list[Issue], thresholds: Mapping[str, float], allow_draft: bool
) -> Refusal | None:
    # Review state is the gate's own business (counted below, with --allow-draft and thresholds):
    # QA reports every fuzzy and untranslated entry as a release error too.
    mine = [i for i in qa_errors if (i.lang, i.slug) == (edition.lang, edition.slug) and i.code not in REVIEW_CODES]
    if mine:
        more = f" (and {len(mine) - 1} more)" if len(mine) > 1 else ""
        plural = "s" if len(mine) > 1 else ""
        reason = f"{len(mine)} QA error{plural}: [{mine[0].code}] {mine[0].message}{more}"
        return Refusal(edition.slug, edition.lang, reason, str(mine[0].location))
    if not edition.unreviewed or allow_draft or _threshold_met(edition, thresholds):
        return None
    c = edition.counts
    reason = f"{edition.unreviewed} of {c.total} segments unreviewed ({c.fuzzy} fuzzy, {c.untranslated} untranslated)"
    threshold = thresholds.get(edition.lang, 100.0)
    if threshold < 100:
        reason += f"; {c.percent:.0f}% reviewed, the threshold for {edition.lang} is {threshold:g}%"
    reason += "; --allow-draft releases it marked DRAFT"
    return Refusal(
        edition.slug, edition.lang, reason, edition.catalog or project.shown(project.catalog_path(edition.lang, edition.slug))
    )


def _qa_errors(project: Project, languages: Sequence[str], slugs: list[str]) -> list[Issue]:
    """Errors of the QA checks in release mode (the source language has no catalog to check)."""
    targets = [lang for lang in languages if lang != project.config.source_language]
    if not targets:
        return []
    return check_project(project, targets, slugs, release=True).errors()


def _manifest(
    config: Config,
    name: str,
    options: BuildOptions,
    allow_draft: bool,
    statements: Sequence[Statement],
    editions: Mapping[tuple[str, str], Edition],
    released: Mapping[tuple[str, str], Edition],
    refused: Sequence[Refusal],
    files: Sequence[OutputFile],
) -> bytes:
    """manifest.json: no timestamps, so the same inputs give the same bytes."""
    reasons = {(r.slug, r.lang): r.reason for r in refused}
    entries = []
    for st in statements:
        languages: dict[str, Any] = {}
        for (slug, lang), edition in editions.items():
            if slug != st.slug:
                continue
            shipped = released.get((slug, lang))
            info: dict[str, Any] = {
                "state": (shipped or edition).state,
                "released": shipped is not None,
                "summary": summary(shipped or edition),
                "counts": edition.counts.as_json(),
                "files": sorted(f.rel for f in files if f.slug == slug and f.lang == lang),
            }
            if (slug, lang) in reasons:
                info["refused"] = reasons[(slug, lang)]
            if (shipped or edition).state == "mixed":
                info["note"] = f"complete, but the source language is shown for {edition.unreviewed} unreviewed segments"
            languages[lang] = info
        meta = st.doc.meta
        entries.append(
            {"statement": st.slug, "title": st.title, "date": meta.date.isoformat(), "kind": meta.kind, "languages": languages}
        )
    data = {
        "name": name,
        "project": config.name,
        "organisation": config.organisation,
        "generator": f"statement-toolkit {__version__}",
        "source_language": config.source_language,
        "fallback": options.fallback,
        "allow_draft": allow_draft,
        "statements": entries,
        "refused": [f"{r.lang}/{r.slug}: {r.reason}" for r in refused],
        "files": [
            {"path": f.rel, "sha256": hashlib.sha256(f.data).hexdigest(), "bytes": len(f.data)}
            for f in sorted(files, key=lambda f: f.rel)
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


__all__ = ["Refusal", "ReleaseResult", "release", "release_name", "release_thresholds"]
