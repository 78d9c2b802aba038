"""A bulk build runs with the cycle collector off, and leaves it as it found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from desktop.bulk import no_cycle_collection


@pytest.fixture
def collector_state() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    (gc.enable if enabled else gc.disable)()


@pytest.mark.usefixtures("collector_state")
def test_the_collector_is_off_inside_and_back_on_after_even_on_failure() -> None:
    gc.enable()
    with no_cycle_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), no_cycle_collection():
        raise KeyError("x")
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_state")
def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    with no_cycle_collection():
        assert not gc.isenabled()
    assert not gc.isenabled()
