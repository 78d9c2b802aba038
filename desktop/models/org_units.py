"""A department entered unit by unit: each unit's own figures, and the department's as their sum.

The first unit is 本级, the others its 二级单位. Until a unit's figures are typed, the department's
figures are 本级's (a one-unit department is just that). Once the figures are entered by unit
(meta `org_units.split`), each department input cell holds the sum of the units' cells, less the
internal offsets the edition's `unit_offset` rules name: 本级's side of a pair (e.g. 对附属单位补助支出)
and the 二级单位' side (上级补助收入) both leave the total. The sum of one cell reads only that cell
of each unit, so an edit recomputes the department's cell in O(units).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from desktop.forms.calc import Calculator, CellValue
from desktop.forms.catalogue import Catalogue
from desktop.forms.structure import CellDef
from desktop.models.ops import unit_cell_target
from desktop.models.schema import YEARS
from desktop.models.snapshot import Unit
from desktop.models.values import from_stored, stored_text
from desktop.rules.engine import Validator
from desktop.rules.ruleset import RuleDef

SPLIT_KEY = "org_units.split"  # meta "1": the figures are entered unit by unit
OFFSET_KIND = "unit_offset"
DEPARTMENT_ONLY = frozenset({"F00.name.value", "F00.code.value", "F00.year.value"})
ANY_UNIT = "*"  # the unit part of the cells an offset rule watches: any unit's total


@dataclass(frozen=True)
class Offset:
    """One internal pair: a column of 本级 against a column of the 二级单位 (form, column)."""

    parent: tuple[str, str]
    units: tuple[str, str]

    @classmethod
    def of(cls, rule: RuleDef) -> Offset:
        parent_form, _, parent_col = str(rule.param("parent")).partition(".")
        units_form, _, units_col = str(rule.param("units")).partition(".")
        return cls((parent_form, parent_col), (units_form, units_col))


def offsets_of(rules: tuple[RuleDef, ...]) -> tuple[Offset, ...]:
    return tuple(Offset.of(rule) for rule in rules if rule.kind == OFFSET_KIND)


def per_unit(catalogue: Catalogue, cell: CellDef) -> bool:
    """Whether a cell is a unit's own figure: amounts and counts of the tables and facts, and the
    cover's staffing (the department's name, code, year and texts are the department's)."""
    form = catalogue.forms.get(cell.form)
    if form is None or cell.kind == "text" or cell.id in DEPARTMENT_ONLY:
        return False
    return form.holds_figures or form.cover


def watched(cell: str) -> str:
    """The id an offset rule reads for `cell` of any unit: its form and column's total."""
    form, _, rest = cell.partition(".")
    return unit_cell_target(ANY_UNIT, f"{form}.total.{rest.rpartition('.')[2]}")


def contributes(offsets: tuple[Offset, ...], parent_id: str, unit_id: str, cell: str) -> bool:
    """Whether a unit's cell counts in the department's total (not an internal offset)."""
    form, _, rest = cell.partition(".")
    column = (form, rest.rpartition(".")[2])
    return not any(column == (o.parent if unit_id == parent_id else o.units) for o in offsets)


def sum_of_units(
    offsets: tuple[Offset, ...], parent_id: str, cell: str, values: Mapping[str, CellValue]
) -> str | None:
    """The department's stored value of a cell from its units' values (unit id → value): None
    when no unit has one, 0 when the units' values are all offsets."""
    result: Decimal | None = None
    for unit_id, value in values.items():
        if isinstance(value, Decimal) and contributes(offsets, parent_id, unit_id, cell):
            result = value if result is None else result + value
    if result is None and any(v is not None for v in values.values()):
        result = Decimal(0)
    return stored_text(result)


class OrgUnitFigures:
    """The units' inputs of both years, with a calculator per unit built when first read."""

    def __init__(
        self,
        catalogue: Catalogue,
        units: list[Unit],
        stored: Mapping[str, Mapping[str, Mapping[str, str]]],
        offsets: tuple[Offset, ...],
        split: bool,
        departments: Mapping[str, Calculator],
    ) -> None:
        self.catalogue = catalogue
        self.departments = departments
        self.units = units
        self.offsets = offsets
        self.split = split
        kind = catalogue.kind_of
        self.inputs: dict[str, dict[str, dict[str, CellValue]]] = {
            year: {
                unit_id: {cell: from_stored(kind(cell), text) for cell, text in cells.items()}
                for unit_id, cells in stored.get(year, {}).items()
            }
            for year in YEARS
        }
        self._calcs: dict[tuple[str, str], Calculator] = {}
        # Each unit's own rule check (desktop.models.org_unit_findings), built when its findings
        # are first asked for and then followed edit by edit like the department's.
        self.checks: dict[str, Validator] = {}

    @property
    def parent(self) -> Unit | None:
        return self.units[0] if self.units else None

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def by_code(self, code: str) -> Unit | None:
        return next((u for u in self.units if u.code == code), None)

    # --- reading ------------------------------------------------------------------------

    def stored_text(self, year: str, unit_id: str, cell: str) -> str | None:
        return stored_text(self.inputs[year].get(unit_id, {}).get(cell))

    def calc(self, year: str, unit_id: str) -> Calculator:
        """A unit's calculator over the department's rows (a row the unit lacks stays blank)."""
        key = (year, unit_id)
        if key not in self._calcs:
            inputs = self.inputs[year].get(unit_id, {})
            self._calcs[key] = Calculator.alike(self.departments[year], inputs)
        return self._calcs[key]

    def named_units(self) -> list[tuple[str, str]]:
        return [(u.id, u.name) for u in self.units]

    def unit_number(self, unit_id: str, cell: str) -> Decimal | None:
        return self.calc("current", unit_id).number(cell)

    def total(self, cell: str, values: Mapping[str, CellValue]) -> str | None:
        """The department's value of an input cell from each unit's value (unit id → value)."""
        return sum_of_units(self.offsets, self.parent.id if self.parent else "", cell, values)

    def values_of(self, year: str, cell: str) -> dict[str, CellValue]:
        return {u.id: v for u in self.units if (v := self.inputs[year].get(u.id, {}).get(cell)) is not None}

    # --- following written changes ------------------------------------------------------

    def set_value(self, year: str, unit_id: str, cell: str, text: str | None) -> None:
        cells = self.inputs[year].setdefault(unit_id, {})
        value = from_stored(self.catalogue.kind_of(cell), text)
        if value is None:
            cells.pop(cell, None)
        else:
            cells[cell] = value
        calc = self._calcs.get((year, unit_id))
        if calc is not None:
            changed = calc.set_inputs({cell: value})
            check = self.checks.get(unit_id)
            if check is not None and year == "current":
                check.update(changed)
            elif check is not None:  # last year's figures: checked afresh when next asked
                del self.checks[unit_id]

    def watched_totals(self) -> set[str]:
        """Every total the offset rules read."""
        sides = (side for offset in self.offsets for side in (offset.parent, offset.units))
        return {watched(f"{form}.total.{column}") for form, column in sides}

    def forget_calcs(self) -> None:
        """The rows changed: calculators (and the checks reading them) are built again when
        next read."""
        self._calcs.clear()
        self.checks.clear()
