"""The HTTP pool against real local HTTP servers that answer as a busy shared server would (429, 5xx, 4xx, silence)."""

from __future__ import annotations

import http.server
import json
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from libretranslate_fixture import free_port

from toolkit.drafting.engines.httppool import Pool, Refused, Retry, Throttled, Unavailable, parse_endpoint

FAST = Retry(attempts=3, slowdowns=3, first_delay=0.01, longest_delay=0.05)

# What one request gets: (status, headers, body); None lets the default (echo) answer.
Script = Callable[[int, dict[str, Any]], "tuple[int, dict[str, str], Any] | None"]


@dataclass
class Seen:
    """What a test server received."""

    requests: list[tuple[float, str, dict[str, Any]]] = field(default_factory=list)
    connections: set[tuple[str, int]] = field(default_factory=set)
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class Scripted:
    url: str
    seen: Seen


@pytest.fixture
def serve() -> Iterator[Callable[..., Scripted]]:
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(script: Script | None = None, delay: Callable[[], float] = lambda: 0.0) -> Scripted:
        seen = Seen()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as waitress and real servers do

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _answer(self, status: int, headers: dict[str, str], body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                for key, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._answer(200, {}, {"path": self.path})

            def do_POST(self) -> None:
                payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with seen.lock:
                    seen.requests.append((time.monotonic(), self.path, payload))
                    seen.connections.add(self.client_address)
                    number = len(seen.requests)
                    seen.in_flight += 1
                    seen.most_in_flight = max(seen.most_in_flight, seen.in_flight)
                try:
                    time.sleep(delay())
                    scripted = script(number, payload) if script else None
                    if scripted is None:
                        self._answer(200, {}, {"echo": payload["q"]})
                    else:
                        self._answer(*scripted)
                finally:
                    with seen.lock:
                        seen.in_flight -= 1

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return Scripted(f"http://127.0.0.1:{server.server_address[1]}", seen)

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_answers_come_back_in_request_order_with_bounded_concurrency(serve: Callable[..., Scripted]) -> None:
    rng = random.Random(7)
    one = serve(delay=lambda: rng.uniform(0, 0.03))
    two = serve(delay=lambda: rng.uniform(0, 0.03))
    pool = Pool([one.url, two.url], per_server=3, retry=FAST)
    payloads = [{"q": [f"sentence {i}"]} for i in range(40)]
    answers = pool.map("/translate", payloads)
    assert [a["echo"] for a in answers] == [p["q"] for p in payloads]
    for server in (one, two):
        assert 1 <= server.seen.most_in_flight <= 3
        assert len(server.seen.requests) >= 5  # both servers took a share
    assert len(one.seen.requests) + len(two.seen.requests) == 40
    assert len(one.seen.connections) <= 3  # each worker kept its connection open


def test_a_429_pauses_the_server_as_long_as_retry_after_says_then_retries(serve: Callable[..., Scripted]) -> None:
    def script(number: int, payload: dict[str, Any]) -> tuple[int, dict[str, str], Any] | None:
        return (429, {"Retry-After": "0.3"}, {"error": "Slowdown: 3 per 1 minute"}) if number <= 2 else None

    server = serve(script)
    pool = Pool([server.url], per_server=1, retry=FAST)
    assert pool.post(parse_endpoint(server.url), "/translate", {"q": ["a"]}) == {"echo": ["a"]}
    times = [t for t, _, _ in server.seen.requests]
    assert len(times) == 3
    assert times[1] - times[0] >= 0.3 and times[2] - times[1] >= 0.3


def test_a_server_that_keeps_answering_429_is_given_up_with_its_message(serve: Callable[..., Scripted]) -> None:
    server = serve(lambda n, p: (429, {}, {"error": "Slowdown: 3 per 1 minute"}))
    pool = Pool([server.url], per_server=2, retry=FAST)
    with pytest.raises(Throttled) as caught:
        pool.map("/translate", [{"q": ["a"]}, {"q": ["b"]}])
    assert "still answering 429 after 3 retries (Slowdown: 3 per 1 minute)" in str(caught.value)


def test_5xx_and_dropped_answers_are_retried_4xx_are_not(serve: Callable[..., Scripted]) -> None:
    flaky = serve(lambda n, p: (503, {}, {"error": "busy"}) if n == 1 else None)
    pool = Pool([flaky.url], per_server=1, retry=FAST)
    assert pool.map("/translate", [{"q": ["a"]}]) == [{"echo": ["a"]}]
    assert len(flaky.seen.requests) == 2

    refusing = serve(lambda n, p: (400, {}, {"error": "xx is not supported"}))
    pool = Pool([refusing.url], per_server=2, retry=FAST)
    with pytest.raises(Refused) as caught:
        pool.map("/translate", [{"q": [str(i)]} for i in range(20)])
    assert caught.value.status == 400 and caught.value.message == "xx is not supported"
    assert len(refusing.seen.requests) <= 2  # every worker stopped after its request: no retry, no more sending


def test_a_dead_server_of_a_pool_is_left_and_the_others_finish(serve: Callable[..., Scripted]) -> None:
    live = serve()
    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    pool = Pool([dead, live.url], per_server=2, retry=FAST)
    payloads = [{"q": [str(i)]} for i in range(10)]
    assert [a["echo"] for a in pool.map("/translate", payloads)] == [p["q"] for p in payloads]
    assert [e.url for e in pool.alive] == [live.url]


def test_no_server_left_is_one_error_that_never_shows_credentials(serve: Callable[..., Scripted]) -> None:
    port = free_port()
    pool = Pool([f"http://user:s3cret@127.0.0.1:{port}/lt?api_key=k3y"], per_server=2, retry=FAST)
    with pytest.raises(Unavailable) as caught:
        pool.map("/translate", [{"q": ["a"], "api_key": "k3y"}])
    message = str(caught.value)
    assert message == f"127.0.0.1:{port}: connection refused (is the server running?), 3 attempts"
    assert "s3cret" not in message and "k3y" not in message


def test_an_answer_that_does_not_come_is_a_timeout_retried_then_reported(serve: Callable[..., Scripted]) -> None:
    slow = serve(delay=lambda: 1.0)
    pool = Pool([slow.url], per_server=1, timeout=0.2, retry=Retry(attempts=2, first_delay=0.01))
    with pytest.raises(Unavailable, match=r"no answer within 0.2 s, 2 attempts"):
        pool.post(parse_endpoint(slow.url), "/translate", {"q": ["a"]})
    assert len(slow.seen.requests) == 2


def test_backoff_doubles_with_jitter_and_is_capped() -> None:
    retry = Retry(first_delay=0.5, longest_delay=30)
    rng = random.Random(1)
    delays = [retry.delay(n, rng) for n in range(10)]
    for n, value in enumerate(delays):
        nominal = min(30, 0.5 * 2**n)
        assert nominal / 2 <= value <= nominal
    assert sum(min(30, 0.5 * 2**n) / 2 for n in range(Retry().slowdowns)) >= 60  # outlasts a per-minute limit
