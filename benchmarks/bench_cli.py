"""How fast each command starts and runs, as a user runs it: fresh processes, modes interleaved.

    python benchmarks/bench_cli.py              # 7 repetitions of every mode
    python benchmarks/bench_cli.py --runs 5 --json

Every repetition runs each mode once, in turn (so a busy neighbour slows all modes alike), each in a
new process: `stk --version`, `stk --help`, `stk status` and a no-op `stk extract` on a copy of the
example project, and `stk release` of it (DOCX and HTML; PDF adds LibreOffice's time). Wall seconds
and the CPU seconds of the child process are reported as min / median / max; this machine is shared,
so CPU time is the steadier figure. Targets (issue 10, 2-core machine): --version and --help under
0.15 s, status under 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def example_copy(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("sources", "locales"):
        shutil.copytree(ROOT / name, target / name)
    for name in ("toolkit.toml", "glossary.csv"):
        shutil.copy(ROOT / name, target / name)
    return target


def run(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the child) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    stk = [sys.executable, "-m", "toolkit"]
    with tempfile.TemporaryDirectory() as tmp:
        project = example_copy(Path(tmp) / "example")
        p = ["--project", str(project)]
        subprocess.run([*stk, "extract", *p], check=True, capture_output=True)
        modes = {
            "stk --version": [*stk, "--version"],
            "stk --help": [*stk, "--help"],
            "stk status": [*stk, "status", *p],
            "stk extract (no-op)": [*stk, "extract", *p],
            "stk release (docx, html)": [*stk, "release", *p, "--name", "bench", "--format", "docx,html", "--force"],
        }
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in modes}
        for _ in range(args.runs):
            for name, command in modes.items():
                times[name].append(run(command))
    rows = []
    for name, samples in times.items():
        wall = sorted(w for w, _ in samples)
        cpu = sorted(c for _, c in samples)
        rows.append(
            {
                "mode": name,
                "runs": len(samples),
                "wall_min": wall[0],
                "wall_median": statistics.median(wall),
                "wall_max": wall[-1],
                "cpu_min": cpu[0],
                "cpu_median": statistics.median(cpu),
                "cpu_max": cpu[-1],
            }
        )
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{os.cpu_count()} CPUs; {args.runs} runs per mode, interleaved, each a fresh process; seconds min / median / max")
    print(f"{'mode':28} {'wall':>22} {'CPU':>22}")
    for r in rows:
        wall = f"{r['wall_min']:.3f} / {r['wall_median']:.3f} / {r['wall_max']:.3f}"
        cpu = f"{r['cpu_min']:.3f} / {r['cpu_median']:.3f} / {r['cpu_max']:.3f}"
        print(f"{r['mode']:28} {wall:>22} {cpu:>22}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
