"""The objects an open dataset keeps until it is closed (its cells, values, rule instances:
hundreds of thousands on a large dataset), kept out of the cycle collector's walks meanwhile.

A full collection walks every tracked object; with a large dataset open one costs ~0.1 s and
lands on whichever edit happens to trigger it, finding nothing to free: these objects live as
long as the dataset. `gc.freeze()` moves everything alive into the permanent generation, which
collections skip; reference counting still frees what is dropped. Closing a dataset unfreezes
everything, so its objects (and any cycle among them) are collectable again; a dataset still
open is frozen anew at its next settling point."""

from __future__ import annotations

import gc

_open = 0  # datasets opened and not closed yet


def opened() -> None:
    """A dataset is loaded: what exists now lives at least as long as it."""
    global _open
    _open += 1
    gc.freeze()


def settled() -> None:
    """An open dataset built more of what it keeps (its rule instances, derived on first use)."""
    if _open:
        gc.freeze()


def closed() -> None:
    """A dataset is closed: the collector walks everything again."""
    global _open
    _open = max(0, _open - 1)
    gc.unfreeze()
