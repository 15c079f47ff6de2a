"""benchmarks/bench_translate.py runs end to end (--quick: tiny models) and its JSON rows hold what the docs quote."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds Argos models and runs them in child processes

ROOT = Path(__file__).resolve().parents[1]
KEYS = {"model", "beam", "mode", "sent_per_s_median", "wall_min", "wall_median", "wall_max", "cpu_median", "load_median"}


def test_quick_benchmark_prints_one_row_per_model_beam_and_mode(tmp_path: Path) -> None:
    command = [sys.executable, str(ROOT / "benchmarks" / "bench_translate.py"), "--quick", "--json"]
    command += ["--repeat", "1", "--beams", "1", "--cache", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert sorted((r["model"], r["beam"], r["mode"]) for r in rows) == sorted(
        (model, 1, mode) for model in ("copy", "random") for mode in ("naive", "bare-default", "bare-best", "stk")
    )
    by = {(r["model"], r["mode"]): r for r in rows}
    for row in rows:
        assert row.keys() >= KEYS
        assert row["sent_per_s_median"] > 0 and row["wall_min"] <= row["wall_median"] <= row["wall_max"]
    for model in ("copy", "random"):
        stk, best = by[(model, "stk")], by[(model, "bare-best")]
        assert isinstance(stk["ratio_vs_naive_median"], float) and stk["ratio_vs_naive_median"] > 0
        assert isinstance(stk["overhead_vs_bare"], float) and stk["overhead_vs_bare"] > -1
        # the bare loops decode exactly what stk gives its engine, cut the same way: the same work
        assert stk["pieces_in"] == best["pieces_in"] == by[(model, "bare-default")]["pieces_in"] > 0
        assert stk["pieces_out"] == best["pieces_out"] > 0
    # the copy model gives its input back: as many pieces out as in
    assert by[("copy", "stk")]["pieces_out"] == by[("copy", "stk")]["pieces_in"]
