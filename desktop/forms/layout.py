"""Rows of a form in the order the official table prints them: what grids and exports show."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.forms.catalogue import Catalogue, Form, Row
from desktop.forms.names import row_name
from desktop.forms.naming import Naming
from desktop.forms.structure import TOTAL, Structure, classified_rows, code_level, mirror_rows


@dataclass(frozen=True)
class SheetRow:
    """A row as a grid or an export shows it."""

    id: str
    name: str
    level: int  # indentation: 0 合计/fixed, 1 类, 2 款, 3 项
    columns: tuple[str, ...]  # the form's columns this row has
    side: str | None = None  # "income" / "expense" in two-sided tables
    emphasis: bool = False  # 合计/总计 rows are printed bold
    group: str | None = None  # facts: 政府采购, 国有资产 …
    code: str = ""  # the subject code of classified and mirrored rows


def _subject(catalogue: Catalogue, naming: Naming, form: Form, code: str, marked: bool) -> str:
    return row_name(catalogue, naming, form.id, code, marked=marked).removeprefix(code).strip()


def _fixed(form: Form, row: Row) -> SheetRow:
    columns = tuple(c.id for c in form.row_columns(row))
    return SheetRow(row.id, row.name, row.level, columns, row.side, row.emphasis, row.group)


def _classified(
    catalogue: Catalogue, naming: Naming, form: Form, structure: Structure, marked: bool
) -> list[SheetRow]:
    columns = tuple(c.id for c in form.columns)
    rows = []
    for row in classified_rows(form, structure.of(form.id)):
        if row == TOTAL:
            if form.row(TOTAL) is None:
                rows.append(SheetRow(TOTAL, "合计", 0, columns, emphasis=True))
            continue
        rows.append(
            SheetRow(
                row, _subject(catalogue, naming, form, row, marked), code_level(row) or 0, columns, code=row
            )
        )
    return rows + [_fixed(form, r) for r in form.rows]


def _mirrored(
    catalogue: Catalogue, naming: Naming, form: Form, structure: Structure, marked: bool
) -> list[SheetRow]:
    mirror = form.mirror
    assert mirror is not None
    columns = tuple(mirror.columns or (c.id for c in form.columns))
    rows = [_fixed(form, r) for r in form.rows]
    extra = [
        SheetRow(code, _subject(catalogue, naming, form, code, marked), 1, columns, mirror.side, code=code)
        for code in mirror_rows(catalogue, form, structure)
    ]
    at = next((i for i, r in enumerate(rows) if r.side == mirror.side), len(rows))
    return rows[:at] + extra + rows[at:]


def _projects(form: Form, structure: Structure) -> list[SheetRow]:
    rows = []
    for row in structure.of(form.id):
        nested = "." in row
        columns = tuple(c.id for c in (form.indicator_columns if nested else form.columns))
        rows.append(SheetRow(row, row, 1 if nested else 0, columns))
    return rows


def _tree(form: Form) -> list[SheetRow]:
    columns = tuple(c.id for c in form.columns)
    rows = [SheetRow(n.code, n.name, n.level, columns, emphasis=n.level == 1, code=n.code) for n in form.tree]
    return [*rows, SheetRow(TOTAL, "合计", 0, columns, emphasis=True)]


def sheet_rows(
    catalogue: Catalogue, naming: Naming, form: Form, structure: Structure, *, marked: bool = False
) -> list[SheetRow]:
    """Every row of `form` for this dataset's structure, in printed order; subject names as the
    dataset knows them (`marked`: a name that came from an imported workbook says so)."""
    if form.kind == "classified":
        return _classified(catalogue, naming, form, structure, marked)
    if form.kind == "projects":
        return _projects(form, structure)
    if form.kind == "tree":
        return _tree(form)
    if form.mirror is not None:
        return _mirrored(catalogue, naming, form, structure, marked)
    return [_fixed(form, r) for r in form.rows]
