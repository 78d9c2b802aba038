"""公开01表 and 公开04表: 收入 (项目 | 行次 | 金额) ‖ 支出 (项目 | 行次 | amounts). The 支出 side
lists every 类 of the year; the closing rows (本年收入合计 ‖ 本年支出合计 …) line up at the
bottom, and 行次 run on from the 收入 side to the 支出 side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from desktop.forms.catalogue import Form
from desktop.io.printed import extra_amounts
from desktop.io.table_notes import notes_under
from desktop.io.xlsx import style as st
from desktop.io.xlsx.classes import numbered, template_classes
from desktop.io.xlsx.sheet import HEADER_TOP, HeaderCell, SheetWriter, figure
from desktop.io.xlsx.stream import StreamedSheet
from desktop.models.dataset import Dataset

Amounts = tuple[Decimal | None, ...]


@dataclass(frozen=True)
class Line:
    """One row of one side; an empty name is a padding row. `shown` says whether its 行次
    is printed (the 公开04表 fund rows folded into 年末结转和结余 keep their numbers unprinted)."""

    name: str = ""
    amounts: Amounts = ()
    bold: bool = False
    shown: bool = True


@dataclass(frozen=True)
class Sides:
    income_top: list[Line]
    income_bottom: list[Line]
    expense_top: list[Line]
    expense_bottom: list[Line]


@dataclass(frozen=True)
class Spec:
    widths: tuple[float, ...]
    expense_heads: tuple[str, ...]  # amount columns of the 支出 side


_FUNDS = ("gpb", "gf", "soc")


def _spec(form: Form) -> Spec:
    """One amount per line (公开01表), or 合计 and the three funds on the 支出 side (公开04表)."""
    columns = form.mirror.columns if form.mirror and form.mirror.columns else ()
    if not columns:
        return Spec((34, 13, 15, 34, 13, 15), tuple(c.name for c in form.columns))
    heads = tuple(c.name for c in form.columns if c.id in columns)
    return Spec((30, 13, 14, 30, 13, 14, *(16,) * (len(heads) - 1)), heads)


def _get(dataset: Dataset, form: str, row: str, col: str = "amount") -> Decimal:
    return figure(dataset.number(f"{form}.{row}.{col}"))


def _name(form: Form, row: str) -> str:
    fixed = form.row(row)
    return fixed.name if fixed is not None else row


def _line(dataset: Dataset, form: Form, row: str, cols: Sequence[str], bold: bool) -> Line:
    return Line(_name(form, row), tuple(_get(dataset, form.id, row, c) for c in cols), bold)


def _class_lines(dataset: Dataset, form: Form, cols: Sequence[str]) -> list[Line]:
    present = {r.id: r.name for r in dataset.sheet(form.id) if r.code}
    lines = []
    classes = template_classes(form, dataset.naming, dataset.department.year, present)
    for index, (code, name) in enumerate(classes, start=1):
        amounts = tuple(_get(dataset, form.id, code, c) for c in cols) if code in present else ()
        lines.append(Line(numbered(index, name), amounts))
    return lines


def _g01(dataset: Dataset, form: Form) -> Sides:
    # The catalogue lists the income side in print order, its four closing rows last.
    income = [r.id for r in form.rows if r.side == "income"]
    expense_bottom = ("exp_total", "distribution", "carry_out", "grand_out")
    return Sides(
        [_line(dataset, form, r, ("amount",), False) for r in income[:-4]],
        [_line(dataset, form, r, ("amount",), True) for r in income[-4:]],
        _class_lines(dataset, form, ("amount",)),
        [_line(dataset, form, r, ("amount",), True) for r in expense_bottom],
    )


def _by_fund(dataset: Dataset, form: Form, row: str) -> Line:
    """A closing row of four amounts: its own under 合计, each fund's from the row's `spread` or
    `printed` amounts (desktop.io.printed)."""
    extra = extra_amounts(dataset, form, row)
    return Line(
        _name(form, row), (_get(dataset, form.id, row), *(figure(extra.get(f)) for f in _FUNDS)), True
    )


def _g04(dataset: Dataset, form: Form) -> Sides:
    cols = ("total", *_FUNDS)
    carry_in = [f"carry_in_{fund}" for fund in _FUNDS]
    return Sides(
        [_line(dataset, form, r, ("amount",), False) for r in ("inc_gpb", "inc_gf", "inc_soc")],
        [
            _line(dataset, form, "inc_total", ("amount",), True),
            _line(dataset, form, "carry_in", ("amount",), True),
            *(_line(dataset, form, r, ("amount",), False) for r in carry_in),
            _line(dataset, form, "grand_in", ("amount",), True),
        ],
        _class_lines(dataset, form, cols),
        [
            _line(dataset, form, "exp_total", cols, True),
            _by_fund(dataset, form, "carry_out"),
            *(Line(shown=False) for _ in _FUNDS),
            _by_fund(dataset, form, "grand_out"),
        ],
    )


def _pad(top: list[Line], size: int, padding: Line) -> list[Line]:
    return top + [padding] * (size - len(top))


def write_two_sided(ws: StreamedSheet, dataset: Dataset, form: Form) -> None:
    spec = _spec(form)
    sides = _g04(dataset, form) if len(spec.expense_heads) > 1 else _g01(dataset, form)
    size = max(len(sides.income_top), len(sides.expense_top))
    income = _pad(sides.income_top, size, Line()) + sides.income_bottom
    expense = _pad(sides.expense_top, size, Line(shown=False)) + sides.expense_bottom
    sheet = SheetWriter(ws, spec.widths)
    department = dataset.department
    sheet.heading(form.title, form.label, department.name, department.year)
    _header(sheet, spec)
    first = HEADER_TOP + 3
    _side(sheet, income, first, col=1, width=1, seq=1)
    _side(sheet, expense, first, col=4, width=len(spec.expense_heads), seq=len(income) + 1)
    sheet.notes(first + len(income), notes_under(dataset, form, empty=False))
    sheet.finish(freeze=f"A{first}", title_rows=(HEADER_TOP, first - 1))


def _header(sheet: SheetWriter, spec: Spec) -> None:
    top = HEADER_TOP
    heads = spec.expense_heads
    cells = [
        HeaderCell(top, 1, "收入", cols=3),
        HeaderCell(top, 4, "支出", cols=2 + len(heads)),
        *(HeaderCell(top + 1, c, t) for c, t in enumerate(("项目", "行次", "金额", "项目", "行次"), start=1)),
        *(HeaderCell(top + 1, 6 + i, h) for i, h in enumerate(heads)),
        HeaderCell(top + 2, 1, "栏次"),
        HeaderCell(top + 2, 3, "1"),
        HeaderCell(top + 2, 4, "栏次"),
        *(HeaderCell(top + 2, 6 + i, str(2 + i)) for i in range(len(heads))),
    ]
    sheet.header(cells, top, top + 2)


def _side(sheet: SheetWriter, lines: list[Line], first: int, *, col: int, width: int, seq: int) -> None:
    for offset, line in enumerate(lines):
        row = first + offset
        sheet.put(row, col, line.name or None, st.body("name", line.bold))
        sheet.put(row, col + 1, str(seq + offset) if line.shown else None, st.body("seq"))
        for index in range(width):
            value = line.amounts[index] if index < len(line.amounts) else None
            sheet.amount(row, col + 2 + index, value, line.bold)
