"""Charts built and drawn without reportlab's per-attribute checks (desktop/io/pdf/charts.py):
the checks are off only inside (the large export's PDF is byte for byte the same either way)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from reportlab import rl_config
from reportlab.graphics.shapes import Rect
from reportlab.pdfgen.canvas import Canvas

from desktop.io.pdf.charts import bar_chart, pie_chart, unchecked

ITEMS = [("基本支出", Decimal("1234.56")), ("项目支出", Decimal("789.01")), ("其他", Decimal("12.5"))]


def test_a_shape_takes_any_value_only_inside_and_the_checks_come_back() -> None:
    with pytest.raises(AttributeError):
        Rect(0, 0, 10, 10).strokeWidth = "wide"
    with unchecked():
        Rect(0, 0, 10, 10).strokeWidth = "wide"
    assert rl_config.shapeChecking
    with pytest.raises(AttributeError):
        Rect(0, 0, 10, 10).strokeWidth = "wide"


def test_building_and_drawing_charts_leave_the_checks_on() -> None:
    canvas = Canvas(io.BytesIO())
    for drawing in (bar_chart(["2019年", "2020年"], [Decimal("10.5"), Decimal("12")], 400, 200),
                    pie_chart(ITEMS, 400, 200)):  # fmt: skip
        assert rl_config.shapeChecking
        drawing.drawOn(canvas, 20, 400)
        assert rl_config.shapeChecking
    canvas.save()
