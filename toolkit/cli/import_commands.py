"""import: Word documents and web pages -> sources/<slug>.md, with a summary of every decision."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from .. import api
from ..choices import DATE_ORDERS

if TYPE_CHECKING:
    from ..sources.draft import Note
    from ..sources.importing import ImportOptions
from .common import add_json_option, add_project_option, print_json


def register(sub: Any) -> None:
    p = sub.add_parser(
        "import",
        help="make sources from Word documents (.docx) and web pages (.html or a URL)",
        description="Read each Word document, saved web page or page address and write sources/<slug>.md in the "
        "project's source format: headings, lists, links, emphasis and block quotes kept; page furniture, comments, "
        "headers and footers dropped; tracked changes accepted; signatory lists marked <!-- names -->. Front matter "
        "comes from the document; what it does not say, give as an option. Prints every decision and everything "
        "dropped, with its place in the input. An existing source is replaced only with --force (the old one goes "
        "to sources/.history/). docs/import.md explains what each construct becomes.",
    )
    add_project_option(p)
    add_json_option(p)
    p.add_argument("inputs", nargs="+", metavar="FILE", help="a .docx, a saved .html page, or an http(s) URL")
    p.add_argument("--slug", help="file name of the source, without .md (default: from the input's name)")
    p.add_argument("--kind", help="press release, statement, joint letter, or your own word (open letter, key recommendations)")
    p.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD", help="the statement's date, when the document does not say it")
    p.add_argument(
        "--date-order",
        choices=DATE_ORDERS,
        help="how to read a numeric date such as 04/09/2020: dmy (4 September) or mdy (9 April)",
    )
    p.add_argument("--title", help="the title, when the document has none or the wrong one")
    p.add_argument("--author", help="the author (organisation), when the document does not say it")
    p.add_argument("--place", help="where the statement was made (The Hague)")
    p.add_argument("--no-names", action="store_true", help="do not turn signatory lists into <!-- names --> lists")
    p.add_argument("--force", action="store_true", help="replace an existing source (the old one is kept in sources/.history/)")
    p.add_argument("--dry-run", action="store_true", help="show the summary and the source without writing anything")
    p.set_defaults(handler=cmd_import)


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2025-02-07: {text!r}") from None


def options_from(args: argparse.Namespace) -> ImportOptions:
    """The command line's options as the library takes them."""
    return api.ImportOptions(
        slug=args.slug,
        kind=args.kind,
        date=args.date,
        date_order=args.date_order,
        title=args.title,
        author=args.author,
        place=args.place,
        names=not args.no_names,
    )


def cmd_import(args: argparse.Namespace) -> int:
    result = api.import_sources(args.project, args.inputs, options_from(args), force=args.force, dry_run=args.dry_run)
    if args.json:
        print_json(result)
        return 0
    for entry in result.sources:
        print("\n".join(summary_lines(entry, result.dry_run)))
        if result.dry_run:
            print(f"--- {entry.target} (not written: --dry-run) ---")
            print(entry.text, end="")
    return 0


def summary_lines(entry: api.ImportedSource, dry_run: bool) -> list[str]:
    """What the import decided, as a person reads it."""
    if dry_run:
        verb = "would write"
    elif not entry.written:
        verb = "unchanged"
    else:
        verb = "wrote"
    lines = [f"{entry.input} -> {entry.target} ({verb})"]
    if entry.replaced:
        lines.append(f"  the source it replaced: {entry.replaced}")
    for key in ("title", "subtitle", "date", "kind", "author", "place"):
        if key in entry.decided:
            lines.append(f"  {key:<9} from {entry.decided[key]}")
    for note in sorted(entry.notes, key=_reading_order):
        words = f" [{note.words} words]" if note.words and note.dropped else ""
        lines.append(f"  {note.where}: {note.message}{words}")
    lines.append(
        f"  words: {entry.words_in} in the input = {entry.words_out} in the source + {entry.words_front_matter} "
        f"in front matter or markup + {entry.words_dropped} dropped"
    )
    return lines


def _reading_order(note: Note) -> tuple[int, int]:
    """Notes about a numbered place (paragraph 12, line 57) in input order, then the whole-document ones."""
    match = re.match(r"^(?:paragraph|line) (\d+)", note.where)
    return (0, int(match.group(1))) if match else (1, 0)


__all__ = ["cmd_import", "options_from", "register", "summary_lines"]
