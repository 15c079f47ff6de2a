"""benchmarks/bench_cli.py runs every section and prints rows a reader (or a script) can rely on.

Slow: it starts a few dozen processes, msgfmt on every catalog among them; ``--quick`` keeps each section
to one small round (a 2,000-entry merge, 10 statements, a 0.2 MB source).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_cli.py"
KEYS = {"section", "mode", "work", "runs", "wall_min", "wall_median", "wall_max", "cpu_min", "cpu_median", "cpu_max"}


@pytest.mark.slow
def test_the_quick_run_gives_a_row_per_mode_of_every_section() -> None:
    ran = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--scale", "--big", "--json"], capture_output=True, text=True, timeout=900
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    rows = json.loads(ran.stdout)
    by_mode = {r["mode"]: r for r in rows}
    assert {r["section"] for r in rows} == {"startup", "extract", "status", "check", "release", "merge", "scale", "big"}
    for row in rows:
        assert set(row) >= KEYS, row
        assert row["runs"] == 1
        assert 0 < row["wall_min"] <= row["wall_median"] <= row["wall_max"], row
        assert 0 < row["cpu_min"] <= row["cpu_median"] <= row["cpu_max"], row
        assert row["peak_rss_mb_max"] > 0, row
    for mode in ("stk --version", "stk status", "stk extract (no-op)", "toolkit read+merge+write", "stk check, 10 statements"):
        assert mode in by_mode, sorted(by_mode)
    assert ("GNU msgmerge --previous" in by_mode) == (shutil.which("msgmerge") is not None)
    assert "mdpo markdown_to_pofile (no-op)" not in by_mode  # no --mdpo given: skipped, and said so
    assert "no --mdpo" in ran.stderr
