"""Pausing Python's cycle collector while a large acyclic structure is built.

Reading a 50,000-entry catalog allocates about a million objects that all stay alive;
the collector would walk the growing heap again and again for cycles that cannot
exist (entries hold strings, lists and dicts only): a third of the reading time and
of a merge. Reference counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")

_freeze = False
_collected = False
_FREEZE_ABOVE = 100_000
"""Objects a pause must have made before they are frozen (a catalog of ~20,000 entries); smaller pauses
are left to the collector, which handles them cheaply, and cost no collection here."""


def short_lived() -> None:
    """Declare a process that ends with its command (``stk``): what a large pause built is then
    frozen (``gc.freeze``, after one collection), never walked by the collector again. Otherwise the
    collections after a pause walk it again and again (0.3 s of a 50,000-entry merge). Not for a
    library caller's long-lived process: objects frozen alive and dropped later in a cycle are never freed.
    """
    global _freeze
    _freeze = True


@contextmanager
def paused() -> Iterator[None]:
    """No automatic cycle collection inside the block (nested blocks allowed)."""
    if not gc.isenabled():
        yield
        return
    global _collected
    if _freeze and not _collected:
        # Before anything is frozen, collect once: cycles that are already garbage would be frozen with the
        # rest and never freed (a 20 MB source's Markdown token trees: +250 MB for the rest of a build).
        # At the first pause the heap is what the command read so far: one cheap traversal.
        gc.collect()
        _collected = True
    gc.disable()
    try:
        yield
    finally:
        if _freeze and gc.get_count()[0] > _FREEZE_ABOVE:
            gc.freeze()
        gc.enable()


def without_gc(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function`` run inside :func:`paused`."""

    @wraps(function)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with paused():
            return function(*args, **kwargs)

    return run


__all__ = ["paused", "short_lived", "without_gc"]
