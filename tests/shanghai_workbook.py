"""The nine tables of a dataset as a workbook in the layout of the 上海 2024 样张: each table known
by its title alone (no 公开0X表 label, sheets named Sheet1…), its header as the 样张 draws it, and
the note under it (an empty table keeps its layout and its 说明 line). Codes are written whole
(`2050205`) or split over 类 | 款 | 项 columns (`205` | `02` | `05`)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.models.dataset import Dataset

Row = list[object]
INCOME = (
    "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
)
INCOME_ROWS = (
    "inc_gpb",
    "inc_gf",
    "inc_soc",
    "inc_superior",
    "inc_business",
    "inc_operating",
    "inc_affiliated",
    "inc_other",
)
FUNDS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
DIGITS = "零一二三四五六七八九"


def numeral(n: int) -> str:
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[units] if units else "")


class Table:
    """One table on a sheet: its title, 单位, header rows (with merges), data rows, notes."""

    def __init__(self, ws: Worksheet, title: str) -> None:
        self.ws = ws
        ws.append([title])
        ws.append(["", "", "", "单位：万元"])

    def header(self, rows: Sequence[Row], merges: Sequence[tuple[int, int, int, int]] = ()) -> None:
        """`merges`: (first row, first col, last row, last col) counted within the header (1-based)."""
        top = self.ws.max_row
        for row in rows:
            self.ws.append(list(row))
        for r1, c1, r2, c2 in merges:
            self.ws.merge_cells(start_row=top + r1, start_column=c1, end_row=top + r2, end_column=c2)

    def rows(self, rows: Sequence[Row]) -> None:
        for row in rows:
            self.ws.append(["" if v is None else float(v) if isinstance(v, Decimal) else v for v in row])

    def notes(self, *lines: str) -> None:
        for line in lines:
            if line:
                self.ws.append([line])


def _value(dataset: Dataset, cell: str) -> Decimal | None:
    return dataset.number(cell)


def _code_cells(code: str, split: bool) -> Row:
    if not split:
        return [code]
    return [
        code[:3] if len(code) == 3 else "",
        code[3:5] if len(code) == 5 else "",
        code[5:] if len(code) == 7 else "",
    ]


def _coded_header(
    heads: Sequence[str], split: bool, band: tuple[str, int, int] | None = None
) -> tuple[list[Row], list]:
    """项目 over 功能分类科目编码 | 科目名称 (split: over 类 | 款 | 项), then the amount columns; `band`
    (text, first amount column, span) groups amount columns under one heading (本年支出)."""
    width = 3 if split else 1
    label = width + 1
    top: Row = ["项目", *[""] * width, *heads]
    second: Row = ["功能分类科目编码", *[""] * (width - 1), "科目名称", *[""] * len(heads)]
    rows = [top, second]
    merges = [(1, 1, 1, label)]
    if split:
        rows.append(["类", "款", "项", "", *[""] * len(heads)])
        merges.append((2, 1, 2, 3))
    if band is not None:
        text, first, span = band
        rows[1][label + first - 1 : label + first - 1 + span] = heads[first - 1 : first - 1 + span]
        top[label + first - 1 : label + first - 1 + span] = [text] + [""] * (span - 1)
        merges.append((1, label + first, 1, label + first + span - 1))
    return rows, merges


def _coded_rows(dataset: Dataset, form: str, cols: Sequence[str], split: bool, total_last: bool) -> list[Row]:
    blank = [""] * (3 if split else 1)
    total = [[*blank, "合计", *(_value(dataset, f"{form}.total.{c}") for c in cols)]]
    body = [
        [*_code_cells(line.code, split), line.name, *(_value(dataset, f"{form}.{line.id}.{c}") for c in cols)]
        for line in dataset.sheet(form)
        if line.code
    ]
    return body + total if total_last else total + body


def _coded_table(ws: Worksheet, dataset: Dataset, form: str, spec: dict, split: bool) -> None:
    table = Table(ws, spec["title"])
    rows, merges = _coded_header(spec["heads"], split, spec.get("band"))
    table.header(rows, merges)
    if dataset.rows(form) or not spec.get("empty"):
        table.rows(_coded_rows(dataset, form, spec["cols"], split, spec.get("total_last", False)))
    else:
        table.rows([[*([""] * (3 if split else 1)), "合计"]])
    table.notes(spec["note"], "" if dataset.rows(form) else spec.get("empty", ""))


def _classes(dataset: Dataset) -> list[tuple[str, str]]:
    form = dataset.catalogue.form("G01")
    assert form.mirror is not None
    return [(code, dataset.naming.name("functional", code)) for code in form.mirror.printed_classes(2024)]


def _two_sided(
    ws: Worksheet,
    title: str,
    heads: Sequence[str],
    left: list[Row],
    right: list[Row],
    bottom: list[tuple[Row, Row]],
    note: str,
) -> None:
    table = Table(ws, title)
    width = len(heads)
    table.header(
        [["收入", "", "支出", *[""] * width], ["项目", "决算数", "项目", *heads]],
        [(1, 1, 1, 2), (1, 3, 1, 2 + width + 1)],
    )
    size = max(len(left), len(right))
    left += [["", None]] * (size - len(left))
    table.rows([[*a, *b] for a, b in zip(left, right, strict=True)])
    table.rows([[*a, *b] for a, b in bottom])
    table.notes(note)


def _g01(ws: Worksheet, dataset: Dataset) -> None:
    def get(row: str) -> Decimal | None:
        return _value(dataset, f"G01.{row}.amount")

    left = [
        [f"{numeral(i)}、{name}", get(row)]
        for i, (name, row) in enumerate(zip(INCOME, INCOME_ROWS, strict=True), 1)
    ]
    right = [[f"{numeral(i)}、{name}", get(code)] for i, (code, name) in enumerate(_classes(dataset), 1)]
    bottom = [
        (["本年收入合计", get("inc_total")], ["本年支出合计", get("exp_total")]),
        (["使用非财政拨款结余", get("use_balance")], ["结余分配", get("distribution")]),
        (["年初结转和结余", get("carry_in")], ["年末结转和结余", get("carry_out")]),
        (["总计", get("grand_in")], ["总计", get("grand_out")]),
    ]
    _two_sided(
        ws,
        "收入支出决算总表",
        ["决算数"],
        left,
        right,
        bottom,
        "注：本表反映部门本年度的总收支和年末结转结余情况。",
    )


def _g04(ws: Worksheet, dataset: Dataset) -> None:
    def one(row: str) -> Decimal | None:
        return _value(dataset, f"G04.{row}.amount")

    def four(row: str) -> list[Decimal | None]:
        return [_value(dataset, f"G04.{row}.{c}") for c in ("total", "gpb", "gf", "soc")]

    left = [
        [f"{numeral(i)}、{fund}", one(f"inc_{f}")]
        for i, (fund, f) in enumerate(zip(FUNDS, ("gpb", "gf", "soc"), strict=True), 1)
    ]
    right = [[f"{numeral(i)}、{name}", *four(code)] for i, (code, name) in enumerate(_classes(dataset), 1)]
    bottom: list[tuple[Row, Row]] = [
        (["本年收入合计", one("inc_total")], ["本年支出合计", *four("exp_total")]),
        (
            ["年初财政拨款结转和结余", one("carry_in")],
            ["年末财政拨款结转和结余", one("carry_out"), None, None, None],
        ),
    ]
    for i, (fund, f) in enumerate(zip(FUNDS, ("gpb", "gf", "soc"), strict=True), 1):
        name = f"{numeral(i)}、{fund}"
        bottom.append(([name, one(f"carry_in_{f}")], [name, one(f"carry_out_{f}"), None, None, None]))
    bottom.append((["总计", one("grand_in")], ["总计", one("grand_out"), None, None, None]))
    heads = ["合计", *FUNDS]
    _two_sided(
        ws,
        "财政拨款收入支出决算总表",
        heads,
        left,
        right,
        bottom,
        "注：本表反映部门本年度财政拨款总收支和结转结余情况。",
    )


def _g06(ws: Worksheet, dataset: Dataset, split: bool) -> None:
    table = Table(ws, "一般公共预算财政拨款基本支出决算表")
    code = ["类", "款"] if split else ["经济分类科目编码"]
    side = [*code, "科目名称", "决算数"]
    merges = [(1, 1, 1, 2), (1, 5, 1, 6)] if split else []
    table.header(
        ([["经济分类科目编码", "", "", "", "经济分类科目编码", "", "", ""]] if split else []) + [side * 2],
        merges,
    )

    def entries(classes: tuple[str, ...]) -> list[Row]:
        out: list[Row] = []
        for line in dataset.sheet("G06"):
            if line.code and line.code[:3] in classes:
                cells = (
                    [line.code, ""]
                    if split and len(line.code) == 3
                    else ["", line.code[3:]]
                    if split
                    else [line.code]
                )
                out.append([*cells, line.name, _value(dataset, f"G06.{line.id}.amount")])
        return out

    left, right = entries(("301", "303")), entries(("302", "307", "309", "310", "399"))
    blank = [*[""] * len(code), "", None]
    size = max(len(left), len(right))
    left += [blank] * (size - len(left))
    right += [blank] * (size - len(right))
    table.rows([[*a, *b] for a, b in zip(left, right, strict=True)])
    pad = [""] * (len(code) - 1)
    table.rows(
        [
            [
                "人员经费合计",
                *pad,
                "",
                _value(dataset, "G06.staff_total.amount"),
                "公用经费合计",
                *pad,
                "",
                _value(dataset, "G06.public_total.amount"),
            ]
        ]
    )
    table.notes("注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。")


def _g07(ws: Worksheet, dataset: Dataset) -> None:
    table = Table(ws, "财政拨款“三公”经费支出决算表")
    parts = [
        ("合计", "total"),
        ("因公出国（境）费", "abroad"),
        ("小计", "vehicle"),
        ("公务用车购置费", "vehicle_purchase"),
        ("公务用车运行维护费", "vehicle_operation"),
        ("公务接待费", "reception"),
    ]
    band = ["财政拨款“三公”经费", *[""] * 11]
    second = [
        "合计",
        "",
        "因公出国（境）费",
        "",
        "公务用车购置及运行维护费",
        "",
        "",
        "",
        "",
        "",
        "公务接待费",
        "",
    ]
    third = ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行维护费", "", "", ""]
    fourth = ["预算数", "决算数"] * 6
    merges = [
        (1, 1, 1, 12),
        (2, 1, 3, 2),
        (2, 3, 3, 4),
        (2, 5, 2, 10),
        (3, 5, 3, 6),
        (3, 7, 3, 8),
        (3, 9, 3, 10),
        (2, 11, 3, 12),
    ]
    table.header([band, second, third, fourth], merges)
    figures: Row = []
    for _name, col in parts:
        figures += [_value(dataset, f"G07.budget.{col}"), _value(dataset, f"G07.actual.{col}")]
    table.rows([figures])
    table.notes("注：本表反映部门本年度“三公”经费支出预决算情况。")


def _fund_table(form: str, title: str, fund: str) -> dict:
    return {
        "title": title,
        "heads": ["年初结转和结余", "本年收入", "合计", "基本支出", "项目支出", "年末结转和结余"],
        "cols": ["carry_in", "income", "total", "basic", "project", "carry_out"],
        "band": ("本年支出", 3, 3),
        "note": f"注：本表反映部门本年度{fund}预算财政拨款收入支出及结转和结余情况。",
        "empty": f"说明：{{name}}本年度没有{fund}预算财政拨款收入和支出，故本表无数据。",
    }


CODED = {
    "G02": {
        "title": "收入决算表",
        "cols": ["total", "fiscal", "superior", "business", "operating", "affiliated", "other"],
        "heads": [
            "本年收入合计",
            "财政拨款收入",
            "上级补助收入",
            "事业收入",
            "经营收入",
            "附属单位上缴收入",
            "其他收入",
        ],
        "note": "注：本表反映部门本年度取得的各项收入情况。",
    },
    "G03": {
        "title": "支出决算表",
        "cols": ["total", "basic", "project", "to_superior", "operating", "to_affiliated"],
        "heads": ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
        "note": "注：本表反映部门本年度各项支出情况。",
    },
    "G05": {
        "title": "一般公共预算财政拨款支出决算表",
        "cols": ["total", "basic", "project"],
        "heads": ["合计", "基本支出", "项目支出"],
        "total_last": True,
        "note": "注：本表反映部门本年度一般公共预算财政拨款支出情况。",
    },
    "G08": _fund_table("G08", "政府性基金预算财政拨款收入支出决算表", "政府性基金"),
    "G09": _fund_table("G09", "国有资本经营预算财政拨款收入支出决算表", "国有资本经营"),
}


def write_shanghai_workbook(
    dataset: Dataset, path: Path, *, split: bool = False, forms: Sequence[str] | None = None
) -> Path:
    """The dataset's nine tables (or `forms`) in the 样张's layout and order, one per sheet."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for number, form in enumerate(
        forms or ("G01", "G02", "G03", "G04", "G05", "G06", "G07", "G08", "G09"), 1
    ):
        ws = workbook.create_sheet(f"Sheet{number}")
        if form == "G01":
            _g01(ws, dataset)
        elif form == "G04":
            _g04(ws, dataset)
        elif form == "G06":
            _g06(ws, dataset, split)
        elif form == "G07":
            _g07(ws, dataset)
        else:
            spec = dict(CODED[form])
            spec["empty"] = str(spec.get("empty", "")).replace("{name}", dataset.department.name)
            _coded_table(ws, dataset, form, spec, split)
        for col in range(1, ws.max_column + 1):
            ws.column_dimensions[get_column_letter(col)].width = 16
    workbook.save(path)
    return path
