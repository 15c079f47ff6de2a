"""How long `stk build` takes, and how the cost grows with the number of statements.

    python benchmarks/bench_build.py                 # the example project, then 50 and 500 statements
    python benchmarks/bench_build.py --sizes 50      # a quicker run

1. The example project (5 statements x 4 languages x 2 formats = 40 files):
   `stk build` as a user runs it, wall time of the whole command (Python start-up
   and imports included), best of three. The target is under 3 s on a 2-core machine.
2. Synthetic projects of N statements: the example's statements and catalogs
   copied N/5 times under new slugs (real French, Spanish and Arabic text), built
   in-process; seconds per document and per file show whether the cost is linear.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from projects import example_copy, scaled_copy  # noqa: E402

from toolkit import api  # noqa: E402


def time_command(project: Path, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        shutil.rmtree(project / "output", ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "toolkit", "build", "--project", str(project)], check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def time_library(project: Path) -> tuple[float, int, int]:
    """Seconds for api.build (sources already read), documents built, files written."""
    shutil.rmtree(project / "output", ignore_errors=True)
    proj = api.open_project(project)
    start = time.perf_counter()
    result = api.build(proj)
    return time.perf_counter() - start, len(result.editions), len(result.written)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="50,500", help="synthetic project sizes, comma-separated (default: 50,500)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="stk-bench-") as tmp:
        example = example_copy(Path(tmp) / "example")
        wall = time_command(example)
        seconds, documents, files = time_library(example)
        print(f"example project: `stk build` {wall:.2f} s wall (best of 3; target < 3 s), {documents} documents, {files} files")
        print(f"  in-process build: {seconds:.2f} s, {seconds / documents * 1000:.0f} ms per document (DOCX + HTML)")
        previous: tuple[int, float] | None = None
        for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
            project = scaled_copy(Path(tmp) / f"n{size}", size)
            seconds, documents, files = time_library(project)
            per_doc = seconds / documents
            growth = ""
            if previous is not None:
                growth = f"; x{size / previous[0]:.0f} statements -> x{seconds / previous[1]:.1f} time"
            counts = f"{documents} documents, {files} files"
            print(f"{size} statements: {seconds:.1f} s, {counts}, {per_doc * 1000:.0f} ms per document{growth}")
            previous = (size, seconds)
            shutil.rmtree(project)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
