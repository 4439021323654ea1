"""Small start-up helpers shared by the code that builds many objects at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a burst of allocations that all stay alive.

    Building the app, loading the catalog and planning make tens of thousands of objects and free
    almost none; the collector's passes over them only cost time. It is switched back on after,
    unless it was off already.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
