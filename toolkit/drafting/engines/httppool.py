"""JSON over HTTP to one or several servers: bounded concurrency, keep-alive, back-off, failover.

Only the standard library: :mod:`http.client` keeps one connection per worker
open between requests (a TLS handshake per request would cost a remote server
more than a short translation), and plain threads wait on the network, which
releases the GIL. :meth:`Pool.map` sends many requests at once, at most
``per_server`` in flight to each server; a server that is faster takes more
of them, and each answer lands at its request's index, so the order of the
results never depends on timing.

What a shared server answers decides what happens:

- **429** (rate limit): the server is paused for every worker -- the delay its
  ``Retry-After`` asks for, else an exponential back-off with jitter -- and
  the request is sent again, up to ``Retry.slowdowns`` times in a row;
- **timeouts, refused or dropped connections, 500/502/503/504**: retried on
  the same server up to ``Retry.attempts`` times with back-off; then the
  server is out for the rest of the run and its requests go to the others;
  when none is left, :class:`Unavailable`;
- **any other 4xx** (bad key, unsupported language, text limit): nothing is
  retried, every worker stops after its current request, :class:`Refused`.

Error messages name a server by host and port only: a URL may carry
credentials or a key in its query string, and errors end up in terminals and CI logs.
"""

from __future__ import annotations

import http.client
import json
import logging
import random
import socket
import ssl
import threading
import time
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...endpoints import Endpoint, parse_endpoint

log = logging.getLogger(__name__)

TRANSIENT_STATUS = frozenset({500, 502, 503, 504})
USER_AGENT = "statement-toolkit"


class PoolError(Exception):
    """A request that could not be completed; ``server`` is the endpoint's :attr:`Endpoint.shown`."""

    def __init__(self, server: str, message: str) -> None:
        super().__init__(f"{server}: {message}")
        self.server = server
        self.message = message


class Refused(PoolError):
    """The server answered a 4xx other than 429: retrying cannot help."""

    def __init__(self, server: str, status: int, message: str) -> None:
        super().__init__(server, message)
        self.status = status


class Throttled(PoolError):
    """The server kept answering 429 after every back-off."""


class Unavailable(PoolError):
    """No answer (timeouts, connection errors, 5xx) after every retry, and no other server to ask."""


class _Stopped(Exception):
    """Raised in a worker when another one failed: its request goes unsent."""


@dataclass(frozen=True)
class Retry:
    """How many times, and how long to wait, before giving up."""

    attempts: int = 4
    """Tries of one request on one server when it times out, drops the connection or answers 5xx."""
    slowdowns: int = 10
    """429 answers to one request in a row before giving up (with the delays below: a minute at least,
    which outlasts a per-minute limit)."""
    first_delay: float = 0.5
    longest_delay: float = 30.0

    def delay(self, retry: int, rng: random.Random) -> float:
        """Seconds before retry number ``retry`` (0-based): doubling, capped, with 'equal jitter'.

        Half the delay is fixed, so that waits add up to at least half the nominal back-off;
        the other half is random, so that workers and other clients do not come back together.
        """
        nominal = min(self.longest_delay, self.first_delay * 2**retry)
        return float(nominal / 2 + rng.uniform(0, nominal / 2))


class _Connection:
    """One keep-alive connection to one endpoint, used by one thread at a time."""

    def __init__(self, endpoint: Endpoint, timeout: float) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self._conn: http.client.HTTPConnection | None = None
        self._proxied = False

    def _open(self) -> http.client.HTTPConnection:
        e = self.endpoint
        proxy = _proxy_for(e)
        if proxy is None:
            target_host, target_port = e.host, e.port
        else:
            target_host, target_port = proxy
        conn: http.client.HTTPConnection
        if e.scheme == "https":
            conn = http.client.HTTPSConnection(
                target_host, target_port, timeout=self.timeout, context=ssl.create_default_context()
            )
            if proxy is not None:
                conn.set_tunnel(e.host, e.port)
        else:
            conn = http.client.HTTPConnection(target_host, target_port, timeout=self.timeout)
        self._proxied = proxy is not None and e.scheme == "http"
        return conn

    def request(self, method: str, path: str, body: bytes | None, headers: Mapping[str, str]) -> tuple[int, str, bytes]:
        """Status, Retry-After header and body. A reused connection the server closed meanwhile is reopened once."""
        e = self.endpoint
        for fresh in (self._conn is None, True):
            if self._conn is None:
                self._conn = self._open()
            target = f"{e.scheme}://{e.host}:{e.port}{e.path}{path}" if self._proxied else f"{e.path}{path}"
            try:
                self._conn.request(method, target, body=body, headers=dict(headers))
                response = self._conn.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if fresh:
                    raise
                continue  # the server closed an idle keep-alive connection: normal, try a new one
            except BaseException:
                self.close()
                raise
            if response.will_close:
                self.close()
            return response.status, response.getheader("Retry-After") or "", data
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _proxy_for(endpoint: Endpoint) -> tuple[str, int] | None:
    """The proxy the environment names for ``endpoint`` (``https_proxy``, ``no_proxy``...), as urllib would use it;
    never for this machine itself (a server on 127.0.0.1 is not behind the office proxy)."""
    if endpoint.host in ("localhost", "::1") or endpoint.host.startswith("127.") or urllib.request.proxy_bypass(endpoint.host):
        return None
    proxy = urllib.request.getproxies().get(endpoint.scheme)
    if not proxy:
        return None
    parts = urllib.parse.urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    if not parts.hostname:
        return None
    return parts.hostname, parts.port or 80


@dataclass
class _Server:
    endpoint: Endpoint
    lock: threading.Lock = field(default_factory=threading.Lock)
    idle: list[_Connection] = field(default_factory=list)
    paused_until: float = 0.0
    down: Unavailable | None = None

    def pause(self, seconds: float) -> None:
        with self.lock:
            self.paused_until = max(self.paused_until, time.monotonic() + seconds)

    def connection(self, timeout: float) -> _Connection:
        with self.lock:
            if self.idle:
                return self.idle.pop()
        return _Connection(self.endpoint, timeout)

    def give_back(self, connection: _Connection) -> None:
        with self.lock:
            self.idle.append(connection)


class Pool:
    """Servers that answer the same JSON API; see the module docstring for what is retried."""

    def __init__(
        self,
        urls: list[str],
        per_server: int = 2,
        timeout: float = 120.0,
        retry: Retry | None = None,
        headers: Mapping[str, str] | None = None,
        seed: int | None = None,
    ) -> None:
        self.servers = [_Server(parse_endpoint(url)) for url in urls]
        self.per_server = max(1, per_server)
        self.timeout = timeout
        self.retry = retry or Retry()
        self.headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})}
        self._rng = random.Random(seed)
        self._rng_lock = threading.Lock()
        self._stop = threading.Event()

    @property
    def endpoints(self) -> list[Endpoint]:
        return [s.endpoint for s in self.servers]

    @property
    def alive(self) -> list[Endpoint]:
        """Servers not given up on during this run."""
        return [s.endpoint for s in self.servers if s.down is None]

    def get(self, endpoint: Endpoint, path: str) -> Any:
        """One GET to one server, with the retries of the module docstring."""
        return self._one(self._server(endpoint), "GET", path, None)

    def post(self, endpoint: Endpoint, path: str, payload: Mapping[str, Any]) -> Any:
        """One POST to one server, with the retries of the module docstring."""
        return self._one(self._server(endpoint), "POST", path, payload)

    def map(self, path: str, payloads: list[dict[str, Any]]) -> list[Any]:
        """POST each payload to some live server, ``per_server`` at a time per server; answers in payload order."""
        results: list[Any] = [None] * len(payloads)
        pending = deque(range(len(payloads)))
        lock = threading.Lock()
        failures: list[BaseException] = []
        self._stop.clear()

        def worker(server: _Server) -> None:
            connection = server.connection(self.timeout)
            try:
                while not self._stop.is_set() and server.down is None:
                    with lock:
                        if not pending:
                            return
                        index = pending.popleft()
                    try:
                        results[index] = self._call(server, connection, "POST", path, payloads[index])
                    except _Stopped:
                        return
                    except Unavailable as exc:
                        with lock:
                            pending.appendleft(index)  # another server may answer it
                            if server.down is None:
                                server.down = exc
                                if any(s.down is None for s in self.servers):  # else the caller reports it
                                    log.warning("giving up on %s for this run: %s", server.endpoint.shown, exc.message)
                        return
                    except BaseException as exc:  # Refused, Throttled, or a bug: everyone stops
                        failures.append(exc)
                        self._stop.set()
                        return
            finally:
                server.give_back(connection)

        try:
            while pending and not failures:
                live = [s for s in self.servers if s.down is None]
                if not live:
                    break
                threads = [
                    threading.Thread(target=worker, args=(s,), daemon=True, name=f"pool-{s.endpoint.shown}")
                    for s in live
                    for _ in range(min(self.per_server, len(pending)))
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
        finally:
            self._stop.set()  # Ctrl-C in the main thread: workers stop after their current request
        if failures:
            raise failures[0]
        if pending:
            raise self._last_down()
        return results

    # --- one request, with retries ------------------------------------------------

    def _server(self, endpoint: Endpoint) -> _Server:
        return next(s for s in self.servers if s.endpoint == endpoint)

    def _one(self, server: _Server, method: str, path: str, payload: Mapping[str, Any] | None) -> Any:
        self._stop.clear()
        connection = server.connection(self.timeout)
        try:
            return self._call(server, connection, method, path, payload)
        finally:
            server.give_back(connection)

    def _call(self, server: _Server, connection: _Connection, method: str, path: str, payload: Mapping[str, Any] | None) -> Any:
        body = None if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        shown = server.endpoint.shown
        failed = slowed = 0
        while True:
            self._wait(server.paused_until - time.monotonic())
            if self._stop.is_set():
                raise _Stopped  # another worker failed, or Ctrl-C: no new request
            problem: str
            try:
                status, retry_after, data = connection.request(method, path, body, headers)
            except (OSError, http.client.HTTPException) as exc:
                problem = _network_problem(exc, self.timeout)
            else:
                if status < 300:
                    return _json(shown, status, data)
                message = _error_message(data, status)
                if status == 429:
                    slowed += 1
                    if slowed > self.retry.slowdowns:
                        raise Throttled(shown, f"still answering 429 after {slowed - 1} retries ({message})")
                    wait = _seconds(retry_after)
                    server.pause(wait if wait is not None else self._delay(slowed - 1))
                    continue
                if status not in TRANSIENT_STATUS:
                    raise Refused(shown, status, message)
                problem = f"HTTP {status}: {message}"
            failed += 1
            if failed >= self.retry.attempts or server.down is not None:
                raise Unavailable(shown, f"{problem}, {failed} attempt{'s' if failed > 1 else ''}")
            self._wait(self._delay(failed - 1))

    def _delay(self, retry: int) -> float:
        with self._rng_lock:
            return self.retry.delay(retry, self._rng)

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self._stop.wait(seconds)  # returns at once when the pool is stopping

    def _last_down(self) -> Unavailable:
        down = [s.down for s in self.servers if s.down is not None]
        if len(down) == 1:
            return down[0]
        return Unavailable(", ".join(d.server for d in down), "; ".join(f"{d.server}: {d.message}" for d in down))


def _network_problem(exc: BaseException, timeout: float) -> str:
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} s"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (is the server running?)"
    if isinstance(exc, socket.gaierror):
        return f"unknown host ({exc.strerror or exc})"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error ({exc.reason or exc})"
    if isinstance(exc, (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)):
        return "connection closed by the server"
    return " ".join(str(exc).split()) or type(exc).__name__


def _json(server: str, status: int, data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Refused(server, status, f"answered HTTP {status} with something that is not JSON") from None


def _error_message(data: bytes, status: int) -> str:
    """The ``error`` field of a JSON error body (LibreTranslate's form), else the status alone."""
    try:
        error = json.loads(data.decode("utf-8")).get("error")
    except (UnicodeDecodeError, ValueError, AttributeError):
        error = None
    if isinstance(error, str) and error.strip():
        return " ".join(error.split())[:300]
    return f"HTTP {status}"


def _seconds(retry_after: str) -> float | None:
    """A ``Retry-After`` in seconds (the HTTP-date form is rare for rate limits and ignored), capped at 5 minutes."""
    try:
        return min(300.0, max(0.0, float(retry_after)))
    except ValueError:
        return None


__all__ = ["Endpoint", "Pool", "PoolError", "Refused", "Retry", "Throttled", "Unavailable", "parse_endpoint"]
