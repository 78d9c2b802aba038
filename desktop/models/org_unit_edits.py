"""The change records of editing one unit's figures: the unit's cells, and the department's cells
that are their sum (desktop.models.org_units) in the same action, so undo takes back both.

The first unit edit of a department entered as a whole moves its figures to 本级 first: the total
stays what it was, and nothing typed before is lost. Pure: the facade applies what these return.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from desktop.forms.calc import CellValue
from desktop.models import edits
from desktop.models.ops import Op
from desktop.models.org_units import SPLIT_KEY, per_unit
from desktop.models.schema import YEARS
from desktop.models.snapshot import Unit
from desktop.models.state import Memory
from desktop.models.values import CellError, from_stored, parse_cell_value, stored_text

UnitValues = Mapping[tuple[str, str], str | None]  # (unit id, cell) → stored text


def unit_of(memory: Memory, unit_code: str) -> Unit:
    """The unit with 单位代码 `unit_code` (or id); CellError naming the codes there are."""
    figures = memory.org_units
    found = figures.by_code(unit_code) or figures.unit(unit_code)
    if found is None:
        codes = "、".join(f"{u.code or u.id}（{u.name}）" for u in memory.units)
        raise CellError(f"本数据集中没有单位代码为 {unit_code} 的单位；现有单位：{codes}")
    return found


def typed_ops(memory: Memory, unit_id: str, values: Mapping[str, str | None], year: str) -> list[Op]:
    """Typed or pasted values of one unit: each checked (CellError/AmountError refuse them all)."""
    parsed: dict[tuple[str, str], str | None] = {}
    for cell_id, text in values.items():
        cell = edits.cell_def(memory, cell_id, year)
        if cell.computed:
            raise CellError(f"{cell_id} 是计算单元格（由公式得出），不能直接填写")
        if not per_unit(memory.catalogue, cell):
            raise CellError(f"{cell_id} 是部门的信息，不分单位：请在“部门合计”中填写")
        parsed[(unit_id, cell_id)] = stored_text(parse_cell_value(cell, text))
    return unit_ops(memory, parsed, year)


def unit_ops(memory: Memory, values: UnitValues, year: str) -> list[Op]:
    """Units' cells set to stored texts, and the department's cells their sums become."""
    ops = split_ops(memory)
    changed_cells = dict.fromkeys(cell for _unit, cell in values)
    ops += [Op.unit_cell(unit_id, cell, text, year) for (unit_id, cell), text in values.items()]
    totals: dict[str, str | None] = {}
    kind = memory.catalogue.kind_of
    for cell in changed_cells:
        current = unit_values(memory, year, cell)
        current.update({u: from_stored(kind(c), t) for (u, c), t in values.items() if c == cell})
        totals[cell] = memory.org_units.total(cell, {u: v for u, v in current.items() if v is not None})
    return ops + edits.value_ops(memory, totals, year)


def unit_values(memory: Memory, year: str, cell: str) -> dict[str, CellValue]:
    """Each unit's value of a cell; before the figures are entered by unit, 本级's are the
    department's."""
    figures = memory.org_units
    if figures.split or figures.parent is None:
        return figures.values_of(year, cell)
    value = memory.years[year].calc.inputs.get(cell)
    return {} if value is None else {figures.parent.id: value}


def split_ops(memory: Memory) -> list[Op]:
    """Before the first unit edit: the department's own figures become 本级's."""
    figures = memory.org_units
    if figures.split or figures.parent is None:
        return []
    ops = [Op.meta(SPLIT_KEY, "1")]
    for year in YEARS:
        calc = memory.years[year].calc
        for cell_id, value in calc.inputs.items():
            cell = calc.cells.get(cell_id)
            if cell is not None and per_unit(memory.catalogue, cell):
                ops.append(Op.unit_cell(figures.parent.id, cell_id, stored_text(value), year))
    return ops


def refuse_department_figures(memory: Memory, cells: Iterable[str]) -> None:
    """In a department entered by unit, its figures are sums: CellError for typing one."""
    if not memory.org_units.split:
        return
    catalogue = memory.catalogue
    for cell_id in cells:
        cell = memory.years["current"].calc.cells.get(cell_id)
        if cell is None or per_unit(catalogue, cell):
            raise CellError(f"{cell_id} 是各单位之和（部门合计只读）：请在单位切换中选择本级或二级单位后填写")


def removed_units_ops(memory: Memory, units: Iterable[Unit]) -> list[Op]:
    """A unit taken off the list takes its figures out of the department's sums."""
    kept = {u.id for u in units}
    ops: list[Op] = []
    for year in YEARS:
        gone = {
            (unit_id, cell): None
            for unit_id, cells in memory.org_units.inputs[year].items()
            if unit_id not in kept
            for cell in cells
        }
        ops += unit_ops(memory, gone, year) if gone else []
    return ops


def row_ops(memory: Memory, form: str, row: str, year: str) -> list[Op]:
    """A department row removed takes the units' cells of that row with it."""
    prefix = f"{form}.{row}."
    inputs = memory.org_units.inputs[year]
    return [
        Op.unit_cell(unit_id, cell, None, year)
        for unit_id, cells in inputs.items()
        for cell in cells
        if cell.startswith(prefix)
    ]


def clear_ops(memory: Memory, year: str, keep: tuple[str, ...] | None) -> list[Op]:
    """The units' cells of a year, except forms in `keep` (default: the cover)."""
    if keep is None:
        keep = tuple(f.id for f in memory.catalogue if f.cover)
    return [
        Op.unit_cell(unit_id, cell, None, year)
        for unit_id, cells in memory.org_units.inputs[year].items()
        for cell in cells
        if cell.split(".", 1)[0] not in keep
    ]


def check_codes(units: Iterable[Unit]) -> None:
    """CellError when two units share a 单位代码 (consolidation and imports find units by it)."""
    seen: dict[str, str] = {}
    for unit in units:
        if unit.code and unit.code in seen:
            raise CellError(f"单位代码 {unit.code} 重复：“{seen[unit.code]}”和“{unit.name}”，请改正后再保存")
        seen[unit.code] = unit.name
