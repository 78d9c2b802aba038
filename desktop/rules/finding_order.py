"""Findings in the order a clerk reads the forms: by form (the catalogue's order), then by the
row's place in the form (fixed rows as the form lists them; codes, projects and indicators in
natural order, so i2 comes before i10), then by column."""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop.forms.catalogue import Catalogue
from desktop.rules.finding import Finding

_NUMBER = re.compile(r"(\d+)")
RowKey = tuple[tuple[int, int | str], ...]
Key = tuple[int, RowKey, int]


def _natural(text: str) -> RowKey:
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _NUMBER.split(text) if part)


def cell_order(catalogue: Catalogue, cell: str) -> Key:
    forms = list(catalogue.forms)
    form_id, _, rest = cell.removeprefix("prior:").partition(".")
    row, _, col = rest.rpartition(".")
    form = catalogue.forms.get(form_id)
    if form is None:
        return (len(forms), _natural(rest), 0)
    fixed = [r.id for r in form.rows]
    tree = [n.code for n in form.tree]
    row_key: RowKey
    if row in fixed:
        row_key = ((0, fixed.index(row)),)
    elif row in tree:
        row_key = ((0, tree.index(row)),)
    elif row == "total":
        row_key = ((-1, 0),)
    else:
        row_key = _natural(row)
    columns = [c.id for c in (*form.columns, *form.indicator_columns)]
    return (forms.index(form_id), row_key, columns.index(col) if col in columns else len(columns))


def in_form_order(catalogue: Catalogue, findings: Iterable[Finding]) -> list[Finding]:
    """Sorted by the place of each finding's first cell; stable for findings without cells."""
    return sorted(
        findings,
        key=lambda f: cell_order(catalogue, f.cells[0]) if f.cells else (len(catalogue.forms), (), 0),
    )
