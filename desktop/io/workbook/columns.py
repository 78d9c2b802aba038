"""Which amount column a header names, per form. A column's header is the list of its
texts top to bottom (bands first); the most specific (lowest) text is tried first."""

from __future__ import annotations

import re

from desktop.io.workbook.layout import AmountRule

# (column id, pattern), most specific first: 本年支出|基本支出 must be basic, not total.
_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "G01": (("amount", "."),),
    "G02": (
        ("superior", "上级补助"),
        ("affiliated", "附属单位"),
        ("business", "事业收入"),
        ("operating", "经营收入"),
        ("fiscal", "财政拨款"),
        ("other", "其他收入"),
        ("total", "合计|小计"),
    ),
    "G03": (
        ("to_superior", "上缴上级"),
        ("to_affiliated", "附属单位"),
        ("operating", "经营支出"),
        ("basic", "基本支出"),
        ("project", "项目支出"),
        ("total", "合计|小计"),
    ),
    "G04": (
        ("gpb", "一般公共预算"),
        ("gf", "政府性基金"),
        ("soc", "国有资本"),
        ("total", "合计|小计|金额|决算数|本年数"),
    ),
    "G05": (
        ("budget", "预算数"),
        ("basic", "基本支出"),
        ("project", "项目支出"),
        ("total", "合计|小计|本年支出|决算数"),
    ),
    "G06": (("amount", "."),),
    "G08": (
        ("carry_in", "年初"),
        ("carry_out", "年末"),
        ("basic", "基本支出"),
        ("project", "项目支出"),
        ("income", "收入"),
        ("total", "合计|小计|支出"),
    ),
    "G09": (("basic", "基本支出"), ("project", "项目支出"), ("total", "合计|小计|本年支出|决算数")),
}
_G07_PARTS = (
    ("abroad", "出国"),
    ("reception", "接待"),
    ("vehicle", "购置及运行|购置和运行|运行及购置"),
    ("vehicle_purchase", "购置"),
    ("vehicle_operation", "运行"),
    ("total", "合计|总计"),
)


def amount_rule(form: str) -> AmountRule:
    return _g07_column if form == "G07" else lambda pieces: _first_match(_RULES[form], pieces)


def _first_match(rules: tuple[tuple[str, str], ...], pieces: list[str]) -> str | None:
    for piece in reversed(pieces):
        for key, pattern in rules:
            if re.search(pattern, piece):
                return key
    return None


def _g07_column(pieces: list[str]) -> str | None:
    """`预算数|公务用车购置及运行费|小计` → budget.vehicle; without a band the row says it."""
    part = _first_match(_G07_PARTS, [piece for piece in pieces if piece != "小计"])
    if part is None:
        return None
    joined = "".join(pieces)
    band = "budget" if "预算" in joined else "actual" if "决算" in joined else None
    return f"{band}.{part}" if band else part
