"""Figures of one table that another table determines, read from the comparison rules.

An equality `A = expression` whose one side is a single input cell determines that cell: with
its other side filled, the cell can be filled for the clerk (公开04表 政府性基金收入 from
公开08表). An inequality is a bound, not a value, except where the rule says it is tight under
a dataset flag (`tight_when = "fiscal_only"`: a department whose money is all 财政拨款 spends
in 公开03表 exactly what 公开05/08/09表 show). Nothing here names a table.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from desktop.forms import expr
from desktop.forms.structure import CellDef
from desktop.rules.context import RuleContext
from desktop.rules.kinds import rows_for
from desktop.rules.kinds.expressions import compiled, current_refs, may_be_ref
from desktop.rules.regions import RowChange, computed_from
from desktop.rules.ruleset import RuleDef

_LEFT_BOUND = (">=", ">")
_RIGHT_BOUND = ("<=", "<")


@dataclass(frozen=True)
class Derivation:
    rule: str
    target: str  # the input cell it fills
    source: expr.Node  # the expression that fills it
    reads: frozenset[str]  # the input cells the source is made of

    def value(self, ctx: RuleContext) -> Decimal | None:
        """The figure the source gives, or None while nothing it is made of is filled."""
        if all(ctx.number(cell) is None for cell in self.reads):
            return None
        result = expr.evaluate(self.source, ctx.lookup)
        return result if isinstance(result, Decimal) else None


def _single_input(node: expr.Node, cells: Mapping[str, CellDef]) -> str | None:
    if isinstance(node, expr.Ref) and not node.prior:
        cell = cells.get(node.path)
        if cell is not None and not cell.computed:
            return cell.id
    return None


def input_leaves(cell_id: str, cells: Mapping[str, CellDef]) -> frozenset[str]:
    """The input cells a cell is computed from (itself when it is an input)."""
    cell = cells.get(cell_id)
    if cell is None:
        return frozenset()
    if cell.formula is None:
        return frozenset({cell_id})
    reads = cell.terms if cell.terms is not None else current_refs(cell.formula)
    return frozenset().union(*(input_leaves(path, cells) for path in reads))


def _sides(rule: RuleDef, flags: Collection[str]) -> tuple[bool, bool]:
    """Whether the left and the right side may be filled from the other one."""
    op = rule.param("op")
    if op == "=":
        return True, True
    tight = rule.param("tight_when") in flags
    return tight and op in _LEFT_BOUND, tight and op in _RIGHT_BOUND


def _derivation(
    rule: RuleDef, row: str, cells: Mapping[str, CellDef], flags: Collection[str]
) -> Derivation | None:
    left_ok, right_ok = _sides(rule, flags)
    left_ok = left_ok and may_be_ref(rule.param("left"), row)
    right_ok = right_ok and may_be_ref(rule.param("right"), row)
    if not (left_ok or right_ok):
        return None  # neither side can be a cell to fill: nothing to compile (most rules, rows)
    left, right = compiled(rule.param("left"), row), compiled(rule.param("right"), row)
    for may, target_side, source in ((left_ok, left, right), (right_ok, right, left)):
        target = _single_input(target_side, cells) if may else None
        if target is None or _single_input(source, cells) is not None:
            continue  # two typed cells: neither is the other's source
        if any(ref.prior for ref in expr.refs(source)):
            continue  # within one year: last year's closing figures are not this year's
        reads = frozenset().union(*(input_leaves(ref.path, cells) for ref in expr.refs(source)))
        return Derivation(rule.id, target, source, reads)
    return None


def _deriving(rule: RuleDef) -> bool:
    return rule.kind == "compare" and not rule.param("when")


def derivations(
    rules: Iterable[RuleDef], cells: Mapping[str, CellDef], flags: Collection[str] = ()
) -> dict[str, Derivation]:
    """Every derivation over the dataset's cells, by target (the first rule wins)."""
    found: dict[str, Derivation] = {}
    for rule in filter(_deriving, rules):
        for row in rows_for(rule.param("for_each"), cells):
            derivation = _derivation(rule, row, cells, flags)
            if derivation is not None:
                found.setdefault(derivation.target, derivation)
    return found


def _named(rule: RuleDef) -> frozenset[str]:
    sides = (compiled(rule.param(side), "") for side in ("left", "right"))
    return frozenset(ref.path for side in sides for ref in expr.refs(side))


Key = tuple[int, str]  # (the rule's place, the row)


class DerivationTable:
    """`derivations` kept up to date as rows are added and removed: a templated rule is
    derived again for the rows a change touched, an untemplated one when a cell it depends on
    was redefined."""

    def __init__(
        self, rules: Iterable[RuleDef], cells: Mapping[str, CellDef], flags: Collection[str]
    ) -> None:
        # A rule none of whose sides may be filled under these flags (a bound that is not tight)
        # derives nothing over any row: its rows are not even looked for.
        self.rules = [rule for rule in rules if _deriving(rule) and any(_sides(rule, flags))]
        self.flags = flags
        self.by_target: dict[str, Derivation] = {}
        self.by_read: dict[str, list[Derivation]] = {}
        self._candidates: dict[str, dict[Key, Derivation]] = {}  # by target, any rule and row
        self._targets: dict[Key, str] = {}
        self._named = {
            place: _named(rule) for place, rule in enumerate(self.rules) if not rule.param("for_each")
        }
        rows: dict[str | None, list[str]] = {}  # by domain: rules share them, and each is a scan
        for place, rule in enumerate(self.rules):
            domain = rule.param("for_each")
            if domain not in rows:
                rows[domain] = rows_for(domain, cells)
            self._derive(place, rule, rows[domain], cells)
        for target in self._candidates:
            self._elect(target)

    def _derive(
        self, place: int, rule: RuleDef, rows: Iterable[str], cells: Mapping[str, CellDef]
    ) -> set[str]:
        """Derive `rule` over `rows`; return the targets whose candidates changed."""
        touched = set()
        for row in rows:
            derivation = _derivation(rule, row, cells, self.flags)
            if derivation is not None:
                self._targets[(place, row)] = derivation.target
                self._candidates.setdefault(derivation.target, {})[(place, row)] = derivation
                touched.add(derivation.target)
        return touched

    def _drop(self, place: int, rows: Iterable[str]) -> set[str]:
        touched = set()
        for row in rows:
            target = self._targets.pop((place, row), None)
            if target is not None:
                del self._candidates[target][(place, row)]
                touched.add(target)
        return touched

    def _elect(self, target: str) -> None:
        """The first rule's derivation of a target is the one that fills it."""
        old = self.by_target.pop(target, None)
        if old is not None:
            for cell in old.reads:
                self.by_read[cell].remove(old)
        candidates = self._candidates.get(target)
        if candidates:
            new = candidates[min(candidates)]
            self.by_target[target] = new
            for cell in new.reads:
                self.by_read.setdefault(cell, []).append(new)

    def update(
        self, change: RowChange, cells: Mapping[str, CellDef], dependents: Mapping[str, Iterable[str]]
    ) -> None:
        """Follow rows added or removed (`change`), `cells` being the cells now. An untemplated
        rule is derived again when a cell it names is computed from a redefined cell: a cell
        its derivation depended on, before or now, was redefined (every formula that changed
        is among them, so the cells now computed from them include every path there was)."""
        touched: set[str] = set()
        above = computed_from(change.old, dependents)
        for place, rule in enumerate(self.rules):
            domain = rule.param("for_each")
            if domain is not None:
                touched |= self._drop(place, rows_for(domain, change.before))
                touched |= self._derive(place, rule, rows_for(domain, change.after), cells)
            elif not self._named[place].isdisjoint(above):
                touched |= self._drop(place, [""]) | self._derive(place, rule, [""], cells)
        for target in touched:
            self._elect(target)
