"""init, extract, status: the commands that keep catalogs in step with sources."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import api

if TYPE_CHECKING:
    pass
from .common import (
    add_json_option,
    add_lang_option,
    add_project_option,
    add_slugs_argument,
    langs,
    print_json,
    project,
    table,
    warn,
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "init",
        help="create a new project folder",
        description="Create toolkit.toml, sources/ with an example statement, locales/, templates/ and a glossary. "
        "DIR may be a new folder or an existing one (its files are left alone), but not a project already: "
        "a folder that has a toolkit.toml is refused.",
    )
    p.add_argument("dir", type=Path, metavar="DIR", help="folder to create, or an existing folder without a toolkit.toml")
    p.add_argument("--name", help="project name for the PO headers (default: the folder name)")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser(
        "extract",
        aliases=["update"],
        help="write POT templates and create or merge PO catalogs from the sources",
        description="Split every source statement into segments, write locales/templates/<slug>.pot and create or "
        "update locales/<lang>/<slug>.po for every target language. Translations are never lost: an edited "
        "sentence keeps its old translation marked fuzzy with the previous source (#| msgid), a removed one "
        "goes to obsolete #~ entries. Files whose content would not change are not rewritten.",
    )
    add_project_option(p)
    add_json_option(p)
    add_slugs_argument(p)
    p.set_defaults(handler=cmd_extract)

    p = sub.add_parser(
        "status",
        help="show progress and release readiness per statement and language",
        description="The release view, per statement and language and in total: segments (and source words) "
        "translated, fuzzy and untranslated, counted against the current sources (fuzzy never counts as "
        "translated); MT unreviewed: entries still exactly as machine translation or memory drafted them; QA "
        "errors from `stk check`; ready: `stk release` would ship it. --json gives every figure.",
    )
    add_project_option(p)
    add_json_option(p)
    add_lang_option(p)
    add_slugs_argument(p)
    p.set_defaults(handler=cmd_status)


def cmd_init(args: argparse.Namespace) -> int:
    result = api.init(args.dir, args.name)
    for rel in result.created:
        print(f"created {args.dir / rel}")
    config, sources = args.dir / "toolkit.toml", args.dir / "sources"
    print(f"next: set organisation in {config}, write {sources}/*.md, then run `stk extract --project {args.dir}`")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    proj = project(args)
    result = api.extract(proj, args.slugs or None)
    if args.json:
        print_json(result)
        return 0
    for message in result.warnings:
        warn(message)
    for path in result.written:
        print(f"wrote {path}")
    print(f"{len(result.written)} written, {len(result.unchanged)} unchanged", file=sys.stderr)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    proj = project(args)
    result = api.status(proj, langs(args), args.slugs or None)
    languages = list(dict.fromkeys(r.lang for r in result.rows))
    if args.json:
        print_json(
            {
                "statements": [_status_json(r) for r in result.rows],
                "languages": {lang: _status_json(result.summary(lang)) for lang in languages},
                "total": _status_json(result.summary()),
            }
        )
        return 0
    rows = [_status_cells(r) for r in [*result.rows, *(result.summary(lang) for lang in languages)]]
    headers = ("statement", "lang", "segments", "translated", "fuzzy", "untranslated", "MT unreviewed", "done")
    print(table((*headers, "QA errors", "ready"), rows, right=set(range(2, 9))))
    print("segments (source words); fuzzy never counts as translated; done = translated segments / all segments")
    return 0


def _status_cells(r: api.StatusRow) -> tuple[object, ...]:
    c = r.counts
    return (
        r.slug,
        r.lang,
        f"{c.total} ({c.words})",
        f"{c.translated} ({c.words_translated})",
        f"{c.fuzzy} ({c.words_fuzzy})",
        f"{c.untranslated} ({c.words_untranslated})",
        f"{r.mt_unreviewed} ({r.words_mt_unreviewed})",
        f"{c.percent:.0f}%",
        r.qa_errors,
        "yes" if r.ready else "no",
    )


def _status_json(r: api.StatusRow) -> dict[str, Any]:
    return {
        "statement": r.slug,
        "lang": r.lang,
        "catalog": r.catalog,
        "counts": r.counts.as_json(),
        "mt_unreviewed": r.mt_unreviewed,
        "words_mt_unreviewed": r.words_mt_unreviewed,
        "qa_errors": r.qa_errors,
        "qa_warnings": r.qa_warnings,
        "ready": r.ready,
    }
