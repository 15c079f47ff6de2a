"""PDF from the DOCX with LibreOffice, or from the HTML with WeasyPrint? Both measured on the example project.

    python benchmarks/bench_pdf.py --weasyprint /tmp/wp-venv/bin/python      # 5 repetitions
    python benchmarks/bench_pdf.py --weasyprint PY --reps 7

WeasyPrint is not a dependency of the toolkit: give the Python of a virtual
environment where it is installed (``python3 -m venv /tmp/wp-venv &&
/tmp/wp-venv/bin/pip install weasyprint``; it needs Debian's libpango-1.0-0).

1. ``stk build`` writes the example project's 20 DOCX and 20 HTML files (5
   statements x 4 languages) into a temporary folder.
2. Each repetition runs both modes, in alternating order, each in a fresh
   process converting all 20 files, as a release would:
   - ``libreoffice``: ``soffice --headless --convert-to`` the PDF/UA export
     filter of the 20 DOCX, with the toolkit's fontconfig rules and a fresh
     profile (what :mod:`toolkit.publishing.renderers.pdf` runs);
   - ``weasyprint``: a fresh Python converting the 20 HTML pages with
     ``weasyprint.HTML(...).write_pdf(pdf_variant="pdf/ua-1")``.
   Wall time, and CPU time (user + system of the child processes).
3. From each mode's output: fonts embedded (``pdffonts``), tagged
   (``pdfinfo``), ``/Lang`` entries (document and spans, read with pikepdf),
   right-to-left layout of the Arabic pages (``pdftotext -bbox-layout``:
   lines ending at a right edge, sentence punctuation on the left), pages,
   bytes, and whether two conversions give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pdf_layout import fonts, layout, lines_ending_left, punctuation_at_right_end  # noqa: E402

from toolkit import api  # noqa: E402
from toolkit.publishing.renderers.pdf import find_soffice, run_libreoffice  # noqa: E402

WEASYPRINT_SCRIPT = """
import sys, weasyprint
out = sys.argv[1]
for path in sys.argv[2:]:
    name = path.rsplit("/", 2)[-2] + "-" + path.rsplit("/", 1)[-1][:-5]
    weasyprint.HTML(filename=path).write_pdf(f"{out}/{name}.pdf", pdf_variant="pdf/ua-1")
"""


def build(target: Path) -> tuple[list[Path], list[Path]]:
    target.mkdir(parents=True)
    for name in ("sources", "locales"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "toolkit.toml", target / "toolkit.toml")
    api.build(api.open_project(target), formats=["docx", "html"])
    out = target / "output"
    return sorted(out.glob("*/*.docx")), sorted(out.glob("*/*.html"))


def timed(run: object) -> tuple[float, float]:
    """(wall seconds, CPU seconds of child processes) of ``run()``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run()  # type: ignore[operator]
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def libreoffice(docx: list[Path], out: Path) -> None:
    soffice = find_soffice()
    assert soffice, "LibreOffice is needed"
    # Names as the renderer gives them (<lang>-<slug>), so both modes' files compare one to one.
    with tempfile.TemporaryDirectory(prefix="bench-lo-") as tmp:
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        for f in docx:
            shutil.copy(f, inputs / f"{f.parent.name}-{f.name}")
        run_libreoffice(soffice, sorted(inputs.glob("*.docx")), out, Path(tmp))


def weasyprint(python: str, html: list[Path], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([python, "-c", WEASYPRINT_SCRIPT, str(out), *map(str, html)], check=True, capture_output=True)


def languages(pdf: Path) -> Counter[str]:
    """Every /Lang value in the file, in plain and in compressed objects (document and spans)."""
    data = pdf.read_bytes()
    found: Counter[str] = Counter(m.decode() for m in re.findall(rb"/Lang\s*\(([^)]*)\)", data))
    for m in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        try:
            inflated = zlib.decompress(data[m.end() : end])
        except zlib.error:
            continue
        found.update(x.decode() for x in re.findall(rb"/Lang\s*\(([^)]*)\)", inflated))
    return found


def right_aligned_share(pdf: Path) -> float:
    """Share of Arabic lines ending at a right edge several lines share on their page (text area, list, column)."""
    total = aligned = 0
    for page in layout(pdf):
        body = [line for line in page.lines if line.arabic and line.y_min < page.height * 0.93]
        edges = Counter(round(line.x_max) for line in body)
        shared = [x for x, n in edges.items() if n >= 3]
        for line in body:
            total += 1
            aligned += any(abs(line.x_max - x) <= 3 for x in shared)
    return aligned / total if total else 0.0


def quality(folder: Path) -> dict[str, object]:
    pdfs = sorted(folder.glob("*.pdf"))
    arabic = [p for p in pdfs if p.name.startswith("ar-")]
    tagged = sum(
        "Tagged:          yes" in subprocess.run(["pdfinfo", str(p)], capture_output=True, text=True).stdout for p in pdfs
    )
    all_fonts = [f for p in pdfs for f in fonts(p)]
    span_langs = [languages(p) for p in arabic]
    return {
        "files": len(pdfs),
        "bytes": sum(p.stat().st_size for p in pdfs),
        "pages": sum(len(layout(p)) for p in pdfs),
        "tagged": tagged,
        "fonts embedded": f"{sum(e for _, e in all_fonts)}/{len(all_fonts)}",
        "font families": sorted({name.split("+")[-1] for name, _ in all_fonts}),
        "/Lang entries per Arabic PDF (median)": statistics.median(sum(c.values()) for c in span_langs),
        "/Lang values in Arabic PDFs": sorted({lang for c in span_langs for lang in c}),
        "Arabic lines right-aligned": round(statistics.mean(right_aligned_share(p) for p in arabic), 3),
        "Arabic lines with punctuation at the right end": sum(len(punctuation_at_right_end(p)) for p in arabic),
        "Arabic lines ending with punctuation on the left": sum(lines_ending_left(p) for p in arabic),
    }


def summary(values: list[float]) -> str:
    return f"min {min(values):.2f}  median {statistics.median(values):.2f}  max {max(values):.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weasyprint", required=True, help="a Python where `import weasyprint` works")
    parser.add_argument("--reps", type=int, default=5, help="repetitions of each mode (default: 5)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        folder = Path(tmp)
        docx, html = build(folder / "project")
        modes = {
            "libreoffice": lambda out: libreoffice(docx, out),
            "weasyprint": lambda out: weasyprint(args.weasyprint, html, out),
        }
        times: dict[str, list[tuple[float, float]]] = {m: [] for m in modes}
        digests: dict[str, list[dict[str, bytes]]] = {m: [] for m in modes}
        for rep in range(args.reps):
            order = list(modes) if rep % 2 == 0 else list(reversed(modes))
            for mode in order:
                out = folder / f"{mode}-{rep}"
                times[mode].append(timed(lambda: modes[mode](out)))  # noqa: B023 - called right away
                digests[mode].append({p.name: p.read_bytes() for p in out.glob("*.pdf")})
                if rep > 1:
                    shutil.rmtree(out)
            print(f"repetition {rep + 1}/{args.reps} done", file=sys.stderr)
        report: dict[str, object] = {"documents": len(docx), "cpus": os.cpu_count()}
        for mode in modes:
            walls = [w for w, _ in times[mode]]
            cpus = [c for _, c in times[mode]]
            same = digests[mode][0] == digests[mode][1]
            report[mode] = {
                "wall s": summary(walls),
                "cpu s": summary(cpus),
                "same bytes twice (raw)": same,
                **quality(folder / f"{mode}-0"),
            }
        print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
