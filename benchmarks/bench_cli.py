"""How fast each command starts and runs, as a user runs it: fresh processes, modes interleaved, side by side.

    python benchmarks/bench_cli.py                          # startup, extract vs mdpo, status, check, release, 50k merge
    python benchmarks/bench_cli.py --mdpo /tmp/mdpo-venv/bin/python --runs 5 --json
    python benchmarks/bench_cli.py --scale                  # + extract/check/status/build on 50 and 500 statements
    python benchmarks/bench_cli.py --big                    # + a 20 MB source: extract, build en+fr
    python benchmarks/bench_cli.py --quick --json           # one small round of each section (the smoke test)

Every repetition runs each mode of a section once, in turn (so a busy neighbour slows all modes alike),
each in a new process; wall seconds, the CPU seconds (user + system) and the peak resident memory of that
process (its ``ru_maxrss``, children it waited for included) are reported as min / median / max. The
machine is shared: CPU seconds are the steadier figure. Each section but the 20 MB one starts with one
untimed run of every mode, so Python's bytecode cache is warm, as it is for a user after the first run (the
children write it to a temporary PYTHONPYCACHEPREFIX, never into the repository, whatever
PYTHONDONTWRITEBYTECODE says). Peak memory has a floor of this script's own size (~17 MB): Linux counts the
parent's pages at the fork that starts each child.

Sections and what is compared:
- startup: ``stk --version`` and ``stk --help`` (target < 0.15 s).
- extract: a no-op ``stk extract`` on a copy of the example project (5 statements x 3 languages) against
  mdpo's no-op re-run on the same 5 sources x 3 languages, in one Python process as mdpo's API allows
  (``--mdpo``: the Python of a virtualenv where mdpo is installed; the row is skipped, with a note, without).
- status (target < 0.5 s) and check on the example.
- release: ``stk release`` of the example as DOCX and HTML (target < 2.5 s), and with PDF too (LibreOffice
  converts each DOCX: the difference is LibreOffice's share); ``--no-pdf`` leaves the PDF row out.
- merge: a 50,000-entry French catalog read, merged with its revised template and written by the toolkit
  (benchmarks/merge_catalog.py, the code path of ``stk extract``) against GNU ``msgmerge --previous`` on the
  same two files (target < 2 s).
- scale (``--scale``): no-op extract, check, status and build (HTML) on projects of 50 and 500 statements made
  by repeating the example's statements and catalogs under new slugs; per-statement cost shows linearity.
- big (``--big``): one 20 MB source made of the example statements repeated (each paragraph numbered so that
  every segment is distinct): ``stk extract`` from nothing, then ``stk build --lang en,fr``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from projects import example_copy, scaled_copy  # noqa: E402  (benchmarks/ is on sys.path when a script runs)

EPOCH = "1700000000"

MDPO_SCRIPT = """
import sys
from pathlib import Path
from mdpo.md2po import markdown_to_pofile
root = Path(sys.argv[1])
for source in sorted((root / "sources").glob("*.md")):
    for lang in ("fr", "es", "ar"):
        (root / "mdpo" / lang).mkdir(parents=True, exist_ok=True)
        markdown_to_pofile(str(source), po_filepath=str(root / "mdpo" / lang / f"{source.stem}.po"), save=True,
                           wrapwidth=79)
"""
"""mdpo's re-run: each source extracted and merged into its PO file in each language, as ``md2po --save``."""


@dataclass
class Mode:
    section: str
    name: str
    command: list[str]
    work: str = ""
    """What one run does (files, entries, statements): figures are only comparable for the same work."""
    before: Callable[[], None] | None = None
    """Run (untimed) before every repetition: restores the state the command starts from."""
    extra_env: dict[str, str] = field(default_factory=dict)
    """Set for this mode only (``--baseline``: PYTHONPATH to another copy of the toolkit)."""


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_mb: float


@dataclass
class Result:
    mode: Mode
    samples: list[Sample] = field(default_factory=list)

    def row(self) -> dict[str, object]:
        def three(values: list[float]) -> tuple[float, float, float]:
            ordered = sorted(values)
            return ordered[0], statistics.median(ordered), ordered[-1]

        wall = three([s.wall for s in self.samples])
        cpu = three([s.cpu for s in self.samples])
        rss = three([s.rss_mb for s in self.samples])
        return {
            "section": self.mode.section,
            "mode": self.mode.name,
            "work": self.mode.work,
            "runs": len(self.samples),
            "wall_min": round(wall[0], 4),
            "wall_median": round(wall[1], 4),
            "wall_max": round(wall[2], 4),
            "cpu_min": round(cpu[0], 4),
            "cpu_median": round(cpu[1], 4),
            "cpu_max": round(cpu[2], 4),
            "peak_rss_mb_median": round(rss[1], 1),
            "peak_rss_mb_max": round(rss[2], 1),
        }


def child_env(pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # msgfmt's verdicts are remembered in a folder of this run's (the untimed round fills it):
    # the timed rounds are a user's second run over unchanged catalogs; the "(msgfmt asked)" modes the first.
    cache = pycache.parent / "verdicts"
    return {**env, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPYCACHEPREFIX": str(pycache), "STK_CACHE_DIR": str(cache)}


def run_once(command: list[str], env: dict[str, str]) -> Sample:
    """Wall and CPU seconds and peak RSS of one fresh process (os.wait4: this child's own figures)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        # Started in the temporary folder: `python -m` puts the working directory first on sys.path, and
        # a checkout there would shadow --baseline's PYTHONPATH.
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=tempfile.gettempdir())
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            out.seek(0)
            tail = out.read().decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{tail}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def measure(modes: list[Mode], runs: int, env: dict[str, str], log: Callable[[str], None], warm_up: bool = True) -> list[Result]:
    """``runs`` rounds, each mode once per round in turn, after one untimed round (unless ``warm_up`` is False)."""
    results = [Result(m) for m in modes]
    for round_ in range(0 if warm_up else 1, runs + 1):
        for result in results:
            if result.mode.before is not None:
                result.mode.before()
            sample = run_once(result.mode.command, {**env, **result.mode.extra_env})
            if round_:
                result.samples.append(sample)
        log(f"  round {round_}/{runs} done" if round_ else "  warm-up round done")
    return results


# --- projects -------------------------------------------------------------------------------------


_REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s")
_MARKER = re.compile(r"^(\s*(?:(?:[-*+]|\d+[.)])\s+|>\s*)*)")
"""What opens a list item or a quotation line: the copy's number goes after it."""


def big_copy(target: Path, megabytes: float) -> Path:
    """A project with one source of about ``megabytes`` MB: the example statements' bodies repeated,
    every prose line opening with its copy's number, so that each segment is distinct (link definitions kept once per copy)."""
    target.mkdir(parents=True)
    for name in ("toolkit.toml", "glossary.csv"):
        shutil.copy(ROOT / name, target / name)
    (target / "sources").mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sources").glob("*.md"))]
    front, first_body = texts[0].split("\n---\n", 1)
    bodies = [first_body] + [t.split("\n---\n", 1)[1] for t in texts[1:]]
    size, copy = 0, 0
    # Written piece by piece: a 20 MB string here would raise this process's peak memory, which every
    # child's peak RSS then includes (see the module's docstring).
    with (target / "sources" / "big.md").open("w", encoding="utf-8") as out:
        out.write(front + "\n---\n")
        while size < megabytes * 1_000_000:
            body = bodies[copy % len(bodies)]
            lines = [
                _MARKER.sub(lambda m, copy=copy: f"{m.group(1)}P{copy} ", line, count=1)
                if line.strip() and not _REFERENCE.match(line) and not line.lstrip().startswith(("#", "<"))
                else line
                for line in body.split("\n")
            ]
            chunk = f"\n## Part {copy}\n\n" + "\n".join(lines) + "\n"
            out.write(chunk)
            size += len(chunk.encode("utf-8"))
            copy += 1
    return target


# --- sections -------------------------------------------------------------------------------------


def stk(*args: str) -> list[str]:
    return [sys.executable, "-m", "toolkit", *args]


def setup(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, check=True, capture_output=True, env=env)


def example_sections(tmp: Path, args: argparse.Namespace, env: dict[str, str]) -> dict[str, list[Mode]]:
    project = example_copy(tmp / "example")
    p = ["--project", str(project)]
    setup(stk("extract", *p), env)
    catalogs = len(list((project / "locales").glob("*/*.po")))
    sections: dict[str, list[Mode]] = {
        "startup": [Mode("startup", "stk --version", stk("--version")), Mode("startup", "stk --help", stk("--help"))],
    }
    work = f"5 sources, {catalogs} catalogs, nothing to write"
    extract = [Mode("extract", "stk extract (no-op)", stk("extract", *p), work)]
    if args.mdpo:
        setup([args.mdpo, "-c", MDPO_SCRIPT, str(project)], env)  # its PO files, then the timed re-runs
        extract.append(Mode("extract", "mdpo markdown_to_pofile (no-op)", [args.mdpo, "-c", MDPO_SCRIPT, str(project)], work))
    sections["extract"] = extract
    asked = {"STK_CACHE_DIR": ""}  # no verdict remembered: GNU msgfmt runs on every catalog
    sections["status"] = [
        Mode("status", "stk status", stk("status", *p), f"{catalogs} catalogs"),
        Mode("status", "stk status (msgfmt asked)", stk("status", *p), f"{catalogs} catalogs", extra_env=asked),
    ]
    sections["check"] = [
        Mode("check", "stk check", stk("check", *p), f"{catalogs} catalogs"),
        Mode("check", "stk check (msgfmt asked)", stk("check", *p), f"{catalogs} catalogs", extra_env=asked),
    ]
    editions = "5 statements x 4 languages"
    release = [
        Mode(
            "release",
            "stk release (docx, html)",
            stk("release", *p, "--name", "bench", "--format", "docx,html", "--force"),
            f"{editions} x 2 formats",
        )
    ]
    if not args.no_pdf:
        release.append(
            Mode(
                "release",
                "stk release (docx, html, pdf)",
                stk("release", *p, "--name", "bench-pdf", "--format", "docx,html,pdf", "--force"),
                f"{editions} x 3 formats (PDF by LibreOffice)",
            )
        )
    sections["release"] = release
    return sections


def with_baseline(sections: dict[str, list[Mode]], tree: str) -> None:
    """Beside each example mode, the same command run by the toolkit in ``tree`` (another checkout), interleaved."""
    root = str(Path(tree).resolve())
    for name in ("startup", "extract", "status", "check", "release"):
        stk_modes = [m for m in sections.get(name, []) if m.name.startswith("stk ")]
        for mode in stk_modes:
            extra = {**mode.extra_env, "PYTHONPATH": root}
            baseline = Mode(mode.section, f"{mode.name} [baseline]", mode.command, mode.work, mode.before, extra)
            sections[name].insert(sections[name].index(mode) + 1, baseline)


def merge_section(tmp: Path, entries: int, env: dict[str, str]) -> list[Mode]:
    folder = tmp / "merge"
    setup([sys.executable, str(ROOT / "benchmarks" / "merge_catalog.py"), "make", str(folder), "--entries", str(entries)], env)
    old, pot = folder / "old.po", folder / "new.pot"
    work = f"{entries:,} entries (2% edited, 1% added, 1% removed)"
    modes = [
        Mode(
            "merge",
            "toolkit read+merge+write",
            [sys.executable, str(ROOT / "benchmarks" / "merge_catalog.py"), "merge", str(old), str(pot), str(folder / "stk.po")],
            work,
        )
    ]
    msgmerge = shutil.which("msgmerge")
    if msgmerge:
        modes.append(
            Mode(
                "merge",
                "GNU msgmerge --previous",
                [msgmerge, "--previous", "-q", "-o", str(folder / "gnu.po"), str(old), str(pot)],
                work,
            )
        )
    return modes


def scale_section(tmp: Path, sizes: list[int], env: dict[str, str]) -> list[Mode]:
    modes: list[Mode] = []
    for n in sizes:
        project = scaled_copy(tmp / f"scale-{n}", n)
        p = ["--project", str(project)]
        setup(stk("extract", *p), env)
        work = f"{n} statements x 3 languages"
        modes += [
            Mode("scale", f"stk extract (no-op), {n} statements", stk("extract", *p), work),
            Mode("scale", f"stk check, {n} statements", stk("check", *p), work),
            Mode("scale", f"stk status, {n} statements", stk("status", *p), work),
            Mode("scale", f"stk build --format html, {n} statements", stk("build", *p, "--format", "html"), f"{n} x 4 editions"),
        ]
    return modes


def big_section(tmp: Path, megabytes: float, env: dict[str, str]) -> list[Mode]:
    project = big_copy(tmp / "big", megabytes)
    p = ["--project", str(project)]
    locales = project / "locales"

    def fresh() -> None:
        shutil.rmtree(locales, ignore_errors=True)

    size = (project / "sources" / "big.md").stat().st_size / 1e6
    setup(stk("extract", *p), env)
    return [
        Mode("big", "stk extract (from nothing)", stk("extract", *p), f"one {size:.1f} MB source, 3 catalogs", fresh),
        Mode(
            "big",
            "stk build --lang en,fr (docx, html)",
            stk("build", *p, "--lang", "en,fr", "--format", "docx,html"),
            f"one {size:.1f} MB source, 2 languages",
            lambda: None if locales.exists() else setup(stk("extract", *p), env),
        ),
    ]


# --- output ---------------------------------------------------------------------------------------


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        model = found.group(1).strip() if found else ""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} CPUs {model}, Python {platform.python_version()}, load {load:.1f}"


def print_table(rows: list[dict[str, object]]) -> None:
    section = None
    print(f"{'mode':44} {'wall s min/med/max':>24} {'CPU s min/med/max':>24} {'peak MB':>8}  work")
    for r in rows:
        if r["section"] != section:
            section = r["section"]
            print(f"[{section}]")
        wall = f"{r['wall_min']:.3f}/{r['wall_median']:.3f}/{r['wall_max']:.3f}"
        cpu = f"{r['cpu_min']:.3f}/{r['cpu_median']:.3f}/{r['cpu_max']:.3f}"
        print(f"  {r['mode']:42} {wall:>24} {cpu:>24} {r['peak_rss_mb_max']:>8}  {r['work']}")


def ratios(rows: list[dict[str, object]]) -> list[str]:
    by_mode = {str(r["mode"]): r for r in rows}
    lines = []
    pairs = [
        ("stk extract (no-op)", "mdpo markdown_to_pofile (no-op)", "no-op extract, stk vs mdpo"),
        ("toolkit read+merge+write", "GNU msgmerge --previous", "50k merge, toolkit vs msgmerge"),
        ("stk release (docx, html, pdf)", "stk release (docx, html)", "release with PDF vs without"),
    ]
    for a, b, what in pairs:
        if a in by_mode and b in by_mode:
            ra, rb = by_mode[a], by_mode[b]
            wall = float(ra["wall_median"]) / float(rb["wall_median"])  # type: ignore[arg-type]
            cpu = float(ra["cpu_median"]) / float(rb["cpu_median"])  # type: ignore[arg-type]
            lines.append(f"{what}: {wall:.2f}x the wall time, {cpu:.2f}x the CPU time (medians)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed rounds per section (default 5)")
    parser.add_argument("--json", action="store_true", help="print the rows as a JSON list")
    parser.add_argument("--mdpo", metavar="PYTHON", help="the Python of a virtualenv with mdpo installed")
    parser.add_argument("--no-pdf", action="store_true", help="leave out the release with PDF (LibreOffice)")
    parser.add_argument(
        "--baseline",
        metavar="DIR",
        help="another checkout of the toolkit (e.g. `git worktree add /tmp/base main`): its stk runs beside ours, "
        "interleaved, in the startup, extract, status, check and release sections ('[baseline]' rows)",
    )
    parser.add_argument("--merge-entries", type=int, default=50_000)
    parser.add_argument("--scale", action="store_true", help="also 50 and 500 statements (slow)")
    parser.add_argument("--scale-sizes", default="50,500", help="statement counts for --scale")
    parser.add_argument("--big", action="store_true", help="also a 20 MB source (slow)")
    parser.add_argument("--big-mb", type=float, default=20.0)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke test: 1 round, no PDF, a 2,000-entry merge, --scale at 10 statements and --big at 0.2 MB",
    )
    parser.add_argument("--only", metavar="SECTIONS", help="comma-separated sections to run (startup,extract,...)")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.no_pdf, args.merge_entries = 1, True, 2_000
        args.scale_sizes, args.big_mb = "10", 0.2
    if args.mdpo is None:
        print("note: no --mdpo PYTHON given: the mdpo row is skipped", file=sys.stderr)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    only = set(args.only.split(",")) if args.only else None
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = child_env(tmp / "pycache")
        sections = example_sections(tmp, args, env)
        if args.baseline:
            with_baseline(sections, args.baseline)
        sections["merge"] = merge_section(tmp, args.merge_entries, env)
        if args.scale:
            sections["scale"] = scale_section(tmp, [int(n) for n in args.scale_sizes.split(",")], env)
        if args.big:
            sections["big"] = big_section(tmp, args.big_mb, env)
        for name, modes in sections.items():
            if only is not None and name not in only:
                continue
            log(f"{name}: {len(modes)} modes x {args.runs} rounds")
            # A minute-long run needs no warm-up round: the bytecode cache is warm from the sections before.
            section_rows = [r.row() for r in measure(modes, args.runs, env, log, warm_up=name != "big")]
            for row in section_rows:  # as each section ends: a long run stopped early keeps what it measured
                log(json.dumps(row))
            rows += section_rows
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{machine()}; {args.runs} rounds, modes interleaved, each run a fresh process")
    print_table(rows)
    for line in ratios(rows):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
