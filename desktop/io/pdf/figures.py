"""The seven figures (图1–图7) a published 情况说明 carries, and where each one goes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.io.pdf.charts import bar_chart, pie_chart
from desktop.models.dataset import Dataset

WIDTH, BAR_HEIGHT, PIE_HEIGHT = 440.0, 190.0, 170.0
ZERO = Decimal(0)
_NUMBERING = re.compile(r"^[一二三四五六七八九十]+、")


@dataclass(frozen=True)
class Figure:
    number: int
    caption: str
    section: str  # the 情况说明 section it illustrates
    before: str | None  # placed before the section's paragraph starting so, else at its end
    drawing: Any


def _amount(dataset: Dataset, cell: str, year: str = "current") -> Decimal:
    value = dataset.number(cell, year)
    return ZERO if value is None else value


def _year_bars(dataset: Dataset, cell: str) -> Any:
    year = dataset.department.year
    values = [_amount(dataset, cell, "prior"), _amount(dataset, cell)]
    return bar_chart([f"{year - 1}年", f"{year}年"], values, WIDTH, BAR_HEIGHT)


def _income(dataset: Dataset) -> Any:
    rows = [r for r in dataset.sheet("G01") if r.id.startswith("inc_") and not r.emphasis]
    items = [(_NUMBERING.sub("", r.name), _amount(dataset, f"G01.{r.id}.amount")) for r in rows]
    return pie_chart(items, WIDTH, PIE_HEIGHT)


def _expense(dataset: Dataset) -> Any:
    form = dataset.catalogue.form("G03")
    items = [(c.name, _amount(dataset, f"G03.total.{c.id}")) for c in form.columns if c.id != "total"]
    return pie_chart(items, WIDTH, PIE_HEIGHT)


def _gpb_structure(dataset: Dataset) -> Any:
    rows = [r for r in dataset.sheet("G05") if r.level == 1]
    return pie_chart([(r.name, _amount(dataset, f"G05.{r.id}.total")) for r in rows], WIDTH, PIE_HEIGHT)


def _three_public(dataset: Dataset) -> Any:
    form = dataset.catalogue.form("G07")
    parts = ("abroad", "vehicle", "reception")
    columns = [c for c in form.columns if c.id in parts]
    # 公务用车 is printed as the band 公务用车购置及运行费 over its 小计 column.
    items = [(c.band or c.name, _amount(dataset, f"G07.actual.{c.id}")) for c in columns]
    return pie_chart(items, WIDTH, PIE_HEIGHT)


FIGURES: tuple[tuple[str, str, str | None, Callable[[Dataset], Any]], ...] = (
    ("收、支决算总计变动情况", "overview", None, lambda d: _year_bars(d, "G01.grand_in.amount")),
    ("收入决算结构", "income", None, _income),
    ("支出决算结构", "expense", None, _expense),
    ("财政拨款收、支决算总计变动情况", "fiscal", None, lambda d: _year_bars(d, "G04.grand_in.amount")),
    ("一般公共预算财政拨款支出决算变动情况", "gpb", "（二）", lambda d: _year_bars(d, "G05.total.total")),
    ("一般公共预算财政拨款支出决算结构", "gpb", "（三）", _gpb_structure),
    ("“三公”经费财政拨款支出结构", "three_public", "1.", _three_public),
)


def figures(dataset: Dataset) -> list[Figure]:
    return [
        Figure(number, caption, section, before, draw(dataset))
        for number, (caption, section, before, draw) in enumerate(FIGURES, start=1)
    ]
