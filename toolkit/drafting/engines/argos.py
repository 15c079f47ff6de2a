"""Argos Translate models, run the fast way: one CTranslate2 ``translate_batch`` over many segments.

``argostranslate.translate.translate()`` splits its input with a sentence
splitter that may download models (spaCy, MiniSBD, stanza), then runs one
small CTranslate2 call per text. The toolkit has already split the text into
segments, so this engine takes the installed package (found through
argostranslate's package machinery, :mod:`toolkit.models`), encodes with the
package's SentencePiece model, sorts the sentences by length and translates
them in batches -- nothing touches the network, and ``argostranslate.translate``
(stanza, torch) is never imported.

Decoding matches argostranslate 1.11 (beam 4, ``length_penalty=0.2``,
``replace_unknowns=True``), with two deliberate differences:

- ``max_decoding_length`` grows with the input (argostranslate leaves
  CTranslate2's default of 256 pieces, which silently cuts long segments);
- decoding uses SentencePiece's own ``decode_pieces`` without
  argostranslate's extra ``"_" -> " "`` replacement, which turns
  ``file_name`` into ``file name``.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...errors import EngineError, Location
from ...segmentation.sentences import sentence_spans
from ..packages import InstalledModel, find

if TYPE_CHECKING:
    from . import EngineOptions

log = logging.getLogger(__name__)

LENGTH_PENALTY = 0.2
"""argostranslate's value."""


def decoding_limit(source_pieces: int) -> int:
    """Most pieces a translation of ``source_pieces`` may take: generous for real text, a stop for a looping model."""
    return int(source_pieces * 2) + 16


def default_threads(device: str, threads: int = 0) -> tuple[int, int]:
    """CTranslate2's ``(inter_threads, intra_threads)`` for ``threads`` CPU threads in all (0: every core).

    On a CPU, replicas of one thread each, fed batches asynchronously, beat one replica using every
    core (intra-op threads wait for each other at every layer of every decoding step): on 2 cores,
    2 x 1 decodes the example project 1.5x (beam 4) to 2x (beam 1) as fast as 1 x 2
    (docs/translate.md#speed). Beyond 4 replicas, each gets more cores instead, which keeps the
    memory for activations and the per-batch latency in check.
    """
    if device == "cuda":
        return 1, threads
    cores = threads or _cores()
    inter = max(1, min(cores, MAX_REPLICAS))
    return inter, max(1, cores // inter)


MAX_REPLICAS = 4


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@dataclass
class _Loaded:
    model: InstalledModel
    translator: Any
    encode_all: Callable[[list[str]], list[list[str]]]
    decode: Callable[[list[str]], str]
    prefix: list[str] | None


@dataclass
class _Job:
    """One CTranslate2 batch: sentences ``chunk`` of ``pending``, as pieces."""

    pending: _Pending
    chunk: list[int]
    batch: list[list[str]]
    left: int = 0
    """Results not yet taken."""
    started: bool = False


class _Feeder:
    """CTranslate2 batches handed over in order, a few at a time: enough that every replica always has
    one to decode, few enough that an interrupted run stops soon -- queued work cannot be cancelled,
    and the process waits for it on exit (Ctrl-C took a minute with the whole run queued)."""

    def __init__(self, submit: Callable[[list[list[str]]], list[Any]], window: int) -> None:
        self._submit = submit
        self._window = window
        self._waiting: deque[_Job] = deque()
        self._in_flight = 0

    def add(self, job: _Job) -> None:
        job.left = len(job.chunk)
        self._waiting.append(job)
        self._fill()

    def ensure(self, job: _Job) -> None:
        while not job.started:
            self._start(self._waiting.popleft())

    def taken(self, job: _Job) -> None:
        job.left -= 1
        if job.left == 0:
            self._in_flight -= 1
            self._fill()

    def _fill(self) -> None:
        while self._waiting and self._in_flight < self._window:
            self._start(self._waiting.popleft())

    def _start(self, job: _Job) -> None:
        for i, result in zip(job.chunk, self._submit(job.batch), strict=True):
            job.pending.results[i] = result
        job.started = True
        self._in_flight += 1


@dataclass
class _Pending:
    """Translations under way in CTranslate2's threads; ``get`` waits for one."""

    loaded: _Loaded
    feeder: _Feeder
    skip: int
    """Target-prefix pieces to drop from each hypothesis."""
    results: list[Any]
    jobs: list[_Job | None]
    stats: dict[str, Any]

    def get(self, index: int) -> str:
        job = self.jobs[index]
        assert job is not None
        self.feeder.ensure(job)
        try:
            pieces = self.results[index].result().hypotheses[0][self.skip :]
        except (RuntimeError, ValueError) as exc:
            raise EngineError(f"CTranslate2 failed: {' '.join(str(exc).split())}") from None
        self.feeder.taken(job)
        self.stats["pieces_out"] += len(pieces)
        return self.loaded.decode(pieces).strip()


class ArgosEngine:
    name = "argos"
    origin = "mt"

    def __init__(self, options: EngineOptions) -> None:
        self.options = options
        self._models: dict[tuple[str, str], InstalledModel] = {}
        self._loaded: dict[tuple[str, str], _Loaded] = {}
        self._device: str | None = None
        self.stats: dict[str, Any] = {"pieces_in": 0, "pieces_out": 0, "threads": ""}
        """Pieces in and out and the thread layout, for the benchmark."""

    # --- what would be used ------------------------------------------------------

    def prepare(self, source: str, target: str) -> None:
        # Load now, not at the first batch: a truncated model.bin, a broken sentencepiece.model
        # or an unusable CUDA library must stop the run before memory fills are saved.
        self._load(source, target)

    def model(self, source: str, target: str) -> str:
        return self._model(source, target).label

    def describe(self, source: str, target: str) -> str:
        return f"argos {self.model(source, target)}"

    def _model(self, source: str, target: str) -> InstalledModel:
        if (source, target) not in self._models:
            self._models[(source, target)] = find(source, target)
        return self._models[(source, target)]

    def _resolve_device(self) -> str:
        if self._device is None:
            import ctranslate2

            wanted = self.options.device
            count = ctranslate2.get_cuda_device_count() if wanted != "cpu" else 0
            if wanted == "cuda" and count == 0:
                raise EngineError("CUDA asked for (--device cuda) but CTranslate2 sees no CUDA device: use --device cpu")
            self._device = "cuda" if count > 0 else "cpu"
        return self._device

    # --- translating ---------------------------------------------------------------

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        """Translate ``texts``; each may hold several sentences, translated one by one and joined."""
        return next(self.translate_batches([texts], source, target))

    def translate_batches(self, batches: Iterable[list[str]], source: str, target: str) -> Iterator[list[str]]:
        """The translations of each of ``batches``, in order, as soon as each is done.

        Batches are handed to CTranslate2 asynchronously, one more than it has replicas, so that
        every replica decodes while the caller saves what it has already. Each batch is cut into
        CTranslate2 batches on its own, as when it was translated alone: the decoding limit is
        per CTranslate2 batch, so the drafts of a model that runs to it stay the same.
        """
        loaded = self._load(source, target)
        feeder = self._feeder(loaded)
        submitted = []
        for texts in batches:
            sentences, owners = split_sentences(texts)
            submitted.append((len(texts), owners, self._submit(loaded, feeder, sentences)))
        return _collect(submitted)

    def _translate_sentences(self, loaded: _Loaded, sentences: list[str]) -> list[str]:
        pending = self._submit(loaded, self._feeder(loaded), sentences)
        return [pending.get(i) for i in range(len(sentences))]

    def _feeder(self, loaded: _Loaded) -> _Feeder:
        prefix = loaded.prefix or []

        def submit(batch: list[list[str]]) -> list[Any]:
            return list(
                loaded.translator.translate_batch(
                    batch,
                    target_prefix=[prefix] * len(batch) if prefix else None,
                    beam_size=self.options.beam_size,
                    num_hypotheses=1,
                    length_penalty=LENGTH_PENALTY,
                    replace_unknowns=True,
                    max_decoding_length=decoding_limit(max(map(len, batch))) + len(prefix),
                    asynchronous=True,
                )
            )

        # One batch per replica and one waiting for the first replica that is free.
        return _Feeder(submit, max(1, getattr(loaded.translator, "num_translators", 1)) + 1)

    def _submit(self, loaded: _Loaded, feeder: _Feeder, sentences: list[str]) -> _Pending:
        """Queue ``sentences`` for translation: length-sorted, in equal CTranslate2 batches."""
        tokens = loaded.encode_all(sentences) if sentences else []
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        # Equal chunks of at most max_batch_size (36 sentences: 18 + 18, not 32 + 4): on a CPU a
        # small batch runs at nearly the per-sentence speed, half that of a full one.
        chunks = -(-len(order) // max(1, self.options.max_batch_size))
        size = max(1, -(-len(order) // max(1, chunks)))
        count = len(tokens)
        pending = _Pending(loaded, feeder, len(loaded.prefix or ()), [None] * count, [None] * count, self.stats)
        for first in range(0, len(order), size):
            chunk = order[first : first + size]
            job = _Job(pending, chunk, [tokens[i] for i in chunk])
            for i in chunk:
                pending.jobs[i] = job
            feeder.add(job)
        self.stats["pieces_in"] += sum(map(len, tokens))
        return pending

    def _load(self, source: str, target: str) -> _Loaded:
        key = (source, target)
        if key in self._loaded:
            return self._loaded[key]
        model = self._model(source, target)
        device = self._resolve_device()
        try:
            translator = self._translator(model, device)
        except EngineError:
            if self.options.device != "auto" or device == "cpu":
                raise
            log.warning("CUDA device found but unusable; translating on the CPU")
            self._device = "cpu"
            translator = self._translator(model, "cpu")
        encode_all, decode = _tokenizer(model)
        prefix = getattr(model.package, "target_prefix", "") or ""
        self._loaded[key] = _Loaded(model, translator, encode_all, decode, [prefix] if prefix else None)
        return self._loaded[key]

    def _translator(self, model: InstalledModel, device: str) -> Any:
        import ctranslate2

        inter, intra = default_threads(device, self.options.threads)
        self.stats["threads"] = f"inter {inter}, intra {intra}, asynchronous, compute {self.options.compute_type}"
        try:
            return ctranslate2.Translator(
                str(model.folder / "model"),
                device=device,
                compute_type=self.options.compute_type,
                inter_threads=inter,
                intra_threads=intra,
            )
        except (RuntimeError, OSError, ValueError) as exc:
            message = " ".join(str(exc).split())
            if device == "cuda":
                raise EngineError(
                    f"CTranslate2 cannot use CUDA ({message}); its wheels need CUDA 12 and cuBLAS (libcublas.so.12): "
                    "install them or use --device cpu"
                ) from None
            raise EngineError(
                f"corrupt model package {model.folder.name} ({message}); reinstall it: stk models install FILE.argosmodel",
                Location(str(model.folder)),
            ) from None


TRIAL_SENTENCE = "The Court must remain independent."


def try_package(model: InstalledModel) -> str:
    """Why ``model`` cannot translate ('' when it can): CTranslate2 loads it, SentencePiece loads its
    tokenizer, and one sentence goes through the code ``stk translate`` runs (CPU, beam 1)."""
    import ctranslate2

    from . import EngineOptions

    try:
        translator = ctranslate2.Translator(str(model.folder / "model"), device="cpu", inter_threads=1, intra_threads=1)
    except (RuntimeError, OSError, ValueError) as exc:
        return f"CTranslate2 cannot load its model ({_words(exc)})"
    processor_of = getattr(model.package.tokenizer, "lazy_processor", None)
    try:
        if processor_of is not None:
            processor_of().encode(TRIAL_SENTENCE, out_type=str)
        encode_all, decode = _tokenizer(model)
    except (OSError, RuntimeError, ValueError, TypeError, EngineError) as exc:
        return f"SentencePiece cannot load sentencepiece.model ({_words(exc)})"
    prefix = getattr(model.package, "target_prefix", "") or ""
    loaded = _Loaded(model, translator, encode_all, decode, [prefix] if prefix else None)
    try:
        # Whether it runs, not how well: a model may be poor and still be the one a project wants.
        ArgosEngine(EngineOptions(device="cpu", beam_size=1))._translate_sentences(loaded, [TRIAL_SENTENCE])
    except (RuntimeError, ValueError, IndexError, KeyError, EngineError) as exc:
        return f"it cannot translate a sentence ({_words(exc)})"
    return ""


def _words(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _collect(submitted: list[tuple[int, list[int], _Pending]]) -> Iterator[list[str]]:
    """Each batch's translations, its sentences joined back into the texts they came from."""
    for count, owners, pending in submitted:
        parts: list[list[str]] = [[] for _ in range(count)]
        for index, owner in enumerate(owners):
            parts[owner].append(pending.get(index))
        yield [" ".join(p) for p in parts]


def split_sentences(texts: list[str]) -> tuple[list[str], list[int]]:
    """The sentences of ``texts`` (models are trained on sentences) and the index of the text each came from."""
    sentences: list[str] = []
    owners: list[int] = []
    for index, text in enumerate(texts):
        for start, end in sentence_spans(text):
            sentences.append(text[start:end])
            owners.append(index)
    return sentences, owners


def _tokenizer(model: InstalledModel) -> tuple[Callable[[list[str]], list[list[str]]], Callable[[list[str]], str]]:
    """Encode (many texts at once) and decode functions for the package's tokenizer."""
    tokenizer = model.package.tokenizer
    processor_of = getattr(tokenizer, "lazy_processor", None)
    if processor_of is None:  # a BPE package: argostranslate's Moses + BPE tokenizer

        def encode_each(texts: list[str]) -> list[list[str]]:
            return [list(tokenizer.encode(text)) for text in texts]

        return encode_each, tokenizer.decode
    try:
        processor = processor_of()
    except (OSError, RuntimeError) as exc:
        raise EngineError(
            f"corrupt model package {model.folder.name}: sentencepiece.model ({exc})", Location(str(model.folder))
        ) from None

    def encode_all(texts: list[str]) -> list[list[str]]:
        # One call: SentencePiece encodes the list in C++, without a Python round trip per text.
        return [list(pieces) for pieces in processor.encode(texts, out_type=str)]

    def decode(pieces: list[str]) -> str:
        return str(processor.decode_pieces(pieces))

    return encode_all, decode


__all__ = ["ArgosEngine", "decoding_limit", "default_threads", "split_sentences", "try_package"]
