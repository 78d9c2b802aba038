"""What a department entered unit by unit prints about its units: a summary (each unit with its
code, kind and the main totals of each table) and the 所属单位 tables (each unit's income and
spending by kind on one table, the internal offsets, the department's total). Plain values from
a Snapshot: the window, the Excel workbook and the PDF show the same."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from desktop.models.snapshot import Snapshot, Unit

# (label, cell): the main total of each table, as the summary shows them.
MAIN_TOTALS = (
    ("本年收入合计", "G01.inc_total.amount"),
    ("本年支出合计", "G01.exp_total.amount"),
    ("年末结转和结余", "G01.carry_out.amount"),
    ("基本支出", "G03.total.basic"),
    ("项目支出", "G03.total.project"),
    ("财政拨款支出", "G04.exp_total.total"),
    ("一般公共预算财政拨款支出", "G05.total.total"),
    ("一般公共预算基本支出", "G06.total.amount"),
    ("“三公”经费支出", "G07.actual.total"),
    ("政府性基金预算财政拨款支出", "G08.total.total"),
    ("国有资本经营预算财政拨款支出", "G09.total.total"),
)
# The 所属单位 tables: (title, form, the columns of its 合计 row).
INCOME = ("total", "fiscal", "superior", "business", "operating", "affiliated", "other")
SPENDING = ("total", "basic", "project", "to_superior", "operating", "to_affiliated")
UNIT_TABLES = (("所属单位收入情况", "G02", INCOME), ("所属单位各项支出分布情况", "G03", SPENDING))
OFFSET_LINE, TOTAL_LINE = "内部抵销", "部门合计"


@dataclass(frozen=True)
class UnitLine:
    """One line of a unit table: a unit (or the offsets, or the department) and its amounts."""

    name: str
    code: str
    kind: str
    role: str  # 本级 | 二级单位 | 内部抵销 | 部门合计
    amounts: tuple[Decimal | None, ...]


@dataclass(frozen=True)
class UnitTable:
    title: str
    columns: tuple[str, ...]
    lines: tuple[UnitLine, ...]


def role_of(units: tuple[Unit, ...], unit: Unit) -> str:
    return "本级" if units and unit.id == units[0].id else "二级单位"


def _figures(snapshot: Snapshot, unit: Unit) -> Mapping[str, Decimal]:
    """A unit's figures; before the department is entered by unit, 本级's are the department's."""
    if snapshot.unit_cells:
        return snapshot.unit_cells.get(unit.id, {})
    return snapshot.cells if role_of(snapshot.units, unit) == "本级" else {}


def _lines(snapshot: Snapshot, cells: tuple[str, ...], *, offsets: bool) -> tuple[UnitLine, ...]:
    units = snapshot.units
    lines = []
    sums: list[Decimal] = [Decimal(0)] * len(cells)
    for unit in units:
        figures = _figures(snapshot, unit)
        amounts = tuple(figures.get(c) for c in cells)
        sums = [s + (a or 0) for s, a in zip(sums, amounts, strict=True)]
        lines.append(UnitLine(unit.name, unit.code, unit.kind, role_of(units, unit), amounts))
    department = tuple(snapshot.cells.get(c) for c in cells)
    if offsets:
        taken = tuple((d or 0) - s for d, s in zip(department, sums, strict=True))
        lines.append(UnitLine(OFFSET_LINE, "", "", OFFSET_LINE, taken))
    lines.append(UnitLine(TOTAL_LINE, snapshot.department.code, "", TOTAL_LINE, department))
    return tuple(lines)


def summary(snapshot: Snapshot) -> UnitTable:
    """Each unit with the main totals of each table, the offsets (entered by unit), the department's."""
    cells = tuple(cell for _label, cell in MAIN_TOTALS)
    columns = tuple(label for label, _cell in MAIN_TOTALS)
    return UnitTable("各单位主要数据", columns, _lines(snapshot, cells, offsets=bool(snapshot.unit_cells)))


def unit_tables(snapshot: Snapshot) -> list[UnitTable]:
    """The 所属单位 tables; none for a department whose figures are not entered by unit."""
    if not snapshot.unit_cells:
        return []
    tables = []
    for title, form_id, columns in UNIT_TABLES:
        form = snapshot.edition.catalogue.form(form_id)
        names = tuple(col.name if (col := form.column(c)) else c for c in columns)
        cells = tuple(f"{form_id}.total.{c}" for c in columns)
        tables.append(UnitTable(title, names, _lines(snapshot, cells, offsets=True)))
    return tables
