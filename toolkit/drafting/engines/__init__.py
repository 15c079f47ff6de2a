"""Machine translation engines behind one batch method, in a registry keyed by name.

An engine translates many plain-text segments at once (placeholders such as
``Z3`` inside them must come back untouched, see :mod:`toolkit.protect`).
It never sees markup, catalogs or files; :mod:`toolkit.drafting.pretranslate` does
that. Engines load models lazily, per language pair, so that asking what an
engine would use (``describe``) costs no model load, and ``prepare`` fails
fast -- before any file is written -- when a pair cannot be translated.

>>> sorted(ENGINES)
['argos', 'libretranslate', 'pseudo']
>>> engine = create("pseudo", EngineOptions())
>>> engine.translate_batch(["Act now."], "en", "fr")
['[Ááçţ ñôôŵ.]']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from ...choices import DEVICES
from ...errors import EngineError
from .argos import ArgosEngine
from .libretranslate import LibreTranslateEngine, LibreTranslateOptions
from .pseudo import PseudoEngine


@dataclass(frozen=True)
class EngineOptions:
    """How to run a model; from ``[translate]`` in toolkit.toml and the command line."""

    device: str = "auto"
    """``cpu``, ``cuda``, or ``auto`` (CUDA when CTranslate2 sees a device, else CPU)."""
    beam_size: int = 4
    """argostranslate's default; 1 (greedy) is about 2.8 times faster on 2 CPUs (docs/translate.md#speed), a little worse."""
    compute_type: str = "auto"
    """CTranslate2 compute type; ``auto`` runs int8 models in int8 on CPU."""
    threads: int = 0
    """CPU threads the model runs on; 0: every core. They are split into single-threaded CTranslate2
    replicas fed asynchronously (:func:`~toolkit.drafting.engines.argos.default_threads`)."""
    max_batch_size: int = 32
    """Segments per CTranslate2 call (sorted by length, so padding stays small)."""
    libretranslate: LibreTranslateOptions = field(default_factory=LibreTranslateOptions)
    """Servers, key and request sizes of the ``libretranslate`` engine."""


class Engine(Protocol):
    name: str
    origin: str
    """What its drafts are in the drafts record: ``mt``, or ``pseudo``."""

    def prepare(self, source: str, target: str) -> None:
        """Raise :class:`~toolkit.errors.EngineError` now if ``source`` -> ``target`` cannot be translated."""

    def model(self, source: str, target: str) -> str:
        """The model package and its version (``translate-en_fr 1.9``), for the drafts record."""

    def describe(self, source: str, target: str) -> str:
        """Engine and model in a few words, for the translator comment (``argos translate-en_fr 1.9``)."""

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        """One translation per text, in order."""


@runtime_checkable
class Limited(Protocol):
    """An engine that refuses some texts outright (a server's character limit): asked during planning."""

    def refusal(self, text: str, source: str, target: str) -> str | None:
        """Why ``text`` would be refused, or None."""


@runtime_checkable
class Streaming(Protocol):
    """An engine that takes every batch of a run at once and hands back each batch's translations in order
    (the argos engine: all CTranslate2 replicas stay busy while finished batches are saved)."""

    def translate_batches(self, batches: Iterable[list[str]], source: str, target: str) -> Iterator[list[str]]:
        """One list of translations per batch, in order."""


EngineFactory = Callable[[EngineOptions], Engine]

ENGINES: dict[str, EngineFactory] = {
    ArgosEngine.name: ArgosEngine,
    LibreTranslateEngine.name: LibreTranslateEngine,
    PseudoEngine.name: PseudoEngine,
}


def create(name: str, options: EngineOptions) -> Engine:
    """The engine called ``name``; an unknown name is an :class:`EngineError` listing the known ones."""
    factory = ENGINES.get(name)
    if factory is None:
        raise EngineError(f"unknown engine {name!r} (known: {', '.join(sorted(ENGINES))})")
    return factory(options)


__all__ = ["DEVICES", "ENGINES", "Engine", "EngineOptions", "Limited", "Streaming", "create"]
