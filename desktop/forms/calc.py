"""Computed cells, kept current incrementally.

The calculator holds one year's input values and the computed values derived from them. An
input change re-evaluates only its dependents, in dependency order, and reports every cell
whose value actually changed.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from decimal import Decimal

from desktop.forms import expr
from desktop.forms.catalogue import Catalogue
from desktop.forms.structure import CellDef, Structure, build_cells
from desktop.money import ZERO

CellValue = Decimal | str | None


def same_value(old: CellValue, new: CellValue) -> bool:
    """Equal and written alike: 5.1 and 5.10 are one number but print differently, so a change
    of scale is a change (memory then matches the stored text and a reopened file)."""
    return old == new and (not isinstance(old, Decimal) or str(old) == str(new))


class CycleError(ValueError):
    """Computed cells that depend on each other in a loop."""


def _dependencies(cell: CellDef) -> set[str]:
    if cell.formula is None:
        return set()
    return {ref.path for ref in expr.refs(cell.formula) if not ref.prior}


def _sum_refs(node: expr.Node | None) -> list[str] | None:
    """The cells of a formula that is only a sum of this year's cells (most computed cells:
    every 款/类/合计 row and row total), else None."""
    if isinstance(node, expr.Ref):
        return None if node.prior else [node.path]
    if isinstance(node, expr.Binary) and node.op == "+":
        left, right = _sum_refs(node.left), _sum_refs(node.right)
        return None if left is None or right is None else left + right
    return None


def topological_ranks(cells: Mapping[str, CellDef]) -> dict[str, int]:
    """Rank of each computed cell: higher ranks depend only on lower ones."""
    ranks: dict[str, int] = {}
    visiting: set[str] = set()

    def rank(cell_id: str) -> int:
        if cell_id in ranks:
            return ranks[cell_id]
        cell = cells.get(cell_id)
        if cell is None or cell.formula is None:
            return 0
        if cell_id in visiting:
            raise CycleError(f"计算单元格循环引用：{cell_id}")
        visiting.add(cell_id)
        ranks[cell_id] = 1 + max((rank(dep) for dep in _dependencies(cell)), default=0)
        visiting.discard(cell_id)
        return ranks[cell_id]

    for cell_id, cell in cells.items():
        if cell.formula is not None:
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
        calc.cells, calc.ranks, calc.dependents, calc.sums = (
            other.cells,
            other.ranks,
            other.dependents,
            other.sums,
        )
        calc._compute()
        return calc

    def rebuild(self) -> None:
        """Re-derive cells after a structure change (a row added or removed)."""
        self.cells = build_cells(self.catalogue, self.structure)
        self.ranks = topological_ranks(self.cells)
        self.dependents: dict[str, list[str]] = {}
        for cell_id in self.ranks:
            for dep in _dependencies(self.cells[cell_id]):
                self.dependents.setdefault(dep, []).append(cell_id)
        self.sums = {c: refs for c in self.ranks if (refs := _sum_refs(self.cells[c].formula)) is not None}
        self._compute()

    def _compute(self) -> None:
        """Every computed cell from the inputs, in dependency order."""
        self.computed: dict[str, Decimal | None] = {}
        for cell_id in sorted(self.ranks, key=self.ranks.__getitem__):
            self.computed[cell_id] = self._evaluate(cell_id)

    def _lookup(self, cell_id: str, prior: bool = False) -> Decimal | None:
        if cell_id in self.computed:
            return self.computed[cell_id]
        value = self.inputs.get(cell_id)
        return value if isinstance(value, Decimal) else ZERO

    def _evaluate(self, cell_id: str) -> Decimal | None:
        refs = self.sums.get(cell_id)
        if refs is not None:
            return self._sum(refs)
        formula = self.cells[cell_id].formula
        assert formula is not None
        value = expr.evaluate(formula, self._lookup)
        return value if isinstance(value, Decimal) else None

    def _sum(self, refs: list[str]) -> Decimal | None:
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

    def _propagate(self, sources: Iterable[str]) -> set[str]:
        heap: list[tuple[int, str]] = []
        queued: set[str] = set()

        def enqueue(cell_id: str) -> None:
            for dep in self.dependents.get(cell_id, ()):
                if dep not in queued:
                    queued.add(dep)
                    heapq.heappush(heap, (self.ranks[dep], dep))

        for source in sources:
            enqueue(source)
        changed: set[str] = set()
        while heap:
            _, cell_id = heapq.heappop(heap)
            new = self._evaluate(cell_id)
            if cell_id not in self.computed or not same_value(self.computed[cell_id], new):
                self.computed[cell_id] = new
                changed.add(cell_id)
                enqueue(cell_id)
        return changed

    def numbers(self) -> dict[str, Decimal]:
        """Every numeric value, inputs and computed, for snapshots and exports."""
        values = {k: v for k, v in self.inputs.items() if isinstance(v, Decimal)}
        values.update({k: v for k, v in self.computed.items() if v is not None})
        return values
