"""The tables part: each published table of the edition with its label (when the edition prints
one), its title, the line under the title (编制单位 | 年度 | 单位) and the notes under it."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Spacer, Table, TableStyle

from desktop.forms.catalogue import Form
from desktop.forms.numerals import chinese_numeral
from desktop.forms.package import Part
from desktop.io.pdf.doc import LANDSCAPE, PORTRAIT, frame_width
from desktop.io.pdf.fonts import SANS
from desktop.io.pdf.kinsoku import plain
from desktop.io.pdf.sides import PageLayout, layout_of
from desktop.io.pdf.single_row import single_row_table
from desktop.io.pdf.styles import styles
from desktop.io.pdf.tables import form_table
from desktop.io.pdf.toc import heading
from desktop.io.table_notes import fill, notes_under
from desktop.models.dataset import Dataset


def table_layouts(dataset: Dataset) -> dict[str, PageLayout]:
    """How each published table's rows are laid across its page (each sheet read once)."""
    tables = dataset.edition.package.tables
    return {f: layout_of(dataset.catalogue.form(f), dataset.sheet(f)) for f in tables}


def page_template(form: Form, layout: PageLayout) -> str:
    """Landscape for two-sided tables and for tables of five amount columns or more."""
    wide = len(layout.sides) > 1 and form.layout == "two_sided"
    return LANDSCAPE if wide or form.single_row or layout.width >= 7 else PORTRAIT


def _meta_line(dataset: Dataset, part: Part, width: float) -> Any:
    s = styles()
    left, centre, right = (fill(text, dataset) for text in part.meta)
    cells = [
        plain(left, s.meta_left),
        plain(centre, s.meta_center),
        plain(right, s.meta_right),
    ]
    table = Table([cells], colWidths=[width * 0.5, width * 0.2, width * 0.3])
    padding = [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS), *padding]))
    return table


def form_block(dataset: Dataset, part: Part, number: int, form_id: str, layout: PageLayout) -> list[Any]:
    """The flowables of one published table (the `number`th) laid out for its page's frame."""
    form = dataset.catalogue.form(form_id)
    width = frame_width(page_template(form, layout))
    built = (
        single_row_table(dataset, form, width)
        if form.single_row
        else form_table(dataset, form_id, layout, width)
    )
    s = styles()
    entry = fill(part.contents, dataset, label=form.label, title=form.title, numeral=chinese_numeral(number))
    flowables = [plain(form.label, s.table_label)] if part.label and form.label else []
    flowables += [
        heading(form.title, s.table_title, 1, entry),
        _meta_line(dataset, part, width),
        Spacer(1, 3),
    ]
    flowables.append(built.table)
    return flowables + [
        plain(line, s.note)
        for line in notes_under(dataset, form, empty=built.empty, empty_note=part.empty_note)
    ]
