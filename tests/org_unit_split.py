"""The sample department (report 000) entered as three units: its department-level figures split
between 本级 and two 二级单位, plus internal pairs (本级 subsidises its units, a unit remits to 本级)
that cancel in the total. The units add up to the published department tables exactly."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import Any

from desktop.forms.catalogue import Catalogue
from desktop.forms.structure import build_cells, implied_rows
from desktop.models.org_units import per_unit

UNIT_CODES = {"u1": "501001", "u2": "501002", "u3": "501003"}
SHARES = {"u2": Decimal("0.25"), "u3": Decimal("0.125")}  # 本级 keeps the rest
# The internal pairs: 本级's side, and each unit's side (equal in sum, so they cancel).
OFFSETS = {
    "u1": {"G03.2010601.to_affiliated": "30.00", "G02.2010601.affiliated": "5.00"},
    "u2": {"G02.2010601.superior": "18.00", "G03.2010601.to_superior": "5.00"},
    "u3": {"G02.2010601.superior": "12.00"},
}


def _share(value: Decimal, share: Decimal, count: bool) -> Decimal:
    return (value * share).quantize(Decimal(1) if count else Decimal("0.01"), rounding=ROUND_DOWN)


def _split_year(catalogue: Catalogue, cells: dict[str, str]) -> dict[str, dict[str, str]]:
    defs = build_cells(catalogue, implied_rows(catalogue, cells))
    units: dict[str, dict[str, str]] = {u: {} for u in UNIT_CODES}
    for key, text in cells.items():
        cell = defs[key]
        if cell.computed or not per_unit(catalogue, cell):
            continue
        value = Decimal(text)
        rest = value
        for unit_id, share in SHARES.items():
            part = _share(value, share, cell.kind == "count")
            units[unit_id][key] = str(part)
            rest -= part
        units["u1"][key] = str(rest)
    return units


def split_sample(doc: dict[str, Any], catalogue: Catalogue) -> dict[str, Any]:
    """The sample document with three units carrying the figures (both years)."""
    current, prior = _split_year(catalogue, doc["cells"]), _split_year(catalogue, doc["prior"])
    for unit_id, pairs in OFFSETS.items():
        current[unit_id].update(pairs)
    units = []
    for raw in doc["units"][:3]:
        unit_id = raw["id"]
        entry = raw | {"code": UNIT_CODES[unit_id], "cells": current[unit_id], "prior": prior[unit_id]}
        units.append(entry)
    return doc | {"units": units}
