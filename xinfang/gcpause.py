"""Whole-ledger work (an import, the repeat chains, the overdue report) makes hundreds of
thousands of small objects that all live to its end and form no cycles. Python's cycle
collector would walk them again and again as more are made; it is paused for such work
and put back afterwards (what it made is freed by reference counting)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cycle collector (usable as a decorator too); nested use is harmless."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
