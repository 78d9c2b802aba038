"""Findings in the order a clerk reads the forms: by form (the catalogue's order), then by the
row's place in the form (fixed rows as the form lists them; codes, projects and indicators in
natural order, so i2 comes before i10), then by column."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from desktop.forms.catalogue import Catalogue, Form
from desktop.rules.finding import Finding

_NUMBER = re.compile(r"(\d+)")
RowKey = tuple[tuple[int, int | str], ...]
Key = tuple[int, RowKey, int]
TOTAL_KEY: RowKey = ((-1, 0),)


def _natural(text: str) -> RowKey:
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _NUMBER.split(text) if part)


class _Places:
    """Where each form, fixed row or tree node, and column sits (worked out once per sort)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.forms = {f: k for k, f in enumerate(catalogue.forms)}
        self._of: dict[str, tuple[dict[str, int], dict[str, int]]] = {}

    def of(self, form: Form) -> tuple[dict[str, int], dict[str, int]]:
        if form.id not in self._of:
            rows = {r.id: k for k, r in enumerate(form.rows)} | {n.code: k for k, n in enumerate(form.tree)}
            columns = {c.id: k for k, c in enumerate((*form.columns, *form.indicator_columns))}
            self._of[form.id] = (rows, columns)
        return self._of[form.id]

    def key(self, cell: str) -> Key:
        form_id, _, rest = cell.removeprefix("prior:").partition(".")
        row, _, col = rest.rpartition(".")
        form = self.catalogue.forms.get(form_id)
        if form is None:
            return (len(self.forms), _natural(rest), 0)
        rows, columns = self.of(form)
        if row in rows:
            row_key: RowKey = ((0, rows[row]),)
        else:
            row_key = TOTAL_KEY if row == "total" else _natural(row)
        return (self.forms[form_id], row_key, columns.get(col, len(columns)))


def cell_order(catalogue: Catalogue, cell: str) -> Key:
    return _Places(catalogue).key(cell)


def form_order_key(catalogue: Catalogue) -> Callable[[Finding], tuple[Key, str, tuple[str, ...]]]:
    """The place of a finding's first cell (findings without cells last), then its rule and
    cells: `in_form_order` of findings already in `sort_findings` order, as one total key, so
    a finding can be placed among others without sorting them again."""
    places = _Places(catalogue)
    last: Key = (len(places.forms), (), 0)
    return lambda f: (places.key(f.cells[0]) if f.cells else last, f.rule, f.cells)


def in_form_order(catalogue: Catalogue, findings: Iterable[Finding]) -> list[Finding]:
    """Sorted by the place of each finding's first cell; findings without cells last."""
    key = form_order_key(catalogue)
    return sorted(findings, key=lambda f: key(f)[0])
