"""build, release: DOCX, HTML and PDF files for every language, and gated releases."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from .. import api
from ..choices import FALLBACKS
from ..choices import FORMATS as RENDERERS
from .common import (
    add_json_option,
    add_project_option,
    add_slugs_argument,
    counted,
    langs,
    print_json,
    project,
    table,
    warn,
)

if TYPE_CHECKING:
    from ..publishing.build import EditionInfo


def register(sub: Any) -> None:
    p = sub.add_parser(
        "build",
        help="write DOCX and HTML files of every statement in every language",
        description="Reassemble each statement in each language from its catalog and write "
        "output/<lang>/<slug>.docx and .html (the source language included) and output/index.html. "
        "Every source and catalog is read and checked first: if one is broken, nothing is written. "
        "Fuzzy and untranslated segments make a DRAFT (marked in the files) unless --fallback source.",
    )
    add_project_option(p)
    add_json_option(p)
    _add_build_options(p)
    p.add_argument(
        "--format",
        "-f",
        metavar="FORMATS",
        type=format_list,
        help=f"comma-separated formats to write, of {','.join(RENDERERS)} (default: [build] formats in toolkit.toml, "
        "else docx,html; pdf needs LibreOffice)",
    )
    add_slugs_argument(p)
    p.set_defaults(handler=cmd_build)

    p = sub.add_parser(
        "release",
        help="check, build and package a release; refuse languages that are not reviewed",
        description="Run the QA checks, build, and write output/releases/NAME/ with the files, manifest.json "
        "(every file with its sha256, every language's review state and counts) and NAME.zip. A language "
        "with unreviewed segments or QA errors is refused, with counts, unless --allow-draft or its "
        "[release] threshold in toolkit.toml; the command then exits 1 (the rest is still released). The "
        "release folder is replaced whole, never by less: if no edition passes, or a language of the previous "
        "release of that name would be dropped, the previous one is kept (exit 1) unless --force.",
    )
    add_project_option(p)
    add_json_option(p)
    _add_build_options(p)
    p.add_argument(
        "--name",
        help="release name, the folder under output/releases/ (default: the statement's slug, "
        "or release-<newest date> for several statements)",
    )
    p.add_argument(
        "--allow-draft", action="store_true", help="release unreviewed languages too, with the DRAFT mark in their files"
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace the previous release of the same name even when this one holds fewer languages or no edition "
        "(without it, that previous release is kept and the command exits 1)",
    )
    p.add_argument(
        "--format",
        "-f",
        metavar="FORMATS",
        type=format_list,
        help=f"comma-separated formats to release, of {','.join(RENDERERS)} (default: [build] formats in toolkit.toml "
        "plus pdf when LibreOffice is installed; a warning says when it is not)",
    )
    add_slugs_argument(p)
    p.set_defaults(handler=cmd_release)


def _add_build_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        "-l",
        metavar="LANG",
        action="append",
        help="only this language, the source language included (repeatable, or comma-separated: --lang en,fr)",
    )
    p.add_argument(
        "--fallback",
        choices=FALLBACKS,
        help="fuzzy and untranslated segments: 'draft' uses fuzzy translations and marks the files DRAFT "
        "(default); 'source' shows the English for them instead",
    )


def format_list(text: str) -> list[str]:
    """``--format docx,html``: a usage error (argparse's, exit 2) names an unknown format before anything runs."""
    chosen = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in RENDERERS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"unknown format {', '.join(unknown) or repr(text)} (formats: {', '.join(RENDERERS)})")
    return chosen


def _states(editions: list[EditionInfo]) -> str:
    return table(("statement", "lang", "state"), [(e.slug, e.lang, e.summary) for e in editions])


def cmd_build(args: argparse.Namespace) -> int:
    proj = project(args)
    result = api.build(proj, langs(args), args.slugs or None, args.format, args.fallback)
    if args.json:
        print_json(result)
        return 0
    for message in result.warnings:
        warn(message)
    for path in result.written:
        print(f"wrote {path}")
    print(_states(result.editions), file=sys.stderr)
    print(f"{len(result.written)} written, {len(result.unchanged)} unchanged", file=sys.stderr)
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    proj = project(args)
    result = api.release(
        proj,
        args.name,
        langs(args),
        args.slugs or None,
        allow_draft=args.allow_draft,
        fallback=args.fallback,
        force=args.force,
        formats=args.format,
    )
    if args.json:
        print_json({**_plain(result), "ok": result.ok})
        return 0 if result.ok else 1
    for message in result.warnings:
        warn(message)
    if result.released:
        print(_states(result.released))
    if not result.kept:
        print(f"released {counted(len(result.released), 'edition')} to {result.folder}/ ({result.archive})")
    for refusal in result.refused:
        print(refusal, file=sys.stderr)
    if result.refused:
        print(f"{len(result.refused)} refused: fix them, or release them as drafts with --allow-draft", file=sys.stderr)
    if result.kept:
        print(f"{result.folder}: Release refused: {result.kept}", file=sys.stderr)
    return 0 if result.ok else 1


def _plain(result: api.ReleaseResult) -> dict[str, Any]:
    return {
        "name": result.name,
        "folder": result.folder,
        "archive": result.archive,
        "released": result.released,
        "refused": [{"statement": r.slug, "lang": r.lang, "reason": r.reason, "file": r.location} for r in result.refused],
        "written": result.written,
        "unchanged": result.unchanged,
        "removed": result.removed,
        "warnings": result.warnings,
        "kept": result.kept,
    }
