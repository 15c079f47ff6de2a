"""translate, models: machine pre-translation and the models it runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import api
from ..choices import DEVICES, ENGINES

if TYPE_CHECKING:
    from ..drafting.packages import InstalledModel
    from ..drafting.pretranslate import TranslateResult
from .common import (
    Progress,
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


def register(sub: Any) -> None:
    p = sub.add_parser(
        "translate",
        help="draft every empty entry: translation memory first, then offline machine translation",
        description="Fill the entries whose msgstr is empty, and only those. Signatory names get their source back; "
        "a sentence already translated and reviewed in any catalog of the language is reused (exact match as is, a "
        "close match marked fuzzy); the rest is machine-translated offline and marked fuzzy, with a translator "
        "comment naming the engine and model. Glossary terms, dates, numbers, URLs, acronyms and markup are "
        "protected and put back. Catalogs are saved after every batch: an interrupted run resumes where it "
        "stopped. What was drafted is kept in locales/<lang>/<slug>.mt.json for later reports.",
    )
    add_project_option(p)
    add_json_option(p)
    add_lang_option(p)
    p.add_argument(
        "--engine",
        choices=sorted(ENGINES),
        help="argos (offline Argos Translate models, see `stk models`), libretranslate (a shared LibreTranslate "
        "server or pool, see --url) or pseudo (accented look-alike text for layout previews, no model needed); "
        "default: [translate] engine in toolkit.toml, else argos",
    )
    add_url_option(p)
    p.add_argument(
        "--device",
        choices=DEVICES,
        help="where the model runs: cpu, cuda (needs CUDA 12 and cuBLAS) or auto (CUDA if usable); "
        "default: [translate] device, else auto",
    )
    p.add_argument(
        "--threads",
        type=int,
        metavar="N",
        help="CPU threads the model runs on (argos engine), 0 for every core; default: [translate] threads, else 0",
    )
    p.add_argument("--dry-run", action="store_true", help="say what would be filled, and by what, without writing anything")
    add_slugs_argument(p)
    p.set_defaults(handler=cmd_translate)

    p = sub.add_parser(
        "models",
        help="list or install the offline translation models (Argos Translate packages)",
        description="Argos Translate packages live in argostranslate's packages folder (ARGOS_PACKAGES_DIR, "
        "default ~/.local/share/argos-translate/packages).",
    )
    models_sub = p.add_subparsers(dest="models_command", metavar="ACTION", title="actions")
    models_sub.required = True
    q = models_sub.add_parser(
        "list",
        help="installed language pairs, versions and sizes; or a LibreTranslate server's pairs",
        description="Without options: every package in argostranslate's packages folder (a broken one is listed "
        "with what is wrong, not hidden). With --engine "
        "libretranslate: the language pairs each LibreTranslate server offers (--url, else [translate.libretranslate] "
        "in the project's toolkit.toml).",
    )
    q.add_argument("--engine", choices=("argos", "libretranslate"), default="argos", help="whose models to list (default: argos)")
    add_url_option(q)
    add_project_option(q)
    add_json_option(q)
    q.set_defaults(handler=cmd_models_list)
    q = models_sub.add_parser(
        "install",
        help="install .argosmodel files, or download them with --online",
        description="Install Argos Translate packages. Each archive is checked first (one top-level folder, "
        "metadata.json and a model inside, no absolute or '..' paths, no links, size limits); if any file is "
        "refused, none is installed. Installing a pair replaces the package installed for it before. With "
        "--online, the arguments are target languages, fetched from argostranslate's package index.",
    )
    q.add_argument("items", nargs="+", metavar="FILE|LANG", help="FILE.argosmodel files, or languages with --online")
    q.add_argument("--online", action="store_true", help="download en→LANG packages from the Argos package index")
    add_json_option(q)
    q.set_defaults(handler=cmd_models_install)


def add_url_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--url",
        action="append",
        metavar="URL",
        help="a LibreTranslate server (http://host:port); repeat it for a pool; implies --engine libretranslate; "
        "default: [translate.libretranslate] url or urls in toolkit.toml",
    )


def cmd_translate(args: argparse.Namespace) -> int:
    proj = project(args)
    with Progress("translating") as progress:
        result = api.translate(
            proj,
            langs(args),
            args.slugs or None,
            engine=args.engine,
            device=args.device,
            dry_run=args.dry_run,
            progress=progress,
            urls=args.url,
            threads=args.threads,
        )
    if args.json:
        print_json(result)
        return 0
    for message in result.warnings:
        warn(message)
    _print_translate(result)
    return 0


def _print_translate(result: TranslateResult) -> None:
    rows = [(r.slug, r.lang, r.names, r.tm, r.tm_fuzzy, r.mt, r.flagged) for r in result.rows]
    machine = "machine (to do)" if result.dry_run else "machine"
    headers = ("statement", "lang", "names", "memory", "memory fuzzy", machine, "notes")
    print(table(headers, rows, right={2, 3, 4, 5, 6}))
    for lang, model in result.models.items():
        print(f"{lang}: {model}")
    if result.dry_run:
        segments = counted(result.segments, "distinct segment")
        print(f"dry run: {segments} would be machine-translated; nothing written", file=sys.stderr)
        return
    rate = f", {result.segments / result.seconds:.1f}/s" if result.seconds and result.segments else ""
    print(
        f"filled {counted(result.filled, 'entry', 'entries')}; {counted(result.segments, 'distinct segment')} "
        f"machine-translated in {result.seconds:.1f} s{rate}; {counted(len(result.written), 'file')} written. "
        "Review the fuzzy entries in a PO editor.",
        file=sys.stderr,
    )


def cmd_models_list(args: argparse.Namespace) -> int:
    if args.engine == "libretranslate":
        return _servers_list(args)
    folder, found = api.models_list()
    if args.json:
        print_json({"folder": folder, "models": [_model_json(m) for m in found]})
        return 0
    if not found:
        print(f"no models installed in {folder}; install one: stk models install FILE.argosmodel", file=sys.stderr)
        return 0
    rows = [
        (m.name, f"{m.source}→{m.target}" if m.source else "?", m.version or "?", f"{m.size / 1024**2:.1f} MB", m.problem or "ok")
        for m in found
    ]
    print(table(("package", "pair", "version", "size", "status"), rows, right={3}))
    print(f"folder: {folder}", file=sys.stderr)
    return 0


def _servers_list(args: argparse.Namespace) -> int:
    proj = None if args.url else project(args)
    servers = api.models_list_servers(proj, args.url)
    if args.json:
        print_json(
            {
                "servers": [
                    {
                        "server": s.endpoint.shown,
                        "version": s.version,
                        "char_limit": s.char_limit,
                        "pairs": [{"source": a, "target": b} for a, b in s.pairs],
                    }
                    for s in servers
                ]
            }
        )
        return 0
    rows = [(s.endpoint.shown, f"{a}→{b}", s.version or "?") for s in servers for a, b in s.pairs]
    print(table(("server", "pair", "libretranslate"), rows))
    for s in servers:
        limit = f"{s.char_limit} characters per text" if s.char_limit else "no character limit"
        print(f"{s.endpoint.shown}: {len(s.pairs)} pairs, {limit}", file=sys.stderr)
    return 0


def cmd_models_install(args: argparse.Namespace) -> int:
    items: list[str] = args.items
    results = api.models_install_online(items) if args.online else api.models_install([Path(i) for i in items])
    if args.json:
        print_json([{**_model_json(r.model), "replaced": list(r.replaced)} for r in results])
        return 0
    for r in results:
        replaced = f" (replaces {', '.join(r.replaced)})" if r.replaced else ""
        print(f"installed {r.model.label}: {r.model.source}→{r.model.target}{replaced}")
    return 0


def _model_json(m: InstalledModel) -> dict[str, Any]:
    return {
        "package": m.name,
        "source": m.source,
        "target": m.target,
        "version": m.version,
        "size": m.size,
        "folder": str(m.folder),
        "problem": m.problem,
    }
