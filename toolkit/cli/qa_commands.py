"""check, report, tm: translator QA, what machine translation was worth, translation memory exchange."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import api

if TYPE_CHECKING:
    from ..checks import CheckReport, Issue
    from ..drafting.report import Report, ReportRow
from .common import (
    add_json_option,
    add_lang_option,
    add_project_option,
    add_slugs_argument,
    counted,
    langs,
    print_json,
    project,
    table,
    warn,
)

COLLAPSED = ("fuzzy", "untranslated", "pseudo")
"""States listed as one line per file in the human output (there may be hundreds)."""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="check translations for what must not reach a release (markup, numbers, glossary, typography...)",
        description="Check every translated entry against its source: links and emphasis, URLs, numbers and "
        "acronyms, glossary terms, untranslated copies, whitespace, punctuation, per-language typography, length; "
        "and each catalog's header, fuzzy and untranslated entries. Exit 1 when there are errors (with --strict, "
        "warnings too). Silence a check for one entry with a translator comment `# noqa: <check> <reason>`, for the "
        "project with [check] disable in toolkit.toml. docs/qa.md explains every check.",
    )
    add_project_option(p)
    add_json_option(p)
    add_lang_option(p)
    p.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings too")
    p.add_argument(
        "--release",
        action="store_true",
        help="check as `stk release` does: fuzzy, untranslated and pseudo-translated entries are errors",
    )
    p.add_argument("--list", action="store_true", help="list every check with its code, family and severity, and exit")
    add_slugs_argument(p)
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser(
        "report",
        help="show how much machine translation and the translation memory helped",
        description="For machine-translated segments that reviewers have since approved: how far the final text "
        "is from the machine output (chrF 0-100, 100 = kept as is; TER = words edited per 100), how many were "
        "accepted unchanged, and how many segments the translation memory filled. Per statement and language, "
        "as a table, JSON, or an HTML page with a chart.",
    )
    add_project_option(p)
    add_json_option(p)
    add_lang_option(p)
    p.add_argument("--html", metavar="FILE", type=Path, help="also write the report as a self-contained HTML page")
    add_slugs_argument(p)
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser(
        "tm",
        help="export or import translation memory (TMX 1.4)",
        description="Exchange translation memory with other tools (OmegaT, Trados, memoQ, Weblate).",
    )
    tm_sub = p.add_subparsers(dest="tm_command", metavar="ACTION", title="actions")
    tm_sub.required = True
    e = tm_sub.add_parser(
        "export",
        help="write every reviewed translation of the project to a TMX file",
        description="Write every reviewed source/translation pair of every catalog (translated, not fuzzy, not a "
        "pre-filled name, not a pseudo-translation) of every target language to one TMX 1.4 file.",
    )
    e.add_argument("file", type=Path, metavar="FILE.tmx", help="the TMX file to write")
    add_project_option(e)
    add_json_option(e)
    add_lang_option(e)
    e.set_defaults(handler=cmd_tm_export)
    i = tm_sub.add_parser(
        "import",
        help="add a TMX file to the memory `stk translate` uses",
        description="Validate a TMX file (its source language must be the project's) and store it in the "
        "project's tm/ folder: every later `stk translate` offers its translations, exact matches as they are, "
        "close ones as fuzzy drafts.",
    )
    i.add_argument("file", type=Path, metavar="FILE.tmx", help="the TMX file to import")
    i.add_argument("--replace", action="store_true", help="overwrite a different memory of the same name in tm/")
    add_project_option(i)
    add_json_option(i)
    i.set_defaults(handler=cmd_tm_import)


# --- check ------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    if args.list:
        return _list_checks(args.json)
    result = api.check(project(args), langs(args), args.slugs or None, release=args.release)
    failed = bool(result.errors()) or (args.strict and bool(result.warnings()))
    if args.json:
        print_json(_check_json(result, args.release, failed))
    else:
        if result.issues:
            print(format_issues(result.issues))
        print(_summary(result))
    return 1 if failed else 0


def _list_checks(as_json: bool) -> int:
    rows = [(c.code, c.family, c.severity, ",".join(c.languages) or "all", c.summary) for c in api.CHECKS.values()]
    if as_json:
        print_json([dict(zip(("code", "family", "severity", "languages", "summary"), r, strict=True)) for r in rows])
    else:
        print(table(("code", "family", "severity", "languages", "what it finds"), rows))
    return 0


def format_issues(issues: Sequence[Issue]) -> str:
    """Issues grouped by file: one line each, states (fuzzy, untranslated) folded into one line per file."""
    blocks: list[str] = []
    for path, group in groupby(issues, key=lambda i: i.location.path):
        found = list(group)
        rows: list[tuple[str, str, str, str]] = []
        for issue in found:
            if issue.code not in COLLAPSED:
                rows.append((str(issue.location.line or ""), issue.severity, issue.code, issue.message))
        for code in COLLAPSED:
            same = [i for i in found if i.code == code]
            if same:
                lines = [str(i.location.line) for i in same if i.location.line]
                shown = ", ".join(lines[:8]) + (", …" if len(lines) > 8 else "")
                where = f" (lines {shown})" if lines else ""
                rows.append(("", same[0].severity, code, f"{counted(len(same), 'entry', 'entries')}{where}"))
        body = "\n".join(f"  {line:>5}  {severity:<7}  {code:<24}  {message}" for line, severity, code, message in rows)
        blocks.append(f"{path}\n{body}")
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def _summary(result: CheckReport) -> str:
    errors, warnings = len(result.errors()), len(result.warnings())
    return (
        f"{counted(errors, 'error')}, {counted(warnings, 'warning')} in {counted(len(result.catalogs), 'catalog')} "
        f"({counted(result.checked, 'translated entry', 'translated entries')} checked)"
    )


def _check_json(result: CheckReport, release: bool, failed: bool) -> dict[str, Any]:
    return {
        "summary": {
            "errors": len(result.errors()),
            "warnings": len(result.warnings()),
            "catalogs": len(result.catalogs),
            "checked": result.checked,
            "release": release,
            "failed": failed,
        },
        "issues": [
            {
                "code": i.code,
                "severity": i.severity,
                "file": i.location.path,
                "line": i.location.line,
                "lang": i.lang,
                "statement": i.slug,
                "message": i.message,
                "msgid": i.msgid,
            }
            for i in result.issues
        ],
    }


# --- report -----------------------------------------------------------------


def cmd_report(args: argparse.Namespace) -> int:
    proj = project(args)
    result = api.report(proj, langs(args), args.slugs or None)
    if args.html is not None:
        api.report_html(result, proj, args.html)
    if args.json:
        print_json(_report_json(result))
        return 0
    rows = [_report_cells(r) for r in result.rows]
    rows += [_report_cells(result.total(lang)) for lang in result.languages()]
    headers = ("statement", "lang", "segments", "TM", "TM fuzzy", "MT", "reviewed", "unchanged", "chrF", "TER")
    print(table(headers, rows, right=set(range(2, 10))))
    if args.html is not None:
        print(f"wrote {args.html}", file=sys.stderr)
    return 0


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _report_cells(r: ReportRow) -> tuple[object, ...]:
    return (r.slug, r.lang, r.segments, r.tm, r.tm_fuzzy, r.mt, r.reviewed, r.unchanged, _score(r.chrf), _score(r.ter))


def _report_row_json(r: ReportRow) -> dict[str, Any]:
    return {
        "statement": r.slug,
        "lang": r.lang,
        "segments": r.segments,
        "tm": r.tm,
        "tm_fuzzy": r.tm_fuzzy,
        "tm_unchanged": r.tm_unchanged,
        "mt": r.mt,
        "mt_reviewed": r.reviewed,
        "mt_unchanged": r.unchanged,
        "mt_awaiting_review": r.awaiting,
        "chrf": None if r.chrf is None else round(r.chrf, 2),
        "ter": None if r.ter is None else round(r.ter, 2),
    }


def _report_json(result: Report) -> dict[str, Any]:
    return {
        "statements": [_report_row_json(r) for r in result.rows],
        "languages": {lang: _report_row_json(result.total(lang)) for lang in result.languages()},
    }


# --- tm ---------------------------------------------------------------------


def cmd_tm_export(args: argparse.Namespace) -> int:
    result = api.export_tmx(project(args), args.file, langs(args))
    for message in result.warnings:
        warn(message)
    if args.json:
        print_json(result)
        return 0
    pairs = ", ".join(f"{lang} {n}" for lang, n in result.pairs.items())
    print(f"{'wrote' if result.written else 'unchanged'} {result.path}: {counted(sum(result.pairs.values()), 'unit')} ({pairs})")
    return 0


def cmd_tm_import(args: argparse.Namespace) -> int:
    result = api.import_tmx(project(args), args.file, replace=args.replace)
    if args.json:
        print_json(result)
        return 0
    units = ", ".join(f"{lang} {n}" for lang, n in result.units.items())
    action = "stored" if result.written else "already in"
    print(f"{action} {result.stored}: units for {units}; `stk translate` will use them")
    return 0
