"""The last drafting kept: drafting reads only its snapshot, so a call with an equal snapshot
(the dataset unchanged since: an export after its gate check, a second export) gets the text
drafted before instead of drafting it again. Comparing two snapshots costs a thousandth of
drafting one."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

Params = ParamSpec("Params")
Result = TypeVar("Result")


def last_call(function: Callable[Params, Result]) -> Callable[Params, Result]:
    """`function` (pure, returning an immutable value) remembering its last arguments and result."""
    lock = threading.Lock()
    last: list[tuple[tuple[Any, ...], Result]] = []

    @functools.wraps(function)
    def remembered(*args: Params.args, **kwargs: Params.kwargs) -> Result:
        key = (args, tuple(sorted(kwargs.items())))
        with lock:
            if last and last[0][0] == key:
                return last[0][1]
        result = function(*args, **kwargs)
        with lock:
            last[:] = [(key, result)]
        return result

    return remembered
