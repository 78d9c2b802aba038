"""Human names of rows and cells, for grids, messages and exports."""

from __future__ import annotations

from desktop.forms.catalogue import Catalogue
from desktop.forms.codes import economic_codes, functional_codes
from desktop.forms.structure import TOTAL, code_level


def subject_name(codes: str | None, code: str) -> str:
    """The official name of a 功能分类/经济分类 code, or "" when the list does not know it."""
    if codes is None or code_level(code) is None:
        return ""
    subject = (economic_codes() if codes == "economic" else functional_codes()).get(code)
    return subject.name if subject else ""


def row_name(catalogue: Catalogue, form_id: str, row: str) -> str:
    form = catalogue.form(form_id)
    fixed = form.row(row)
    if fixed is not None:
        return fixed.name
    if row == TOTAL:
        return "合计"
    node = next((n for n in form.tree if n.code == row), None)
    if node is not None:
        return f"{node.code} {node.name}"
    codes = form.codes or ("functional" if form.mirror else None)
    name = subject_name(codes, row)
    return f"{row} {name}".strip()


def cell_label(catalogue: Catalogue, cell_id: str) -> str:
    """E.g. `一般公共预算财政拨款支出决算表 2010601 行政运行 基本支出`."""
    form_id, rest = cell_id.split(".", 1)
    row, col = rest.rsplit(".", 1)
    form = catalogue.form(form_id)
    column = form.column(col)
    col_name = column.name if column and len(form.columns) > 1 else ""
    return " ".join(p for p in (form.title, row_name(catalogue, form_id, row), col_name) if p)
