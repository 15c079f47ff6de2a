"""Which boilerplate remover `stk import` uses for web pages: trafilatura or readability-lxml, measured.

    python benchmarks/bench_boilerplate.py            # quality on every page, then timing (5 runs per mode)
    python benchmarks/bench_boilerplate.py --runs 7

Pages: the five saved pages of tests/webpages.py (a WordPress news post, a
Drupal press release made of divs, a ministry page ending with 30 States, a
blog post with comments, a campaign page with a signatory list above a
sitemap) and the five example statements as `stk build` writes them. Each page
knows its article, so every mode is scored on the same ground truth:

- recall: words of the article kept (multiset of lower-cased words);
- precision: kept words that belong to the article (or its title);
- furniture: furniture sentences let through (cookie notice, share bar, ...);
- headings: the article's headings found as headings; links: article links
  found with their absolute target.

Modes: ``trafilatura`` (extract(), XML output with links and formatting),
``readability`` (Document.summary(), hrefs resolved against the page address
as stk import does), and ``stk`` (what `stk import` makes of the page:
readability's choice mapped onto the page's own elements, front matter out).

Timing: each mode in a fresh Python process per run, modes interleaved, wall
and CPU seconds per run over all ten pages (imports excluded: the clock starts
after the libraries are loaded), min / median / max.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

MODES = ("trafilatura", "readability", "stk")


@dataclass
class Case:
    name: str
    html: str
    url: str
    title: str
    article: list[str]
    furniture: list[str]
    headings: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)


@dataclass
class Extracted:
    text: str
    headings: list[str]
    links: list[tuple[str, str]]


def cases(workdir: Path) -> list[Case]:
    from webpages import PAGES

    from toolkit import api
    from toolkit.document import Heading, Paragraph, iter_blocks, iter_links, plain_text

    out = [Case(p.name, p.html, p.url, p.title, p.article, p.furniture, p.headings, p.links) for p in (m() for m in PAGES)]
    project = workdir / "example"
    shutil.copytree(ROOT / "sources", project / "sources")
    shutil.copy(ROOT / "toolkit.toml", project / "toolkit.toml")
    loaded = api.open_project(project)
    api.build(loaded, langs=["en"])
    for st in loaded.statements:
        texts, headings, links = [], [], {}
        for block in iter_blocks(st.doc.blocks):
            if isinstance(block, (Heading, Paragraph)):
                texts.append(plain_text(block.content))
                for link in iter_links(block.content):
                    links[plain_text(link.children)] = link.href
            if isinstance(block, Heading):
                headings.append(plain_text(block.content))
        html = (project / "output" / "en" / f"{st.slug}.html").read_text(encoding="utf-8")
        furniture = ["Coalition for the International Criminal Court English"]
        out.append(Case(st.slug, html, f"https://example.org/en/{st.slug}.html", st.title, texts, furniture, headings, links))
    return out


def extract(mode: str, case: Case) -> Extracted:
    import lxml.html

    if mode == "trafilatura":
        import trafilatura
        from lxml import etree

        options = {"output_format": "xml", "include_links": True, "include_formatting": True, "url": case.url}
        xml = trafilatura.extract(case.html, **options) or "<doc/>"
        root = etree.fromstring(xml.encode("utf-8"))
        main = root.find("main")
        main = main if main is not None else root
        return Extracted(
            " ".join(main.itertext()),
            [" ".join("".join(h.itertext()).split()) for h in main.iter("head")],
            [(" ".join("".join(r.itertext()).split()), r.get("target") or "") for r in main.iter("ref")],
        )
    if mode == "readability":
        from readability import Document

        summary = Document(case.html).summary(html_partial=True)
        tree = lxml.html.fragment_fromstring(summary, create_parent="div")
        page = lxml.html.document_fromstring(case.html)
        base = page.find(".//base[@href]")
        base_url = base.get("href") if base is not None else case.url
        return Extracted(
            " ".join(tree.itertext()),
            [" ".join(h.text_content().split()) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")],
            [(" ".join(a.text_content().split()), urljoin(base_url, a.get("href") or "")) for a in tree.iter("a")],
        )
    from toolkit.document import Heading, iter_blocks, iter_links, plain_text
    from toolkit.sources.html import read_html
    from toolkit.sources.importing import ImportOptions, make_source

    draft = read_html(case.html.encode("utf-8"), f"{case.name}.html", case.url)
    doc = make_source(draft, ImportOptions(kind="statement", author="A", date=__import__("datetime").date(2025, 1, 1)), "x").doc
    texts, headings, links = [plain_text(doc.meta.title)], [], []
    for block in iter_blocks(doc.blocks):
        if hasattr(block, "content"):
            texts.append(plain_text(block.content))  # type: ignore[attr-defined]
            links.extend((plain_text(link.children), link.href) for link in iter_links(block.content))  # type: ignore[attr-defined]
        if isinstance(block, Heading):
            headings.append(plain_text(block.content))
    return Extracted("\n".join(texts), headings, links)


def words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in re.findall(r"\w+", text))


def score(case: Case, got: Extracted) -> dict[str, float]:
    article = words(" ".join(case.article))
    allowed = article + words(case.title)
    kept = words(got.text)
    hit = sum((kept & article).values())
    good = sum((kept & allowed).values())
    flat = " ".join(got.text.split())
    leaked = sum(1 for f in case.furniture if " ".join(f.split()) in flat)
    headings = sum(1 for h in case.headings if h in got.headings)
    links = sum(1 for text, href in case.links.items() if (text, href) in got.links)
    return {
        "recall": hit / max(1, sum(article.values())),
        "precision": good / max(1, sum(kept.values())),
        "furniture": leaked,
        "furniture_total": len(case.furniture),
        "headings": headings,
        "headings_total": len(case.headings),
        "links": links,
        "links_total": len(case.links),
    }


def worker(mode: str, workdir: Path) -> None:
    """One timed run in this fresh process: every page once."""
    import os

    loaded = [Case(**c) for c in json.loads((workdir / "cases.json").read_text(encoding="utf-8"))]
    extract(mode, loaded[0])  # imports and first-call set-up outside the clock
    start_wall, start_cpu = time.perf_counter(), os.times()
    for case in loaded:
        extract(mode, case)
    end_cpu = os.times()
    cpu = (end_cpu.user - start_cpu.user) + (end_cpu.system - start_cpu.system)
    print(json.dumps({"wall": time.perf_counter() - start_wall, "cpu": cpu, "pages": len(loaded)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--worker", choices=MODES)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.workdir)
        return
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        all_cases = cases(workdir)
        (workdir / "cases.json").write_text(json.dumps([c.__dict__ for c in all_cases]), encoding="utf-8")
        totals: dict[str, Counter[str]] = {m: Counter() for m in MODES}
        print(f"{'page':34} " + "  ".join(f"{m:>28}" for m in MODES))
        print(f"{'':34} " + "  ".join(f"{'recall prec furn head link':>28}" for _ in MODES))
        for case in all_cases:
            cells = []
            for mode in MODES:
                s = score(case, extract(mode, case))
                for key, value in s.items():
                    totals[mode][key] += value  # type: ignore[assignment]
                cells.append(
                    f"{s['recall']:6.3f} {s['precision']:5.3f} {int(s['furniture'])}/{int(s['furniture_total'])}"
                    f" {int(s['headings'])}/{int(s['headings_total'])} {int(s['links'])}/{int(s['links_total'])}"
                )
            print(f"{case.name:34} " + "  ".join(f"{c:>28}" for c in cells))
        n = len(all_cases)
        print("\nover all pages (recall and precision: mean per page; furniture, headings, links: totals)")
        for mode in MODES:
            t = totals[mode]
            print(
                f"  {mode:12} recall {t['recall'] / n:.3f}  precision {t['precision'] / n:.3f}  furniture let through "
                f"{int(t['furniture'])}/{int(t['furniture_total'])}  headings {int(t['headings'])}/{int(t['headings_total'])}  "
                f"links {int(t['links'])}/{int(t['links_total'])}"
            )
        timings: dict[str, list[dict[str, float]]] = {m: [] for m in MODES}
        for _ in range(args.runs):
            for mode in MODES:  # interleaved, each run a fresh process
                done = subprocess.run(
                    [sys.executable, __file__, "--worker", mode, "--workdir", str(workdir)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                timings[mode].append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"\ntime for all {n} pages, {args.runs} runs per mode, each in a fresh process (min / median / max)")
        for mode in MODES:
            wall = [t["wall"] for t in timings[mode]]
            cpu = [t["cpu"] for t in timings[mode]]
            print(
                f"  {mode:12} wall {min(wall):.3f} / {statistics.median(wall):.3f} / {max(wall):.3f} s"
                f"   CPU {min(cpu):.3f} / {statistics.median(cpu):.3f} / {max(cpu):.3f} s"
            )
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
