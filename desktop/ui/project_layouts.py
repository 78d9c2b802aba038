"""Grid layouts of one project (P01): its fields as a two-column list, its indicators as a table."""

from __future__ import annotations

from desktop.forms.catalogue import Form
from desktop.ui.grid_layout import GridColumn, GridLayout, Slot
from desktop.ui.text import tr


def project_fields(form: Form, project: str | None) -> GridLayout:
    columns = [GridColumn(tr("栏目"), "name"), GridColumn(tr("内容"), "value", kind="text")]
    if project is None:
        return GridLayout(columns, [])
    rows = [
        [Slot("name", column.name), Slot("value", cell=f"{form.id}.{project}.{column.id}")]
        for column in form.columns
    ]
    return GridLayout(columns, rows)


def indicator_grid(form: Form, indicators: list[str]) -> GridLayout:
    columns = [GridColumn(c.name, "value", kind=c.kind) for c in form.indicator_columns]
    rows = [
        [Slot("value", cell=f"{form.id}.{row}.{c.id}") for c in form.indicator_columns] for row in indicators
    ]
    return GridLayout(columns, rows)
