"""Fault injection at scale: lost saves, kill -9, and the window each write method leaves (docs/reliability.md).

    python benchmarks/faults.py                  # everything (about 5 minutes on 2 cores)
    python benchmarks/faults.py --saves 250 --kills 100 --stress 20

Not a timing benchmark: it counts. Three measurements:

1. The deterministic race harness of tests/test_races.py, larger: a translator saves (by rename
   and in place) right before and right after each of stk's swaps of a catalog, for extract and
   translate, with each write method: ``exchange`` (renameat2), ``lock`` (the fallback), and
   ``none`` (the write before issue 12: a temporary file renamed over the catalog, no check).
   Counts saves and saves lost.
2. Real concurrency, no hooks: a translator process saves the catalog in a loop (rename, random
   pauses of 0-2 ms) while `stk extract` runs again and again in this process for ``--stress``
   seconds per method. Counts saves and lost saves.
3. kill -9: `stk translate` (pseudo engine, one segment per batch) and `stk extract` killed at a
   random moment of their run (half of the kills anywhere, half in the last 40%, where the writes
   are), ``--kills`` times each; after each kill every catalog must pass
   ``msgfmt -c`` and the toolkit's reader, and the translator's work must be intact; temporary
   files left by the kill are counted, and must be gone after the next run.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import test_races as races  # noqa: E402

from toolkit import api, files  # noqa: E402
from toolkit.catalogs import pofile, saving  # noqa: E402
from toolkit.errors import CatalogError  # noqa: E402


@contextmanager
def method(name: str) -> Iterator[None]:
    """Write catalogs with ``name``: exchange, lock, or none (no compare-and-swap at all, the old way)."""
    real = files.replace_if_unchanged
    old_default = files.DEFAULT_METHOD

    def unchecked(path: Path, data: bytes, expected: bytes | None, *, method: str | None = None) -> bool:
        if data == expected:
            return False
        files._hook("before-swap", path)
        files.atomic_write(path, data)
        files._hook("after-swap", path)
        return True

    if name == "none":
        files.replace_if_unchanged = unchecked
    else:
        files.DEFAULT_METHOD = name
    try:
        yield
    finally:
        files.replace_if_unchanged = real
        files.DEFAULT_METHOD = old_default


# --- 1. the deterministic harness ----------------------------------------------------------------


def harness(tool: str, stage: str, in_place: bool, saves: int, work: Path) -> tuple[int, int]:
    """(saves, lost) for one tool, stage and kind of editor."""
    stage_hooks: list[Callable[[str, Path], None]] = files._race_hooks
    stage_hooks.clear()
    done = lost = runs = 0
    template = races.new_project(work / "template")
    (template / "toolkit.toml").write_text(races.CONFIG + "[translate]\nbatch_size = 1\n", encoding="utf-8")
    real_save = saving.save
    try:
        if tool == "extract":
            root = work / "extract"
            shutil.copytree(template, root)
            catalog = root / "locales/fr/s.po"
            translator = races.Translator(catalog, in_place)
            hook, rearm = races.once_per_run(translator, stage, catalog)
            stage_hooks.append(hook)
            while translator.saves < saves:
                runs += 1
                (root / "sources/s.md").write_text(races.source(extra=runs), encoding="utf-8")
                rearm()
                api.extract(api.open_project(root))
            return translator.saves, len(translator.lost())
        while done < saves:
            runs += 1
            root = work / f"translate-{runs}"
            shutil.copytree(template, root)
            catalog = root / "locales/fr/s.po"
            translator = races.Translator(catalog, in_place, translates=runs % 2 == 0)
            hook, rearm = races.once_per_run(translator, stage, catalog)
            stage_hooks[:] = [hook]
            saving.save = races.rearming(rearm)
            api.translate(api.open_project(root), engine="pseudo")
            saving.save = real_save
            done += translator.saves
            lost += len(translator.lost())
        return done, lost
    finally:
        saving.save = real_save
        files._race_hooks[:] = []


# --- 2. real concurrency --------------------------------------------------------------------------

TRANSLATOR = r"""
import os, random, sys, time
import polib
path, stop, log = sys.argv[1], sys.argv[2], sys.argv[3]
n = 0
while not os.path.exists(stop):
    try:
        catalog = polib.pofile(open(path, encoding="utf-8").read(), wrapwidth=79)
    except Exception:
        continue
    target = next(e for e in catalog if e.msgid == "States must cooperate with the Court.")
    n += 1
    target.tcomment = "\n".join(filter(None, [target.tcomment, "save %d" % n]))
    tmp = path + "~poedit"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(str(catalog))
    os.replace(tmp, path)
    with open(log, "w") as handle:
        handle.write(str(n))
    time.sleep(random.uniform(0, 0.002))
"""


def stress(name: str, seconds: float, work: Path) -> tuple[int, int, int, int]:
    """(extract runs, runs that stopped, translator saves, saves lost) with a translator process saving all along."""
    root = races.new_project(work / f"stress-{name}")
    catalog = root / "locales/fr/s.po"
    stop, log, script = work / f"stop-{name}", work / f"saves-{name}", work / "translator.py"
    script.write_text(TRANSLATOR, encoding="utf-8")
    child = subprocess.Popen([sys.executable, str(script), str(catalog), str(stop), str(log)])
    runs = stopped = 0
    started = time.monotonic()
    with method(name):
        while time.monotonic() - started < seconds:
            runs += 1
            (root / "sources/s.md").write_text(races.source(extra=runs % 7), encoding="utf-8")
            try:
                api.extract(api.open_project(root))
            except CatalogError as exc:  # saved 20 times in a row while extract merged: it stops, writing nothing
                assert "saved by someone else" in exc.message, exc
                stopped += 1
    stop.write_text("")
    child.wait()
    saves = int(log.read_text()) if log.exists() else 0
    text = catalog.read_text(encoding="utf-8")
    present = {int(line.split()[-1]) for line in text.splitlines() if line.startswith("# save ")}
    # Each save builds on the file as it found it, marks included: the last file holds every mark
    # but those of saves stk overwrote.
    return runs, stopped, saves, saves - len(present & set(range(1, saves + 1)))


# --- 3. kill -9 -----------------------------------------------------------------------------------


def kills(command: str, count: int, work: Path) -> dict[str, int]:
    root = races.make_project(
        work / f"kill-{command}",
        {f"s{n}": races.statement(" ".join(f"Sentence {n}.{k} of the statement." for k in range(10)) + "\n") for n in range(12)},
        races.CONFIG + '[translate]\nengine = "pseudo"\nbatch_size = 1\n',
    )
    api.extract(api.open_project(root))
    precious = root / "locales/fr/s0.po"  # a translator's work, which no kill may touch
    text = precious.read_text(encoding="utf-8").replace(
        'msgid "Sentence 0.0 of the statement."\nmsgstr ""', 'msgid "Sentence 0.0 of the statement."\nmsgstr "Phrase humaine."'
    )
    precious.write_text(text, encoding="utf-8")
    # How long a run that has work to do takes, to kill it anywhere in it (start-up is most of it).
    for n in range(12):
        (root / "sources" / f"s{n}.md").write_text(
            races.statement(" ".join(f"Sentence {n}.{k} of the statement." for k in range(11)) + "\n"), encoding="utf-8"
        )
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "toolkit", command, "--project", str(root)], cwd=ROOT, capture_output=True)
    length = time.monotonic() - started
    counts = {"runs": 0, "killed_while_writing": 0, "left_temp_files": 0, "invalid_files": 0, "translator_work_lost": 0}
    rng = random.Random(12)
    for run in range(count):
        if command == "translate":  # something to draft again
            for path in root.glob("locales/fr/*.po"):
                catalog = pofile.parse(path.read_text(encoding="utf-8"), path.name)
                for entry in catalog:
                    if entry.msgstr != "Phrase humaine.":
                        entry.msgstr, entry.flags, entry.tcomment = "", [], ""
                path.write_bytes(pofile.render(catalog))
        else:
            for n in range(12):
                (root / "sources" / f"s{n}.md").write_text(
                    races.statement(" ".join(f"Sentence {n}.{k} of the statement." for k in range(10 + run % 3)) + "\n"),
                    encoding="utf-8",
                )
        before = {p: p.read_bytes() for p in [*root.glob("locales/*/*.po"), *root.glob("locales/*/*.pot")]}
        child = subprocess.Popen(
            [sys.executable, "-m", "toolkit", command, "--project", str(root)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0, length) if run % 2 else rng.uniform(0.6 * length, length))  # half in the last 40%
        child.kill()
        child.wait()
        counts["runs"] += 1
        changed = sum(1 for p, data in before.items() if p.read_bytes() != data)
        temps = sum(1 for _ in root.rglob("*.tmp"))
        counts["killed_while_writing"] += bool(temps) or 0 < changed < len(before)
        counts["left_temp_files"] += temps
        for path in [*root.glob("locales/*/*.po"), *root.glob("locales/*/*.pot")]:
            check = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True)
            try:
                pofile.parse(path.read_text(encoding="utf-8"), path.name)
            except Exception:
                counts["invalid_files"] += 1
                continue
            counts["invalid_files"] += check.returncode != 0
        if "Phrase humaine." not in precious.read_text(encoding="utf-8"):
            counts["translator_work_lost"] += 1
    subprocess.run([sys.executable, "-m", "toolkit", command, "--project", str(root)], cwd=ROOT, capture_output=True)
    counts["temp_files_after_the_next_run"] = sum(1 for _ in root.rglob("*.tmp"))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saves", type=int, default=100, help="saves per tool, method, stage and editor (harness)")
    parser.add_argument("--stress", type=float, default=15.0, help="seconds of real concurrency per method")
    parser.add_argument("--kills", type=int, default=50, help="kill -9 runs per command")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="stk-faults-"))
    try:
        print(f"1. deterministic harness: {args.saves} saves per line")
        print(f"   {'tool':<10}{'method':<10}{'stage':<16}{'editor':<10}{'saves':>7}{'lost':>7}")
        for tool in ("extract", "translate"):
            for name in ("exchange", "lock", "none"):
                stages = ["before-swap", "after-swap"] + (["before-replace"] if name == "lock" else [])
                for stage in stages:
                    for editor, in_place in (("rename", False), ("in-place", True)):
                        with method(name):
                            saves, lost = harness(tool, stage, in_place, args.saves, Path(tempfile.mkdtemp(dir=work)))
                        print(f"   {tool:<10}{name:<10}{stage:<16}{editor:<10}{saves:>7}{lost:>7}", flush=True)
        print(f"2. real concurrency, {args.stress:g} s per method: a translator process saving in a loop")
        for name in ("exchange", "lock", "none"):
            runs, stopped, saves, lost = stress(name, args.stress, work)
            print(
                f"   {name:<10} extract runs {runs:>5} (stopped: {stopped:>3})  translator saves {saves:>6}  lost {lost:>5}",
                flush=True,
            )
        print(f"3. kill -9 at a random moment, {args.kills} runs per command")
        for command in ("translate", "extract"):
            print(f"   {command:<10} {kills(command, args.kills, work)}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
