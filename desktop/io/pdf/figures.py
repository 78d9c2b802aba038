"""The figures (图1 …) the edition's narrative template places in the 情况说明: bar charts of a
figure last year against this year, pie charts of its parts or of a form's rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from desktop.forms import expr
from desktop.forms.template import Figure as FigureTemplate
from desktop.io.pdf.charts import bar_chart, pie_chart
from desktop.models.dataset import Dataset

WIDTH, BAR_HEIGHT, PIE_HEIGHT = 440.0, 190.0, 170.0
ZERO = Decimal(0)
_DIGITS = {1: 3, 2: 5, 3: 7}


@dataclass(frozen=True)
class Chart:
    number: int
    caption: str
    section: str  # the 情况说明 section it illustrates
    before: str | None  # placed before the section's paragraph starting so, else at its end
    drawing: Any


def _amount(dataset: Dataset, cell: str, year: str = "current") -> Decimal:
    value = dataset.number(cell, year)
    return ZERO if value is None else value


def _bars(dataset: Dataset, spec: Mapping[str, Any]) -> Any:
    year, cell = dataset.department.year, str(spec["cell"])
    values = [_amount(dataset, cell, "prior"), _amount(dataset, cell)]
    return bar_chart([f"{year - 1}年", f"{year}年"], values, WIDTH, BAR_HEIGHT)


def _pie_items(dataset: Dataset, spec: Mapping[str, Any]) -> list[tuple[str, Decimal]]:
    if "items" in spec:
        return [(str(label), _amount(dataset, str(cell))) for cell, label in spec["items"]]
    rows = spec["rows"]
    digits = _DIGITS[int(rows["level"])]
    return [
        (line.name, _amount(dataset, expr.substitute(str(rows["value"]), row=line.id)))
        for line in dataset.sheet(str(rows["form"]))
        if line.code and len(line.code) == digits
    ]


def _drawing(dataset: Dataset, template: FigureTemplate) -> Any:
    if template.chart == "bars":
        return _bars(dataset, template.spec)
    return pie_chart(_pie_items(dataset, template.spec), WIDTH, PIE_HEIGHT)


def figures(dataset: Dataset) -> list[Chart]:
    """Every figure of the template, numbered in order, with the section it belongs to."""
    placed = [(s.id, f) for s in dataset.edition.template.sections for f in s.figures]
    return [
        Chart(number, template.caption, section, template.place or None, _drawing(dataset, template))
        for number, (section, template) in enumerate(placed, start=1)
    ]
