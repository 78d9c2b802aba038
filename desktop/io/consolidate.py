"""汇总 (consolidation): a new dataset whose input figures are the exact sums of its
sources' — unit datasets (.jsd) or submission bundles (.zip) of one fiscal year. G01–G09
and the X01 amounts and counts are summed, this year and last; the units are the union of
the sources' units; the department is named "汇总：" + the first source's name.

A bundle must pass the trust gate (desktop.io.bundle.gate), its signer included: the key its
unit's earlier bundles came with (desktop.io.bundle.trust). A unit new here has its key
recorded; a bundle signed by another key than its unit's is refused unless that key's
fingerprint is accepted (`--accept-key`), which then becomes the unit's key. A forced export
passes when its signed manifest lists every error among what the clerk confirmed; the report
marks it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.atomic import check_target, replacing
from desktop.forms.edition import ROOT_EDITION
from desktop.io.bundle.gate import confirmed_items, read_bundle_data
from desktop.io.bundle.signing import signer_of
from desktop.io.bundle.trust import KnownSigners
from desktop.io.temp_dataset import temporary_dataset
from desktop.models.dataset import Dataset
from desktop.models.interchange import FORMAT, VERSION, import_document
from desktop.models.snapshot import Department, Unit
from desktop.money import to_text

BUNDLE_SUFFIXES = (".zip", ".jsz")
YEARS = ("current", "prior")
PREFIX = "汇总："


class ConsolidateError(ValueError):
    """Sources that cannot be summed (different years, unreadable files)."""


@dataclass(frozen=True)
class Source:
    path: Path
    department: Department
    units: tuple[Unit, ...]
    figures: Mapping[str, Mapping[str, Decimal]]  # year → input cell → value
    edition: str = ROOT_EDITION
    manifest: Mapping[str, Any] = field(default_factory=dict)  # a bundle's: who sealed it

    @property
    def signer(self) -> dict[str, str]:
        return signer_of(dict(self.manifest))


@dataclass
class ConsolidateReport:
    out: Path
    sources: list[Source] = field(default_factory=list)
    cells: int = 0
    errors: int = 0

    def text(self) -> str:
        lines = [f"已生成汇总数据 {self.out}：{len(self.sources)} 个来源，{self.cells} 个单元格"]
        lines += [
            f"  {s.department.name}（{s.department.year} 年度）：{s.path}{_signed(s)}" for s in self.sources
        ]
        lines.append(f"汇总数据审核：错误 {self.errors} 个")
        return "\n".join(lines)


def summed_figures(dataset: Dataset) -> dict[str, dict[str, Decimal]]:
    """The input figures consolidation adds up (the tables and facts, not the cover), per year."""
    summed = {f.id for f in dataset.catalogue if f.holds_figures}
    figures: dict[str, dict[str, Decimal]] = {}
    for year in YEARS:
        inputs = dataset.calc(year).inputs
        figures[year] = {
            cell: value
            for cell, value in inputs.items()
            if isinstance(value, Decimal) and cell.split(".", 1)[0] in summed
        }
    return figures


def _signed(source: Source) -> str:
    signed = f"，签名密钥 {source.signer['fingerprint']}" if source.signer else ""
    forced = confirmed_items(dict(source.manifest))
    return signed + (f"，强制导出（编制人确认了 {len(forced)} 项未完成内容或错误）" if forced else "")


@contextmanager
def _opened(
    path: Path, known: KnownSigners | None, accepted: frozenset[str]
) -> Iterator[tuple[Dataset, dict[str, Any]]]:
    if path.suffix.lower() in BUNDLE_SUFFIXES:
        doc, manifest = read_bundle_data(path, known, accepted)
        with temporary_dataset(doc, source=f"报送包 {path}") as dataset:
            yield dataset, manifest
    else:
        with Dataset.open(path) as dataset:
            yield dataset, {}


def load_source(
    path: Path, known: KnownSigners | None = None, accepted: frozenset[str] = frozenset()
) -> Source:
    """A dataset, or a bundle that passes the gate (its signer judged against `known`)."""
    with _opened(Path(path), known, accepted) as (dataset, manifest):
        units, figures = tuple(dataset.units), summed_figures(dataset)
        return Source(Path(path), dataset.department, units, figures, dataset.edition.id, manifest)


def _to_record(sources: Sequence[Source], known: KnownSigners) -> list[Source]:
    """The bundles whose unit's key is new here, or newly accepted."""
    return [
        s
        for s in sources
        if s.signer
        and not known.verdict(dict(s.manifest.get("department") or {}), s.signer["fingerprint"]).same
    ]


def _check_years(sources: Sequence[Source]) -> int:
    years = {s.department.year for s in sources}
    if len(years) != 1:
        listed = "；".join(f"{s.path}：{s.department.year} 年度" for s in sources)
        raise ConsolidateError(f"来源的年度不一致，不能汇总：{listed}")
    return years.pop()


def _check_editions(sources: Sequence[Source]) -> str:
    editions = {s.edition for s in sources}
    if len(editions) != 1:
        listed = "；".join(f"{s.path}：{s.edition}" for s in sources)
        raise ConsolidateError(f"来源的版本不一致，不能汇总：{listed}")
    return editions.pop()


def _sum(sources: Sequence[Source], year: str) -> dict[str, str]:
    totals: dict[str, Decimal] = {}
    for source in sources:
        for cell, value in source.figures[year].items():
            totals[cell] = totals.get(cell, Decimal(0)) + value
    return {cell: to_text(value) for cell, value in sorted(totals.items())}


def _units(sources: Sequence[Source]) -> list[dict[str, str]]:
    """Each distinct (name, kind) once, in source order, with fresh ids."""
    seen: dict[tuple[str, str], None] = {}
    for source in sources:
        for unit in source.units:
            seen.setdefault((unit.name, unit.kind))
    return [{"id": f"u{n}", "name": name, "kind": kind} for n, (name, kind) in enumerate(seen, start=1)]


def consolidation_document(sources: Sequence[Source]) -> dict[str, Any]:
    if not sources:
        raise ConsolidateError("请至少指定一个来源（数据文件 .jsd 或报送包 .zip）")
    year = _check_years(sources)
    first = sources[0].department
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "edition": _check_editions(sources),
        "department": {"name": PREFIX + first.name, "code": first.code, "year": year},
        "units": _units(sources),
        "cells": _sum(sources, "current"),
    }
    prior = _sum(sources, "prior")
    if prior:
        doc["prior"] = prior
    return doc


def consolidate(out: Path, paths: Sequence[Path], accept_keys: Sequence[str] = ()) -> ConsolidateReport:
    """Read every source (refusing the lot on the first unreadable one, bundles through the
    same gate as `verify`, a unit's new key only when accepted), then write OUT: built in a
    temporary file beside it and renamed into place, so a failure leaves no partial dataset.
    The signers seen for the first time (or accepted) are recorded once it is written."""
    out = Path(out)
    if out.exists():
        raise ConsolidateError(f"文件 {out} 已存在，请换一个文件名。")
    check_target(out, {Path(p): "汇总的来源" for p in paths})
    known = KnownSigners.load()
    sources = [load_source(Path(p), known, frozenset(accept_keys)) for p in paths]
    record = _to_record(sources, known)
    doc = consolidation_document(sources)
    department = doc["department"]
    report = ConsolidateReport(out, sources)
    with replacing(out) as temp:
        temp.unlink()  # a dataset is created afresh
        with Dataset.create(
            temp, department["name"], department["year"], code=department["code"], edition=doc["edition"]
        ) as dataset:
            import_document(dataset, doc)
            report.cells = len(doc["cells"]) + len(doc.get("prior", {}))
            report.errors = sum(1 for f in dataset.findings() if f.severity == "error")
    for source in record:
        known.remember(dict(source.manifest.get("department") or {}), source.signer)
    if record:
        known.save()
    return report
