"""The change records of the clerk's edits: resolving the cell typed into (a new 项 row brings
its row and companions), the department block, units, clearing a year. Pure: nothing is
written here; the facade applies what these return."""

from __future__ import annotations

import json
from collections.abc import Mapping

from desktop.forms.structure import CellDef, build_cells, code_level
from desktop.models.ops import Op
from desktop.models.snapshot import Unit, canonical_unit_kind
from desktop.models.state import Memory
from desktop.models.values import CellError, parse_cell_value, stored_text
from desktop.rules.companions import required_forms

DEPARTMENT_CELLS = {"name": "F00.name.value", "code": "F00.code.value", "year": "F00.year.value"}


def cell_def(memory: Memory, cell_id: str, year: str = "current") -> CellDef:
    """The definition of a cell that exists or that typing would create (a new 项 row)."""
    known = memory.years[year].calc.cells.get(cell_id)
    if known is not None:
        return known
    probe = _probe_row(memory, cell_id, year)
    if probe is None or probe.computed:
        raise CellError(f"单元格 {cell_id} 不存在：请检查表号、行和列（如 G05.2010601.basic）")
    return probe


def _probe_row(memory: Memory, cell_id: str, year: str) -> CellDef | None:
    parts = cell_id.split(".")
    catalogue = memory.catalogue
    if len(parts) != 3 or parts[0] not in catalogue.forms:
        return None
    form = catalogue.form(parts[0])
    if form.kind != "classified" or code_level(parts[1]) != form.input_level:
        return None
    structure = memory.years[year].structure.copy()
    structure.add(form.id, parts[1])
    return build_cells(catalogue, structure).get(cell_id)


def companion_ops(memory: Memory, form: str, row: str, year: str) -> list[Op]:
    """Row ops that add `row` to every other form its figures need it in, where it is missing."""
    ops = []
    for other in required_forms(memory.row_needs, form):
        definition = memory.catalogue.forms.get(other)
        if definition is None or definition.kind != "classified":
            continue
        if code_level(row) == definition.input_level and row not in memory.years[year].structure.of(other):
            ops.append(Op.row(other, row, year=year))
    return ops


def new_row_ops(memory: Memory, form: str, row: str, year: str) -> list[Op]:
    """A row with the rows the rules require beside it, unless it is there already."""
    if row in memory.years[year].structure.of(form):
        return []
    return [Op.row(form, row, year=year), *companion_ops(memory, form, row, year)]


def value_ops(memory: Memory, values: Mapping[str, str | None], year: str) -> list[Op]:
    """Typed or pasted values: each checked (CellError/AmountError refuse them all)."""
    ops: list[Op] = []
    present = memory.years[year].calc.cells
    for cell_id, text in values.items():
        cell = cell_def(memory, cell_id, year)
        if cell.computed:
            raise CellError(f"{cell_id} 是计算单元格（由公式得出），不能直接填写")
        if cell_id not in present:  # a new 项 row's cell: the row comes first, with its companions
            ops += new_row_ops(memory, cell.form, cell.row, year)
        value = stored_text(parse_cell_value(cell, text))
        ops.append(Op.cell(cell_id, value, year))
        ops += _department_meta_op(cell_id, year, value)
    return ops


def _department_meta_op(cell_id: str, year: str, value: str | None) -> list[Op]:
    """Typing 部门名称/单位代码/年度 in F00 changes the department itself (title, exports)."""
    key = next((k for k, c in DEPARTMENT_CELLS.items() if c == cell_id), None)
    if key is None or year != "current":
        return []
    if key == "year" and value is None:
        raise CellError("年度不能为空")
    return [Op.meta(key, value or "")]


def remove_row_ops(memory: Memory, form: str, row: str, year: str) -> list[Op]:
    """A dynamic row and its values (indicators go with their project)."""
    prefix = f"{form}.{row}."
    state = memory.years[year]
    nested = [r for r in state.structure.of(form) if r.startswith(f"{row}.")]
    ops = [Op.cell(c, None, year) for c in state.calc.inputs if c.startswith(prefix)]
    return ops + [Op.row(form, r, present=False, year=year) for r in [*nested, row]]


def department_ops(memory: Memory, name: str, code: str, year: int, units: list[Unit] | None) -> list[Op]:
    """The department block lives in meta and mirrors into F00 cells."""
    ops = [
        Op.meta("name", name),
        Op.meta("code", code),
        Op.meta("year", str(year)),
        Op.cell(DEPARTMENT_CELLS["name"], name or None),
        Op.cell(DEPARTMENT_CELLS["code"], code or None),
        Op.cell(DEPARTMENT_CELLS["year"], str(year)),
    ]
    return ops if units is None else ops + _unit_ops(memory, units)


def _unit_ops(memory: Memory, units: list[Unit]) -> list[Op]:
    kept = {n.id for n in units}
    ops = [Op.unit(u.id, None) for u in memory.units if u.id not in kept]
    for position, unit in enumerate(units):
        kind = canonical_unit_kind(unit.kind)
        payload = {"name": unit.name, "kind": kind, "position": position, "code": unit.code}
        ops.append(Op.unit(unit.id, json.dumps(payload, ensure_ascii=False)))
    return ops


def clear_ops(memory: Memory, year: str, keep: tuple[str, ...] | None = None) -> list[Op]:
    """Ops that empty a year's figures, file totals and dynamic rows, except forms in `keep`
    (default: the cover)."""
    if keep is None:
        keep = tuple(f.id for f in memory.catalogue if f.cover)
    state = memory.years[year]
    ops = [Op.cell(c, None, year) for c in state.calc.inputs if c.split(".", 1)[0] not in keep]
    ops += [Op.declared(c, None, year) for c in state.declared]
    rows = state.calc.structure.rows.items()
    return ops + [
        Op.row(form, row, present=False, year=year) for form, ids in rows if form not in keep for row in ids
    ]
