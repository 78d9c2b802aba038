"""What a rule reads while it is checked: both years' values, texts and the dataset's settings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from desktop.forms.calc import Calculator
from desktop.forms.catalogue import Catalogue
from desktop.forms.names import cell_label, row_name
from desktop.forms.naming import Naming
from desktop.money import ZERO

DEFAULT_THRESHOLD = Decimal("0.10")


@dataclass
class Settings:
    threshold: Decimal = DEFAULT_THRESHOLD  # year-over-year change that needs a reason
    rounded: bool = False  # this year's figures came from a table rounded to 0.01 万元
    prior_rounded: bool = False


class OrgUnitTotals(Protocol):
    """The units' own figures, as the unit rules read them (the first unit is 本级)."""

    split: bool  # the figures are entered unit by unit

    def named_units(self) -> list[tuple[str, str]]:
        """(id, name) of each unit, 本级 first."""
        ...

    def unit_number(self, unit_id: str, cell: str) -> Decimal | None:
        """A unit's value of a cell this year (computed cells too)."""
        ...


@dataclass
class RuleContext:
    catalogue: Catalogue
    naming: Naming  # subject names: the edition's code lists and imported names
    current: Calculator
    prior: Calculator | None
    texts: Mapping[str, str]
    declared: Mapping[str, Decimal] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    org_units: OrgUnitTotals | None = None
    # The names of cells and subject rows, kept while the catalogue and the names stay the
    # same objects (both are replaced, never changed in place): an edit re-checks the same
    # few findings over and over, and each names its cells again.
    _labels: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _labelled: tuple[Catalogue, Naming] | None = field(default=None, init=False, repr=False, compare=False)

    def number(self, cell: str) -> Decimal | None:
        """This year's value, None when blank."""
        return self.current.number(cell)

    def prior_number(self, cell: str) -> Decimal | None:
        return self.prior.number(cell) if self.prior is not None else None

    def string(self, cell: str) -> str:
        value = self.current.value(cell)
        return value if isinstance(value, str) else ""

    def text(self, key: str) -> str:
        return self.texts.get(key, "").strip()

    def lookup(self, cell: str, prior: bool) -> Decimal | None:
        """Expression lookup: a blank cell reads as 0; the prior year is None when absent."""
        if prior:
            if self.prior is None:
                return None
            return self.prior.number(cell) or ZERO
        if cell in self.current.computed:
            return self.current.computed[cell]
        return self.current.number(cell) or ZERO

    def row_label(self, form: str, row: str) -> str:
        if form == "P01" and "." not in row:
            name = self.string(f"P01.{row}.name")
            return f"项目“{name}”" if name else f"项目 {row}"
        if form == "P01":
            project, indicator = row.split(".", 1)
            name = self.string(f"P01.{row}.name") or indicator
            return f"{self.row_label('P01', project)} 指标“{name}”"
        return self._labelled_as(f"{form}|{row}", lambda: row_name(self.catalogue, self.naming, form, row))

    def cell_label(self, cell: str) -> str:
        return self._labelled_as(cell, lambda: cell_label(self.catalogue, self.naming, cell))

    def _labelled_as(self, key: str, name: Callable[[], str]) -> str:
        source = self._labelled
        if source is None or source[0] is not self.catalogue or source[1] is not self.naming:
            self._labels.clear()
            self._labelled = (self.catalogue, self.naming)
        label = self._labels.get(key)
        if label is None:
            label = self._labels[key] = name()
        return label
