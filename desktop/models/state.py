"""The in-memory picture of one dataset: what its file holds, computed and checked.

Loaded once from the store; after each written batch of change records it follows them
(inputs, rows, texts, units, settings), recomputes what they touch and re-checks the rules that
read it, returning what changed."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from types import MappingProxyType

from desktop import long_lived
from desktop.forms.calc import Calculator, CellValue
from desktop.forms.catalogue import Catalogue
from desktop.forms.edition import Edition
from desktop.forms.naming import Naming, parse_name_key
from desktop.forms.perf_tree import with_tree
from desktop.forms.structure import CellDef, Structure, touched_rows
from desktop.models import derive, perf_tree
from desktop.models.ops import POSITION_MARK, LoggedOp, Op, split_row_target, split_unit_cell
from desktop.models.org_units import SPLIT_KEY, OrgUnitFigures, offsets_of, watched
from desktop.models.results import EditResult, findings_delta
from desktop.models.schema import YEARS
from desktop.models.snapshot import Department, Unit
from desktop.models.store.tables import Placed, Stored, StoredYear
from desktop.models.values import from_stored, stored_text
from desktop.money import stored_amount
from desktop.rules.companions import RowNeed, row_needs
from desktop.rules.context import RuleContext, Settings
from desktop.rules.engine import FindingsDelta, Validator
from desktop.rules.regions import RowChange
from desktop.rules.ruleset import RuleDef

CellIds = set[str]


@dataclass
class _Pending:
    """What a batch of ops changed in memory, before recomputation."""

    changes: dict[str, dict[str, CellValue]] = field(default_factory=lambda: {y: {} for y in YEARS})
    structure: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(YEARS, False))
    rows: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: {y: [] for y in YEARS})
    retree: bool = False  # the catalogue changed: every cell and rule instance re-derived
    texts: set[str] = field(default_factory=set)
    declared: set[str] = field(default_factory=set)
    settings: bool = False
    added: dict[tuple[str, str], int] = field(default_factory=dict)  # (year, form) → rows added to it
    unit_totals: set[str] = field(default_factory=set)  # the units' totals an offset rule reads
    fresh: bool = False  # a new file being filled: new rows make every cell anew, not row by row


@dataclass
class YearState:
    structure: Structure
    calc: Calculator
    declared: dict[str, Decimal]
    positions: dict[str, int] = field(default_factory=dict)  # "FORM|row" → its place in the form


class Memory:
    """Figures, texts and settings of one dataset, with its calculators and validator."""

    def __init__(self, edition: Edition, rules: tuple[RuleDef, ...], stored: Stored) -> None:
        self.edition = edition
        self.rules = rules
        self.row_needs: tuple[RowNeed, ...] = row_needs(rules)
        self.load(stored)

    def load(self, stored: Stored) -> None:
        self.meta = stored.meta
        self.catalogue: Catalogue = self._with_own_tree(stored.scored())
        self.units: list[Unit] = stored.units
        self.texts = stored.texts
        self.years = {year: self._year(stored.years[year]) for year in YEARS}
        self.naming = self._naming()
        self.org_units = OrgUnitFigures(
            self.catalogue,
            self.units,
            {year: stored.years[year].unit_cells for year in YEARS},
            offsets_of(self.rules),
            self.meta.get(SPLIT_KEY) == "1",
            {year: state.calc for year, state in self.years.items()},
        )
        self.context = RuleContext(
            self.catalogue,
            self.naming,
            self.years["current"].calc,
            self.years["prior"].calc if self.has_prior else None,
            self.texts,
            self.years["current"].declared,
            self.settings(),
            self.org_units,
        )
        self._validator: Validator | None = None  # derived on first use: an open shows the window sooner
        self.derivations: tuple[Mapping[str, CellDef], frozenset[str], derive.DerivationIndex] | None = None

    @property
    def validator(self) -> Validator:
        """Every rule instance, checked: derived when first asked for (findings, or an edit)."""
        if self._validator is None:
            self._validator = Validator(self.context, self.rules)
            long_lived.settled()  # its instances live as long as the dataset
        return self._validator

    def _year(self, stored: StoredYear) -> YearState:
        structure = Structure()
        positions = {}
        for form, row, position in stored.rows:
            structure.add(form, row)
            positions[f"{form}|{row}"] = position
        kind = self.catalogue.kind_of
        inputs = {cell: from_stored(kind(cell), value) for cell, value in stored.cells.items()}
        declared = {
            cell: number
            for cell, text in stored.declared.items()
            if (number := stored_amount(text)) is not None
        }
        return YearState(structure, Calculator(self.catalogue, structure, inputs), declared, positions)

    def _naming(self) -> Naming:
        """The edition's code lists and the names imported workbooks gave codes they lack."""
        imported = {parsed: name for key, name in self.meta.items() if (parsed := parse_name_key(key))}
        return Naming(self.edition.codes, MappingProxyType(imported))

    def settings(self) -> Settings:
        settings = Settings(
            rounded=self.meta.get("rounded.current") == "1",
            prior_rounded=self.meta.get("rounded.prior") == "1",
        )
        threshold = stored_amount(self.meta.get("threshold", ""))
        if threshold is not None:
            settings.threshold = threshold
        return settings

    def _with_own_tree(self, scored: bool) -> Catalogue:
        """The edition's catalogue with the department's own 整体绩效评价 tree."""
        doc = perf_tree.stored(self.meta) or perf_tree.initial(scored)
        return with_tree(self.edition.catalogue, doc)

    def scored(self) -> bool:
        return any(c.startswith("P02.") for state in self.years.values() for c in state.calc.inputs)

    def department(self) -> Department:
        year = self.meta.get("year", "")
        number = int(year) if year.isascii() and year.isdigit() and len(year) <= 4 else 0
        return Department(self.meta.get("name", ""), self.meta.get("code", ""), number)

    def has_figures(self, year: str) -> bool:
        """Whether a year holds figures (anything beyond the cover, projects and scores)."""
        forms = self.catalogue.forms
        return any(
            (form := forms.get(c.partition(".")[0])) is not None and form.holds_figures
            for c in self.years[year].calc.inputs
        )

    @property
    def has_prior(self) -> bool:
        return bool(self.years["prior"].calc.inputs)

    # --- the value a change record replaces ---------------------------------------------

    def old(self, op: Op) -> str | None:
        if op.kind == "cell":
            return stored_text(self.years[op.year].calc.inputs.get(op.target))
        if op.kind == "declared":
            return stored_text(self.years[op.year].declared.get(op.target))
        if op.kind == "text":
            return self.texts.get(op.target)
        if op.kind == "row":
            # A present row's old value is its position, so undoing a removal puts it back in place.
            position = self.years[op.year].positions.get(op.target)
            return None if position is None else f"{POSITION_MARK}{position}"
        if op.kind == "unit":
            return self.unit_payload(op.target)
        if op.kind == "unit_cell":
            return self.org_units.stored_text(op.year, *split_unit_cell(op.target))
        return self.meta.get(op.target)

    def unit_payload(self, unit_id: str) -> str | None:
        for position, unit in enumerate(self.units):
            if unit.id == unit_id:
                payload = {"name": unit.name, "kind": unit.kind, "position": position, "code": unit.code}
                return json.dumps(payload, ensure_ascii=False)
        return None

    # --- following written changes ----------------------------------------------------------

    def after(
        self,
        logged: list[LoggedOp],
        label: str,
        placed: Placed,
        units: list[Unit],
        *,
        fresh: bool = False,
        whole: bool = False,
    ) -> EditResult:
        """Update memory from applied ops: inputs, rows, texts; then recompute and re-check.
        `placed`: where the store put rows; `units`: the units as stored now. `fresh`: a file
        being filled, whose findings nobody has seen: no delta, the rules derived (whole, over
        the final state) when asked for instead of followed op by op. `whole`: ops whose delta
        nobody reads (an import): rules not derived yet are derived once, over the final state,
        when asked for (not before the ops for the delta and again after them)."""
        if fresh:
            self._validator = None
        elif not whole:
            self.validator  # noqa: B018 -- derived from the state before the ops, so their delta is right
        for (year, target), place in placed.items():
            positions = self.years[year].positions
            positions.pop(target, None)
            if place is not None:
                positions[target] = place
        pending = _Pending(fresh=fresh)
        for item in logged:
            self._follow(item.op, pending, units)
        self._sort_rows(pending.added)
        return self._recompute(pending, label)

    def _follow(self, op: Op, pending: _Pending, units: list[Unit]) -> None:
        if op.kind == "cell":
            kind = self.catalogue.kind_of(op.target)
            pending.changes[op.year][op.target] = from_stored(kind, op.new)
        elif op.kind == "declared":
            self._set_declared(op)
            pending.declared.add(op.target)
        elif op.kind == "row":
            pending.structure[op.year] = True
            self._set_row(op, pending)
        elif op.kind == "text":
            pending.texts.add(op.target)
            _set(self.texts, op.target, op.new)
        elif op.kind == "unit":
            self.units = self.org_units.units = units
            pending.unit_totals |= self.org_units.watched_totals()  # re-check every pair
        elif op.kind == "unit_cell":
            unit_id, cell = split_unit_cell(op.target)
            self.org_units.set_value(op.year, unit_id, cell, op.new)
            pending.unit_totals.add(watched(cell))
        else:
            # A derived cell's mark is bookkeeping; anything else in meta is a setting.
            pending.settings = pending.settings or not op.target.startswith(derive.MARK)
            _set(self.meta, op.target, op.new)
            self.org_units.split = self.meta.get(SPLIT_KEY) == "1"
            if op.target == perf_tree.PERF_TREE:
                self._retree(pending)

    def _retree(self, pending: _Pending) -> None:
        """A new indicator tree: new P02 cells in both years, every rule re-derived."""
        self.catalogue = self._with_own_tree(self.scored())
        self.context.catalogue = self.org_units.catalogue = self.catalogue
        self.org_units.forget_calcs()
        for year, state in self.years.items():
            state.calc.catalogue = self.catalogue
            pending.structure[year] = True
        pending.retree = True

    def _set_declared(self, op: Op) -> None:
        declared = self.years[op.year].declared
        if op.new is None:
            declared.pop(op.target, None)
        else:
            declared[op.target] = Decimal(op.new)

    def _set_row(self, op: Op, pending: _Pending) -> None:
        form, row = split_row_target(op.target)
        state = self.years[op.year]
        pending.rows[op.year] += touched_rows(self.catalogue, form, row)
        if op.new is None:
            state.structure.remove(form, row)
        elif state.structure.add(form, row):
            pending.added[(op.year, form)] = pending.added.get((op.year, form), 0) + 1

    def _sort_rows(self, added: Mapping[tuple[str, str], int]) -> None:
        """Each form rows were added to back in stored order, once per batch (not per row), and
        only when the rows appended at its end are not in order already (a new row goes last)."""
        for (year, form), count in added.items():
            state = self.years[year]
            rows = state.structure.rows[form]
            places = [state.positions.get(f"{form}|{r}", 0) for r in rows[-count - 1 :]]
            if any(a > b for a, b in pairwise(places)):
                rows.sort(key=lambda r: state.positions.get(f"{form}|{r}", 0))

    def _recompute(self, pending: _Pending, label: str) -> EditResult:
        changed: set[str] = set()
        redefined: dict[str, CellDef | None] = {}
        if any(pending.structure.values()):
            self.org_units.forget_calcs()  # a unit's calculator shares the department's cells
        for year in YEARS:
            cells, old = self._recalculate(year, pending)
            changed |= cells
            if year == "current":
                redefined = old
        prior_touched = pending.structure["prior"] or bool(pending.changes["prior"])
        self.context.prior = self.years["prior"].calc if self.has_prior else None
        if pending.settings:
            self.context.settings = self.settings()
            self.naming = self.context.naming = self._naming()
            self.org_units.checks.clear()  # their contexts hold the old settings and names
        if self._validator is None:  # no findings seen yet: derived whole from the final state
            if pending.structure["current"]:
                self.derivations = None
            return EditResult(
                frozenset(changed), frozenset(pending.texts), pending.structure["current"], prior_touched,
                FindingsDelta((), ()), label,
            )  # fmt: skip
        change = None
        if pending.structure["current"] and not pending.retree:
            change = self.validator.row_change(redefined)
            calc = self.years["current"].calc
            if self.derivations is not None and self.derivations[0] is calc.cells:
                self.derivations[2].update(change, calc.cells, calc.dependents)
        touched = changed | pending.declared | pending.unit_totals
        if pending.retree or pending.settings:
            before = list(self.validator.findings.values())
            self._recheck_all(pending, change)
            delta = findings_delta(before, self.validator.findings.values())
            changed |= set(self.years["current"].calc.cells)
        elif change is not None:
            delta = self.validator.restructure(change, touched, pending.texts)
        else:
            delta = self.validator.update(touched, pending.texts)
        if prior_touched and not (pending.retree or pending.settings):
            extra = self.validator.prior_changed()
            delta = FindingsDelta(delta.added + extra.added, delta.removed + extra.removed)
        return EditResult(
            frozenset(changed),
            frozenset(pending.texts),
            pending.structure["current"],
            prior_touched,
            delta,
            label,
        )

    def _recheck_all(self, pending: _Pending, change: RowChange | None) -> None:
        """A new indicator tree changes which instances exist; settings (thresholds, rounding,
        names) are read only by checks: re-derive the rows touched, then check everything."""
        if pending.retree or change is not None:  # rows too: one whole derivation costs less
            self.validator.rebuild()
        else:
            self.validator.full_pass()

    def _recalculate(self, year: str, pending: _Pending) -> tuple[CellIds, dict[str, CellDef | None]]:
        """Apply a year's input changes; rows added or removed redefine only the cells of the
        rows they touch (a new indicator tree, or a fresh file's filling, redefines all)."""
        calc, changes = self.years[year].calc, pending.changes[year]
        if pending.retree or (pending.fresh and pending.structure[year]):
            calc.inputs.update(changes)
            for cell in [c for c, value in changes.items() if value is None]:
                del calc.inputs[cell]
            calc.rebuild()
            return set(changes) | (set(calc.cells) if pending.fresh else set()), {}
        old, changed = calc.restructure(pending.rows[year]) if pending.structure[year] else ({}, set())
        return changed | (calc.set_inputs(changes) if changes else set()), old


def _set(target: dict[str, str], key: str, value: str | None) -> None:
    if value is None:
        target.pop(key, None)
    else:
        target[key] = value
