"""`stored`: number cells whose file holds text that is no amount in the documented range (a
damaged file, or one written before the range was enforced). The file still opens; such a
value counts as zero in every sum, and this finding names the cells of a row that hold one
until new values are typed. One instance per row: an edit re-checks a handful of cells, and an
open builds one instance per row rather than per cell."""

from __future__ import annotations

from collections.abc import Iterator

from desktop.money import RANGE_TEXT
from desktop.rules.context import RuleContext
from desktop.rules.definition import RuleDef
from desktop.rules.finding import Finding
from desktop.rules.kinds.base import Instance, RuleScope, fields, says

NUMBER_KINDS = ("amount", "count")
_SHOWN = 40  # characters of a stored text quoted in the message
_LISTED = 5  # cells quoted in one message


class StoredInvalid(Instance):
    __slots__ = ("ids",)

    kind = "stored"
    messages = says(
        {
            "invalid": fields("range", "cells", "more"),
            "cell": fields("cell", "year", "text"),
            "more": fields("count"),
            "this_year": fields(),
            "last_year": fields(),
        }
    )

    def __init__(self, rule: RuleDef, row: str, ids: tuple[str, ...]) -> None:
        self.ids = ids
        super().__init__(rule, row, frozenset(ids), uses_prior=True)

    @classmethod
    def expand(cls, rule: RuleDef, scope: RuleScope) -> Iterator[Instance]:
        rows: dict[str, list[str]] = {}
        for cell in scope.cells.values():
            if cell.kind in NUMBER_KINDS and not cell.computed:
                rows.setdefault(f"{cell.form}.{cell.row}", []).append(cell.id)
        return (cls(rule, row, tuple(sorted(ids))) for row, ids in rows.items())

    def invalid(self, ctx: RuleContext) -> list[tuple[str, str, str]]:
        """(cell, year name, stored text) of every number cell whose stored value is text."""
        found = []
        for year, calc in (("this_year", ctx.current), ("last_year", ctx.prior)):
            if calc is None:
                continue
            inputs = calc.inputs
            found += [(c, year, v) for c in self.ids if isinstance(v := inputs.get(c), str)]
        return found

    def check(self, ctx: RuleContext) -> Finding | None:
        found = self.invalid(ctx)
        if not found:
            return None
        quoted = "；".join(
            self.say(
                "cell",
                cell=ctx.cell_label(c),
                year=self.say(year),
                text=text[:_SHOWN] + ("…" if len(text) > _SHOWN else ""),
            )
            for c, year, text in found[:_LISTED]
        )
        more = self.say("more", count=str(len(found))) if len(found) > _LISTED else ""
        message = self.say("invalid", range=RANGE_TEXT, cells=quoted, more=more)
        cells = tuple(sorted({c for c, _year, _text in found}))
        return Finding(self.rule.id, self.rule.severity, cells, message, {"count": str(len(found))})
