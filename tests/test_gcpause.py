"""The cycle collector's pauses: nothing collected inside, and what `stk` built frozen after (never for library callers)."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref

import pytest

from toolkit import gcpause


def test_a_pause_stops_collection_and_ends_with_the_collector_as_it_was() -> None:
    assert gc.isenabled()
    with gcpause.paused():
        assert not gc.isenabled()
        with gcpause.paused():  # nested: still paused, and not re-enabled by the inner block
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), gcpause.paused():
        raise ValueError
    assert gc.isenabled()


def test_library_callers_keep_their_collector_and_stk_freezes_what_it_built(monkeypatch: pytest.MonkeyPatch) -> None:
    frozen = gc.get_freeze_count()
    with gcpause.paused():
        kept = [[] for _ in range(100)]
    assert gc.get_freeze_count() == frozen  # a library call never freezes anything
    monkeypatch.setattr(gcpause, "_freeze", False)
    monkeypatch.setattr(gcpause, "_collected", False)
    monkeypatch.setattr(gcpause, "_FREEZE_ABOVE", 1000)
    gcpause.short_lived()
    try:
        # A cycle that is garbage before the first pause: collected, not frozen for ever.
        holder = Marker()
        holder.cycle = holder
        holder_ref = weakref.ref(holder)
        del holder
        with gcpause.paused():
            kept += [[] for _ in range(10)]
        assert gc.get_freeze_count() == frozen  # a small pause is left to the collector
        assert holder_ref() is None
        with gcpause.paused():
            kept += [[] for _ in range(5000)]
        assert gc.get_freeze_count() > frozen  # a large one is frozen
    finally:
        gc.unfreeze()


class Marker:
    cycle: object = None


def test_the_stk_program_declares_a_short_lived_process() -> None:
    code = "import toolkit.gcpause as g, toolkit.cli as c; c.main = lambda: 0; c.run(); print(g._freeze)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"
