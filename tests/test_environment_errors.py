"""A full disk, a read-only folder, a folder one may not write (issue 12, finding 6).

One line naming the path, exit 2, and every file whole: as it was, or complete. A release in
progress never leaves a partial release folder. Measured with a patched writer (in process) and
with the real thing: a full tmpfs, the same tmpfs remounted read-only, and a user without write
permission -- each in a private mount namespace (``unshare``), so nothing outside the test sees it.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from helpers import make_project, snapshot, statement

from toolkit import api
from toolkit.catalogs import pofile
from toolkit.cli import main
from toolkit.errors import FileError

REPO = Path(__file__).resolve().parent.parent
CONFIG = '[project]\nname = "Disk"\norganisation = "Coalition"\ntarget_languages = ["fr", "es", "ar"]\n'
BODY = "The Court is independent. It must stay so.\n\nStates must cooperate.\n"


def new_project(root: Path, statements: int = 3) -> Path:
    make_project(root, {f"s{n}": statement(BODY) for n in range(statements)}, CONFIG)
    api.extract(api.open_project(root))
    for path in root.glob("locales/*/*.po"):  # a translator's work, which must survive
        catalog = polib.pofile(str(path))
        for entry in catalog:
            entry.msgstr = entry.msgstr or f"[{path.parent.name}] {entry.msgid}"
        path.write_bytes(pofile.render(catalog))
    for n in range(statements):  # a source edit: extract has every catalog to write
        (root / "sources" / f"s{n}.md").write_text(statement(BODY + "\nA new sentence.\n"), encoding="utf-8")
    return root


def whole(root: Path, before: dict[str, bytes]) -> list[str]:
    """Files that are neither as they were nor complete (empty when all is well), and stray temporary files."""
    bad = [p for p in snapshot(root) if Path(p).name.endswith(".tmp") or ".new-" in p or ".old-" in p]
    for rel, data in snapshot(root).items():
        if rel.endswith((".po", ".pot")) and data != before.get(rel):
            try:
                pofile.parse(data.decode("utf-8"), rel)
            except Exception:
                bad.append(rel)
    return bad


class FullDisk:
    """The n-th fsync from now raises ENOSPC, as a disk that fills up makes a write fail."""

    def __init__(self) -> None:
        self.left = 0

    def arm(self, nth: int) -> None:
        self.left = nth

    def fsync(self, fd: int, real: object = os.fsync) -> None:
        if self.left:
            self.left -= 1
            if self.left == 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)  # type: ignore[operator]


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[FullDisk]:
    disk = FullDisk()
    monkeypatch.setattr(os, "fsync", disk.fsync)
    yield disk


@pytest.mark.parametrize("nth", [1, 4, 9])
def test_a_disk_filling_up_during_extract_is_one_line_and_every_file_whole(
    tmp_path: Path, full_disk: FullDisk, capsys: pytest.CaptureFixture[str], nth: int
) -> None:
    root = new_project(tmp_path / "p")
    before = snapshot(root)
    full_disk.arm(nth)
    assert main(["extract", "--project", str(root)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and ": File error: No space left on device: every file is whole" in lines[0], lines
    assert lines[0].split(":")[0].startswith("locales/")  # the file, as the project names it
    assert whole(root, before) == []
    full_disk.arm(0)
    assert main(["extract", "--project", str(root)]) == 0  # run again once there is room: all done
    assert all("[fr]" in p.read_text(encoding="utf-8") for p in root.glob("locales/fr/*.po"))


@pytest.mark.slow
def test_a_disk_filling_up_during_a_release_leaves_the_previous_release_whole(
    tmp_path: Path, full_disk: FullDisk, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_project(tmp_path / "p", statements=1)
    assert main(["extract", "--project", str(root)]) == 0
    for path in root.glob("locales/*/*.po"):
        catalog = polib.pofile(str(path))
        for entry in catalog:
            entry.msgstr = entry.msgstr or f"[{path.parent.name}] {entry.msgid}"
            entry.flags = []
        path.write_bytes(pofile.render(catalog))
    assert main(["release", "--project", str(root), "--name", "r"]) in (0, 1)
    folder = root / "output/releases/r"
    previous = snapshot(folder)
    (root / "sources/s0.md").write_text(statement(BODY + "\nA new sentence.\n\nAnd another.\n"), encoding="utf-8")
    assert main(["extract", "--project", str(root)]) == 0
    capsys.readouterr()
    full_disk.arm(3)  # inside the new release folder
    assert main(["release", "--project", str(root), "--name", "r", "--allow-draft"]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("output/releases/r: File error: No space left on device: every file is whole")
    assert snapshot(folder) == previous
    assert sorted(p.name for p in folder.parent.iterdir()) == ["r"]


# --- the real thing, in a private mount namespace -----------------------------------------------

INSIDE = r"""
import json, os, shutil, subprocess, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from helpers import snapshot
mount, project, repo = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
report = {}
def run(*args, user=None):
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if user else []
    done = subprocess.run([*prefix, sys.executable, "-m", "toolkit", *args, "--project", str(mount / "p")],
                          capture_output=True, text=True, cwd=repo, env={**os.environ, "PYTHONPATH": repo})
    return {"code": done.returncode, "stderr": done.stderr}
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s" % sys.argv[4], "tmpfs", str(mount)], check=True)
shutil.copytree(project, mount / "p")
before = snapshot(mount / "p")
filler = mount / "filler"
fd = os.open(filler, os.O_WRONLY | os.O_CREAT)  # fill the disk to the last block
try:
    while True:
        os.write(fd, b"x" * 4096)
except OSError:
    pass
os.close(fd)
report["full"] = run("extract")
report["full_after"] = {k: v.decode("utf-8", "replace") for k, v in snapshot(mount / "p").items()}
os.truncate(filler, max(0, filler.stat().st_size - 96 * 1024))  # room for part of a release
report["release_full"] = run("release", "--allow-draft", "--name", "r")
releases = mount / "p" / "output" / "releases"
report["release_left"] = sorted(os.listdir(releases)) if releases.exists() else []
filler.unlink()
subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
report["readonly"] = run("extract")
subprocess.run(["mount", "-o", "remount,rw", str(mount)], check=True)
os.chmod(mount, 0o755)
for p in (mount / "p").rglob("*"):
    os.chmod(p, 0o755 if p.is_dir() else 0o644)
report["denied"] = run("extract", user="nobody")
report["before"] = {k: v.decode("utf-8", "replace") for k, v in before.items()}
print(json.dumps(report))
"""


def in_namespace(tmp_path: Path, project: Path, size: str) -> dict[str, object]:
    """Run INSIDE as root of a private mount namespace; skip where the system allows none."""
    if shutil.which("unshare") is None or shutil.which("setpriv") is None:
        pytest.skip("unshare and setpriv (util-linux) are needed to mount a private tmpfs")
    mount = Path(tempfile.mkdtemp(prefix="stk-tmpfs-"))
    os.chmod(mount, 0o755)
    script = tmp_path / "inside.py"
    script.write_text(INSIDE, encoding="utf-8")
    as_root = [] if os.geteuid() == 0 else ["--map-root-user"]
    try:
        done = subprocess.run(
            ["unshare", "--mount", *as_root, sys.executable, str(script), str(mount), str(project), str(REPO / "tests"), size],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=600,
        )
    finally:
        mount.rmdir()
    if done.returncode != 0 and ("Operation not permitted" in done.stderr or "unshare failed" in done.stderr):
        pytest.skip(f"no private mount namespace here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_a_full_tmpfs_a_read_only_one_and_a_folder_one_may_not_write(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p", statements=6)
    shutil.rmtree(project / "output", ignore_errors=True)
    report = in_namespace(tmp_path, project, "2m")
    messages = {
        "full": "File error: No space left on device: every file is whole",
        "readonly": "File error: Read-only file system: every file is whole",
        "denied": "File error: Permission denied: every file is whole",
    }
    for case, words in messages.items():
        outcome = report[case]
        assert isinstance(outcome, dict)
        lines = outcome["stderr"].strip().splitlines()
        assert (outcome["code"], len(lines)) == (2, 1), (case, outcome["stderr"])
        assert words in lines[0] and lines[0].startswith("locales/"), (case, lines[0])
    release = report["release_full"]
    assert isinstance(release, dict)
    assert release["code"] == 2 and release["stderr"].startswith("output/releases/r: File error: No space left on device")
    assert report["release_left"] == []  # no partial release folder, no .r.new-* either
    before, after = report["before"], report["full_after"]
    assert isinstance(before, dict) and isinstance(after, dict)
    for rel, text in after.items():
        assert not rel.endswith(".tmp"), rel
        if rel.endswith(".po") and text != before.get(rel):
            pofile.parse(text, rel)  # a new file is complete


def test_only_errors_of_the_environment_become_one_line() -> None:
    """A missing file the toolkit expected, a bad file descriptor: bugs, which keep their traceback."""
    assert FileError.from_os_error(OSError(errno.ENOENT, "No such file or directory", "x.po")) is None
    assert FileError.from_os_error(OSError(errno.EBADF, "Bad file descriptor")) is None
    error = FileError.from_os_error(OSError(errno.EDQUOT, "Disk quota exceeded", "/p/locales/fr/x.po"), Path("/p"))
    assert str(error) == (
        "locales/fr/x.po: File error: Disk quota exceeded: every file is whole (as it was, or complete); "
        "free some space (a disk quota is full), then run the command again"
    )
