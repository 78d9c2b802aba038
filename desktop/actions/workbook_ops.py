"""The changes that land another software's workbook: each value in its cell, the totals the file
states kept beside the computed values (checked, never used), the names it gives codes the
edition's list lacks, and the year marked as coming from a source rounded to 0.01 万元."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from desktop.forms.naming import name_key
from desktop.forms.structure import build_cells, implied_rows
from desktop.io.workbook.reader import WorkbookReading
from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError
from desktop.models.ops import Op
from desktop.money import AmountError, checked_amount, to_text


def workbook_ops(
    dataset: Dataset, reading: WorkbookReading, source: Path, year: str, *, clear: bool
) -> tuple[list[Op], int, dict[tuple[str, str], str]]:
    """The ops, the number of input cells written and the names taken from the workbook.
    `clear`: the year's tables are emptied first (a workbook carries only the published
    tables: facts, projects and scores stay)."""
    keep = tuple(f.id for f in dataset.catalogue if f.id not in dataset.edition.package.tables)
    values = _in_range(reading.values, source)
    ops = dataset.clear_ops(year, keep=keep) if clear else []
    value_ops, inputs = _input_ops(dataset, values, year)
    names = unlisted_names(dataset, reading, value_ops)
    ops += [*value_ops, *(Op.meta(name_key(k, c), n) for (k, c), n in names.items())]
    ops += [Op.meta(f"rounded.{year}", "1")]
    return ops, inputs, names


def _input_ops(dataset: Dataset, values: Mapping[str, Decimal], year: str) -> tuple[list[Op], int]:
    structure = implied_rows(dataset.catalogue, values)
    defs = build_cells(dataset.catalogue, structure)
    ops = [Op.row(form, row, year=year) for form, rows in structure.rows.items() for row in rows]
    inputs = 0
    for cell, value in values.items():
        definition = defs.get(cell)
        if definition is None:
            continue
        make = Op.declared if definition.computed else Op.cell
        inputs += not definition.computed
        ops.append(make(cell, to_text(value), year))
    return ops, inputs


def _in_range(values: Mapping[str, Decimal], source: Path) -> dict[str, Decimal]:
    """Every figure within the amount range, or InterchangeError naming each one beyond it."""
    checked: dict[str, Decimal] = {}
    problems: list[str] = []
    for cell, value in values.items():
        try:
            checked[cell] = checked_amount(value)
        except AmountError as exc:
            problems.append(f"{cell}：{exc}")
    if problems:
        raise InterchangeError(f"“{source.name}”中有超出范围的数，未导入任何内容：", problems)
    return checked


def unlisted_names(dataset: Dataset, reading: WorkbookReading, ops: list[Op]) -> dict[tuple[str, str], str]:
    """The workbook's names of the codes it writes that the edition's list lacks."""
    written = {op.target.split("|", 1)[1] for op in ops if op.kind == "row"}
    codes = written | {code[:n] for code in written for n in (3, 5) if len(code) > n}
    return {
        (kind, code): name
        for (kind, code), name in reading.names.items()
        if code in codes and not dataset.naming.listed(kind, code)
    }
