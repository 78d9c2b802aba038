"""第四部分: the nine public tables, each with its label, title, 编制单位/年度/单位 line and notes."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from desktop.io.pdf.doc import LANDSCAPE, PORTRAIT, frame_width
from desktop.io.pdf.fonts import SANS
from desktop.io.pdf.sides import layout_of
from desktop.io.pdf.styles import styles
from desktop.io.pdf.tables import form_table
from desktop.io.pdf.toc import heading
from desktop.models.dataset import Dataset

PUBLIC_FORMS = ("G01", "G02", "G03", "G04", "G05", "G06", "G07", "G08", "G09")
EMPTY_NOTE = "注：本单位无此项支出，故本表为空表。"


def page_template(dataset: Dataset, form_id: str) -> str:
    """Landscape for two-sided tables and for tables of five amount columns or more."""
    form = dataset.catalogue.form(form_id)
    layout = layout_of(form, dataset.sheet(form_id))
    wide = len(layout.sides) > 1 and form.layout == "two_sided"
    return LANDSCAPE if wide or layout.width >= 7 else PORTRAIT


def _meta_line(dataset: Dataset, width: float) -> Any:
    s = styles()
    department = dataset.department
    cells = [
        Paragraph(escape(f"编制单位：{department.name}"), s.meta_left),
        Paragraph(f"{department.year}年度", s.meta_center),
        Paragraph("单位：万元", s.meta_right),
    ]
    table = Table([cells], colWidths=[width * 0.5, width * 0.2, width * 0.3])
    padding = [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS), *padding]))
    return table


def form_block(dataset: Dataset, form_id: str, template: str) -> list[Any]:
    """The flowables of one public table laid out for `template`'s frame."""
    form = dataset.catalogue.form(form_id)
    width = frame_width(template)
    built = form_table(dataset, form_id, layout_of(form, dataset.sheet(form_id)), width)
    s = styles()
    flowables = [
        Paragraph(escape(form.label), s.table_label),
        heading(form.title, s.table_title, 1, f"{form.label} {form.title}"),
        _meta_line(dataset, width),
        Spacer(1, 3),
        built.table,
    ]
    if built.empty:
        flowables.append(Paragraph(EMPTY_NOTE, s.note))
    return flowables
