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


@contextmanager
def paused() -> Iterator[None]:
    """No automatic cycle collection inside the block (nested blocks allowed)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def without_gc(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function`` run inside :func:`paused`."""

    @wraps(function)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with paused():
            return function(*args, **kwargs)

    return run


__all__ = ["paused", "without_gc"]
