"""A real LibreTranslate server for the tests: its own virtual environment, the tests' own models, offline.

LibreTranslate (1.9.6, from tests/libretranslate-requirements.txt) lives in
``.venv-lt/`` (``make .venv-lt/.installed``; ``make test`` does it) because it
pins libraries the toolkit must not share. Each server is a separate process
on 127.0.0.1, started as the issue measured it:

- HOME, XDG folders, TMPDIR and ARGOS_PACKAGES_DIR under a temporary root;
  the tiny copy models en->fr and en->ar of tests/argos_fixture.py installed
  there with LibreTranslate's own argostranslate (two packages: with fewer,
  start-up tries to download the package index);
- a rule-based MiniSBD splitter built by tests/minisbd_splitter.py at
  ``$XDG_DATA_HOME/argos-translate/minisbd/en.onnx``, so that the first
  request downloads nothing;
- ``ORT_DISABLE_TELEMETRY=1`` (onnxruntime looks up a telemetry host at
  import otherwise), ``ARGOS_INTRA_THREADS=1`` (the default was 7-10 times
  slower on a 2-core machine), ``--disable-web-ui --disable-files-translation``;
- its output to a file, never a pipe (it logs about 1.5 KB per translation
  and blocks when a pipe fills); an audit hook records every network use, so
  a test can prove that its Python code only ever used 127.0.0.1;
- ready when ``GET /languages`` answers 200; stopped by its PID.

The models, the splitter and the first server are built once per test
session (a server starts in about a second; the environment takes about 40
seconds to install, once).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pytest
from argos_fixture import NET_HOOK, _built
from helpers import skip_or_fail

REPO = Path(__file__).resolve().parent.parent
LT_VENV = Path(os.environ.get("STK_LT_VENV", REPO / ".venv-lt"))
LT_BIN = LT_VENV / "bin"
PAIRS = ("fr", "ar")
"""Targets the servers offer: es is missing on purpose (the unknown-pair tests)."""
START_TIMEOUT = 120.0


def require_libretranslate() -> Path:
    if not (LT_BIN / "libretranslate").exists():
        skip_or_fail(f"LibreTranslate's test environment {LT_VENV} is missing (make .venv-lt/.installed)")
    return LT_BIN


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Home:
    """What every server of a session shares: packages, the splitter, the audit hook."""

    root: Path

    @property
    def packages(self) -> Path:
        return self.root / "packages"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def nethook(self) -> Path:
        return self.root / "nethook"


def build_home(root: Path, archives: dict[str, Path], pairs: tuple[str, ...] = PAIRS) -> Home:
    """Install the copy models en->``pairs`` and the splitter with the LibreTranslate environment's Python (once)."""
    home = Home(root)
    done = root / "ready.json"
    if done.exists():
        return home
    bin_dir = require_libretranslate()
    env = server_env(home, root / "setup")
    splitter = home.data / "argos-translate" / "minisbd" / "en.onnx"
    run = subprocess.run(
        [str(bin_dir / "python"), str(REPO / "tests" / "minisbd_splitter.py"), str(splitter)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    install = "import sys\nfrom argostranslate import package\nfor path in sys.argv[1:]:\n    package.install_from_path(path)\n"
    files = [str(archives[f"copy-{lang}"]) for lang in pairs]
    run = subprocess.run([str(bin_dir / "python"), "-c", install, *files], env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    home.nethook.mkdir(parents=True, exist_ok=True)
    (home.nethook / "sitecustomize.py").write_text(NET_HOOK, encoding="utf-8")
    done.write_text(json.dumps({"splitter": str(splitter), "packages": files}))
    return home


def server_env(home: Home, own: Path, net_log: Path | None = None) -> dict[str, str]:
    """A clean environment: nothing of the test runner's, every folder under ``own`` or ``home``."""
    folders = {"HOME": own / "home", "XDG_CONFIG_HOME": own / "config", "XDG_CACHE_HOME": own / "cache", "TMPDIR": own / "tmp"}
    for folder in (*folders.values(), home.data, home.packages):
        folder.mkdir(parents=True, exist_ok=True)
    env = {key: str(value) for key, value in folders.items()}
    env.update(
        PATH=os.environ.get("PATH", "/usr/bin:/bin"),
        LANG="C.UTF-8",
        XDG_DATA_HOME=str(home.data),
        ARGOS_PACKAGES_DIR=str(home.packages),
        ARGOS_DEVICE_TYPE="cpu",
        ARGOS_INTRA_THREADS="1",
        ORT_DISABLE_TELEMETRY="1",
        PYTHONUNBUFFERED="1",
    )
    if net_log is not None:
        env.update(PYTHONPATH=str(home.nethook), STK_TEST_NET_LOG=str(net_log))
    return env


@dataclass
class Server:
    """One LibreTranslate process; ``log`` holds everything it printed."""

    home: Home
    folder: Path
    port: int
    args: tuple[str, ...] = ()
    process: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    """Seconds from launch to the first ``GET /languages`` = 200."""
    env: dict[str, str] = field(default_factory=dict)
    extra_env: dict[str, str] = field(default_factory=dict)
    """More environment for the server (``ARGOS_INTER_THREADS``...)."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def shown(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    @property
    def net_log(self) -> Path:
        return self.folder / "net.log"

    def start(self) -> Server:
        bin_dir = require_libretranslate()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.env = {**server_env(self.home, self.folder, self.net_log), **self.extra_env}
        command = [str(bin_dir / "libretranslate"), "--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--disable-web-ui", "--disable-files-translation", *self.args]
        began = time.monotonic()
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                command, cwd=self.folder, env=self.env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        while time.monotonic() - began < START_TIMEOUT:
            if self.process.poll() is not None:
                raise AssertionError(f"LibreTranslate exited with {self.process.returncode}:\n{self.log_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/languages", timeout=2) as response:
                    if response.status == 200:
                        self.started = time.monotonic() - began
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError(f"LibreTranslate did not answer within {START_TIMEOUT:.0f} s:\n{self.log_text()[-3000:]}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.kill(self.process.pid, sig)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def translations(self) -> int:
        """Texts this server translated so far (argostranslate logs one line per text)."""
        return self.log_text().count("'apply_packaged_translation'")

    def network_uses(self) -> list[str]:
        """What the audit hook saw this server do on the network that was not about 127.0.0.1."""
        if not self.net_log.exists():
            return []
        lines = self.net_log.read_text(encoding="utf-8").splitlines()
        return [line for line in lines if "127.0.0.1" not in line]


@pytest.fixture(scope="session")
def lt_home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    base = tmp_path_factory.getbasetemp()
    return build_home(base / "libretranslate", _built(base))


@pytest.fixture(scope="session")
def lt_server(lt_home: Home) -> Iterator[Server]:
    """The session's server: read-only use (no limits, no keys)."""
    server = Server(lt_home, lt_home.root / "server-main", free_port()).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def lt_second(lt_home: Home) -> Iterator[Server]:
    """A second plain server, for pools."""
    server = Server(lt_home, lt_home.root / "server-second", free_port()).start()
    yield server
    server.stop()


@pytest.fixture
def lt_start(lt_home: Home, tmp_path: Path) -> Iterator[StartServer]:
    """Start servers with their own flags for one test (rate limits, API keys...); all stopped after it."""
    started: list[Server] = []

    def start(*args: str, port: int | None = None, name: str = "server") -> Server:
        server = Server(lt_home, tmp_path / f"{name}-{len(started)}", port or free_port(), tuple(args)).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


class StartServer(Protocol):
    def __call__(self, *args: str, port: int | None = None, name: str = "server") -> Server: ...


def ltmanage(server: Server, *args: str) -> str:
    """Run LibreTranslate's key management tool against ``server``'s database."""
    run = subprocess.run(
        [str(LT_BIN / "ltmanage"), *args], cwd=server.folder, env=server.env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout.strip()


__all__ = ["Home", "Server", "free_port", "lt_home", "lt_second", "lt_server", "lt_start", "ltmanage", "require_libretranslate"]
