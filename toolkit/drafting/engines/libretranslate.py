"""LibreTranslate servers as an engine: the translate step over HTTP, everything else as with argos.

A coalition can run one LibreTranslate server (a GPU box, or a CPU pool) for
every translator instead of a model on each laptop. The pipeline around the
engine is the same (names, memory, glossary, placeholders, dates, fuzzy
marking, drafts record, saving after every batch); only the texts go to
``POST /translate`` with ``q`` as a list and ``format: "text"``.

What the server is asked, and why:

- ``prepare`` (before anything is written): ``GET /languages`` on every server
  (a missing pair is one line), ``GET /frontend/settings`` (the per-text
  character limit), ``GET /spec`` (the version it reports, for provenance),
  then one tiny translation per server and pair, which proves the API key and
  loads the model on the server;
- texts are split into sentences by the toolkit's own splitter (as the argos
  engine does) and each distinct sentence is one item of ``q``: LibreTranslate
  1.9.6 translates the items of a list one by one (no batching across them),
  so the speed comes from several requests in flight (``concurrency`` per
  server, spread over the pool), each sized so that every slot gets an equal
  share of characters, at most ``batch`` items (or the server's
  ``--batch-limit``, learnt from its first refusal: it is not in its
  settings);
- a sentence longer than the server's ``--char-limit`` is refused by
  :meth:`LibreTranslateEngine.refusal` during planning, with the catalog line.

LibreTranslate post-processes each translation (SentencePiece's NFKC
normalisation, ``_`` turned into a space, HTML entities unescaped, final
punctuation and first-letter case copied from the source, the whole text
upper- or lower-cased when the source is): placeholders survive all of it
because :data:`toolkit.protect.PLACEHOLDER` forgives case and a stray space.

The API key comes from ``api_key`` or, better, from the environment variable
named by ``api_key_env``; it goes only into request bodies, never into
messages, provenance comments or the drafts record.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...config import LibreTranslateConfig as LibreTranslateOptions
from ...errors import EngineError
from .argos import split_sentences
from .httppool import Endpoint, Pool, PoolError, Refused, Retry, Throttled, parse_endpoint

if TYPE_CHECKING:
    from . import EngineOptions

PROBE = "Test."
"""What ``prepare`` translates on each server: checks the key and loads the pair's model there."""
_LIMIT = re.compile(r"request \((\d+)\) exceeds text limit \((\d+)\)")


@dataclass(frozen=True)
class ServerInfo:
    """What one server says about itself."""

    endpoint: Endpoint
    version: str
    """``1.9.6``, from ``GET /spec``; '' when it does not say."""
    char_limit: int | None
    """Most characters per text (``--char-limit``), None for no limit."""
    pairs: tuple[tuple[str, str], ...]
    """(source, target) codes it translates, identities left out."""


class LibreTranslateEngine:
    name = "libretranslate"
    origin = "mt"

    def __init__(self, options: EngineOptions) -> None:
        self.options = options.libretranslate
        if not self.options.urls:
            raise EngineError(
                "no LibreTranslate server given: set url in [translate.libretranslate] of toolkit.toml, or use --url"
            )
        self.pool = pool_for(self.options)
        self._key = api_key(self.options)
        self._info: list[ServerInfo] | None = None
        self._ready: set[tuple[str, str]] = set()
        self._batch_limit: int | None = None

    # --- what would be used ------------------------------------------------------

    def servers(self) -> list[ServerInfo]:
        """What every server says about itself (asked once)."""
        if self._info is None:
            self._info = [_inspect(self.pool, endpoint) for endpoint in self.pool.endpoints]
        return self._info

    def prepare(self, source: str, target: str) -> None:
        if (source, target) in self._ready:
            return
        for info in self.servers():
            if (source, target) not in info.pairs:
                offered = ", ".join(f"{s}→{t}" for s, t in info.pairs) or "none"
                where = f"LibreTranslate at {info.endpoint.shown}"
                raise EngineError(f"{where} cannot translate {source}→{target} (it offers: {offered})")
        for endpoint in self.pool.endpoints:
            answer = _engine_errors(lambda e=endpoint: self.pool.post(e, "/translate", self._payload([PROBE], source, target)))
            _translations(answer, 1, endpoint.shown)
        self._ready.add((source, target))

    def model(self, source: str, target: str) -> str:
        hosts = ", ".join(e.shown for e in self.pool.endpoints)
        return " ".join(filter(None, ("libretranslate", self._version(), "at", hosts)))

    def describe(self, source: str, target: str) -> str:
        return describe_servers([e.shown for e in self.pool.endpoints], self._version())

    def _version(self) -> str:
        versions = sorted({info.version for info in self.servers() if info.version})
        return "/".join(versions)

    def refusal(self, text: str, source: str, target: str) -> str | None:
        """Why the servers would refuse ``text``: a sentence over their character limit."""
        limits = [info.char_limit for info in self.servers() if info.char_limit is not None]
        if not limits:
            return None
        limit = min(limits)
        longest = max(split_sentences([text])[0], key=len, default="")
        if len(longest) <= limit:
            return None
        return (
            f"a sentence of {len(longest)} characters is over the LibreTranslate server's limit of {limit} "
            f"(--char-limit): split it in the source, or ask for a higher limit"
        )

    # --- translating ---------------------------------------------------------------

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        """Translate ``texts``, sentence by sentence, over the pool; same order as given."""
        self.prepare(source, target)
        sentences, owners = split_sentences(texts)
        unique = list(dict.fromkeys(sentences))
        translated = dict(zip(unique, self._translate_unique(unique, source, target), strict=True))
        out: list[list[str]] = [[] for _ in texts]
        for index, sentence in zip(owners, sentences, strict=True):
            out[index].append(translated[sentence])
        return [" ".join(parts) for parts in out]

    @property
    def request_size(self) -> int:
        """Most sentences per request: ``batch``, or less when a server's ``--batch-limit`` refused more."""
        return min(self.options.batch, self._batch_limit or self.options.batch)

    def _translate_unique(self, sentences: list[str], source: str, target: str) -> list[str]:
        while True:
            batch = self.request_size
            slots = len(self.pool.alive) * self.pool.per_server
            plan = plan_requests([len(s) for s in sentences], slots, batch)
            payloads = [self._payload([sentences[i] for i in request], source, target) for request in plan]
            try:
                answers = self.pool.map("/translate", payloads)
            except Refused as exc:
                limit = _batch_limit(exc, max(map(len, plan), default=0))
                if limit is None or limit >= batch:
                    raise _engine_error(exc, running=True) from None
                self._batch_limit = limit  # learnt: it is not in /frontend/settings
                continue
            except PoolError as exc:
                raise _engine_error(exc, running=True) from None
            hosts = ", ".join(e.shown for e in self.pool.endpoints)
            out = [""] * len(sentences)
            for request, answer in zip(plan, answers, strict=True):
                for i, text in zip(request, _translations(answer, len(request), hosts), strict=True):
                    out[i] = text
            return out

    def _payload(self, q: list[str], source: str, target: str) -> dict[str, Any]:
        payload: dict[str, Any] = {"q": q, "source": source, "target": target, "format": "text"}
        if self._key:
            payload["api_key"] = self._key
        return payload


def describe_servers(hosts: list[str], version: str) -> str:
    """``libretranslate HOST VERSION`` for the provenance comment, in the longest form that fits.

    polib wraps translator comments longer than 79 characters, and a wrapped provenance line
    would not be recognised (and replaced) by the next fill.

    >>> describe_servers(["127.0.0.1:5000"], "1.9.6")
    'libretranslate 127.0.0.1:5000 1.9.6'
    >>> describe_servers(["10.0.0.5:5000", "10.0.0.6:5000"], "1.9.6")
    'libretranslate 10.0.0.5:5000,10.0.0.6:5000 1.9.6'
    >>> describe_servers(["translate-1.coalition.example.org", "translate-2.coalition.example.org"], "1.9.6")
    'libretranslate translate-1.coalition.example.org+1 1.9.6'
    >>> describe_servers(["a-very-long-host-name.of-a-translation-server.example.org"], "")
    'libretranslate'
    """
    forms = [",".join(hosts), f"{hosts[0]}+{len(hosts) - 1}" if len(hosts) > 1 else ""]
    for form in filter(None, forms):
        text = " ".join(filter(None, ("libretranslate", form, version)))
        if len("# machine translation: " + text) <= 79:
            return text
    return " ".join(filter(None, ("libretranslate", version)))


def plan_requests(lengths: list[int], slots: int, batch: int) -> list[list[int]]:
    """Sentence indices per request: enough requests for every slot, at most ``batch`` each, equal in characters.

    Longest first, each onto the lightest request with room (the classic LPT
    rule), so that no request is left running alone at the end of a batch.

    >>> plan_requests([10, 50, 20, 40, 30], slots=2, batch=16)
    [[0, 1, 2], [3, 4]]
    >>> plan_requests([5] * 5, slots=1, batch=2)
    [[0, 3], [1, 4], [2]]
    """
    if not lengths:
        return []
    batch = max(1, batch)
    count = max(-(-len(lengths) // batch), min(max(1, slots), len(lengths)))
    requests: list[list[int]] = [[] for _ in range(count)]
    load = [0] * count
    for i in sorted(range(len(lengths)), key=lambda i: (-lengths[i], i)):
        room = [r for r in range(count) if len(requests[r]) < batch]
        lightest = min(room, key=lambda r: (load[r], len(requests[r]), r))
        requests[lightest].append(i)
        load[lightest] += max(1, lengths[i])
    return [sorted(r) for r in requests if r]


def pool_for(options: LibreTranslateOptions, retry: Retry | None = None) -> Pool:
    urls: list[str] = []
    for url in options.urls:
        try:
            parse_endpoint(url)
        except ValueError as exc:
            raise EngineError(f"LibreTranslate server URL number {len(urls) + 1} is not usable: {exc}") from None
        urls.append(url)
    # English error messages whatever the machine's locale (LibreTranslate translates its own).
    return Pool(urls, options.concurrency, options.timeout, retry, {"X-Override-Accept-Language": "en"})


def api_key(options: LibreTranslateOptions) -> str:
    if options.api_key_env:
        value = os.environ.get(options.api_key_env, "").strip()
        if not value:
            raise EngineError(
                f"the environment variable {options.api_key_env} (translate.libretranslate.api_key_env) is not set or empty"
            )
        return value
    return options.api_key.strip()


def server_infos(options: LibreTranslateOptions) -> list[ServerInfo]:
    """What each configured server says about itself (for ``stk models list --engine libretranslate``)."""
    pool = pool_for(options)
    return [_inspect(pool, endpoint) for endpoint in pool.endpoints]


def _inspect(pool: Pool, endpoint: Endpoint) -> ServerInfo:
    languages = _engine_errors(lambda: pool.get(endpoint, "/languages"))
    if not isinstance(languages, list):
        raise EngineError(f"{endpoint.shown} does not look like a LibreTranslate server (GET /languages is not a list)")
    pairs: list[tuple[str, str]] = []
    for language in languages:
        if isinstance(language, dict) and isinstance(language.get("code"), str):
            targets = language.get("targets") or []
            pairs.extend((language["code"], t) for t in targets if isinstance(t, str) and t != language["code"])
    try:
        settings = pool.get(endpoint, "/frontend/settings")
        limit = settings.get("charLimit") if isinstance(settings, dict) else None
    except PoolError:  # an older server, or a proxy that only lets the API through
        limit = None
    try:
        spec = pool.get(endpoint, "/spec")
        version = spec.get("info", {}).get("version", "") if isinstance(spec, dict) else ""
    except PoolError:
        version = ""
    char_limit = limit if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0 else None
    return ServerInfo(endpoint, str(version)[:40], char_limit, tuple(sorted(set(pairs))))


def _translations(answer: Any, count: int, server: str) -> list[str]:
    texts = answer.get("translatedText") if isinstance(answer, dict) else None
    if not isinstance(texts, list) or len(texts) != count or not all(isinstance(t, str) for t in texts):
        raise EngineError(f"LibreTranslate at {server} answered without the {count} translations asked for (translatedText)")
    return texts


def _batch_limit(exc: Refused, sent: int) -> int | None:
    """The server's ``--batch-limit``, when ``exc`` is its refusal of a request of ``sent`` items."""
    match = _LIMIT.search(exc.message)
    if exc.status != 400 or match is None or int(match.group(1)) != sent:
        return None
    return max(1, int(match.group(2)))


def _engine_errors(call: Any) -> Any:
    try:
        return call()
    except PoolError as exc:
        raise _engine_error(exc) from None


def _engine_error(exc: PoolError, running: bool = False) -> EngineError:
    """One line for the user; ``running``: some drafts may be saved already, and a new run resumes."""
    where = f"LibreTranslate at {exc.server}"
    resume = "; the drafts made so far are saved: run the command again to resume" if running else ""
    if isinstance(exc, Refused):
        if exc.status in (401, 403):
            why = f"refused the API key ({exc.message})" if "key" in exc.message.lower() else f"refused access ({exc.message})"
            return EngineError(f"{where} {why}: check api_key or api_key_env in [translate.libretranslate]{resume}")
        return EngineError(f"{where} refused the request (HTTP {exc.status}: {exc.message}){resume}")
    if isinstance(exc, Throttled):
        return EngineError(f"{where} {exc.message}{resume or ': try again later'}")
    return EngineError(f"cannot reach {where} ({exc.message}){resume}")


__all__ = ["LibreTranslateEngine", "LibreTranslateOptions", "ServerInfo", "describe_servers", "plan_requests", "server_infos"]
