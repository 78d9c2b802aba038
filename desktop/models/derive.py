"""Filling the figures other tables determine (desktop.rules.derivation) after each edit, in the
same undo step as the edit, and remembering which cells were filled that way.

A filled cell is marked in meta `derived:<cell>`: `auto` follows its source; `override` was
typed over by the clerk (the reason is the text `reason.override.<cell>`). Clearing an
overridden cell gives it back to its source. A cell the clerk typed before it was ever filled
is the clerk's and is left alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.forms.structure import CellDef
from desktop.models.ops import Op
from desktop.models.values import stored_text
from desktop.rules.derivation import Derivation, DerivationTable
from desktop.rules.ruleset import RuleDef

if TYPE_CHECKING:
    from desktop.models.dataset import Dataset

MARK = "derived:"
AUTO, OVERRIDE = "auto", "override"
FISCAL_ONLY = "fiscal_only"  # meta flag: all the department's money is 财政拨款
FLAGS = (FISCAL_ONLY,)


def reason_key(cell: str) -> str:
    return f"reason.override.{cell}"


def mark_of(meta: Mapping[str, str], cell: str) -> str | None:
    return meta.get(MARK + cell)


def flags_of(meta: Mapping[str, str]) -> frozenset[str]:
    return frozenset(flag for flag in FLAGS if meta.get(flag) == "1")


class DerivationIndex(DerivationTable):
    """The dataset's derivations, by target and by the cells they read."""

    @classmethod
    def build(
        cls, rules: Iterable[RuleDef], cells: Mapping[str, CellDef], flags: frozenset[str]
    ) -> DerivationIndex:
        return cls(rules, cells, flags)

    def touched_by(self, cells: Iterable[str]) -> list[Derivation]:
        found: dict[str, Derivation] = {}
        for cell in cells:
            for derivation in self.by_read.get(cell, ()):
                found[derivation.target] = derivation
            if cell in self.by_target:
                found[cell] = self.by_target[cell]
        return list(found.values())


def _value_ops(cell: str, value: Decimal | None) -> list[Op]:
    mark = AUTO if value is not None else None
    return [Op.cell(cell, stored_text(value)), Op.meta(MARK + cell, mark)]


def ops_for(dataset: Dataset, derivation: Derivation, edited: bool) -> list[Op]:
    """What keeps one derived cell right; `edited`: the clerk changed the cell in this action."""
    cell = derivation.target
    mark = mark_of(dataset.meta, cell)
    value = dataset.number(cell)
    derived = derivation.value(dataset._memory.context)
    if mark is None and value is not None:
        return []  # the clerk's own figure
    if mark == OVERRIDE:
        if not (edited and value is None):
            return []
        # cleared by the clerk: the cell goes back to its source
        return [Op.text(reason_key(cell), None), *_value_ops(cell, derived)]
    if edited and mark == AUTO and value is not None and value != derived:
        return [Op.meta(MARK + cell, OVERRIDE)]
    return [] if derived == value else _value_ops(cell, derived)


def follow_up_ops(dataset: Dataset, changed: Iterable[str], edited: frozenset[str]) -> list[Op]:
    """Ops that bring every derived cell touched by a change up to date."""
    index = dataset.derivation_index()
    ops: list[Op] = []
    for derivation in index.touched_by(changed):
        ops += ops_for(dataset, derivation, derivation.target in edited)
    return ops


def override_ops(cell: str, text: str | None, reason: str) -> list[Op]:
    """Typing over a derived figure, with the reason the clerk gives."""
    return [
        Op.cell(cell, text),
        Op.meta(MARK + cell, OVERRIDE),
        Op.text(reason_key(cell), reason.strip() or None),
    ]


def flag_ops(dataset: Dataset, flag: str, on: bool) -> list[Op]:
    """Setting a flag; cells no rule fills any more keep their figure and lose their mark."""
    flags = flags_of(dataset.meta) | {flag} if on else flags_of(dataset.meta) - {flag}
    index = DerivationIndex.build(dataset.rules, dataset.cells(), flags)
    marked = [key.removeprefix(MARK) for key in dataset.meta if key.startswith(MARK)]
    ops = [Op.meta(flag, "1" if on else None)]
    return ops + [Op.meta(MARK + cell, None) for cell in marked if cell not in index.by_target]
