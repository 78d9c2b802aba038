"""Computed cells, kept current incrementally.

The calculator holds one year's input values and the computed values derived from them. An
input change re-evaluates only its dependents, in dependency order, and reports every cell
whose value actually changed.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from decimal import Decimal

from desktop.bulk import no_cycle_collection
from desktop.forms import expr
from desktop.forms.catalogue import Catalogue
from desktop.forms.structure import CellDef, Structure, build_cells, row_cells
from desktop.money import ZERO

CellValue = Decimal | str | None


def same_value(old: CellValue, new: CellValue) -> bool:
    """Equal and written alike: 5.1 and 5.10 are one number but print differently, so a change
    of scale is a change (memory then matches the stored text and a reopened file)."""
    return old == new and (not isinstance(old, Decimal) or str(old) == str(new))


class CycleError(ValueError):
    """Computed cells that depend on each other in a loop."""


def _dependencies(cell: CellDef) -> set[str]:
    """The cells of this year a cell's formula reads (read off its terms when it is a sum)."""
    if cell.terms is not None:
        return set(cell.terms)
    if cell.formula is None:
        return set()
    return {ref.path for ref in expr.refs(cell.formula) if not ref.prior}


def topological_ranks(
    cells: Mapping[str, CellDef], dependencies: Mapping[str, set[str]] | None = None
) -> dict[str, int]:
    """Rank of each computed cell: one more than the highest of the computed cells it reads,
    so higher ranks depend only on lower ones (`dependencies`: each computed cell's, when
    known already). Each cell is listed after the cells it reads."""
    deps = dependencies
    if deps is None:
        deps = {cell_id: _dependencies(cell) for cell_id, cell in cells.items() if cell.formula is not None}
    ranks: dict[str, int] = {}
    visiting: set[str] = set()

    def rank(cell_id: str) -> int:
        visiting.add(cell_id)
        top = 0
        for dep in deps[cell_id]:
            if dep in deps:  # a computed cell; inputs and unknown cells rank 0
                below = ranks.get(dep)
                if below is None:
                    if dep in visiting:
                        raise CycleError(f"计算单元格循环引用：{dep}")
                    below = rank(dep)
                top = max(top, below)
        visiting.discard(cell_id)
        ranks[cell_id] = top + 1
        return top + 1

    for cell_id in deps:
        if cell_id not in ranks:
            rank(cell_id)
    return ranks


class Calculator:
    """One year's cells: inputs as given, computed cells derived from them."""

    def __init__(self, catalogue: Catalogue, structure: Structure, inputs: Mapping[str, CellValue]) -> None:
        self.catalogue = catalogue
        self.structure = structure
        self.inputs: dict[str, CellValue] = dict(inputs)
        self.rebuild()

    @classmethod
    def alike(cls, other: Calculator, inputs: Mapping[str, CellValue]) -> Calculator:
        """A calculator over `other`'s cells with other inputs (a unit of a department, whose rows
        are the department's): the cells and their dependencies are shared, not derived again."""
        calc = cls.__new__(cls)
        calc.catalogue, calc.structure, calc.inputs = other.catalogue, other.structure, dict(inputs)
        calc.cells, calc.ranks, calc.dependents = other.cells, other.ranks, other.dependents
        # A row change restructures the department's calculator only; its units' are made anew.
        calc.row_ids, calc._ordered = other.row_ids, other._ordered
        calc._compute(sorted(other.ranks, key=other.ranks.__getitem__))
        return calc

    def rebuild(self) -> None:
        """Re-derive every cell (on load, or after the catalogue changed)."""
        with no_cycle_collection():  # ~60,000 acyclic objects, all kept: a walk frees nothing
            self._derive()

    def _derive(self) -> None:
        self.cells = build_cells(self.catalogue, self.structure)
        self._ordered = True
        deps: dict[str, set[str]] = {}
        self.dependents: dict[str, list[str]] = {}
        self.row_ids: dict[tuple[str, str], list[str]] = {}
        for cell_id, cell in self.cells.items():
            self.row_ids.setdefault((cell.form, cell.row), []).append(cell_id)
            if cell.formula is not None:
                deps[cell_id] = cell_deps = _dependencies(cell)
                for dep in cell_deps:
                    self.dependents.setdefault(dep, []).append(cell_id)
        self.ranks = topological_ranks(self.cells, deps)
        self._compute(self.ranks)  # listed as ranked: each cell after the cells it reads

    def _compute(self, order: Iterable[str]) -> None:
        """Every computed cell from the inputs, in `order` (each after the cells it reads)."""
        self.computed: dict[str, Decimal | None] = {}
        for cell_id in order:
            self.computed[cell_id] = self._evaluate(cell_id)

    def _lookup(self, cell_id: str, prior: bool = False) -> Decimal | None:
        if cell_id in self.computed:
            return self.computed[cell_id]
        value = self.inputs.get(cell_id)
        return value if isinstance(value, Decimal) else ZERO

    def _evaluate(self, cell_id: str) -> Decimal | None:
        cell = self.cells[cell_id]
        if cell.terms is not None:
            return self._sum(cell.terms)
        assert cell.formula is not None
        value = expr.evaluate(cell.formula, self._lookup)
        return value if isinstance(value, Decimal) else None

    def _sum(self, refs: tuple[str, ...]) -> Decimal | None:
        """The same left-to-right sum `expr.evaluate` gives, without walking the tree."""
        computed, inputs = self.computed, self.inputs
        total: Decimal | None = None
        for ref in refs:
            if ref in computed:
                value = computed[ref]
                if value is None:
                    return None
            else:
                stored = inputs.get(ref)
                value = stored if isinstance(stored, Decimal) else ZERO
            total = value if total is None else total + value
        return total

    def number(self, cell_id: str) -> Decimal | None:
        """A cell's numeric value: computed, or input (None when blank or not numeric)."""
        if cell_id in self.computed:
            return self.computed[cell_id]
        value = self.inputs.get(cell_id)
        return value if isinstance(value, Decimal) else None

    def value(self, cell_id: str) -> CellValue:
        if cell_id in self.computed:
            return self.computed[cell_id]
        return self.inputs.get(cell_id)

    def set_inputs(self, changes: Mapping[str, CellValue]) -> set[str]:
        """Apply input changes; return every cell whose value changed (inputs and computed)."""
        changed: set[str] = set()
        for cell_id, value in changes.items():
            if not same_value(self.inputs.get(cell_id), value):
                if value is None:
                    self.inputs.pop(cell_id, None)
                else:
                    self.inputs[cell_id] = value
                changed.add(cell_id)
        return changed | self._propagate(changed)

    def _propagate(self, sources: Iterable[str], redefined: Iterable[str] = ()) -> set[str]:
        """Re-evaluate the dependents of `sources` and the `redefined` computed cells, in rank
        order; return the cells whose value changed."""
        heap: list[tuple[int, str]] = []
        queued: set[str] = set()

        def push(cell_id: str) -> None:
            if cell_id not in queued and cell_id in self.ranks:
                queued.add(cell_id)
                heapq.heappush(heap, (self.ranks[cell_id], cell_id))

        def enqueue(cell_id: str) -> None:
            for dep in self.dependents.get(cell_id, ()):
                push(dep)

        for source in sources:
            enqueue(source)
        for cell_id in redefined:
            push(cell_id)
        changed: set[str] = set()
        while heap:
            _, cell_id = heapq.heappop(heap)
            new = self._evaluate(cell_id)
            if cell_id not in self.computed or not same_value(self.computed[cell_id], new):
                self.computed[cell_id] = new
                changed.add(cell_id)
                enqueue(cell_id)
        return changed

    # --- rows added or removed: redefine only the cells of the rows they touch ---------------

    def restructure(self, rows: Iterable[tuple[str, str]]) -> tuple[dict[str, CellDef | None], set[str]]:
        """Redefine the cells of `rows` (form, row) after the structure changed there, as a full
        `rebuild` would. Returns each redefined cell's old definition (None: it is new) and the
        cells whose value changed (the redefined ones included)."""
        old: dict[str, CellDef | None] = {}
        for form, row in dict.fromkeys(rows):
            fresh = {cell.id: cell for cell in row_cells(self.catalogue, self.structure, form, row)}
            for cell_id in self.row_ids.pop((form, row), ()):
                if cell_id not in fresh:
                    old[cell_id] = self._define(cell_id, None)
            for cell in fresh.values():
                previous = self.cells.get(cell.id)
                if previous != cell:
                    old[cell.id] = self._define(cell.id, cell)
            if fresh:
                self.row_ids[(form, row)] = list(fresh)
        if old:
            self._ordered = False
            self._rerank(old)
        return old, set(old) | self._propagate(old, [c for c in old if c in self.ranks])

    def _define(self, cell_id: str, cell: CellDef | None) -> CellDef | None:
        """Replace one cell's definition (None: remove it), keeping the dependency index: only
        the cells it stops or starts reading move (a 款 gaining a 项 gains one term)."""
        previous = self.cells.pop(cell_id, None)
        self.computed.pop(cell_id, None)
        before = _dependencies(previous) if previous is not None else set()
        after = _dependencies(cell) if cell is not None else set()
        for dep in before - after:
            self.dependents[dep].remove(cell_id)
        for dep in after - before:
            self.dependents.setdefault(dep, []).append(cell_id)
        if cell is not None:
            self.cells[cell_id] = cell
        if cell is None or not cell.computed:
            self.ranks.pop(cell_id, None)
        else:
            self.ranks.setdefault(cell_id, 0)  # its rank so far, checked by _rerank
        return previous

    def _rerank(self, old: Mapping[str, CellDef | None]) -> None:
        """Ranks as `topological_ranks` gives them, recomputed from the redefined cells up
        through their dependents only while a rank moves."""
        stack: list[str] = []
        for cell_id, previous in old.items():
            stack.append(cell_id)
            if cell_id not in self.ranks and previous is not None and previous.computed:
                stack.extend(self.dependents.get(cell_id, ()))  # no longer computed: reads rank 0
        limit = len(self.cells) + 1
        while stack:
            cell_id = stack.pop()
            if cell_id not in self.ranks:
                continue
            rank = 1 + max((self.ranks.get(dep, 0) for dep in _dependencies(self.cells[cell_id])), default=0)
            if rank > limit:
                raise CycleError(f"计算单元格循环引用：{cell_id}")
            if rank != self.ranks[cell_id]:
                self.ranks[cell_id] = rank
                stack.extend(self.dependents.get(cell_id, ()))

    def ordered_cells(self) -> Mapping[str, CellDef]:
        """The cells in the tables' order (forms, then rows, then columns), for exports: rows
        added since the last rebuild are kept at the end of `cells` until asked for here."""
        if not self._ordered:
            ordered = {
                cell_id: self.cells[cell_id] for cell_id in build_cells(self.catalogue, self.structure)
            }
            self.cells.clear()  # in place: the dict is the same, only its order changes
            self.cells.update(ordered)
            self._ordered = True
        return self.cells

    def numbers(self) -> dict[str, Decimal]:
        """Every numeric value, inputs and computed, for snapshots and exports."""
        values = {k: v for k, v in self.inputs.items() if isinstance(v, Decimal)}
        values.update({k: v for k, v in self.computed.items() if v is not None})
        return values
