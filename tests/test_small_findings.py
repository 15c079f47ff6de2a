"""Issue 12, finding 9: stale temporary files, symlinked sources, file names that need escaping in
hrefs, and language codes written in capitals."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from helpers import make_project, run_stk, statement

from toolkit import api
from toolkit.errors import ConfigError

REPO = Path(__file__).resolve().parent.parent
CONFIG = '[project]\nname = "Small"\norganisation = "Coalition"\ntarget_languages = ["fr"]\n'


def dead_pid() -> int:
    """A process id that belonged to a process which has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temporary_files_are_removed_by_the_next_run_and_only_those(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("Hello world.\n")}, CONFIG)
    api.extract(api.open_project(root))
    folder = root / "locales/fr"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stale = folder / f".s.po.{dead_pid()}-a1b2c3d4.tmp"  # left by a run killed with kill -9
        live = folder / f".s.po.{sleeper.pid}-e5f6g7h8.tmp"  # another run, still writing
        theirs = [folder / ".s.po.notes.tmp", folder / "s.po.tmp", folder / ".draft.tmp"]  # not the toolkit's
        for path in (stale, live, *theirs):
            path.write_text("x")
        result = api.extract(api.open_project(root))  # nothing to write: it still cleans up
        assert result.written == []
        assert not stale.exists() and live.exists() and all(p.exists() for p in theirs)
    finally:
        sleeper.kill()
        sleeper.wait()


def test_git_ignores_the_temporary_files(tmp_path: Path) -> None:
    ignore = (REPO / ".gitignore").read_text(encoding="utf-8")
    root = tmp_path / "new"
    api.init(root)
    for text in (ignore, (root / ".gitignore").read_text(encoding="utf-8")):
        assert ".*.tmp" in text.splitlines() and ".*.new-*/" in text.splitlines()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "locales" / f".x.po.{os.getpid()}-abcdefgh.tmp").write_text("x")
    status = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=all"], capture_output=True, text=True
    )
    assert ".tmp" not in status.stdout and "toolkit.toml" in status.stdout


def test_a_symlinked_source_names_its_project_path_never_the_machine_path(tmp_path: Path) -> None:
    elsewhere = tmp_path / "shared" / "drafts" / "real-statement.md"
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_text(statement("Hello world.\n"), encoding="utf-8")
    root = make_project(tmp_path / "p", {}, CONFIG)
    (root / "sources" / "s.md").symlink_to(elsewhere)
    api.extract(api.open_project(root))
    for path in (root / "locales/fr/s.po", root / "locales/templates/s.pot"):
        text = path.read_text(encoding="utf-8")
        assert str(tmp_path) not in text and "shared/drafts" not in text
        assert "#: sources/s.md:8" in text and "(sources/s.md)" in text


@pytest.mark.parametrize("name", ["my statement", "2025 #3", "what? now", "50% more"])
def test_file_names_that_need_escaping_give_working_hrefs(tmp_path: Path, name: str) -> None:
    root = make_project(tmp_path / "p", {name: statement("Hello world.\n")}, CONFIG)
    api.extract(api.open_project(root))
    api.build(api.open_project(root), formats=["html"])
    out = root / "output"
    index = (out / "index.html").read_text(encoding="utf-8")
    page = out / "fr" / f"{name}.html"
    switcher = page.read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]+\.html)"', index) + [h for h in re.findall(r'href="([^"]+\.html)"', switcher)]
    assert hrefs and all(" " not in h and "#" not in h and "?" not in h for h in hrefs), hrefs
    for href, base in [(h, "index.html") for h in re.findall(r'href="([^"]+\.html)"', index)] + [
        (h, "fr/page.html") for h in re.findall(r'href="([^"]+\.html)"', switcher)
    ]:
        target = out / unquote(urljoin(base, href))
        assert target.is_file(), (href, target)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('["FR"]', "toolkit.toml:2: Config error: write the language code 'FR' as 'fr' (one folder per language)"),
        ('["fr", "pt-br"]', "toolkit.toml:2: Config error: write the language code 'pt-br' as 'pt-BR' (one folder per language)"),
    ],
)
def test_language_codes_in_other_capitals_are_refused_never_a_second_folder(tmp_path: Path, written: str, message: str) -> None:
    """Reading "FR" as "fr" quietly would orphan a locales/FR/ of earlier catalogs: one line says how to write it."""
    root = make_project(tmp_path / "p", {"s": statement("Hello world.\n")}, f"[project]\ntarget_languages = {written}\n")
    run = run_stk("extract", "--project", str(root))
    assert (run.returncode, run.stderr.strip().splitlines()) == (2, [message])
    assert not (root / "locales").exists()


def test_lang_options_in_capitals_select_the_language(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("Hello world.\n")}, CONFIG)
    api.extract(api.open_project(root))
    run = run_stk("status", "--project", str(root), "--lang", "FR")
    assert run.returncode == 0 and re.search(r"^s +fr ", run.stdout, re.MULTILINE), run.stdout + run.stderr


def test_the_same_language_twice_in_other_capitals_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("Hello.\n")}, '[project]\ntarget_languages = ["fr", "FR"]\n')
    with pytest.raises(ConfigError, match="write the language code 'FR' as 'fr'"):
        api.open_project(root)


@pytest.mark.slow
def test_kill_9_at_random_moments_leaves_every_file_valid_and_the_next_run_cleans_up(tmp_path: Path, msgfmt) -> None:  # type: ignore[no-untyped-def]
    """`stk translate` (pseudo engine, a batch per segment) killed at 12 moments: old or new files, never half."""
    root = make_project(
        tmp_path / "p",
        {f"s{n}": statement(" ".join(f"Sentence {n}.{k} of the statement." for k in range(12)) + "\n") for n in range(3)},
        CONFIG + '[translate]\nengine = "pseudo"\nbatch_size = 1\n',
    )
    assert run_stk("extract", "--project", str(root)).returncode == 0
    for delay in [0.05 * n for n in range(1, 13)]:
        child = subprocess.Popen([sys.executable, "-m", "toolkit", "translate", "--project", str(root)], cwd=REPO)
        time.sleep(delay)
        child.kill()
        child.wait()
        for path in root.glob("locales/*/*.po"):
            assert msgfmt(path).returncode == 0, path
        api.status(api.open_project(root))  # every catalog and record readable
    assert run_stk("translate", "--project", str(root)).returncode == 0
    assert [p.name for p in root.rglob("*.tmp")] == []
