"""The open dataset as the window sees it: every change goes through here and is announced.

Widgets never call `Dataset` write methods themselves: they ask the session, which turns a
refusal (bad amount, computed cell) into a `refused` message and every accepted change into
one `changed` signal, delivered synchronously so totals, badges and findings follow in the
same event-loop turn.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from desktop.forms.calc import Calculator
from desktop.forms.catalogue import Form
from desktop.forms.perf_tree import TreeError
from desktop.models.dataset import DEPARTMENT_CELLS, Dataset, EditResult
from desktop.models.input_check import Refusal, first_refusal
from desktop.models.org_units import OFFSET_KIND
from desktop.models.store import StoreError
from desktop.models.values import CellError
from desktop.money import AmountError
from desktop.rules.engine import FindingsDelta
from desktop.rules.finding import SEVERITIES, Finding
from desktop.ui.findings_index import FindingsIndex
from desktop.ui.qt import QObject, Signal
from desktop.ui.text import tr

UNITS_STEP = "org_units"  # the navigator's 单位汇总 step (a department of several units)
# A refused edit, or one the file could not take (read-only, a full disk): a message, no change.
REFUSALS = (AmountError, CellError, StoreError, TreeError)


_GIVEN = frozenset(DEPARTMENT_CELLS.values())  # the cover's cells a new file starts with


def _form_of(cell: str) -> str:
    return cell.partition(".")[0]


def involves(finding: Finding, form_id: str) -> bool:
    """The finding reads a cell of the form (this year's)."""
    return any(c.startswith(form_id + ".") for c in finding.cells)


class Session(QObject):
    changed = Signal(object)  # EditResult
    refused = Signal(str)
    saved = Signal(str)  # the time of the last committed edit, "HH:MM:SS"
    options_changed = Signal()

    def __init__(self, dataset: Dataset, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dataset = dataset
        self.amount_scale = "万元"  # amounts shown in 万元 (as stored) or 元
        self.show_prior = False
        self.org_unit_id: str | None = None  # the unit shown (None: the department as a whole)
        self.index = FindingsIndex(())
        self._typed: set[str] | None = None  # the typed cells (see has_input), and per form:
        self._inputs: Counter[str] = Counter()
        self.refusal: Refusal | None = None  # why the last edit was refused, and where
        self._index_findings()

    # --- reading ----------------------------------------------------------------------

    def form(self, form_id: str) -> Form:
        return self.dataset.catalogue.form(form_id)

    def calc(self, year: str = "current") -> Calculator:
        """The figures shown: the chosen unit's, or the department's."""
        if self.org_unit_id is None:
            return self.dataset.calc(year)
        return self.dataset.unit_calc(self.org_unit_id, year)

    def can_type(self, cell_id: str) -> bool:
        """Whether the cell shown takes typing: a unit's own figures in a unit, the
        department's own facts in the department (its figures are sums once entered by unit)."""
        if self.org_unit_id is not None:
            return self.dataset.is_unit_figure(cell_id)
        return not (self.dataset.by_org_unit and self.dataset.is_unit_figure(cell_id))

    def unit_errors(self) -> int:
        """The errors 单位汇总 answers for: internal pairs between 本级 and its units that do not
        match, and (entered unit by unit) each unit's own errors. A unit's check follows its
        edits, so asking after each edit costs little once built."""
        pair_rules = self._pair_rules()
        pairs = sum(1 for f in self.findings if f.rule in pair_rules)  # shown in every view
        if not self.dataset.by_org_unit:
            return pairs
        own = (f for u in self.dataset.units for f in self.dataset.unit_findings(u.id))
        return pairs + sum(1 for f in own if f.severity == "error")

    def _pair_rules(self) -> set[str]:
        return {rule.id for rule in self.dataset.rules if rule.kind == OFFSET_KIND}

    def findings_of(self, form_id: str) -> list[Finding]:
        return [f for f in self.findings if involves(f, form_id)]

    @property
    def findings(self) -> list[Finding]:
        return self.index.findings

    @property
    def by_cell(self) -> dict[str, list[Finding]]:
        return self.index.by_cell

    def counts(self, form_id: str) -> dict[str, int]:
        """Findings by severity that belong to a form: those whose first cell is on it (a
        cross-table rule is counted once, where its left-hand side is typed)."""
        return self.index.form_counts.get(form_id, dict.fromkeys(SEVERITIES, 0))

    def has_input(self, form_id: str) -> bool:
        """Whether the clerk has put figures into a form (the cover's name, code and year, which
        the new file starts with, do not count)."""
        if self._typed is None:  # found once, then followed edit by edit (_follow_inputs)
            self._typed = {c for c in self.dataset.calc().inputs if c not in _GIVEN}
            self._inputs = Counter(_form_of(c) for c in self._typed)
        return self._inputs[form_id] > 0

    def has_open_problems(self, form_id: str) -> bool:
        """An error or warning that involves any cell of the form (info does not count)."""
        return self.index.open_counts[form_id] > 0

    def _unit_view(self) -> list[Finding] | None:
        """What is shown while a unit of a department entered unit by unit is shown: its own
        findings and the pairs between units (None: the department's findings)."""
        unit_id = self.org_unit_id
        if unit_id is None or not self.dataset.by_org_unit:
            return None
        pairs = self._pair_rules()
        between = [f for f in self.dataset.findings() if f.rule in pairs]
        return [*between, *self.dataset.unit_findings(unit_id)]

    def _index_findings(self, result: EditResult | None = None) -> EditResult | None:
        """Follow an edit's delta, or index every finding afresh (on open, after a structural
        change, or when the delta does not fit what is indexed). A unit shown is indexed afresh
        from its own check: the result then carries the delta of what is shown, for the panel
        and markers."""
        unit_view = self._unit_view()
        if unit_view is not None:
            delta = _delta_between(self.index.findings, unit_view)
            self.index = FindingsIndex(unit_view)
            self._typed = None
            return replace(result, findings=delta) if result is not None else None
        if result is None or result.structure or result.prior or not self.index.follow(result.findings):
            self.index = FindingsIndex(self.dataset.findings())
            self._typed = None
        elif self._typed is not None:
            self._follow_inputs(self._typed, result.cells)
        return result

    def _follow_inputs(self, typed: set[str], cells: Iterable[str]) -> None:
        """Count a changed cell in or out of its form's typed cells."""
        inputs = self.dataset.calc().inputs
        for cell in cells:
            if cell in _GIVEN or cell.startswith("prior:"):
                continue
            now = cell in inputs
            if now != (cell in typed):
                self._inputs[_form_of(cell)] += 1 if now else -1
                (typed.add if now else typed.discard)(cell)

    # --- changing ---------------------------------------------------------------------

    def edit(self, values: Mapping[str, str | None], *, source: str = "typed", label: str = "") -> bool:
        """Set cells as one undo step; False (and a `refused` message) when nothing changed."""
        if not values:
            return False
        refusal = first_refusal(self.dataset, values)
        if refusal is not None:
            return self.refuse(refusal)
        unit_id = self.org_unit_id
        if unit_id is not None:
            label = label or (
                tr("修改 {cell}").format(cell=next(iter(values))) if len(values) == 1 else tr("粘贴")
            )
            return self.run(lambda: self.dataset.unit_set_many(unit_id, values, source=source, label=label))
        if len(values) == 1 and not label:
            ((cell, text),) = values.items()
            return self.run(lambda: self.dataset.set(cell, text, source=source))
        return self.run(lambda: self.dataset.set_many(values, source=source, label=label or tr("粘贴")))

    def set_text(self, key: str, value: str) -> bool:
        return self.run(lambda: self.dataset.set_text(key, value))

    def override(self, cell: str, text: str | None, reason: str) -> bool:
        return self.run(lambda: self.dataset.override(cell, text, reason))

    def add_rows(self, rows: list[tuple[str, str]]) -> bool:
        return self.run(lambda: self.dataset.add_rows(rows))

    def set_flag(self, flag: str, on: bool) -> bool:
        return self.run(lambda: self.dataset.set_flag(flag, on))

    def add_row(self, form_id: str, row: str) -> bool:
        return self.run(lambda: self.dataset.add_row(form_id, row))

    def remove_row(self, form_id: str, row: str) -> bool:
        return self.run(lambda: self.dataset.remove_row(form_id, row))

    def undo(self) -> bool:
        return self.run(self.dataset.undo)

    def redo(self) -> bool:
        return self.run(self.dataset.redo)

    def run(self, action: Callable[[], EditResult | object | None]) -> bool:
        """Run a Dataset action; announce what it changed. Also for desktop.models.projects calls."""
        self.refusal = None
        try:
            result = action()
        except REFUSALS as exc:
            return self.refuse(Refusal(None, str(exc)))
        if result is None:
            return False
        self._announce(result if isinstance(result, EditResult) else EditResult(structure=True))
        return True

    def refuse(self, refusal: Refusal) -> bool:
        self.refusal = refusal
        self.refused.emit(refusal.message)
        return False

    def _announce(self, result: EditResult) -> None:
        shown = self._index_findings(result) or result
        self.saved.emit(dt.datetime.now().strftime("%H:%M:%S"))
        self.changed.emit(shown)

    # --- display options --------------------------------------------------------------

    def set_amount_scale(self, scale: str) -> None:
        self.amount_scale = scale
        self.options_changed.emit()

    def set_org_unit(self, unit_id: str | None) -> None:
        """Show (and edit) one unit's figures, or the department's (None)."""
        self.org_unit_id = unit_id
        self._typed = None  # the typed cells are the unit's now (has_input)
        self._index_findings()  # and the findings shown
        self.options_changed.emit()

    def set_show_prior(self, show: bool) -> None:
        self.show_prior = show
        self.options_changed.emit()

    def cells_with_values(self, cells: Iterable[str]) -> list[str]:
        inputs = self.dataset.calc().inputs
        return [c for c in cells if inputs.get(c) is not None]


def _delta_between(before: list[Finding], after: list[Finding]) -> FindingsDelta:
    """The findings added and removed from one list to the next (a changed message is both)."""
    old = {(f.rule, f.cells): f for f in before}
    new = {(f.rule, f.cells): f for f in after}
    added = tuple(f for key, f in new.items() if old.get(key) != f)
    removed = tuple(f for key, f in old.items() if new.get(key) != f)
    return FindingsDelta(added, removed)
