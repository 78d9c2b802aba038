"""An open dataset's objects are kept out of the cycle collector's walks; once it is closed the
collector walks them again, and frees a cycle among them."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.models.dataset import Dataset


class _Node:
    """A reference cycle only the cycle collector frees."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def _walked(obj: object) -> bool:
    """Whether the collector walks `obj` (frozen objects are in no generation)."""
    assert gc.is_tracked(obj)
    return any(o is obj for o in gc.get_objects())


@pytest.mark.usefixtures("unfrozen")
def test_an_open_dataset_is_frozen_and_its_close_restores_the_collector(tmp_path: Path) -> None:
    enabled = gc.isenabled()
    with Dataset.create(tmp_path / "a.jsd", "测试部门", 2020) as dataset:
        cells = dataset.cells()
        dataset.findings()  # the rule instances, derived on first use, are frozen too
        instances = dataset._memory.validator.instances
        assert gc.get_freeze_count() > 0
        assert not _walked(cells) and not _walked(instances)
    assert gc.get_freeze_count() == 0
    assert gc.isenabled() == enabled
    assert _walked(cells) and _walked(instances)


@pytest.mark.usefixtures("unfrozen")
def test_a_cycle_frozen_with_a_dataset_is_freed_once_it_is_closed(tmp_path: Path) -> None:
    node = _Node()
    gone = weakref.ref(node)
    dataset = Dataset.create(tmp_path / "a.jsd", "测试部门", 2020)
    del node
    gc.collect()
    assert gone() is not None  # frozen while the dataset is open: no walk reaches it
    dataset.close()
    gc.collect()
    assert gone() is None


@pytest.mark.usefixtures("unfrozen")
def test_reopening_after_a_close_freezes_again(tmp_path: Path) -> None:
    Dataset.create(tmp_path / "a.jsd", "测试部门", 2020).close()
    assert gc.get_freeze_count() == 0
    with Dataset.open(tmp_path / "a.jsd") as dataset:
        assert gc.get_freeze_count() > 0
        assert not _walked(dataset.cells())
    assert gc.get_freeze_count() == 0
