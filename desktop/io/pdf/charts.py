"""Bar and pie charts drawn with reportlab.graphics. Every label carries the embedded CJK font;
label texts come from exact decimals (floats only place the shapes)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from reportlab import rl_config
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from desktop.io.pdf.fonts import SANS, register_fonts
from desktop.money import format_amount, percent_text

PALETTE = tuple(
    colors.HexColor(c)
    for c in ("#2F5D8C", "#E08A2C", "#4B9B5C", "#C0504D", "#8064A2", "#4BACC6", "#9B8B3C", "#7F7F7F")
)
LABEL_SIZE = 9
INSIDE_SHARE = Decimal("0.08")  # a slice this big or bigger carries its share inside


def _label_font(labels: Any, count: int) -> None:
    """reportlab keeps per-index label settings: set the font on the collection and on each one."""
    labels.fontName = SANS
    labels.fontSize = LABEL_SIZE
    for index in range(count):
        labels[index].fontName = SANS
        labels[index].fontSize = LABEL_SIZE


@contextlib.contextmanager
def unchecked() -> Iterator[None]:
    """reportlab checks every attribute set on a shape or widget against its declared kind, a
    fifth of a chart's cost to build and to draw. A check only raises or lets the value through:
    our charts set known kinds, so they are built and drawn without it (restored after)."""
    kept = rl_config.shapeChecking
    rl_config.shapeChecking = 0
    try:
        yield
    finally:
        rl_config.shapeChecking = kept


class _Chart(Drawing):  # type: ignore[misc]
    """A Drawing drawn without the per-attribute checks."""

    def drawOn(self, *args: Any, **kw: Any) -> None:
        with unchecked():
            super().drawOn(*args, **kw)


def _drawing(width: float, height: float) -> Any:
    """A Drawing whose state starts in the CJK font (the default would add an unembedded Helvetica)."""
    drawing = _Chart(width, height)
    drawing.initialFontName = SANS
    drawing.initialFontSize = LABEL_SIZE
    return drawing


def _value_axis(axis: Any, top: Decimal) -> None:
    """Start at 0; tick labels with as many decimals as small amounts need (all-zero: a 0–5 scale)."""
    axis.valueMin = 0
    if top <= 0:
        axis.valueMax, axis.valueStep = 5, 1
    places = 0 if top >= 10 or top <= 0 else 1 if top >= 1 else 2
    axis.labelTextFormat = lambda v: f"{v:,.{places}f}"
    _label_font(axis.labels, 12)


@unchecked()
def bar_chart(labels: Sequence[str], values: Sequence[Decimal], width: float, height: float) -> Any:
    """One bar per label (e.g. last year, this year) with its amount above it."""
    register_fonts()
    drawing = _drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 60, 30, width - 100, height - 55
    chart.data = [[float(v) for v in values]]
    chart.barWidth, chart.groupSpacing = 30, 40
    _value_axis(chart.valueAxis, max(values, default=Decimal(0)))
    chart.categoryAxis.categoryNames = list(labels)
    _label_font(chart.categoryAxis.labels, len(labels))
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[format_amount(v, grouping=True) for v in values]]
    chart.barLabels.nudge = 8
    chart.barLabels.fontName = SANS
    chart.barLabels.fontSize = LABEL_SIZE
    for index in range(len(values)):
        chart.bars[(0, index)].fillColor = PALETTE[0] if index == len(values) - 1 else PALETTE[7]
    chart.bars.strokeColor = None
    drawing.add(chart)
    return drawing


def _legend(items: Sequence[tuple[str, Decimal]], total: Decimal, x: float, y: float) -> Any:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = SANS, LABEL_SIZE
    legend.alignment = "right"
    legend.columnMaximum = 12
    legend.dy, legend.deltay = 8, 14
    legend.colorNamePairs = [
        (
            PALETTE[i % len(PALETTE)],
            f"{name}  {format_amount(v, grouping=True)}万元  {percent_text(v / total)}",
        )
        for i, (name, v) in enumerate(items)
    ]
    return legend


@unchecked()
def pie_chart(items: Sequence[tuple[str, Decimal]], width: float, height: float) -> Any:
    """A pie of the non-zero items with a legend of names, amounts and shares."""
    register_fonts()
    drawing = _drawing(width, height)
    shown = [(name, v) for name, v in items if v > 0]
    total = sum((v for _, v in shown), Decimal(0))
    if not shown:
        drawing.add(String(width / 2, height / 2, "本年度无此项支出", fontName=SANS, fontSize=11,
                           textAnchor="middle"))  # fmt: skip
        return drawing
    pie = Pie()
    size = height - 20
    pie.x, pie.y, pie.width, pie.height = 20, 10, size, size
    pie.data = [float(v) for _, v in shown]
    pie.labels = [percent_text(v / total) if v / total >= INSIDE_SHARE else "" for _, v in shown]
    pie.slices.strokeColor, pie.slices.strokeWidth = colors.white, 0.8
    pie.slices.labelRadius = 0.62
    pie.startAngle, pie.direction = 90, "clockwise"
    for index in range(len(shown)):
        pie.slices[index].fillColor = PALETTE[index % len(PALETTE)]
        pie.slices[index].fontName = SANS
        pie.slices[index].fontSize = LABEL_SIZE
        pie.slices[index].fontColor = colors.white
    drawing.add(pie)
    drawing.add(_legend(shown, total, size + 50, height / 2 + len(shown) * 7))
    return drawing
