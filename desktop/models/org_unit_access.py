"""What the Dataset offers for a department entered unit by unit: each unit's figures to read and
edit (desktop.models.org_unit_edits), the department's being their sum. A mixin beside Assists."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from desktop.forms.calc import Calculator, CellValue
from desktop.models import org_unit_edits
from desktop.models.ops import Op
from desktop.models.org_unit_findings import unit_findings
from desktop.models.org_units import Offset, per_unit
from desktop.models.snapshot import Unit
from desktop.rules.finding import Finding

if TYPE_CHECKING:
    from desktop.models.dataset import Dataset, EditResult


class OrgUnitAccess:
    @property
    def _units_data(self) -> Dataset:
        return cast("Dataset", self)

    @property
    def by_org_unit(self) -> bool:
        """Whether the figures are entered unit by unit (the department's are then sums)."""
        return self._units_data._memory.org_units.split

    @property
    def offsets(self) -> tuple[Offset, ...]:
        """The internal pairs the edition's rules name (both sides leave the department's total)."""
        return self._units_data._memory.org_units.offsets

    def org_unit(self, unit_code: str) -> Unit:
        """The unit with this 单位代码 (or id); CellError listing the units there are."""
        return org_unit_edits.unit_of(self._units_data._memory, unit_code)

    def is_unit_figure(self, cell_id: str) -> bool:
        """Whether a cell is one of a unit's own figures (tables, facts, staffing) rather than the
        department's (its name, code, year and texts)."""
        memory = self._units_data._memory
        cell = memory.years["current"].calc.cells.get(cell_id)
        return cell is not None and per_unit(memory.catalogue, cell)

    def unit_calc(self, unit_id: str, year: str = "current") -> Calculator:
        """One unit's figures with its own totals. Before the figures are entered by unit,
        本级's figures are the department's and the other units' are blank."""
        memory = self._units_data._memory
        figures = memory.org_units
        parent = figures.parent
        if not figures.split and parent is not None and unit_id == parent.id:
            return memory.years[year].calc
        return figures.calc(year, unit_id)

    def unit_get(self, unit_id: str, cell: str, year: str = "current") -> CellValue:
        return self.unit_calc(unit_id, year).value(cell)

    def unit_number(self, unit_id: str, cell: str, year: str = "current") -> Decimal | None:
        return self.unit_calc(unit_id, year).number(cell)

    def unit_findings(self, unit_id: str) -> list[Finding]:
        """One unit's own findings (its name leads each message); none until the figures are
        entered unit by unit. Checked afresh on each call: ask when the unit is shown."""
        return unit_findings(self._units_data._memory, self.org_unit(unit_id))

    def unit_has_figures(self, unit_id: str, year: str = "current") -> bool:
        """Whether a unit holds figures of the tables and facts (its cover's staffing aside)."""
        memory = self._units_data._memory
        forms = memory.catalogue.forms
        cells = org_unit_edits.unit_values_of(memory, unit_id, year)
        return any((form := forms.get(c.partition(".")[0])) is not None and form.holds_figures for c in cells)

    def unit_import_ops(
        self, unit_id: str, texts: Mapping[str, str], year: str, *, keep: tuple[str, ...] | None
    ) -> tuple[list[Op], int]:
        """The changes that fill one unit from a file's figures (see org_unit_edits.import_ops)."""
        return org_unit_edits.import_ops(self._units_data._memory, unit_id, texts, year, keep)

    def unit_set(
        self, unit_id: str, cell_id: str, text: str | None, *, source: str = "typed", year: str = "current"
    ) -> EditResult:
        """Set one of a unit's input cells; the department's total follows in the same action."""
        return self.unit_set_many(unit_id, {cell_id: text}, source=source, year=year, label=f"修改 {cell_id}")

    def unit_set_many(
        self,
        unit_id: str,
        values: Mapping[str, str | None],
        *,
        source: str = "paste",
        year: str = "current",
        label: str = "粘贴",
    ) -> EditResult:
        data = self._units_data
        unit = org_unit_edits.unit_of(data._memory, unit_id)
        ops = org_unit_edits.typed_ops(data._memory, unit.id, values, year)
        return data.apply(ops, label=f"{unit.name}：{label}", source=source)
