"""Adding sources up as they stream past: each source's amounts go into running Decimal sums
(this year and last), its units, projects and texts are carried with fresh ids, and one line
of the summary is kept; the source's document is then let go. Memory grows with what the
output holds (units, projects, texts, summary lines), not with the sources read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from desktop.forms.catalogue import Catalogue
from desktop.forms.edition import ROOT_EDITION
from desktop.forms.structure import build_cells, implied_rows
from desktop.io.consolidation.sources import Source, SourceRefused
from desktop.models.interchange import FORMAT, VERSION
from desktop.money import to_text

YEARS = {"current": "cells", "prior": "prior"}  # year → the document's key
PREFIX = "汇总："
TEXT_PREFIX = "unit."  # a source's texts are kept as unit.<unit id>.<key>
# The main total of each table: the summary workbook's columns.
MAIN_TOTALS = {
    "G01": "G01.exp_total.amount",
    "G02": "G02.total.total",
    "G03": "G03.total.total",
    "G04": "G04.exp_total.total",
    "G05": "G05.total.total",
    "G06": "G06.total.amount",
    "G07": "G07.actual.total",
    "G08": "G08.total.total",
    "G09": "G09.total.total",
}


class ConsolidationError(ValueError):
    """Sources that cannot be consolidated together; the message lists them (Chinese)."""


@dataclass(frozen=True)
class SummaryLine:
    """One source in the summary workbook."""

    path: Path
    name: str
    code: str
    kind: str
    units: int
    totals: Mapping[str, Decimal]  # form → its main total
    findings: Mapping[str, int]
    forced: int
    signer: str = ""


@dataclass
class Accumulator:
    sums: dict[str, dict[str, Decimal]] = field(default_factory=lambda: {y: {} for y in YEARS})
    units: list[dict[str, str]] = field(default_factory=list)
    projects: list[dict[str, Any]] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    lines: list[SummaryLine] = field(default_factory=list)
    owners: dict[str, Path] = field(default_factory=dict)  # unit key → the source that brought it
    duplicates: list[str] = field(default_factory=list)
    signers: list[tuple[dict[str, Any], dict[str, str]]] = field(default_factory=list)  # (unit, key)
    first: Source | None = None

    def add(self, source: Source) -> None:
        """Sum the source in; SourceRefused (nothing summed) for another year or edition."""
        self._same_year_and_edition(source)
        if source.key in self.owners:
            self.duplicates.append(
                f"单位代码 {source.code or '（无）'}（{source.department.get('name', '')}）出现两次："
                f"{self.owners[source.key]} 与 {source.path}"
            )
            return
        self.owners[source.key] = source.path
        self.first = self.first or source
        for year, key in YEARS.items():
            _add_amounts(self.sums[year], source.doc.get(key) or {})
        ids = self._carry_units(source)
        self._carry_projects(source, ids)
        for text, value in (source.doc.get("texts") or {}).items():
            self.texts[f"{TEXT_PREFIX}{next(iter(ids.values()))}.{text}"] = str(value)
        self.lines.append(_line(source, len(ids)))
        if source.signer:
            self.signers.append((dict(source.manifest.get("department") or {}), source.signer))

    def _same_year_and_edition(self, source: Source) -> None:
        if self.first is None:
            return
        mine, first = _year_edition(source), _year_edition(self.first)
        if mine != first:
            raise SourceRefused(
                f"{source.path} 是 {mine[0]} 年度、版本 {mine[1]} 的数据，与先汇总的 {self.first.path}"
                f"（{first[0]} 年度、版本 {first[1]}）不同：不同年度或版本的数据不能汇总在一起，未使用"
            )

    def _carry_units(self, source: Source) -> dict[str, str]:
        """The source's units with fresh ids (source id → new id); a source without a unit
        list is one unit, itself."""
        raw = source.doc.get("units") or [{"id": "", "name": source.department.get("name", ""), "kind": "行政单位"}]
        ids: dict[str, str] = {}
        for unit in raw:
            ids[str(unit.get("id"))] = new_id = f"u{len(self.units) + 1}"
            self.units.append({"id": new_id, "name": str(unit.get("name", "")), "kind": str(unit.get("kind", ""))})
        return ids

    def _carry_projects(self, source: Source, ids: Mapping[str, str]) -> None:
        home = next(iter(ids.values()))
        for project in source.doc.get("projects") or []:
            carried = dict(project, id=f"p{len(self.projects) + 1}")
            carried["unit"] = ids.get(str(project.get("unit")), home)
            self.projects.append(carried)

    def refusal(self) -> ConsolidationError | None:
        if not self.duplicates:
            return None
        listed = "\n".join(f"  - {line}" for line in self.duplicates)
        return ConsolidationError(f"以下单位重复报送，请确认用哪一份后只保留一份再汇总：\n{listed}")

    def document(self, catalogue: Catalogue) -> dict[str, Any]:
        """The consolidated interchange document: the summed input cells of the tables and
        facts (computed cells are the output's to compute), units, projects and texts."""
        if self.first is None:
            raise ConsolidationError("没有可以汇总的来源：请至少指定一个通过校验的报送包或数据文件。")
        department = self.first.department
        year, edition = _year_edition(self.first)
        doc: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "edition": edition,
            "department": {"name": PREFIX + str(department.get("name", "")), "code": self.first.code, "year": year},
            "units": self.units,
            "texts": self.texts,
            "projects": self.projects,
        }
        for year_key, key in YEARS.items():
            doc[key] = _inputs(catalogue, self.sums[year_key])
        return doc


def _year_edition(source: Source) -> tuple[int, str]:
    return int(source.department.get("year") or 0), str(source.doc.get("edition") or ROOT_EDITION)


def _add_amounts(sums: dict[str, Decimal], cells: Mapping[str, Any]) -> None:
    for cell, text in cells.items():
        try:
            value = Decimal(str(text))
        except InvalidOperation:
            continue  # a text (a fact, the cover): the unit's own, nothing to add
        sums[cell] = sums.get(cell, Decimal(0)) + value


def _inputs(catalogue: Catalogue, sums: Mapping[str, Decimal]) -> dict[str, str]:
    figures = {f.id for f in catalogue if f.holds_figures}
    defs = build_cells(catalogue, implied_rows(catalogue, sums))
    return {
        cell: to_text(value)
        for cell, value in sorted(sums.items())
        if cell.split(".", 1)[0] in figures and cell in defs and not defs[cell].computed and value.is_finite()
    }


def _line(source: Source, units: int) -> SummaryLine:
    cells = source.doc.get("cells") or {}
    totals = {form: Decimal(str(cells.get(cell) or 0)) for form, cell in MAIN_TOTALS.items()}
    kind = str(((source.doc.get("units") or [{}])[0]).get("kind", ""))
    name = str(source.department.get("name", ""))
    return SummaryLine(
        source.path, name, source.code, kind, units, totals, source.findings, source.forced,
        source.signer.get("fingerprint", ""),
    )  # fmt: skip
