"""How a form's printed rows are laid out across the page: one side, or two sides next to each
other (收入 | 支出 for two_sided forms, 人员经费 | 公用经费 for double_column forms)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.forms.catalogue import Column, Form
from desktop.forms.layout import SheetRow
from desktop.io.printed import spread_targets

SIDE_BANDS = {"income": "收入", "expense": "支出"}
_CODE_REF = re.compile(r"\b(\d{3})\.")


@dataclass(frozen=True)
class PageSide:
    band: str | None
    lead: tuple[str, ...]  # "code" and/or "name"
    columns: tuple[Column, ...]
    rows: tuple[SheetRow, ...]


@dataclass(frozen=True)
class PageLayout:
    sides: tuple[PageSide, ...]
    trailing: tuple[SheetRow, ...] = ()  # full-width rows below the sides (合计 of a double_column form)

    @property
    def width(self) -> int:
        return sum(len(s.lead) + len(s.columns) for s in self.sides)


def printed_columns(form: Form) -> tuple[Column, ...]:
    return tuple(c for c in form.columns if c.printed)


def _side_columns(form: Form, rows: list[SheetRow], side: str) -> tuple[Column, ...]:
    """A two-sided form's columns on one side: the mirrored rows' columns, else those its rows use."""
    if form.mirror is not None and form.mirror.side == side and form.mirror.columns:
        wanted = set(form.mirror.columns)
    else:
        wanted = {c for r in rows for c in r.columns}
    return tuple(c for c in printed_columns(form) if c.id in wanted)


def _two_sided(form: Form, sheet: list[SheetRow]) -> PageLayout:
    """On a side of several amount columns, a row another row gathers into its line (`spread`)
    is not printed on a line of its own."""
    sides = []
    folded = spread_targets(form)
    for side, band in SIDE_BANDS.items():
        rows = [r for r in sheet if r.side == side]
        columns = _side_columns(form, rows, side)
        shown = tuple(r for r in rows if len(columns) == 1 or r.id not in folded)
        sides.append(PageSide(band, ("name",), columns, shown))
    return PageLayout(tuple(sides))


def _double_column(form: Form, sheet: list[SheetRow]) -> PageLayout:
    """Left: the 类 the first fixed row sums (人员经费 = 301 + 303) and that row; right: the rest."""
    first, second, *rest = form.rows
    left_codes = set(_CODE_REF.findall(" ".join(first.formulas.values())))
    coded = [r for r in sheet if r.code]
    left = [r for r in coded if r.code[:3] in left_codes] + [r for r in sheet if r.id == first.id]
    right = [r for r in coded if r.code[:3] not in left_codes] + [r for r in sheet if r.id == second.id]
    trailing = tuple(r for r in sheet if r.id in {x.id for x in rest})
    columns = printed_columns(form)
    return PageLayout(
        (
            PageSide(first.name.removesuffix("合计"), ("code", "name"), columns, tuple(left)),
            PageSide(second.name.removesuffix("合计"), ("code", "name"), columns, tuple(right)),
        ),
        trailing,
    )


def layout_of(form: Form, sheet: list[SheetRow]) -> PageLayout:
    if form.layout == "two_sided":
        return _two_sided(form, sheet)
    if form.layout == "double_column" and len(form.rows) >= 2:
        return _double_column(form, sheet)
    lead = ("code", "name") if form.kind == "classified" else ("name",)
    return PageLayout((PageSide(None, lead, printed_columns(form), tuple(sheet)),))


def placement(row: SheetRow, columns: tuple[Column, ...]) -> dict[str, str]:
    """Which of the row's cells goes under which side column. A single-amount row on a side with
    several columns (G04 年末结转和结余 by fund) goes under the column its id names (`carry_out_gpb`
    → `gpb`), else under the first (合计)."""
    ids = [c.id for c in columns]
    placed = {c: c for c in row.columns if c in ids}
    for extra in (c for c in row.columns if c not in ids):
        target = row.id.rsplit("_", 1)[-1]
        placed.setdefault(target if target in ids else ids[0], extra)
    return placed
