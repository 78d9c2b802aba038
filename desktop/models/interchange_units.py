"""Each unit's own figures in the interchange JSON: a unit entry may carry `cells` and `prior`
(its input cells, like the document's own). Reading them fills the units and makes the
department's cells their sums (desktop.models.org_units); the document's department-level
figures are then sums too and are replaced by what the units add up to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from desktop.forms.calc import CellValue
from desktop.forms.structure import build_cells, implied_rows
from desktop.models.ops import Op
from desktop.models.org_units import SPLIT_KEY, per_unit, sum_of_units
from desktop.models.snapshot import Unit
from desktop.models.values import parse_cell_value, stored_text
from desktop.money import AmountError

if TYPE_CHECKING:
    from desktop.models.dataset import Dataset

YEAR_KEYS = {"current": "cells", "prior": "prior"}


def carries_figures(raw_units: Any) -> bool:
    return any(isinstance(u, dict) and ("cells" in u or "prior" in u) for u in raw_units or [])


def figure_ops(
    dataset: Dataset, raw_units: Sequence[Mapping[str, Any]], units: list[Unit], top: Mapping[str, Any]
) -> tuple[list[Op], list[str]]:
    """The units' cells and the department's sums, for both years; and the problems found.
    `top`: the document (its department-level cells by year key become the units' sums)."""
    ops: list[Op] = [Op.meta(SPLIT_KEY, "1")]
    problems: list[str] = []
    parent = units[0].id if units else ""
    for year, key in YEAR_KEYS.items():
        by_unit: dict[str, dict[str, CellValue]] = {}
        for unit, raw in zip(units, raw_units, strict=True):
            cells = _parsed(dataset, raw.get(key, {}), f"units.{unit.id}.{key}", problems)
            by_unit[unit.id] = cells
            ops += [Op.unit_cell(unit.id, c, stored_text(v), year) for c, v in cells.items()]
        wanted = set().union(*by_unit.values()) | _per_unit_cells(dataset, top.get(key, {}))
        rows = implied_rows(dataset.catalogue, wanted).rows.items()
        ops += [Op.row(form, row, year=year) for form, ids in rows if form != "P01" for row in ids]
        offsets = dataset.offsets
        for cell in sorted(wanted):
            values = {u: v[cell] for u, v in by_unit.items() if cell in v}
            ops.append(Op.cell(cell, sum_of_units(offsets, parent, cell, values), year))
    return ops, problems


def _parsed(
    dataset: Dataset, raw: Mapping[str, Any], field: str, problems: list[str]
) -> dict[str, CellValue]:
    """A unit's input cells, each checked; computed cells are left out (the unit's totals)."""
    catalogue = dataset.catalogue
    defs = build_cells(catalogue, implied_rows(catalogue, map(str, raw)))
    values: dict[str, CellValue] = {}
    for key, value in raw.items():
        cell = defs.get(str(key))
        if cell is None or not per_unit(catalogue, cell):
            problems.append(f"{field}.{key}：不是单位自己的单元格")
        elif not cell.computed:
            try:
                parsed = parse_cell_value(cell, None if value is None else str(value))
            except (AmountError, ValueError) as exc:
                problems.append(f"{field}.{key}：{exc}")
                continue
            if parsed is not None:
                values[str(key)] = parsed
    return values


def _per_unit_cells(dataset: Dataset, raw: Mapping[str, Any]) -> set[str]:
    catalogue = dataset.catalogue
    defs = build_cells(catalogue, implied_rows(catalogue, map(str, raw)))
    return {
        k
        for k in map(str, raw)
        if (c := defs.get(k)) is not None and not c.computed and per_unit(catalogue, c)
    }


def unit_entries(dataset: Dataset) -> list[dict[str, Any]]:
    """The document's `units`: each with its code, and its own input cells when entered by unit."""
    entries = []
    for unit in dataset.units:
        entry: dict[str, Any] = {"id": unit.id, "name": unit.name, "kind": unit.kind, "code": unit.code}
        if dataset.by_org_unit:
            for year, key in YEAR_KEYS.items():
                inputs = dataset.unit_calc(unit.id, year).inputs
                entry[key] = {c: stored_text(v) or "" for c, v in sorted(inputs.items())}
        entries.append(entry)
    return entries
