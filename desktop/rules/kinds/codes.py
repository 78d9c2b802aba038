"""`code`: a row whose subject code (or a parent of it) the edition's code list lacks: a
warning, or info when an imported workbook named every such code."""

from __future__ import annotations

from collections.abc import Iterator

from desktop.forms.structure import code_level, code_parents
from desktop.rules.context import RuleContext
from desktop.rules.definition import RuleDef
from desktop.rules.finding import Finding
from desktop.rules.kinds.base import Instance, RuleScope, fields, says

_WHERE = fields("form", "codes", "list")


class CodeKnown(Instance):
    __slots__ = ("codes", "first", "form", "row")

    kind = "code"
    messages = says(
        {
            "unlisted": _WHERE,
            "imported": _WHERE | {"names"},
            "named": fields("code", "name"),
            "economic_list": fields(),
            "functional_list": fields("year"),
        }
    )

    def __init__(self, rule: RuleDef, form: str, codes: str, row: str, cell_ids: frozenset[str]) -> None:
        self.form, self.codes, self.row = form, codes, row
        self.first = tuple(sorted(cell_ids))[:1]
        # It reads the row's code, never its values: no typed figure re-checks it (a new or
        # removed row derives it again; imported names are settings, which re-check all).
        super().__init__(rule, f"{form}.{row}", frozenset())

    @classmethod
    def expand(cls, rule: RuleDef, scope: RuleScope) -> Iterator[Instance]:
        rows: dict[tuple[str, str], set[str]] = {}
        for cell in scope.cells.values():
            codes = scope.codes.get(cell.form)
            if codes and not cell.computed and code_level(cell.row) is not None:
                rows.setdefault((cell.form, cell.row), set()).add(cell.id)
        for (form, row), ids in rows.items():
            yield cls(rule, form, scope.codes[form], row, frozenset(ids))

    def list_name(self, ctx: RuleContext) -> str:
        if self.codes == "economic":
            return self.say("economic_list")
        return self.say("functional_list", year=str(ctx.naming.codes.of(self.codes).year))

    def check(self, ctx: RuleContext) -> Finding | None:
        naming = ctx.naming
        unknown = [c for c in (*code_parents(self.row), self.row) if not naming.listed(self.codes, c)]
        if not unknown:
            return None
        where = {"form": self.form, "codes": ", ".join(unknown), "list": self.list_name(ctx)}
        numbers = {"code": self.row}
        if all(naming.imported_name(self.codes, c) for c in unknown):
            named = (self.say("named", code=c, name=naming.imported_name(self.codes, c)) for c in unknown)
            message = self.say("imported", **where, names="，".join(named))
            return Finding(self.rule.id, "info", self.first, message, numbers)
        return Finding(self.rule.id, self.rule.severity, self.first, self.say("unlisted", **where), numbers)
