"""The `stored` rule kind: number cells whose file holds text that is no amount in the
documented range (a damaged file, or one written before the range was enforced). The file
still opens; such a value counts as zero in every sum, and this finding names the cells of
a row that hold one until new values are typed. One instance per row: an edit re-checks a
handful of cells, and an open builds one instance per row rather than per cell."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from desktop.forms.structure import CellDef
from desktop.money import RANGE_TEXT
from desktop.rules.context import RuleContext
from desktop.rules.finding import Finding
from desktop.rules.ruleset import RuleDef

NUMBER_KINDS = ("amount", "count")
_SHOWN = 40  # characters of a stored text quoted in the message
_LISTED = 5  # cells quoted in one message

Check = Callable[[RuleContext], Finding | None]


def number_cells_by_row(cells: Mapping[str, CellDef]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """("FORM.row", its input number cells) for every row that has any."""
    rows: dict[str, list[str]] = {}
    for cell in cells.values():
        if cell.kind in NUMBER_KINDS and not cell.computed:
            rows.setdefault(f"{cell.form}.{cell.row}", []).append(cell.id)
    for row, ids in rows.items():
        yield row, tuple(sorted(ids))


def _invalid(ctx: RuleContext, cell_ids: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(cell, year name, stored text) of every number cell whose stored value is text."""
    found = []
    for name, calc in (("本年", ctx.current), ("上年", ctx.prior)):
        if calc is None:
            continue
        inputs = calc.inputs
        found += [(c, name, v) for c in cell_ids if isinstance(v := inputs.get(c), str)]
    return found


def stored_check(rule: RuleDef, cell_ids: tuple[str, ...]) -> Check:
    def check(ctx: RuleContext) -> Finding | None:
        found = _invalid(ctx, cell_ids)
        if not found:
            return None
        quoted = "；".join(
            f"{ctx.cell_label(c)}（{year}）为“{text[:_SHOWN]}{'…' if len(text) > _SHOWN else ''}”"
            for c, year, text in found[:_LISTED]
        )
        more = f" 等 {len(found)} 处" if len(found) > _LISTED else ""
        message = f"文件中保存的值不是有效的数字（{RANGE_TEXT}），按 0 计算，请重新填写：{quoted}{more}"
        cells = tuple(sorted({c for c, _year, _text in found}))
        return Finding(rule.id, rule.severity, cells, message, {"count": str(len(found))})

    return check
