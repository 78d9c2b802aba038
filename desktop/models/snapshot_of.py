"""The read-only picture of an open dataset (desktop.models.snapshot), with every computed cell
filled in, and each unit's own figures when the department is entered unit by unit."""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING

from desktop.models.projects import projects_of
from desktop.models.snapshot import Snapshot

if TYPE_CHECKING:
    from desktop.models.dataset import Dataset


def snapshot_of(data: Dataset) -> Snapshot:
    current = data.calc()
    strings = {k: v for k, v in current.inputs.items() if isinstance(v, str)}
    scores = {c: v for c, v in current.inputs.items() if c.startswith("P02.") and isinstance(v, Decimal)}
    units = tuple(data.units)
    unit_cells = (
        {u.id: MappingProxyType(data.unit_calc(u.id).numbers()) for u in units} if data.by_org_unit else {}
    )
    return Snapshot(
        department=data.department,
        units=units,
        cells=MappingProxyType(current.numbers()),
        prior=MappingProxyType(data.calc("prior").numbers() if data.has_prior else {}),
        strings=MappingProxyType(strings),
        texts=MappingProxyType(dict(data.texts)),
        projects=projects_of(data),
        scores=MappingProxyType({c.split(".")[1]: v for c, v in scores.items()}),
        rounded=data.meta.get("rounded.current") == "1",
        printed=data.declared(),
        edition=data.edition,
        naming=data.naming,
        unit_cells=MappingProxyType(unit_cells),
    )
