"""Half of a CPU-bound job done by a forked copy of this process, on another core.

Checking 15 catalogs or writing a 50,000-entry catalog is Python work on data this process has
already read; a forked child shares that data without copying or pickling it, does its half, and
sends back only its result. Where that cannot be done safely the caller does all the work itself:
no ``os.fork`` or not Linux (macOS's system libraries are not fork-safe), one CPU, or other
threads running (a child would inherit their locks held, and never see them released).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from . import gcpause

_T = TypeVar("_T")


def can_fork() -> bool:
    return (
        sys.platform.startswith("linux") and hasattr(os, "fork") and (os.cpu_count() or 1) >= 2 and threading.active_count() == 1
    )


@contextmanager
def beside(work: Callable[[], _T], kind: type[_T]) -> Iterator[Callable[[], _T | None] | None]:
    """Start ``work`` in a forked child; yields how to collect its result, or None (then do it here).

    Collecting returns None when the child failed: the caller does that half itself. Leaving the
    block without collecting (an exception in the parent) stops the child.
    """
    if not can_fork():
        yield None
        return
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: work, send the result, leave without the parent's exit handlers
        status = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as out:
                pickle.dump(work(), out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    source = os.fdopen(read_end, "rb")
    done = False

    def collect() -> _T | None:
        nonlocal done
        data = source.read()
        _, status = os.waitpid(pid, 0)
        done = True
        if status != 0 or not data:
            return None
        with gcpause.paused():  # a large result is a million objects: no collection while they arrive
            result = pickle.loads(data)
        return result if isinstance(result, kind) else None

    try:
        yield collect
    finally:
        source.close()
        if not done:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


__all__ = ["beside", "can_fork"]
