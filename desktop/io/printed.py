"""What a printed row shows besides its cells, shared by the Excel and PDF exports: the amounts
of other rows a `spread` row gathers into its line (公开04表 年末结转和结余 by fund), and the
print-only amounts a row's `printed` formulas compute (公开04表 总计 by fund)."""

from __future__ import annotations

from decimal import Decimal

from desktop.forms import expr
from desktop.forms.catalogue import Form
from desktop.models.dataset import Dataset
from desktop.money import ZERO


def spread_targets(form: Form) -> set[str]:
    """Rows whose amount another row prints in its own line."""
    return {target for row in form.rows for target in row.spread.values()}


def extra_amounts(dataset: Dataset, form: Form, row_id: str) -> dict[str, Decimal | None]:
    """Column → amount the printed row `row_id` shows beyond its own cells."""
    row = form.row(row_id)
    if row is None:
        return {}
    amounts: dict[str, Decimal | None] = {}
    for column, target in row.spread.items():
        source = form.row(target)
        first = source.columns[0] if source is not None and source.columns else "amount"
        amounts[column] = dataset.number(f"{form.id}.{target}.{first}")
    for column, formula in row.printed.items():
        node = expr.resolve(expr.parse(formula), form.id, row_id)
        value = expr.evaluate(node, lambda path, _prior: dataset.number(path) or ZERO)
        amounts[column] = value if isinstance(value, Decimal) else None
    return amounts
