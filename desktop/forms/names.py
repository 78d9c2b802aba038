"""Human names of rows and cells, for grids, messages and exports."""

from __future__ import annotations

from desktop.forms.catalogue import Catalogue
from desktop.forms.naming import Naming
from desktop.forms.structure import TOTAL, code_level


def subject_kind(catalogue: Catalogue, form_id: str) -> str | None:
    """The code list a form's coded rows belong to (the mirrored 类 rows are 功能分类)."""
    form = catalogue.form(form_id)
    return form.codes or ("functional" if form.mirror else None)


def row_name(catalogue: Catalogue, naming: Naming, form_id: str, row: str, *, marked: bool = False) -> str:
    """A row's name; a subject row is `code name` (`marked`: with the sign of an imported name)."""
    form = catalogue.form(form_id)
    fixed = form.row(row)
    if fixed is not None:
        return fixed.name
    if row == TOTAL:
        return "合计"
    node = next((n for n in form.tree if n.code == row), None)
    if node is not None:
        return f"{node.code} {node.name}"
    kind = subject_kind(catalogue, form_id)
    if kind is None or code_level(row) is None:
        return row
    name = naming.marked_name(kind, row) if marked else naming.name(kind, row)
    return f"{row} {name}"


def cell_label(catalogue: Catalogue, naming: Naming, cell_id: str) -> str:
    """E.g. `一般公共预算财政拨款支出决算表 2010601 行政运行 基本支出`."""
    form_id, rest = cell_id.split(".", 1)
    row, col = rest.rsplit(".", 1)
    form = catalogue.form(form_id)
    column = form.column(col)
    col_name = column.name if column and len(form.columns) > 1 else ""
    return " ".join(p for p in (form.title, row_name(catalogue, naming, form_id, row), col_name) if p)
