"""The workbook reader: the shared sample workbooks against the sample dataset, the awkward
hand-made variants of tests/fixtures/workbooks (see make_variants.py) with their exact
cells, and malformed files, each refused with a Chinese WorkbookError."""

from __future__ import annotations

import importlib.util
import json
import tempfile
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.forms.edition import load_edition
from desktop.io.workbook.reader import WorkbookError, WorkbookReading, names_in, read_workbook
from tests.conftest import SHARED as SHARED_FIXTURES

SHARED = SHARED_FIXTURES
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "workbooks"
FORMS = tuple(f"G0{n}" for n in range(1, 10))
SICHUAN = load_edition("sichuan-2020")
default_name_to_code = names_in(SICHUAN.codes.functional)
G02_COLS = ("total", "fiscal", "superior", "business", "operating", "affiliated", "other")
G03_COLS = ("total", "basic", "project", "to_superior", "operating", "to_affiliated")
G07_COLS = ("total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")


def cells(form: str, row: str, cols: tuple[str, ...], amounts: tuple[str | int, ...]) -> dict[str, Decimal]:
    return {f"{form}.{row}.{col}": Decimal(str(amount)) for col, amount in zip(cols, amounts, strict=True)}


def dataset_cells(key: str) -> dict[str, Decimal]:
    data = json.loads((SHARED / "datasets" / "xiqu-czj-2020.json").read_text(encoding="utf-8"))
    return {cell: Decimal(value) for cell, value in data[key].items() if cell[:3] in FORMS}


# ---------------------------------------------------------------- the shared sample workbooks


@pytest.mark.parametrize(
    ("workbook", "key", "year"),
    [
        ("xiqu-czj-2020.xlsx", "cells", 2020),
        ("xiqu-czj-2019.xlsx", "prior", 2019),
        ("xiqu-czj-2019.xls", "prior", 2019),
    ],
)
def test_sample_workbook_matches_dataset(workbook: str, key: str, year: int) -> None:
    reading = read_workbook(SHARED / "workbooks" / workbook, SICHUAN)
    expected = dataset_cells(key)

    # Every figure the workbook carries is the dataset's, totals and subtotals included.
    assert {cell: expected.get(cell) for cell in reading.values} == dict(reading.values)
    # The workbook carries all the dataset's G01–G09 cells except two kinds it does not print:
    # the G05 `budget` column (全年预算数 is no column of 公开05表) and G06.total (公开06表
    # closes with 人员经费合计 ‖ 公用经费合计 and has no 合计 row). Rows the workbook leaves
    # blank (G01/G04 类 lines, unused G06 款) are absent from the dataset too.
    not_printed = {cell for cell in expected if cell.endswith(".budget") and cell.startswith("G05.")}
    assert set(expected) - set(reading.values) == not_printed | {"G06.total.amount"}
    assert reading.unmatched == ()
    assert reading.missing == ()
    assert [table.form for table in reading.tables] == list(FORMS)
    assert all(table.unit == "万元" and table.sheet == f"公开{table.form[1:]}表" for table in reading.tables)
    assert reading.year == year
    assert reading.unit_name == "攀枝花市西区财政局"


def test_sample_table_locations_count_their_cells() -> None:
    reading = read_workbook(SHARED / "workbooks" / "xiqu-czj-2020.xlsx", SICHUAN)
    by_form = {table.form: table for table in reading.tables}
    assert (by_form["G01"].first_row, by_form["G01"].last_row) == (1, 36)
    assert sum(table.cells for table in reading.tables) == len(reading.values)
    assert by_form["G09"].cells == 3  # the empty table still carries its 合计 row of zeros


# ---------------------------------------------------------------- hand-made variants


def read_fixture(name: str, fixtures: Path = FIXTURES) -> WorkbookReading:
    return read_workbook(fixtures / name, SICHUAN, resolve_by_dict)


_NAMES = {
    "201": "一般公共服务支出",
    "20106": "财政事务",
    "2010601": "行政运行",
    "2010699": "其他财政事务支出",
    "212": "城乡社区支出",
    "21299": "其他城乡社区支出",
    "2129999": "其他城乡社区支出",
}


def resolve_by_dict(name: str, parent: str | None) -> str | None:
    """A small code list: a name under a parent, or a unique name anywhere without one."""
    found = [
        code
        for code, known in _NAMES.items()
        if known == name and (parent is None or (code.startswith(parent) and len(code) == len(parent) + 2))
    ]
    return found[0] if len(found) == 1 else None


def test_split_code_columns() -> None:
    reading = read_fixture("split_codes.xlsx")
    expected = {
        **cells("G02", "total", G02_COLS, (100, 90, 0, 0, 0, 0, 10)),
        **cells("G02", "201", G02_COLS, (100, 90, 0, 0, 0, 0, 10)),
        **cells("G02", "20106", G02_COLS, (100, 90, 0, 0, 0, 0, 10)),
        **cells("G02", "2010601", G02_COLS, (60, 50, 0, 0, 0, 0, 10)),  # blanks in a row of figures are 0
        **cells("G02", "2010602", G02_COLS, (40, 40, 0, 0, 0, 0, 0)),
    }
    for row in ("total", "205", "20502", "2050201"):  # full codes in 类|款|项, after a 栏次 row
        expected.update(cells("G05", row, ("total", "basic", "project"), (80, 50, 30)))
    assert dict(reading.values) == expected
    assert reading.unmatched == ()
    assert reading.missing == ("G01", "G03", "G04", "G06", "G07", "G08", "G09")


def test_amounts_in_yuan_and_qianyuan_as_text_numbers() -> None:
    reading = read_fixture("yuan_text.xlsx")
    g03 = {
        # "1,234,500.00", full-width "１２３４５００", "0", "-", "—", blank: 元 → 万元
        **cells("G03", "total", G03_COLS, ("123.45", "123.45", 0, 0, 0, 0)),
        # a General-format 1234500 and a #,##0.00 1234500.0, " 0 " with spaces
        **cells("G03", "208", G03_COLS, ("123.45", "123.45", 0, 0, 0, 0)),
        # General 1234500.456 元 rounds to the 分 (1234500.46); "1 234 500"; full-width dash
        **cells("G03", "20805", G03_COLS, ("123.450046", "123.45", 0, 0, 0, 0)),
        # text with separators and full-width "１，２３４，５００．５" is exact
        **cells("G03", "2080505", G03_COLS, ("123.45005", "123.45005", 0, 0, 0, 0)),
    }  # 2080506 has no figures: no cells
    g04 = {
        f"G04.{row}.amount": Decimal(amount)
        for row, amount in {
            "inc_gpb": "100", "inc_gf": "0", "inc_soc": "0", "inc_total": "100",
            "carry_in": "5", "carry_in_gpb": "5", "carry_in_gf": "0", "carry_in_soc": "0", "grand_in": "105",
            "carry_out": "15", "carry_out_gpb": "15", "carry_out_gf": "0", "carry_out_soc": "0",
            "grand_out": "105",
        }.items()
    }  # fmt: skip
    g04.update(cells("G04", "201", ("total", "gpb", "gf", "soc"), (90, 90, 0, 0)))
    g04.update(cells("G04", "exp_total", ("total", "gpb", "gf", "soc"), (90, 90, 0, 0)))
    assert dict(reading.values) == {**g03, **g04}
    assert [(table.form, table.unit) for table in reading.tables] == [("G03", "元"), ("G04", "千元")]
    assert reading.unmatched == ()


def test_scaled_amounts_are_written_with_two_places_or_more() -> None:
    values = read_fixture("yuan_text.xlsx").values
    assert [str(values[cell]) for cell in ("G03.total.total", "G03.total.project", "G04.inc_gpb.amount")] == [
        "123.45",
        "0.00",
        "100.00",
    ]


def test_stacked_tables_and_missing_tables() -> None:
    reading = read_fixture("stacked.xlsx")
    expected: dict[str, Decimal] = {}
    for row in ("total", "201", "20106", "2010601"):
        expected.update(cells("G05", row, ("total", "basic", "project"), ("12.5", 10, "2.5")))
    expected.update(cells("G09", "total", ("total", "basic", "project"), (0, 0, 0)))  # "-" is 0
    # 公开07表 as two rows 预算数 / 决算数, title with ASCII quotes "三公"
    expected.update(cells("G07", "budget", G07_COLS, (6, 1, 3, 0, 3, 2)))
    expected.update(cells("G07", "actual", G07_COLS, ("5.5", "0.5", 3, 0, 3, 2)))
    assert dict(reading.values) == expected
    locations = {table.form: (table.sheet, table.first_row, table.last_row) for table in reading.tables}
    assert locations == {"G05": ("决算公开表", 1, 10), "G09": ("决算公开表", 12, 17), "G07": ("三公", 1, 7)}
    assert reading.missing == ("G01", "G02", "G03", "G04", "G06", "G08")
    assert reading.unmatched == ()


def test_decorative_rows_are_ignored() -> None:
    reading = read_fixture("decorated.xlsx")
    amounts = {
        "301": 100, "30101": 60, "30102": 40, "303": 0,  # "—" in a row of its own is 0
        "302": 20, "30201": 20,  # 30202 and 310 are blank: no cells
        "staff_total": 100, "public_total": 20, "total": 120,
    }  # fmt: skip
    assert dict(reading.values) == {f"G06.{row}.amount": Decimal(amount) for row, amount in amounts.items()}
    assert reading.unmatched == ()  # the 填报说明 line, blank rows and the signature line
    assert reading.tables[0].form == "G06"  # found by its title alone, year in front of it
    assert (reading.year, reading.unit_name) == (2021, "测试区财政局")


def test_code_and_name_in_one_cell() -> None:
    reading = read_fixture("code_name.xlsx")
    g03 = {key: value for key, value in reading.values.items() if key.startswith("G03.")}
    expected: dict[str, Decimal] = {}
    for row in ("total", "201", "20106", "2010601"):
        expected.update(cells("G03", row, G03_COLS, (30, 20, 10, 0, 0, 0)))
    assert g03 == expected


def test_name_only_rows_resolve_through_name_to_code() -> None:
    reading = read_fixture("code_name.xlsx")
    g02 = {key: value for key, value in reading.values.items() if key.startswith("G02.")}
    expected = cells("G02", "total", G02_COLS, (45, 45, 0, 0, 0, 0, 0))
    for row, amount in {"201": 40, "20106": 40, "2010601": 30, "2010699": 10, "212": 5}.items():
        expected.update(cells("G02", row, G02_COLS, (amount, amount, 0, 0, 0, 0, 0)))
    # 其他城乡社区支出 twice: the 款 under 212, then the 项 under that 款
    expected.update(cells("G02", "21299", G02_COLS, (5, 5, 0, 0, 0, 0, 0)))
    expected.update(cells("G02", "2129999", G02_COLS, (5, 5, 0, 0, 0, 0, 0)))
    assert g02 == expected
    assert [(row.form, row.row, row.text) for row in reading.unmatched] == [("G02", 13, "不存在的科目")]


def test_name_only_rows_without_a_code_list_are_unmatched() -> None:
    reading = read_workbook(FIXTURES / "code_name.xlsx", SICHUAN, lambda name, parent: None)
    assert {row.text for row in reading.unmatched} >= {"一般公共服务支出", "行政运行"}
    assert "G02.total.total" in reading.values


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_variants", FIXTURES / "make_variants.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fixture_script_regenerates_the_committed_variants(tmp_path: Path) -> None:
    _load_script().main(tmp_path)
    for name in ("split_codes.xlsx", "yuan_text.xlsx", "stacked.xlsx", "decorated.xlsx", "code_name.xlsx"):
        assert read_fixture(name, tmp_path) == read_fixture(name)


# ---------------------------------------------------------------- malformed input


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("not_a_workbook.xlsx", "不是 Excel 工作簿"),
        ("not_excel_zip.xlsx", "不是可读取的 Excel 工作簿"),
        ("truncated.xlsx", "已损坏或不完整"),
        ("encrypted.xlsx", "设置了打开密码"),
        ("encrypted.xls", "设置了打开密码"),
        ("empty.xlsx", "没有任何内容"),
        ("no_tables.xlsx", "没有找到公开01–09表"),
    ],
)
def test_malformed_workbooks_raise_workbook_error(name: str, words: str) -> None:
    with pytest.raises(WorkbookError) as caught:
        read_workbook(FIXTURES / name, SICHUAN)
    assert words in caught.value.message
    assert name in caught.value.message
    assert str(caught.value) == caught.value.message


def test_zero_byte_and_missing_files(tmp_path: Path) -> None:
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(WorkbookError, match="空文件"):
        read_workbook(empty, SICHUAN)
    with pytest.raises(WorkbookError, match="找不到文件"):
        read_workbook(tmp_path / "没有这个文件.xlsx", SICHUAN)


def test_truncated_xls(tmp_path: Path) -> None:
    data = (SHARED / "workbooks" / "xiqu-czj-2019.xls").read_bytes()
    truncated = tmp_path / "truncated.xls"
    truncated.write_bytes(data[: len(data) // 3])
    with pytest.raises(WorkbookError, match="已损坏或不完整"):
        read_workbook(truncated, SICHUAN)


# ---------------------------------------------------------------- layouts built from the sample


def test_all_nine_tables_stacked_on_one_sheet(tmp_path: Path) -> None:
    """The 2020 workbook's nine sheets copied one under the other (merged cells kept) read
    exactly as the nine sheets do."""
    import openpyxl

    source = openpyxl.load_workbook(SHARED / "workbooks" / "xiqu-czj-2020.xlsx")
    target = openpyxl.Workbook()
    sheet = target.active
    top = 1
    for ws in source.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    copy = sheet.cell(top + cell.row - 1, cell.column, cell.value)
                    copy.number_format = cell.number_format
        for merged in ws.merged_cells.ranges:
            sheet.merge_cells(
                start_row=top + merged.min_row - 1,
                start_column=merged.min_col,
                end_row=top + merged.max_row - 1,
                end_column=merged.max_col,
            )
        top += ws.max_row + 2
    target.save(tmp_path / "stacked.xlsx")

    stacked = read_workbook(tmp_path / "stacked.xlsx", SICHUAN)
    separate = read_workbook(SHARED / "workbooks" / "xiqu-czj-2020.xlsx", SICHUAN)
    assert stacked.values == separate.values
    assert stacked.unmatched == () and stacked.missing == ()
    assert len({table.sheet for table in stacked.tables}) == 1


def test_default_name_to_code_uses_the_2021_code_list() -> None:
    """Without a resolver the reader asks the code list; a name under two parents needs one."""
    assert default_name_to_code("行政运行", "20106") == "2010601"
    assert default_name_to_code("其他城乡社区支出", "21299") == "2129999"
    assert default_name_to_code("不存在的科目", None) is None
    reading = read_workbook(FIXTURES / "code_name.xlsx", SICHUAN)
    assert reading.values["G02.2129999.total"] == Decimal("5")
    assert [row.text for row in reading.unmatched] == ["不存在的科目"]


_SPELLINGS = st.sampled_from(["float", "grouped", "fullwidth", "spaced"])


def _spelled(amount: Decimal, spelling: str) -> float | str:
    grouped = f"{amount:,.2f}"
    if spelling == "float":
        return float(amount)
    if spelling == "fullwidth":  # NFKC folds these back: digits, comma and point
        return grouped.translate(str.maketrans("0123456789,.", "０１２３４５６７８９，．"))
    return f" {grouped} " if spelling == "spaced" else grouped


@settings(max_examples=25, deadline=None, database=None)  # no .hypothesis/ in the repo
@given(
    st.lists(
        st.tuples(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False), _SPELLINGS),
        min_size=1,
        max_size=12,
    )
)
def test_any_spelling_of_an_amount_reads_back_exactly(amounts: list[tuple[Decimal, str]]) -> None:
    """Numbers as #,##0.00 floats or as text (separators, full-width, spaces) come back as
    the exact decimal, however large."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["一般公共预算财政拨款支出决算表"])
    sheet.append(["科目编码", "科目名称", "小计", "基本支出", "项目支出"])
    for index, (amount, spelling) in enumerate(amounts):
        sheet.append([f"20106{index + 1:02d}", "行政运行", _spelled(amount, spelling), "0", "-"])
        sheet.cell(sheet.max_row, 3).number_format = "#,##0.00"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "amounts.xlsx"
        workbook.save(path)
        values = read_workbook(path, SICHUAN).values
    assert [values[f"G05.20106{index + 1:02d}.total"] for index in range(len(amounts))] == [
        amount for amount, _spelling in amounts
    ]
