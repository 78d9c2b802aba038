"""Rows known by their label: 公开01表 and 公开04表 (收入 ‖ 支出, 类 lines on the 支出 side)
and 公开07表 (预算数 and 决算数, as two bands of one row or as two rows)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from desktop.io.workbook.coded_rows import Mapped, NameToCode, resolve_name
from desktop.io.workbook.layout import SideRow, label_name
from desktop.io.workbook.text import norm, numbering_ordinal, split_code

_G01_INCOME = (
    ("本年收入合计|收入合计", "inc_total"),
    ("使用非财政拨款结余|用事业基金弥补", "use_balance"),
    ("年初结转和结余|年初结余", "carry_in"),
    ("^(收入)?总计$", "grand_in"),
    ("一般公共预算财政拨款", "inc_gpb"),
    ("政府性基金预算财政拨款", "inc_gf"),
    ("国有资本经营预算财政拨款", "inc_soc"),
    ("上级补助收入", "inc_superior"),
    ("事业收入", "inc_business"),
    ("^经营收入", "inc_operating"),
    ("附属单位上缴收入", "inc_affiliated"),
    ("其他收入", "inc_other"),
)
_G01_EXPENSE = (
    ("本年支出合计|支出合计", "exp_total"),
    ("结余分配", "distribution"),
    ("年末结转和结余|年末结余", "carry_out"),
    ("^(支出)?总计$", "grand_out"),
)
_FUNDS = (
    ("一般公共预算财政拨款", "gpb"),
    ("政府性基金预算财政拨款", "gf"),
    ("国有资本经营预算财政拨款", "soc"),
)
_G04_INCOME = (
    ("本年收入合计|收入合计", "inc_total"),
    ("年初.*结转和结余|年初.*结余", "carry_in"),
    ("^(收入)?总计$", "grand_in"),
)
_G04_EXPENSE = (
    ("本年支出合计|支出合计", "exp_total"),
    ("年末.*结转和结余|年末.*结余", "carry_out"),
    ("^(支出)?总计$", "grand_out"),
)

# 类 of 政府收支分类 by name (older names too): the fallback when no code list answers.
_CLASSES = {
    "一般公共服务支出": "201", "外交支出": "202", "国防支出": "203", "公共安全支出": "204", "教育支出": "205",
    "科学技术支出": "206", "文化旅游体育与传媒支出": "207", "文化体育与传媒支出": "207",
    "社会保障和就业支出": "208", "社会保险基金支出": "209", "卫生健康支出": "210",
    "医疗卫生与计划生育支出": "210", "节能环保支出": "211", "城乡社区支出": "212", "农林水支出": "213",
    "交通运输支出": "214", "资源勘探工业信息等支出": "215", "资源勘探信息等支出": "215",
    "商业服务业等支出": "216", "金融支出": "217", "援助其他地区支出": "219", "自然资源海洋气象等支出": "220",
    "国土海洋气象等支出": "220", "住房保障支出": "221", "粮油物资储备支出": "222",
    "国有资本经营预算支出": "223", "灾害防治及应急管理支出": "224", "预备费": "227", "其他支出": "229",
    "转移性支出": "230", "债务还本支出": "231", "债务付息支出": "232", "债务发行费用支出": "233",
    "抗疫特别国债安排的支出": "234",
}  # fmt: skip
# The printed order of the 2020 template (一、… 二十六、): the last resort for an unknown name.
_ORDER = (
    "201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
    "215", "216", "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "234",
)  # fmt: skip


def map_g01(rows: Iterable[SideRow], name_to_code: NameToCode) -> Mapped:
    values: dict[str, Decimal] = {}
    unmatched: list[tuple[int, str]] = []
    for row in rows:
        if not row.has_figures:
            continue
        amount = _first_amount(row)
        income = _is_income(row)
        key = _match(label_name(row.labels), _G01_INCOME if income else _G01_EXPENSE)
        if key is None and not income:
            key = class_code(row, name_to_code)
        if key is None:
            unmatched.append((row.row, row.text()))
        else:
            values[f"G01.{key}.amount"] = amount
    return values, unmatched


def map_g04(rows: Iterable[SideRow], name_to_code: NameToCode) -> Mapped:
    values: dict[str, Decimal] = {}
    unmatched: list[tuple[int, str]] = []
    after_carry = {True: False, False: False}  # fund rows under 年初/年末 … 结转和结余, per side
    for row in rows:
        income = _is_income(row)
        name = label_name(row.labels)
        key = _match(name, _G04_INCOME if income else _G04_EXPENSE)
        after_carry[income] = key in ("carry_in", "carry_out") or (after_carry[income] and key is None)
        if not row.has_figures:
            continue
        cells = _g04_cells(row, name, key, income, after_carry[income], name_to_code)
        if cells is None:
            unmatched.append((row.row, row.text()))
        else:
            values.update(cells)
    return values, unmatched


def _g04_cells(
    row: SideRow, name: str, key: str | None, income: bool, after_carry: bool, name_to_code: NameToCode
) -> dict[str, Decimal] | None:
    fund = _match(name, _FUNDS) if key is None else None
    if fund is not None:
        return _fund_cells(row, fund, income, after_carry)
    if key == "exp_total" or (key is None and not income):
        code = key or class_code(row, name_to_code)
        return {f"G04.{code}.{col}": amount for col, amount in row.filled().items()} if code else None
    return _single_cells(row, key) if key else None


def _fund_cells(row: SideRow, fund: str, income: bool, after_carry: bool) -> dict[str, Decimal] | None:
    """A fund line: this year's income by fund, or the split of 年初/年末 结转和结余 above it."""
    if after_carry:
        prefix = "carry_in_" if income else "carry_out_"
    elif income:
        prefix = "inc_"
    else:
        return None
    return {f"G04.{prefix}{fund}.amount": _first_amount(row)}


def _single_cells(row: SideRow, key: str) -> dict[str, Decimal]:
    cells = {f"G04.{key}.amount": _first_amount(row)}
    if key == "carry_out":  # one row of four amounts: 合计 | 一般公共预算 | 政府性基金 | 国有资本经营
        filled = row.filled()
        cells.update({f"G04.carry_out_{fund}.amount": filled[fund] for _w, fund in _FUNDS if fund in filled})
    return cells


def map_g07(rows: Iterable[SideRow]) -> Mapped:
    values: dict[str, Decimal] = {}
    unmatched: list[tuple[int, str]] = []
    for row in rows:
        if not row.has_figures:
            continue
        band = _band(row.text())
        cells = {cell: amount for key, amount in row.filled().items() if (cell := _g07_id(key, band))}
        if len(cells) < len(row.amounts):  # a column without 预算数/决算数 on a row that does not say
            unmatched.append((row.row, row.text()))
        else:
            values.update(cells)
    return values, unmatched


def _g07_id(key: str, band: str | None) -> str | None:
    if "." in key:
        return f"G07.{key}"
    return f"G07.{band}.{key}" if band else None


def _band(text: str) -> str | None:
    cleaned = norm(text)
    return "budget" if "预算" in cleaned else "actual" if "决算" in cleaned or "实际" in cleaned else None


def class_code(row: SideRow, name_to_code: NameToCode) -> str | None:
    """A 类 line: its written code, the code list, the names above, then its number word."""
    code, _name = split_code(row.labels.get("code") or row.labels.get("name", ""))
    if code is not None:
        return code if len(code) == 3 else None
    name = label_name(row.labels)
    found = resolve_name(name, (None,), name_to_code) if name else None
    if found is not None and len(found) == 3:
        return found
    if name in _CLASSES:
        return _CLASSES[name]
    ordinal = numbering_ordinal(row.labels.get("name", ""))
    return _ORDER[ordinal - 1] if ordinal and ordinal <= len(_ORDER) else None


def _is_income(row: SideRow) -> bool:
    # Without a 收入/支出 band over the label column, the left side is the 收入 side.
    return row.side.kind == "income" or (not row.side.kind and row.side.index == 0)


def _match(name: str, rules: tuple[tuple[str, str], ...]) -> str | None:
    for pattern, key in rules:
        if re.search(pattern, name):
            return key
    return None


def _first_amount(row: SideRow) -> Decimal:
    filled = row.filled()
    for key in ("amount", "total"):
        if key in filled:
            return filled[key]
    return next(iter(filled.values()))
