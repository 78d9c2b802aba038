"""Grid layouts of one project (P01) in the national 项目支出绩效自评表 arrangement:
the 项目资金 block (rows × 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分),
the indicator table with a 建议分 column, and its 合计 row."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.forms.catalogue import Form
from desktop.ui.grid_layout import GridColumn, GridLayout, Slot
from desktop.ui.text import tr

SUGGEST = "suggest"  # slot role and view: the suggested score of an indicator (read-only)
FIXED = "fixed"  # slot role: a number printed by the form itself (预算执行 分值 10)
EXEC_POINTS_TEXT = "10"

# 项目资金 rows: (label, indent, field per column 年初预算数 / 全年预算数 / 全年执行数).
# 上年结转资金 sits right under the total, as in the national template.
FUND_ROWS = (
    ("年度资金总额", 0, ("budget_initial", "budget", "actual")),
    ("其中：上年结转资金", 1, (None, "carry_over", None)),
    ("其中：财政拨款", 1, (None, "budget_fiscal", "actual_fiscal")),
    ("其他资金", 2, (None, "budget_other", "actual_other")),
)
FUND_COLUMNS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")


def funds_grid(form: Form, project: str | None) -> GridLayout:
    kinds = ("amount", "amount", "amount", "amount", "rate", "amount")
    columns = [GridColumn(tr("项目资金（万元）"), "name")]
    columns += [GridColumn(tr(t), "value", kind=k) for t, k in zip(FUND_COLUMNS, kinds, strict=True)]
    if project is None:
        return GridLayout(columns, [])
    rows = []
    for k, (label, level, fields) in enumerate(FUND_ROWS):
        slots = [Slot("name", tr(label), level=level, emphasis=k == 0)]
        slots += [Slot("value", cell=f"{form.id}.{project}.{f}") if f else Slot() for f in fields]
        if k == 0:
            slots += [
                Slot(FIXED, EXEC_POINTS_TEXT),
                Slot("value", cell=f"{form.id}.{project}.rate"),
                Slot("value", cell=f"{form.id}.{project}.exec_score", emphasis=True),
            ]
        else:
            slots += [Slot(), Slot(), Slot()]
        rows.append(slots)
    return GridLayout(columns, rows)


def indicator_columns(form: Form) -> list[GridColumn]:
    columns = [GridColumn(c.name, "value", kind=c.kind) for c in form.indicator_columns]
    at = next(i for i, c in enumerate(form.indicator_columns) if c.id == "score") + 1
    columns.insert(at, GridColumn(tr("建议分"), SUGGEST, kind="amount"))
    return columns


def indicator_grid(form: Form, indicators: list[str]) -> GridLayout:
    """One row per indicator; the 建议分 slot names its score cell (view SUGGEST, so it is
    read-only and not found as the score's place)."""
    rows = []
    for row in indicators:
        slots = [Slot("value", cell=f"{form.id}.{row}.{c.id}") for c in form.indicator_columns]
        at = next(i for i, c in enumerate(form.indicator_columns) if c.id == "score") + 1
        slots.insert(at, Slot(SUGGEST, cell=f"{form.id}.{row}.score", view=SUGGEST))
        rows.append(slots)
    return GridLayout(indicator_columns(form), rows)


@dataclass(frozen=True)
class Totals:
    """The 合计 row: 分值 = 10 + Σ weights, 得分 = Σ scores + 预算执行得分, and the grade."""

    weight: str
    score: str
    grade: str


def total_row(form: Form, totals: Totals | None) -> GridLayout:
    columns = indicator_columns(form)
    if totals is None:
        return GridLayout(columns, [])
    by_id = {c.id: i for i, c in enumerate(form.indicator_columns)}
    slots = [Slot(FIXED) for _ in columns]
    slots[0] = Slot("name", tr("合计（含预算执行 10 分）"), emphasis=True)
    slots[by_id["weight"]] = Slot(FIXED, totals.weight, emphasis=True)
    slots[by_id["score"]] = Slot(FIXED, totals.score, emphasis=True)
    slots[-1] = Slot("name", tr("等级：{g}").format(g=totals.grade) if totals.grade else "", emphasis=True)
    return GridLayout(columns, [slots])
