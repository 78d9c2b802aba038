"""Which column of a form a workbook's header names. A column's header is the list of its texts
top to bottom (bands first); the lowest text that names a column decides, and when several
columns' patterns match it, the longest match wins (公务用车购置及运行维护费 is the 小计 of
公务用车, not its 购置费). The patterns are the form's data (`headers`, else the column's name).

A fixed form whose rows are printed as bands of columns (公开07表: 预算数 | 决算数, each over
the same parts) is read as `row.column`: the band names the row (its `labels`)."""

from __future__ import annotations

import re

from desktop.forms.catalogue import Form
from desktop.io.workbook.layout import AmountRule
from desktop.io.workbook.text import pattern

_SUBTOTAL = "小计"


def column_patterns(form: Form) -> list[tuple[str, str]]:
    """(column id, pattern) of every column a workbook may print."""
    return [(c.id, p) for c in form.columns for p in (c.headers or (re.escape(c.name),))]


def best_match(patterns: list[tuple[str, str]], text: str) -> str | None:
    """The key whose pattern matches the longest part of `text`; the first listed on a tie."""
    best: tuple[int, str] | None = None
    for key, expression in patterns:
        found = pattern(expression).search(text)
        if found and (best is None or len(found.group(0)) > best[0]):
            best = (len(found.group(0)), key)
    return best[1] if best else None


def _lowest(patterns: list[tuple[str, str]], pieces: list[str]) -> str | None:
    for piece in reversed(pieces):
        key = best_match(patterns, piece)
        if key is not None:
            return key
    return None


def row_bands(form: Form) -> list[tuple[str, str]]:
    """(row id, pattern) of the rows a banded table prints as column bands (预算数 / 决算数)."""
    return [(r.id, p) for r in form.rows for p in r.labels] if form.kind == "fixed" else []


def amount_rule(form: Form) -> AmountRule:
    patterns = column_patterns(form)
    bands = row_bands(form)
    if not bands or form.layout == "two_sided":
        return lambda pieces: _lowest(patterns, pieces)

    def banded(pieces: list[str]) -> str | None:
        """`预算数|公务用车购置及运行费|小计` → budget.vehicle; without a band the row says it."""
        part = _lowest(patterns, [p for p in pieces if p != _SUBTOTAL and best_match(bands, p) is None])
        if part is None:
            return None
        band = best_match(bands, "".join(pieces))
        return f"{band}.{part}" if band else part

    return banded
