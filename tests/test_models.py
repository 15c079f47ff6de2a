"""`stk models`: archives checked before argostranslate sees them, installs, listing, and --online."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from argos_fixture import argos_env, tiny_packages  # noqa: F401 - fixtures
from helpers import run_stk

from toolkit.drafting import packages
from toolkit.errors import ModelPackageError

METADATA = json.dumps({"package_version": "1.0", "from_code": "en", "to_code": "fr", "type": "translate"}).encode()


def make_zip(path: Path, members: dict[str, bytes], links: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


def good_members(top: str = "translate-en_fr") -> dict[str, bytes]:
    return {f"{top}/metadata.json": METADATA, f"{top}/model/model.bin": b"x", f"{top}/sentencepiece.model": b"y"}


@pytest.mark.parametrize(
    ("members", "links", "reason"),
    [
        ({"/etc/evil": b"x", **good_members()}, (), "absolute path"),
        ({"translate-en_fr/../../evil.txt": b"x", **good_members()}, (), "leaves the package folder"),
        ({"translate-en_fr\\..\\evil.txt": b"x", **good_members()}, (), "absolute path"),
        ({**good_members(), **good_members("other")}, (), "2 top-level folders"),
        ({"metadata.json": METADATA, **good_members()}, (), "outside a package folder"),
        ({"translate-en_fr/model/model.bin": b"x", "translate-en_fr/sentencepiece.model": b"y"}, (), "metadata.json is missing"),
        ({"translate-en_fr/metadata.json": METADATA, "translate-en_fr/sentencepiece.model": b"y"}, (), "model.bin is missing"),
        ({"translate-en_fr/metadata.json": METADATA, "translate-en_fr/model/model.bin": b"x"}, (), "no sentencepiece.model"),
        ({**good_members(), "translate-en_fr/metadata.json": b"{not json"}, (), "not valid JSON"),
        ({**good_members(), "translate-en_fr/metadata.json": b'{"from_code": "en"}'}, (), "no to_code"),
        ({**good_members(), "translate-en_fr/metadata.json": b'{"type": "sbd", "from_code": "en"}'}, (), "not a translation"),
        (good_members("bad name!"), (), "top-level folder name"),
        (good_members(), ("translate-en_fr/model/link",), "symbolic link"),
    ],
)
def test_malicious_or_broken_archives_are_refused(
    tmp_path: Path, members: dict[str, bytes], links: tuple[str, ...], reason: str
) -> None:
    archive = make_zip(tmp_path / "evil.argosmodel", members, links)
    with pytest.raises(ModelPackageError) as caught:
        packages.validate_archive(archive, "evil.argosmodel")
    assert reason in caught.value.message
    assert str(caught.value).startswith("evil.argosmodel: Model package error: refused: ")


def test_not_a_zip_a_corrupt_member_and_size_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = tmp_path / "model.argosmodel"
    text.write_text("hello")
    with pytest.raises(ModelPackageError, match="not a zip archive"):
        packages.validate_archive(text, "model.argosmodel")
    archive = make_zip(tmp_path / "ok.argosmodel", {**good_members(), "translate-en_fr/model/model.bin": b"A" * 5000})
    assert packages.validate_archive(archive, "ok.argosmodel").folder == "translate-en_fr"
    damaged = bytearray(archive.read_bytes())
    offset = damaged.index(b"A" * 100)
    damaged[offset : offset + 4] = b"BBBB"
    (tmp_path / "crc.argosmodel").write_bytes(bytes(damaged))
    with pytest.raises(ModelPackageError, match="corrupt"):
        packages.validate_archive(tmp_path / "crc.argosmodel", "crc.argosmodel")
    monkeypatch.setattr(packages, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(ModelPackageError, match="unpacks to more than"):
        packages.validate_archive(archive, "ok.argosmodel")


@pytest.mark.slow
def test_install_list_replace_and_refuse_through_the_command_line(tmp_path: Path, tiny_packages: dict[str, Path]) -> None:  # noqa: F811
    home = tmp_path / "argos"
    log = tmp_path / "net.log"
    env = argos_env(home, log)
    run = run_stk("models", "list", env=env)
    assert run.returncode == 0 and "no models installed" in run.stderr

    # One bad file among good ones: nothing is installed, nothing lands outside the packages folder.
    evil = make_zip(tmp_path / "evil.argosmodel", {"translate-en_fr/../../evil.txt": b"x", **good_members()})
    run = run_stk("models", "install", str(tiny_packages["copy-fr"]), str(evil), env=env)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        f"{evil}: Model package error: refused: path 'translate-en_fr/../../evil.txt' leaves the package folder"
    ]
    assert list((home / "packages").iterdir()) == [] and not (tmp_path / "evil.txt").exists()

    run = run_stk("models", "install", str(tiny_packages["copy-fr"]), env=env)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "installed translate-en_fr 1.0: en→fr"
    run = run_stk("models", "install", str(tiny_packages["random-fr"]), env=env)
    assert run.stdout.strip() == "installed translate-en_fr 0.1: en→fr (replaces translate-en_fr 1.0)"
    listing = json.loads(run_stk("models", "list", "--json", env=env).stdout)
    assert [(m["package"], m["source"], m["target"], m["version"], m["problem"]) for m in listing["models"]] == [
        ("translate-en_fr", "en", "fr", "0.1", "")
    ]
    assert listing["models"][0]["size"] > 100_000 and listing["folder"] == str(home / "packages")
    assert not log.exists()  # installing and listing never touched the network

    # A package whose model went missing is listed as broken, and translating with it says so.
    (home / "packages" / "translate-en_fr-random" / "model" / "model.bin").unlink()
    run = run_stk("models", "list", env=env)
    assert "model/model.bin is missing" in run.stdout


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def package_index(tmp_path: Path, tiny_packages: dict[str, Path]) -> Iterator[str]:  # noqa: F811
    """A local stand-in for argostranslate's package index, serving the tiny en->es package."""
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(tiny_packages["copy-es"], site / "translate-en_es.argosmodel")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: _Quiet(*a, directory=str(site)))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    entry = {"package_version": "1.0", "argos_version": "1.9", "from_code": "en", "to_code": "es", "from_name": "English"}
    index = [{**entry, "to_name": "Spanish", "type": "translate", "links": [url + "translate-en_es.argosmodel"]}]
    (site / "index.json").write_text(json.dumps(index))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()


@pytest.mark.slow
def test_online_install_uses_the_package_index(tmp_path: Path, package_index: str) -> None:
    env = {**argos_env(tmp_path / "argos"), "ARGOS_PACKAGE_INDEX": package_index}
    run = run_stk("models", "install", "--online", "es", env=env)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "installed translate-en_es 1.0: en→es"
    run = run_stk("models", "install", "--online", "ar", env=env)
    assert run.returncode == 2 and "the Argos package index has no en→ar model" in run.stderr


def test_online_install_without_internet_fails_fast_with_one_line(tmp_path: Path) -> None:
    env = {**argos_env(tmp_path / "argos"), "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/"}  # nothing listens on port 9
    started = time.monotonic()
    run = run_stk("models", "install", "--online", "fr", env=env)
    assert time.monotonic() - started < 30
    assert run.returncode == 2
    (line,) = run.stderr.strip().splitlines()
    assert "cannot reach the Argos package index at http://127.0.0.1:9/index.json" in line
    assert "stk models install FILE.argosmodel" in line


def test_the_network_audit_itself_sees_a_connection(tmp_path: Path) -> None:
    """The no-network assertions elsewhere mean something only if the hook records what it should."""
    log = tmp_path / "net.log"
    env = {**os.environ, **argos_env(tmp_path / "argos", log)}
    code = "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\nexcept OSError:\n    pass"
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert "socket.connect" in log.read_text()


def test_a_damaged_zip_structure_is_one_refusal(tmp_path: Path) -> None:
    # The end of the archive is intact (so it still looks like a zip), the inside is not:
    # zipfile raises BadZipFile or NotImplementedError, which must become one refusal line.
    archive = make_zip(tmp_path / "ok.argosmodel", good_members())
    data = archive.read_bytes()
    header = data.index(b"PK\x03\x04")
    (tmp_path / "magic.argosmodel").write_bytes(data[:header] + b"XX" + data[header + 2 :])
    with pytest.raises(ModelPackageError) as caught:
        packages.validate_archive(tmp_path / "magic.argosmodel", "magic.argosmodel")
    assert str(caught.value).startswith("magic.argosmodel: Model package error: refused: damaged zip archive (")
    # compression method 99 (AES) in the central directory entry of every member
    central = bytearray(data)
    at = central.index(b"PK\x01\x02")
    while at != -1:
        central[at + 10 : at + 12] = (99).to_bytes(2, "little")
        at = central.find(b"PK\x01\x02", at + 4)
    (tmp_path / "method.argosmodel").write_bytes(bytes(central))
    with pytest.raises(ModelPackageError, match="refused: damaged zip archive"):
        packages.validate_archive(tmp_path / "method.argosmodel", "method.argosmodel")
