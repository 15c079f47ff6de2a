"""Headless Chromium driven over the DevTools protocol, through a pipe (no port, no websocket library).

``chromium --remote-debugging-pipe`` reads protocol messages on file
descriptor 3 and writes its answers on 4, each a JSON object ended by a NUL
byte. This module gives a page (one tab) with the few commands the browser
tests need: open a file, evaluate JavaScript, and ask which fonts rendered a
node (``CSS.getPlatformFontsForNode``: the fonts really used, per glyph count).
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
]


class CdpError(RuntimeError):
    pass


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


class Browser:
    """One Chromium process; :meth:`page` opens a tab in it."""

    def __init__(self, executable: str, profile: Path, timeout: float = 60) -> None:
        commands_read, commands_write = os.pipe()
        answers_read, answers_write = os.pipe()

        def wire() -> None:  # in the child, before exec: the pipes become fds 3 and 4
            os.dup2(commands_read, 3)
            os.dup2(answers_write, 4)
            for fd in (3, 4):  # dup2 onto itself (a pipe that already was fd 3) keeps close-on-exec
                os.set_inheritable(fd, True)

        self.process = subprocess.Popen(
            [executable, *FLAGS, "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"],
            preexec_fn=wire,  # the tests start no processes from other threads meanwhile
            close_fds=False,  # Python's own descriptors are not inheritable anyway (PEP 446)
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_read)
        os.close(answers_write)
        self.write_fd = commands_write
        self.read_fd = answers_read
        self.timeout = timeout
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        self.target: str | None = None

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise CdpError(f"{method}: {reply['error'].get('message')}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        """The next event ``method`` of ``session`` (one already received counts)."""
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self.events.pop(i)
            self.events.append(self._receive())

    def _receive(self) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.read_fd], [], [], max(0.0, left))
            if not ready:
                raise CdpError(f"Chromium did not answer within {self.timeout} s")
            chunk = os.read(self.read_fd, 1 << 16)
            if not chunk:
                raise CdpError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def page(self, width: int = 1000, height: int = 1400) -> Page:
        """A new tab in front; the previous one is closed (a background tab is not laid out on time)."""
        if self.target is not None:
            self.send("Target.closeTarget", {"targetId": self.target})
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.target = target
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "DOM", "CSS", "Runtime"):
            self.send(f"{domain}.enable", session=session)
        self.send("Page.bringToFront", session=session)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        return Page(self, session)

    def close(self) -> None:
        with contextlib.suppress(CdpError, OSError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.write_fd)
        os.close(self.read_fd)


class Page:
    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def open(self, path: Path) -> None:
        """Load a file and wait until it and its fonts are ready."""
        self.send("Page.navigate", {"url": path.resolve().as_uri()})
        self.browser.wait_for("Page.loadEventFired", self.session)
        self.evaluate("document.fonts.ready.then(() => true)")

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            detail = result["exceptionDetails"]
            raise CdpError(f"JavaScript: {detail.get('exception', {}).get('description') or detail.get('text')}")
        return result["result"].get("value")

    def fonts(self, selector: str) -> list[dict[str, list[str]]]:
        """For each element matching ``selector``: the platform fonts that drew its text (family names)."""
        root = self.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        nodes = self.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]
        out = []
        for node in nodes:
            used = self.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            out.append({"families": sorted({f["familyName"] for f in used if f.get("glyphCount", 0) > 0})})
        return out


@contextmanager
def browser() -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        raise CdpError("Chromium is not installed (Debian: chromium)")
    with tempfile.TemporaryDirectory(prefix="stk-cdp-") as profile:
        instance = Browser(executable, Path(profile))
        try:
            yield instance
        finally:
            instance.close()
