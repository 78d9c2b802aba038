"""The one report of an import: printed by `juesuan import`, shown by the import wizard (its
preview and its result page), both made by desktop/actions/importing.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop.io.import_checks import Mismatch
from desktop.models.dataset import Dataset
from desktop.money import format_exact
from desktop.rules.context import RuleContext, Settings
from desktop.rules.engine import Validator
from desktop.rules.finding import Finding

CONFLICT_KIND = "declared"  # the rule kind that compares a stated total with the computed one


@dataclass(frozen=True)
class Conflict:
    """A total the file states that differs from the total of its parts (a rule's finding)."""

    cell: str
    stated: Decimal
    computed: Decimal
    severity: str  # "info" for a 尾差 of a source rounded to 0.01 万元

    @classmethod
    def of(cls, finding: Finding) -> Conflict:
        numbers = finding.numbers
        return cls(
            finding.cells[0], Decimal(numbers["stated"]), Decimal(numbers["computed"]), finding.severity
        )

    @property
    def difference(self) -> Decimal:
        return self.stated - self.computed

    @property
    def rounding(self) -> bool:
        return self.severity == "info"

    def as_json(self) -> dict[str, Any]:
        return {
            "cell": self.cell, "stated": str(self.stated), "computed": str(self.computed),
            "difference": str(self.difference), "severity": self.severity,
        }  # fmt: skip


def conflicts(dataset: Dataset, year: str) -> list[Conflict]:
    """The edition's stated-total rules checked against `year`'s figures: this year's are the
    dataset's own findings; last year's (an import of them) are checked here."""
    rules = [rule for rule in dataset.rules if rule.kind == CONFLICT_KIND]
    if year == "current":  # the dataset's own findings, checked with the same settings
        ids = {rule.id for rule in rules}
        return [Conflict.of(finding) for finding in dataset.findings() if finding.rule in ids]
    settings = Settings(rounded=dataset.meta.get(f"rounded.{year}") == "1")
    context = RuleContext(
        dataset.catalogue, dataset.naming, dataset.calc(year), None, {}, dataset.declared(year), settings
    )
    return [Conflict.of(finding) for finding in Validator(context, rules).findings.values()]


@dataclass
class ImportSummary:
    """What an import did (or, in the wizard's preview, would do)."""

    source: str
    year: str
    kind: str  # "json" | "complete" | "workbook"
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
