"""Adding sources up as they stream past: each source's amounts go into running Decimal sums
(this year and last), its units (with their 单位代码), projects and texts are carried with fresh
ids, and one line of the summary is kept; the source's document is then let go. Memory grows
with what the output holds (units, projects, texts, summary lines), not with the sources read.

Units of one department (the sources all share its 单位代码: its 本级 and 二级单位 sending bundles
of their own, or one bundle entered unit by unit) keep their own figures: the consolidated
dataset is that department entered by unit, and its totals are the units' sums less the internal
offsets (desktop.models.org_units), 本级 first. Sources of several departments are summed as
departments (each one's totals already net of its own offsets); their units are listed, and each
source's figures are its line in the summary workbook."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from desktop.forms.catalogue import Catalogue
from desktop.forms.edition import ROOT_EDITION, load_edition
from desktop.forms.structure import build_cells, implied_rows
from desktop.io.bundle.trust import Sender
from desktop.io.consolidation.sources import Source, SourceRefused
from desktop.models.interchange import FORMAT, VERSION
from desktop.models.org_units import per_unit
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
    # Each unit's own figures (year → cell → text), kept while the sources are one department.
    unit_cells: dict[str, dict[str, dict[str, str]]] | None = field(default_factory=dict)
    departments: set[str] = field(default_factory=set)
    split: bool = False  # a source carried its units' own figures
    catalogue: Catalogue | None = None
    signers: list[tuple[Sender, dict[str, str]]] = field(default_factory=list)  # (sender, key)
    first: Source | None = None
    known: dict[str, bool] = field(default_factory=dict)  # cell id → whether the edition has it

    def add(self, source: Source) -> None:
        """Sum the source in; SourceRefused (nothing summed) for another year or edition, or
        cells the edition does not have."""
        self._same_year_and_edition(source)
        self._no_unknown_cells(source)
        if self._repeated(source):
            return
        if self.first is None:
            self.first, self.catalogue = source, load_edition(_year_edition(source)[1]).catalogue
        self.departments.add(source.key)
        if len(self.departments) > 1:
            self.unit_cells = None  # several departments: summed as departments
        for year, key in YEARS.items():
            _add_amounts(self.sums[year], source.doc.get(key) or {})
        ids = self._carry_units(source)
        self._carry_projects(source, ids)
        for text, value in (source.doc.get("texts") or {}).items():
            self.texts[f"{TEXT_PREFIX}{next(iter(ids.values()))}.{text}"] = str(value)
        self.lines.append(_line(source, len(ids)))
        if source.signer:
            self.signers.append((source.sender, source.signer))

    def _same_year_and_edition(self, source: Source) -> None:
        if self.first is None:
            return
        mine, first = _year_edition(source), _year_edition(self.first)
        if mine != first:
            raise SourceRefused(
                f"{source.path} 是 {mine[0]} 年度、版本 {mine[1]} 的数据，与先汇总的 {self.first.path}"
                f"（{first[0]} 年度、版本 {first[1]}）不同：不同年度或版本的数据不能汇总在一起，未使用"
            )

    def _no_unknown_cells(self, source: Source) -> None:
        """A cell id the edition lacks would be left out of the sums unseen: the source is
        refused instead, naming the first few (the sources share their ids: each looked up once)."""
        catalogue = self.catalogue or load_edition(_year_edition(source)[1]).catalogue
        ids = [cell for cells in _figures(source) for cell in cells]
        for cell in set(ids) - self.known.keys():
            self.known[cell] = catalogue.knows(cell)
        unknown = [cell for cell in ids if not self.known[cell]]
        if unknown:
            listed = "、".join(unknown[:5]) + ("等" if len(unknown) > 5 else "")
            raise SourceRefused(
                f"{source.path} 中有 {len(unknown)} 个本版本没有的单元格（{listed}），"
                "可能来自其他版本的软件或已被改动，未使用。请该单位用当前版本重新导出报送包后再汇总。"
            )

    def _repeated(self, source: Source) -> bool:
        """A unit already brought by another source (by its 单位代码, or its department and name
        when it has none) is listed as a duplicate; the source is not summed."""
        seen = [self.owners[k] for k in _unit_keys(source) if k in self.owners]
        if seen:
            name, code = source.department.get("name", ""), _codes(source)
            self.duplicates.append(f"单位代码 {code}（{name}）出现两次：{seen[0]} 与 {source.path}")
            return True
        self.owners.update(dict.fromkeys(_unit_keys(source), source.path))
        return False

    def _carry_units(self, source: Source) -> dict[str, str]:
        """The source's units with fresh ids (source id → new id) and their codes; their own
        figures while the sources are one department (a source entered as a whole: its
        figures are its first unit's)."""
        raw = _units_of(source)
        ids: dict[str, str] = {}
        for n, unit in enumerate(raw):
            ids[str(unit.get("id"))] = new_id = f"u{len(self.units) + 1}"
            code = str(unit.get("code") or (source.code if n == 0 else ""))
            entry = {
                "id": new_id,
                "name": str(unit.get("name", "")),
                "kind": str(unit.get("kind", "")),
                "code": code,
            }
            self.units.append(entry)
            if self.unit_cells is not None:
                carries = "cells" in unit or "prior" in unit
                self.split |= carries
                own = unit if carries else source.doc if n == 0 else {}
                self.unit_cells[new_id] = {key: self._own(own.get(key) or {}) for key in YEARS.values()}
        return ids

    def _own(self, cells: Mapping[str, Any]) -> dict[str, str]:
        """A unit's own input figures (the department's computed cells and cover texts left out)."""
        assert self.catalogue is not None
        defs = build_cells(self.catalogue, implied_rows(self.catalogue, cells))
        return {
            cell: str(text)
            for cell, text in cells.items()
            if (d := defs.get(cell)) is not None
            and not d.computed
            and per_unit(self.catalogue, d)
            and text != ""
        }

    def _carry_projects(self, source: Source, ids: Mapping[str, str]) -> None:
        home = next(iter(ids.values()))
        for project in source.doc.get("projects") or []:
            carried = dict(project, id=f"p{len(self.projects) + 1}")
            carried["unit"] = ids.get(str(project.get("unit")), home)
            self.projects.append(carried)

    def _units_out(self) -> list[dict[str, Any]]:
        """The units, 本级 first (the unit whose code is the department's) when they carry figures:
        one department sent as several sources, or entered unit by unit."""
        if self.unit_cells is None or self.first is None or (len(self.lines) == 1 and not self.split):
            return self.units
        units = [{**unit, **self.unit_cells[unit["id"]]} for unit in self.units]
        parent = next((u for u in units if u["code"] and u["code"] == self.first.code), units[0])
        return [parent, *(u for u in units if u is not parent)]

    def refusal(self) -> ConsolidationError | None:
        if not self.duplicates:
            return None
        listed = "\n".join(f"  - {line}" for line in self.duplicates)
        return ConsolidationError(f"以下单位重复报送，请确认用哪一份后只保留一份再汇总：\n{listed}")

    def document(self) -> dict[str, Any]:
        """The consolidated interchange document: the summed input cells of the tables and
        facts (computed cells are the output's to compute), units, projects and texts."""
        if self.first is None or self.catalogue is None:
            raise ConsolidationError("没有可以汇总的来源：请至少指定一个通过校验的报送包或数据文件。")
        department = self.first.department
        year, edition = _year_edition(self.first)
        doc: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "edition": edition,
            "department": {
                "name": PREFIX + str(department.get("name", "")),
                "code": self.first.code,
                "year": year,
            },
            "units": self._units_out(),
            "texts": self.texts,
            "projects": self.projects,
        }
        for year_key, key in YEARS.items():
            doc[key] = _inputs(self.catalogue, self.sums[year_key])
        return doc


def _units_of(source: Source) -> list[dict[str, Any]]:
    """The source's units; a source without a unit list is one unit, itself."""
    listed = [u for u in source.doc.get("units") or [] if isinstance(u, dict)]
    return listed or [{"id": "", "name": source.department.get("name", ""), "kind": "行政单位"}]


def _figures(source: Source) -> list[Mapping[str, Any]]:
    """The source's cells of both years: the department's and each unit's own."""
    holders = [source.doc, *_units_of(source)]
    return [
        cells for holder in holders for key in YEARS.values() if isinstance(cells := holder.get(key), dict)
    ]


def _unit_keys(source: Source) -> list[str]:
    keys = []
    for n, unit in enumerate(_units_of(source)):
        code = str(unit.get("code") or (source.code if n == 0 else ""))
        keys.append(f"code:{code}" if code else f"{source.key}/{unit.get('name', '')}")
    return keys


def _codes(source: Source) -> str:
    codes = [k.removeprefix("code:") for k in _unit_keys(source) if k.startswith("code:")]
    return "、".join(codes) or "（无）"


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
