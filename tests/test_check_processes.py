"""Checks shared with a second process, and msgfmt's remembered verdicts: the same report as one process asking anew."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from toolkit import api, forking
from toolkit.catalogs import gnu
from toolkit.checks import check_project, run
from toolkit.checks.base import CheckReport


def report(root: Path, monkeypatch: pytest.MonkeyPatch, *, fork: bool) -> tuple[CheckReport, bool]:
    forked: list[bool] = []
    real = forking.beside

    @contextmanager
    def beside(work: Any, kind: Any) -> Iterator[Any]:
        with real(work, kind) as collect:
            forked.append(collect is not None)
            yield collect

    monkeypatch.setattr(forking, "beside", beside)
    monkeypatch.setattr(run, "_FORK_ABOVE", 0 if fork else 10**9)
    result = check_project(api.open_project(root), release=True)
    return result, any(forked)


def damage(root: Path) -> None:
    """Errors and warnings in several statements and languages, so that both halves have something to say."""
    for lang, slug, old, new in (
        ("fr", "us-sanctions-icc-2025", "2025", "2026"),
        ("es", "letter-president-biden-2024", "Corte", "Tribunal"),
        ("ar", "asp23-cooperation-plenary-2024", "،", ","),
        ("fr", "icc-judges-sanctions-2025", "](", "] ("),
    ):
        path = root / "locales" / lang / f"{slug}.po"
        text = path.read_text(encoding="utf-8")
        cut = text.index("\n\n") + 2  # leave the header alone
        path.write_text(text[:cut] + text[cut:].replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("damaged", [False, True], ids=["reviewed", "damaged"])
def test_two_processes_report_what_one_reports(
    example_with_locales: Path, monkeypatch: pytest.MonkeyPatch, damaged: bool
) -> None:
    if damaged:
        damage(example_with_locales)
    one, forked_one = report(example_with_locales, monkeypatch, fork=False)
    two, forked_two = report(example_with_locales, monkeypatch, fork=True)
    assert not forked_one and forked_two
    assert two.issues == one.issues
    assert two.catalogs == one.catalogs
    assert two.checked == one.checked > 1000
    if damaged:
        assert len({i.slug for i in one.issues}) >= 2 and len({i.lang for i in one.issues}) >= 2


def test_a_failed_helper_process_is_made_up_for(example_with_locales: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    damage(example_with_locales)
    one, _ = report(example_with_locales, monkeypatch, fork=False)

    def broken_dump(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the helper dies before it answers")

    monkeypatch.setattr(forking.pickle, "dump", broken_dump)  # only the child pickles
    two, forked = report(example_with_locales, monkeypatch, fork=True)
    assert forked
    assert two.issues == one.issues and two.catalogs == one.catalogs and two.checked == one.checked


def test_no_second_process_beside_other_threads() -> None:
    # A forked child would inherit the other threads' locks, held and never released.
    assert forking.can_fork()
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not forking.can_fork()
        with forking.beside(CheckReport, CheckReport) as helper:
            assert helper is None
    finally:
        release.set()
        thread.join()


def test_a_helper_the_parent_no_longer_waits_for_is_stopped() -> None:
    # An error in the parent leaves the block without collecting: the child must not linger.
    started = time.monotonic()
    with pytest.raises(ZeroDivisionError), forking.beside(lambda: time.sleep(30) or CheckReport(), CheckReport) as helper:
        assert helper is not None
        1 / 0  # noqa: B018
    assert time.monotonic() - started < 10
    with forking.beside(lambda: "not a report", CheckReport) as helper:
        assert helper is not None and helper() is None  # a result of another kind is no result


def test_a_small_project_is_checked_in_one_process(example_with_locales: Path) -> None:
    project = api.open_project(example_with_locales)
    project.load_catalogs(None, None)
    statements = project.select(None)
    mine, theirs = run._halves(project, statements[:1], project.languages(None))
    assert theirs == [] and mine == statements[:1]
    mine, theirs = run._halves(project, statements, project.languages(None))
    assert mine and theirs and {s.slug for s in mine} | {s.slug for s in theirs} == {s.slug for s in statements}


# --- msgfmt's verdicts --------------------------------------------------------------------------

BROKEN = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a\\n"\nmsgstr "b"\n'
GOOD = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\n'


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    assert shutil.which("msgfmt"), "GNU gettext (msgfmt) is required: `make test` installs it"
    folder = tmp_path / "cache"
    monkeypatch.setenv("STK_CACHE_DIR", str(folder))
    return folder


def no_msgfmt(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("msgfmt asked again for a verdict it gave before")

    monkeypatch.setattr(gnu.subprocess, "run", refuse)


def test_a_verdict_is_given_once_per_content(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken, good = gnu.msgfmt_problems(BROKEN), gnu.msgfmt_problems(GOOD)
    assert broken and "GNU msgfmt -c" in broken[0][1] and broken[0][0] in (5, 6)
    assert good == []
    assert len(list((cache / "msgfmt").glob("*.json"))) == 2
    no_msgfmt(monkeypatch)
    assert gnu.msgfmt_problems(BROKEN) == broken
    assert gnu.msgfmt_problems(GOOD) == []


def test_a_damaged_verdict_file_is_asked_again(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = gnu.msgfmt_problems(BROKEN)
    (kept,) = (cache / "msgfmt").glob("*.json")
    kept.write_bytes(b'[[5, "cut sho')  # a crash mid-write (the real writer renames a complete file in)
    assert gnu.msgfmt_problems(BROKEN) == broken
    kept.write_bytes(b'[["five", {"not": "a message"}]]')  # valid JSON, not a verdict
    assert gnu.msgfmt_problems(BROKEN) == broken
    assert kept.read_bytes().startswith(b"[[") and kept.read_bytes().endswith(b"]]")
    assert gnu.msgfmt_problems(BROKEN) == broken


def test_another_msgfmt_is_asked_anew(cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    gnu.msgfmt_problems(BROKEN)
    other = tmp_path / "bin" / "msgfmt"
    other.parent.mkdir()
    shutil.copy2(str(shutil.which("msgfmt")), other)
    other.touch()  # an upgraded gettext: another modification time
    monkeypatch.setenv("PATH", f"{other.parent}:{subprocess.os.environ['PATH']}")
    gnu.msgfmt_problems(BROKEN)
    assert len(list((cache / "msgfmt").glob("*.json"))) == 2


def test_an_empty_cache_setting_remembers_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STK_CACHE_DIR", "")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert gnu.msgfmt_problems(BROKEN)
    assert not any(tmp_path.rglob("*.json"))
