"""Rows one table needs because another has them, read from the row-templated rules.

A rule repeated over rows (`for_each = "rows:G03,G05,…"`) compares cells of one row in several
forms. The side that must be the larger (`>=`: left, `<=`: right, `=`: both sides) cannot be
a missing row while the other side has figures: a 项 of 公开05表 needs its row in 公开03表.
The needs come from the rules of the edition; nothing here names a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from desktop.forms import expr
from desktop.rules.ruleset import RuleDef

ROW_FIELD = "{row}"


@dataclass(frozen=True)
class RowNeed:
    """A row present in any of `sources` must also be present in every form of `required`."""

    rule: str
    sources: frozenset[str]
    required: frozenset[str]


def _row_forms(text: str) -> frozenset[str]:
    """Forms whose cells of the repeated row an expression reads (this year only)."""
    node = expr.parse(text)
    return frozenset(
        ref.path.split(".", 1)[0] for ref in expr.refs(node) if not ref.prior and f".{ROW_FIELD}." in ref.path
    )


def row_needs(rules: Iterable[RuleDef]) -> tuple[RowNeed, ...]:
    needs = []
    for rule in rules:
        if rule.kind != "compare" or not str(rule.param("for_each", "")).startswith("rows:"):
            continue
        left, right = _row_forms(rule.param("left")), _row_forms(rule.param("right"))
        op = rule.param("op")
        if op in (">=", ">"):
            needs.append(RowNeed(rule.id, right, left))
        elif op in ("<=", "<"):
            needs.append(RowNeed(rule.id, left, right))
        else:
            needs.append(RowNeed(rule.id, left | right, left | right))
    return tuple(needs)


def required_forms(needs: Sequence[RowNeed], form: str) -> list[str]:
    """Every form a row of `form` must also appear in, following needs through each other."""
    found: dict[str, None] = {}
    pending = [form]
    while pending:
        current = pending.pop()
        for need in needs:
            if current not in need.sources:
                continue
            for other in sorted(need.required):
                if other != form and other not in found:
                    found[other] = None
                    pending.append(other)
    return list(found)


def sources_of(needs: Sequence[RowNeed], rule: str) -> frozenset[str]:
    return frozenset().union(*(n.sources for n in needs if n.rule == rule))


def missing_rows(
    needs: Sequence[RowNeed], rule: str, cells: Iterable[str], existing: Mapping[str, object]
) -> list[tuple[str, str]]:
    """(form, row) of a finding's cells that a rule requires and that are not there (a 类 or
    款 row is missing when none of its 项 is there)."""
    required = frozenset().union(*(n.required for n in needs if n.rule == rule))
    found: dict[tuple[str, str], None] = {}
    for cell in cells:
        form, _, rest = cell.partition(".")
        row = rest.rpartition(".")[0]
        if form in required and cell not in existing:
            found[(form, row)] = None
    return list(found)
