"""pokin — Penjenjangan Kinerja as version-controlled YAML."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__version__ = "0.1.0"


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large object trees.

    Loading, checking and rolling up a plan create many small objects and no
    cycles worth collecting; the collector's repeated passes over the loaded
    tree would otherwise cost more than the work itself on large plans. The
    collector is enabled again afterwards only if it was enabled before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
