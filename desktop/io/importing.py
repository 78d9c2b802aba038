"""Loading a source file into a dataset: an interchange .json or a workbook (.xlsx/.xls).

A workbook lands as one atomic, undoable action after a backup: each value in its cell,
totals the file carries kept beside the computed values and compared with them, and the
year marked as coming from a source rounded to 0.01 万元.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.forms import expr
from desktop.forms.naming import name_key
from desktop.forms.structure import build_cells, implied_rows
from desktop.io.import_checks import Mismatch, mismatches, require_match
from desktop.io.workbook.reader import WorkbookReading, read_workbook
from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError, import_document, read_json
from desktop.models.ops import Op
from desktop.money import CENT, AmountError, checked_amount, format_exact, to_text

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")


@dataclass(frozen=True)
class Conflict:
    """A total the file states that differs from the total of its parts."""

    cell: str
    stated: Decimal
    computed: Decimal
    terms: int

    @property
    def difference(self) -> Decimal:
        return self.stated - self.computed

    @property
    def rounding(self) -> bool:
        return abs(self.difference) <= CENT * self.terms

    def as_json(self) -> dict[str, Any]:
        return {
            "cell": self.cell, "stated": str(self.stated), "computed": str(self.computed),
            "difference": str(self.difference), "severity": "info" if self.rounding else "error",
        }  # fmt: skip


@dataclass
class ImportSummary:
    """The mapping report printed by `juesuan import` and shown by the import wizard."""

    source: str
    year: str
    kind: str
    cells: int = 0
    tables: list[dict[str, Any]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unmatched: list[dict[str, Any]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)  # of another year or department
    backup: str = ""
    notes: list[dict[str, Any]] = field(default_factory=list)  # sheets: fuller match, twice, no table
    misfits: list[dict[str, Any]] = field(default_factory=list)  # columns not read
    names: dict[str, str] = field(default_factory=dict)  # codes the code list lacks: workbook name

    @property
    def has_errors(self) -> bool:
        return any(not c.rounding for c in self.conflicts)

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source, "year": self.year, "kind": self.kind, "cells": self.cells,
            "tables": self.tables, "missing": self.missing, "unmatched": self.unmatched,
            "unknown": self.unknown, "conflicts": [c.as_json() for c in self.conflicts],
            "mismatches": [m.as_json() for m in self.mismatches], "backup": self.backup,
            "notes": self.notes, "misfits": self.misfits, "names": self.names,
        }  # fmt: skip

    def text(self) -> str:
        year = "上年" if self.year == "prior" else "本年"
        lines = [f"已导入 {self.source} 作为{year}数据：{self.cells} 个单元格"]
        lines += [f"  已确认导入：{m.text()}" for m in self.mismatches]
        lines += [
            f"  {t['form']} 在工作表“{t['sheet']}”第 {t['first_row']}–{t['last_row']} 行"
            f"（{t['unit']}），{t['cells']} 个数"
            for t in self.tables
        ]
        lines += [f"  未找到：{form}" for form in self.missing]
        lines += [f"  说明：工作表“{n['sheet']}”：{n['text']}" for n in self.notes]
        lines += [f"  未读取的列：{m['text']}" for m in self.misfits]
        lines += [
            f"  科目表中没有的科目，采用文件中的名称：{code} {name}" for code, name in self.names.items()
        ]
        lines += [f"  未识别的行：{u['sheet']} 第 {u['row']} 行 “{u['text']}”" for u in self.unmatched]
        lines += [f"  未识别的键：{key}" for key in self.unknown]
        for c in self.conflicts:
            kind = "尾差" if c.rounding else "不一致"
            lines.append(
                f"  {kind}：{c.cell} 文件中为 {format_exact(c.stated)}，"
                f"按明细计算为 {format_exact(c.computed)}（差 {format_exact(c.difference)}）"
            )
        if self.backup:
            lines.append(f"导入前的备份：{self.backup}")
        return "\n".join(lines)


def import_source(
    dataset: Dataset, source: Path, *, prior: bool = False, replace: bool = False, force: bool = False
) -> ImportSummary:
    """Import a .json or workbook; raises InterchangeError/WorkbookError with a clear message,
    MismatchError when the file is of another year or department (unless `force`)."""
    dataset.require_writable()
    suffix = source.suffix.lower()
    if suffix == ".json":
        if prior:
            raise InterchangeError("交换文件 (.json) 自带本年与上年数据，不能用 --prior 导入。")
        doc = read_json(str(source))
        found = document_mismatches(dataset, doc)
        require_match(found, force=force)
        report = import_document(dataset, doc, replace=replace)
        summary = ImportSummary(
            str(source), "current", "json", report.cells + report.prior, unknown=report.unknown
        )
        summary.conflicts = conflicts(dataset, "current")
        summary.backup = report.backup
        summary.mismatches = found
        return summary
    if suffix in WORKBOOK_SUFFIXES:
        reading = read_workbook(source, dataset.edition)
        return import_workbook(dataset, reading, str(source), prior=prior, replace=replace, force=force)
    raise InterchangeError(
        f"不支持的文件类型 {source.suffix or '（无扩展名）'}：请选择 .xlsx、.xls 或 .json 文件。"
    )


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


def _in_range(values: Mapping[str, Decimal], source: str) -> dict[str, Decimal]:
    """Every figure within the amount range, or InterchangeError naming each one beyond it."""
    checked: dict[str, Decimal] = {}
    problems: list[str] = []
    for cell, value in values.items():
        try:
            checked[cell] = checked_amount(value)
        except AmountError as exc:
            problems.append(f"{cell}：{exc}")
    if problems:
        raise InterchangeError(f"“{Path(source).name}”中有超出范围的数，未导入任何内容：", problems)
    return checked


def workbook_mismatches(dataset: Dataset, reading: WorkbookReading, *, prior: bool) -> list[Mismatch]:
    return mismatches(dataset.department, reading.year, reading.unit_name, prior=prior)


def document_mismatches(dataset: Dataset, doc: Mapping[str, Any]) -> list[Mismatch]:
    """An interchange file names its department and year; a fresh dataset takes them over."""
    if not dataset.has_figures():
        return []
    department = doc.get("department") or {}
    year = str(department.get("year") or "")
    name = department.get("name")
    return mismatches(dataset.department, int(year) if year.isdigit() else None, name, prior=False)


def import_workbook(
    dataset: Dataset,
    reading: WorkbookReading,
    source: str,
    *,
    prior: bool,
    replace: bool,
    force: bool = False,
) -> ImportSummary:
    found = workbook_mismatches(dataset, reading, prior=prior)
    require_match(found, force=force)
    year = "prior" if prior else "current"
    if not prior and dataset.has_figures(year) and not replace:
        raise InterchangeError(
            "数据文件中已有本年数据。如需用工作簿覆盖，请使用 --replace（覆盖前会自动备份）。"
        )
    # A workbook carries only the published tables: facts, projects and scores stay.
    keep = tuple(f.id for f in dataset.catalogue if f.id not in dataset.edition.package.tables)
    values = _in_range(reading.values, source)
    ops = dataset.clear_ops(year, keep=keep) if (replace or prior) else []
    value_ops, inputs = _input_ops(dataset, values, year)
    names = unlisted_names(dataset, reading, value_ops)
    ops += [*value_ops, *(Op.meta(name_key(k, c), n) for (k, c), n in names.items())]
    ops += [Op.meta(f"rounded.{year}", "1")]
    summary = ImportSummary(source, year, "workbook", inputs, mismatches=found)
    summary.names = {code: name for (_kind, code), name in names.items()}
    summary.backup = str(dataset.backup("import"))
    dataset.apply(ops, label=f"导入{'上年' if prior else '本年'}数据 {Path(source).name}", source="import")
    summary.tables = [asdict(t) for t in reading.tables]
    summary.missing = list(reading.missing)
    summary.unmatched = [asdict(u) for u in reading.unmatched]
    summary.notes = [asdict(n) for n in reading.notes]
    summary.misfits = [asdict(m) | {"text": m.text()} for m in reading.misfits]
    summary.conflicts = conflicts(dataset, year)
    return summary


def unlisted_names(dataset: Dataset, reading: WorkbookReading, ops: list[Op]) -> dict[tuple[str, str], str]:
    """The workbook's names of the codes it writes that the edition's list lacks."""
    written = {op.target.split("|", 1)[1] for op in ops if op.kind == "row"}
    codes = written | {code[:n] for code in written for n in (3, 5) if len(code) > n}
    return {
        (kind, code): name
        for (kind, code), name in reading.names.items()
        if code in codes and not dataset.naming.listed(kind, code)
    }


def conflicts(dataset: Dataset, year: str) -> list[Conflict]:
    """Totals the imported file states that differ from the computed ones."""
    calc = dataset.calc(year)
    found = []
    for cell, stated in dataset.declared(year).items():
        computed = calc.number(cell)
        definition = calc.cells.get(cell)
        if computed is None or definition is None or definition.formula is None or computed == stated:
            continue
        terms = max(1, sum(1 for _ in expr.refs(definition.formula)))
        found.append(Conflict(cell, stated, computed, terms))
    return found
