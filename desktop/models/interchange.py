"""The interchange JSON (DESIGN.md): reading it into a dataset, writing a dataset as it.

Reading is one atomic action: every value is checked first, and a single bad value refuses the
whole document. Unknown keys are reported and kept in the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.forms.naming import NAME_KEY_PREFIX
from desktop.forms.perf_tree import TreeError, leaves, validate
from desktop.forms.structure import CellDef, build_cells, implied_rows
from desktop.models import interchange_units, perf_tree
from desktop.models.doc_schema import document_problems
from desktop.models.ops import Op
from desktop.models.projects import project_dict, project_ops
from desktop.models.snapshot import UNIT_KINDS, Unit, canonical_unit_kind
from desktop.models.values import parse_cell_value, stored_text
from desktop.money import AmountError, parse_amount, to_text

if TYPE_CHECKING:
    from desktop.models.dataset import Dataset

FORMAT = "juesuan-dataset"
VERSION = 1
KNOWN_KEYS = {
    "format", "version", "edition", "department", "units", "cells", "prior", "texts", "projects", "scores",
    "names",
}  # fmt: skip
EXTRA_PREFIX = "extra."
MAX_JSON_BYTES = 64 * 2**20


class InterchangeError(ValueError):
    """A document that cannot be read; `problems` lists every bad entry (Chinese)."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = problems or []
        detail = "\n".join(f"  - {p}" for p in self.problems[:20])
        super().__init__(message + ("\n" + detail if detail else ""))


@dataclass
class Loaded:
    """What an interchange document held (counted while its ops are built)."""

    cells: int = 0
    prior: int = 0
    declared: int = 0
    texts: int = 0
    projects: int = 0
    scores: int = 0
    unknown: list[str] = field(default_factory=list)
    edition: str = ""  # the document's edition when it is not the dataset's (figures load all the same)


def read_json(path: str) -> dict[str, Any]:
    """A JSON file as an interchange document, checked against the schema before use."""
    try:
        if Path(path).stat().st_size > MAX_JSON_BYTES:
            raise InterchangeError(f"{path} 大于 {MAX_JSON_BYTES // 2**20} MB，不像是数据交换文件，未读取")
        with open(path, encoding="utf-8-sig") as handle:
            doc = json.load(handle)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InterchangeError(f"无法读取数据文件 {path}：{_short(exc)}") from exc
    check_document(doc, path)
    return dict(doc)


def _short(exc: BaseException) -> str:
    return "嵌套层数过深" if isinstance(exc, RecursionError) else str(exc)[:200]


def check_document(doc: Any, source: str, *, header: bool = True, amounts: list[str] | None = None) -> None:
    """InterchangeError naming `source` and every field that breaks the schema (and the
    format and version, with `header`: documents made in code may go without); `amounts`
    gets the values out of the amount range (desktop.models.doc_schema)."""
    if header and (not isinstance(doc, dict) or doc.get("format") != FORMAT):
        raise InterchangeError(f"{source} 不是决算数据交换文件（format 应为 {FORMAT}）")
    if header and doc.get("version") != VERSION:
        raise InterchangeError(f"{source} 的版本 {str(doc.get('version'))[:20]} 不受支持（支持 {VERSION}）")
    problems = document_problems(doc, amounts)
    if problems:
        raise InterchangeError(f"{source} 的内容不符合数据交换格式，未导入任何内容：", problems)


class _Collector:
    """Builds the ops of one import and collects every problem before anything is written."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.ops: list[Op] = []
        self.problems: list[str] = []
        self.report = Loaded()

    def cells(self, raw: Mapping[str, Any], year: str, extra_rows: list[str]) -> None:
        structure = implied_rows(self.dataset.catalogue, map(str, raw))
        # Only the projects `raw` has cells of: a consolidation brings thousands, whose cells
        # are their own entries', not these.
        named = {str(key).partition(".")[2].rpartition(".")[0] for key in raw if str(key).startswith("P01.")}
        for row in extra_rows:
            if row in named:
                structure.add("P01", row)
        defs = build_cells(self.dataset.catalogue, structure)
        self.ops += [
            Op.row(form, row, year=year)
            for form, rows in structure.rows.items()
            if form != "P01"
            for row in rows
        ]
        for key, value in raw.items():
            self._cell(defs.get(str(key)), str(key), value, year)

    def _cell(self, cell: Any, key: str, value: Any, year: str) -> None:
        if cell is None:
            self.report.unknown.append(f"{'prior' if year == 'prior' else 'cells'}.{key}")
            return
        try:
            parsed = (
                parse_cell_value(cell, None if value is None else str(value)) if not cell.computed else None
            )
            if cell.computed:
                if cell.kind != "text" and str(value).strip() != "":
                    self.ops.append(Op.declared(key, to_text(parse_amount(str(value))), year))
                    self.report.declared += 1
                return
        except (AmountError, ValueError) as exc:
            self.problems.append(f"{key}：{exc}")
            return
        self.ops.append(Op.cell(key, stored_text(parsed), year))
        if year == "prior":
            self.report.prior += 1
        else:
            self.report.cells += 1


def _units(raw: Any, problems: list[str]) -> list[Unit]:
    units = []
    for entry in raw or []:
        kind = canonical_unit_kind(str(entry.get("kind", "")))
        if kind not in UNIT_KINDS:
            problems.append(
                f"单位 {entry.get('name')} 的类型“{entry.get('kind')}”不是 {'/'.join(UNIT_KINDS)} 之一"
            )
        code = str(entry.get("code", ""))
        units.append(Unit(str(entry.get("id")), str(entry.get("name", "")), kind, code))
    return units


def document_ops(
    dataset: Dataset,
    doc: Mapping[str, Any],
    *,
    replace: bool = False,
    source: str = "数据交换文件",
    checked: bool = False,
) -> tuple[list[Op], Loaded]:
    """The changes that load an interchange document into the dataset, every value checked
    first: a single bad value refuses the whole document (InterchangeError), nothing written.
    `checked`: a document built from checked ones (a consolidation of thousands of units), which
    may exceed the size limits a single unit's file is held to."""
    if not checked:
        check_document(doc, source, header=False)
    dataset.require_writable()
    collector = _Collector(dataset)
    if dataset.has_figures() or dataset.rows("P01"):
        if not replace:
            raise InterchangeError("数据文件中已有本年数据。如需覆盖，请使用 --replace（覆盖前会自动备份）。")
        collector.ops += dataset.clear_ops("current") + dataset.clear_ops("prior")
    dept = doc.get("department", {})
    units = _units(doc.get("units"), collector.problems)
    projects = list(doc.get("projects", []))
    project_rows = _project_rows(projects)
    collector.cells(doc.get("cells", {}), "current", project_rows)
    collector.cells(doc.get("prior", {}), "prior", [])
    _texts_and_projects(collector, doc, projects)
    if interchange_units.carries_figures(doc.get("units")):
        ops, problems = interchange_units.figure_ops(dataset, doc["units"], units, doc)
        collector.ops += ops
        collector.problems += problems
    if collector.problems:
        raise InterchangeError("数据有误，未导入任何内容：", collector.problems)
    year = int(dept.get("year") or dataset.department.year)
    name, code = str(dept.get("name", "")), str(dept.get("code", ""))
    collector.ops += dataset.department_ops(name, code, year, units or None)
    collector.ops += _extra_ops(doc, collector.report) + _name_ops(doc)
    if doc.get("edition") and doc["edition"] != dataset.edition.id:
        collector.report.edition = str(doc["edition"])
    return collector.ops, collector.report


def import_document(
    dataset: Dataset,
    doc: Mapping[str, Any],
    *,
    replace: bool = False,
    source: str = "数据交换文件",
    checked: bool = False,
    undoable: bool = True,
) -> Loaded:
    """Load a document as one undoable, atomic action, without a backup: for a file made just
    now (a demo, a temporary copy, a consolidation; `undoable=False` when the file has nothing
    to go back to, sparing a log as large as the data). The clerk's imports go through
    desktop/actions/importing.py, which backs up first."""
    ops, loaded = document_ops(dataset, doc, replace=replace, source=source, checked=checked)
    dataset.apply(ops, label="导入数据", source="import", fresh=not undoable)
    return loaded


def _project_rows(projects: list[Mapping[str, Any]]) -> list[str]:
    return [str(p["id"]) for p in projects]


def _texts_and_projects(
    collector: _Collector, doc: Mapping[str, Any], projects: list[Mapping[str, Any]]
) -> None:
    for key, value in doc.get("texts", {}).items():
        collector.ops.append(Op.text(str(key), str(value) if value else None))
        collector.report.texts += 1
    for raw in projects:
        try:
            collector.ops += project_ops(raw, str(raw["id"]))
            collector.report.projects += 1
        except (AmountError, KeyError) as exc:
            collector.problems.append(f"项目 {raw.get('name', raw.get('id'))}：{exc}")
    _scores(collector, doc.get("scores") or {})


def _scores(collector: _Collector, scores: Mapping[str, Any]) -> None:
    """The department's tree (a document; the old `"default"` means the old default tree, which
    a file with scores was scored against) and the scores of its 三级 indicators."""
    values = {str(k): str(v) for k, v in (scores.get("values") or {}).items() if str(v).strip()}
    raw = scores.get("tree")
    try:
        tree = validate(raw) if isinstance(raw, dict) else perf_tree.initial(True) if values else None
    except TreeError as exc:
        collector.problems.append(f"指标体系：{exc}")
        return
    if tree is not None:
        collector.ops.append(Op.meta(perf_tree.PERF_TREE, json.dumps(tree, ensure_ascii=False)))
    known = leaves(tree if tree is not None else collector.dataset.perf_tree())
    for code, value in values.items():
        if code not in known:
            collector.problems.append(f"评分 {code}：指标体系中没有这个三级指标")
            continue
        try:
            cell = CellDef(f"P02.{code}.score", "P02", code, "score", "amount", None)
            collector.ops.append(Op.cell(cell.id, stored_text(parse_cell_value(cell, value))))
            collector.report.scores += 1
        except (AmountError, ValueError) as exc:
            collector.problems.append(f"评分 {code}：{exc}")


def _name_ops(doc: Mapping[str, Any]) -> list[Op]:
    """Names an imported workbook gave codes the code list lacks: `"names": {"functional.2013999": …}`."""
    names = doc.get("names") or {}
    return [Op.meta(NAME_KEY_PREFIX + str(key), str(name)) for key, name in names.items()]


def _extra_ops(doc: Mapping[str, Any], report: Loaded) -> list[Op]:
    """Unknown top-level keys are kept verbatim in the file and reported, never dropped."""
    ops = []
    for key in doc:
        if key not in KNOWN_KEYS:
            report.unknown.append(key)
            ops.append(Op.meta(EXTRA_PREFIX + key, json.dumps(doc[key], ensure_ascii=False)))
    return ops


def export_document(dataset: Dataset, *, computed: bool = True) -> dict[str, Any]:
    """The dataset as an interchange document: input cells, and computed cells when asked."""
    snapshot = dataset.snapshot()
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "edition": dataset.edition.id,
        "department": {
            "name": snapshot.department.name,
            "code": snapshot.department.code,
            "year": snapshot.department.year,
        },
        "units": interchange_units.unit_entries(dataset),
        "cells": _year_cells(dataset, "current", computed),
        "prior": _year_cells(dataset, "prior", computed),
        "texts": dict(sorted(snapshot.texts.items())),
        "projects": [project_dict(p) for p in snapshot.projects],
        "scores": {
            "tree": dataset.perf_tree(),
            "values": {k: stored_text(v) for k, v in snapshot.scores.items()},
        },
    }
    names = {f"{kind}.{code}": name for (kind, code), name in dataset.naming.imported.items()}
    if names:
        doc["names"] = names
    for key, value in dataset.meta.items():
        if key.startswith(EXTRA_PREFIX):
            doc[key.removeprefix(EXTRA_PREFIX)] = _kept(value)
    return doc


def _kept(text: str) -> Any:
    """An unknown key's value as it was imported (text, if the file's copy is damaged)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return text


def _year_cells(dataset: Dataset, year: str, computed: bool) -> dict[str, str]:
    calc = dataset.calc(year)
    cells: dict[str, str] = {}
    separate = {f.id for f in dataset.catalogue if f.kind in ("projects", "tree")}  # their own keys
    for cell_id, definition in calc.ordered_cells().items():
        if definition.form in separate:
            continue
        value = calc.value(cell_id) if (computed or not definition.computed) else None
        if value is not None and (cell_id in calc.inputs or definition.computed):
            cells[cell_id] = stored_text(value) or ""
    return cells
