"""One catalog merged the way ``stk extract`` merges it: read, merge, write (for benchmarks/bench_cli.py).

    python benchmarks/merge_catalog.py make DIR --entries 50000     # DIR/old.po, DIR/new.pot
    python benchmarks/merge_catalog.py merge OLD.po NEW.pot OUT.po   # read both, merge, write OUT.po

``make`` writes a French catalog of N translated entries and a new template of the same statement in
which 2% of the sentences were edited, 1% added and 1% removed -- what an author's revision does. The
sentences are the example project's, numbered so that each is distinct. ``merge`` is the toolkit's path:
its reader of several catalogs (:func:`toolkit.catalogs.pofile.parse_many`, as ``stk extract`` reads a
project's catalogs), :func:`toolkit.catalogs.merge`, the renderer and the compare-and-swap write
(:func:`toolkit.files.replace_if_unchanged`), in a process set up as ``stk`` sets up its own. GNU ``msgmerge --previous`` on the
same two files is the reference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
_SOURCE = b"---\ntitle: Bench\ndate: 2025-01-01\nkind: statement\nauthor: Bench\n---\n\nText.\n"
"""The statement the merged catalog is said to come from (its title and path go into a new header)."""


def _example_pairs() -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for path in sorted((ROOT / "locales" / "fr").glob("*.po")):
        pairs += [(e.msgid, e.msgstr) for e in polib.pofile(str(path)) if e.msgid and e.msgstr and not e.obsolete]
    return pairs


def make(folder: Path, entries: int) -> None:
    from toolkit.catalogs.pofile import render

    pairs = _example_pairs()
    header = {
        "Project-Id-Version": "bench",
        "Language": "fr",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n > 1);",
    }
    old, new = polib.POFile(), polib.POFile()
    old.metadata = dict(header)
    new.metadata = {"POT-Creation-Date": "2025-01-01 00:00+0000", **{k: v for k, v in header.items() if k != "Language"}}
    for i in range(entries):
        msgid, msgstr = pairs[i % len(pairs)]
        msgid, msgstr = f"{msgid} [{i}]", f"{msgstr} [{i}]"
        where = [("sources/bench.md", str(i + 1))]
        old.append(polib.POEntry(msgid=msgid, msgstr=msgstr, occurrences=where))
        if i % 100 == 0:
            continue  # removed from the source
        if i % 50 == 1:
            msgid = msgid.replace(" ", "  ", 1).replace("the", "this", 1) + " (revised)"  # edited
        new.append(polib.POEntry(msgid=msgid, msgstr="", occurrences=where))
        if i % 100 == 2:
            new.append(polib.POEntry(msgid=f"A sentence added after sentence {i}.", msgstr="", occurrences=where))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "old.po").write_bytes(render(old))
    (folder / "new.pot").write_bytes(render(new))


def merge(old_path: Path, template_path: Path, out: Path) -> int:
    from toolkit import files, gcpause

    gcpause.short_lived()  # the process policy of `stk` (toolkit.cli.run)
    from toolkit.catalogs import TemplateInfo, merge
    from toolkit.catalogs.pofile import check_language, decode, parse_many, render
    from toolkit.catalogs.saving import Snapshot
    from toolkit.errors import CatalogError
    from toolkit.sources import read_markdown

    # Read as `stk extract` reads a project's catalogs (workspace.read_catalog_files): both files parsed
    # together, the larger ones on two cores.
    files.remove_stale_temps(out.parent)
    raw = [(path.read_bytes(), path.name) for path in (old_path, template_path)]
    texts = [(decode(data, name), name) for data, name in raw]
    old_po, template = parse_many(texts)
    if isinstance(old_po, CatalogError) or isinstance(template, CatalogError):
        raise SystemExit(str(old_po if isinstance(old_po, CatalogError) else template))
    check_language(old_po, "fr", old_path.name, texts[0][0])
    old = Snapshot(old_path, old_path.name, "fr", raw[0][0], texts[0][0], old_po)
    doc = read_markdown(_SOURCE, "sources/bench.md", "bench", [])
    info = TemplateInfo("bench", "https://example.org", "en")
    new = merge(template, old.po, "fr", frozenset(), info, doc, dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    data = render(new)
    files.replace_if_unchanged(out, data, files.read_or_none(out))
    print(f"{len(template)} template entries, {len(old.po or [])} old entries -> {len(new)} entries, {len(data)} bytes")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make")
    m.add_argument("folder", type=Path)
    m.add_argument("--entries", type=int, default=50_000)
    g = sub.add_parser("merge")
    g.add_argument("old", type=Path)
    g.add_argument("template", type=Path)
    g.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.command == "make":
        make(args.folder, args.entries)
        return 0
    return merge(args.old, args.template, args.out)


if __name__ == "__main__":
    sys.exit(main())
