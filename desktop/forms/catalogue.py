"""The form catalogue: resources/forms/*.toml loaded once into frozen dataclasses.

A form is data: its rows, columns and the formulas of its computed cells. Adding a form or
changing a formula touches the TOML, not this code.
"""

from __future__ import annotations

import functools
import json
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.forms import expr
from desktop.resources import RESOURCES

FORM_ORDER = ("F00", "G01", "G02", "G03", "G04", "G05", "G06", "G07", "G08", "G09", "X01", "P01", "P02")
CELL_KINDS = ("amount", "count", "text", "rate")
FORM_KINDS = ("fixed", "classified", "facts", "projects", "tree")


class CatalogueError(ValueError):
    """A form file that cannot be loaded; the message names the file and the key."""


@dataclass(frozen=True)
class Column:
    id: str
    name: str
    kind: str = "amount"
    band: str | None = None
    formula: str | None = None
    printed: bool = True


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    kind: str | None = None
    side: str | None = None
    level: int = 0
    emphasis: bool = False
    group: str | None = None
    columns: tuple[str, ...] | None = None
    formulas: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Mirror:
    """Rows copied from the 类 rows of other forms (G01/G04 expense sides)."""

    sources: tuple[str, ...]
    side: str | None
    columns: tuple[str, ...] | None
    formulas: Mapping[str, str]


@dataclass(frozen=True)
class TreeNode:
    code: str
    name: str
    weight: Decimal
    parent: str | None
    level: int
    explanation: str = ""
    rubric: str = ""
    source: str = ""


@dataclass(frozen=True)
class Form:
    id: str
    title: str
    label: str
    step: str
    kind: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...] = ()
    layout: str = "plain"
    codes: str | None = None
    mirror: Mirror | None = None
    indicator_columns: tuple[Column, ...] = ()
    tree: tuple[TreeNode, ...] = ()

    def column(self, col_id: str) -> Column | None:
        return next((c for c in (*self.columns, *self.indicator_columns) if c.id == col_id), None)

    def row(self, row_id: str) -> Row | None:
        return next((r for r in self.rows if r.id == row_id), None)

    def row_columns(self, row: Row) -> tuple[Column, ...]:
        if row.columns is None:
            return self.columns
        return tuple(c for c in self.columns if c.id in row.columns)

    @property
    def input_level(self) -> int:
        """Code level typed by the clerk: 项 (7 digits) for 功能分类, 款 (5) for 经济分类."""
        return 2 if self.codes == "economic" else 3


@dataclass(frozen=True)
class Catalogue:
    forms: Mapping[str, Form]

    def form(self, form_id: str) -> Form:
        return self.forms[form_id]

    def __iter__(self) -> Iterator[Form]:
        return iter(self.forms.values())

    def kind_of(self, cell_id: str) -> str | None:
        """A cell's kind (amount/count/text/rate) from its row or column, without building cells."""
        form_id, _, rest = cell_id.partition(".")
        row_id, _, col_id = rest.rpartition(".")
        form = self.forms.get(form_id)
        column = form.column(col_id) if form is not None else None
        if form is None or column is None:
            return None
        row = form.row(row_id)
        return (row.kind if row is not None else None) or column.kind

    def knows(self, cell_id: str) -> bool:
        """Whether a cell id names an existing form, a possible row and an existing column."""
        form_id, _, rest = cell_id.partition(".")
        row, _, col = rest.rpartition(".")
        form = self.forms.get(form_id)
        if form is None or not row or form.column(col) is None:
            return False
        if form.kind == "classified":
            return row == "total" or row.isdigit() or form.row(row) is not None
        if form.kind == "tree":
            return row == "total" or any(n.code == row for n in form.tree)
        if form.kind == "projects":
            return True
        mirrored = form.mirror is not None and row.isdigit() and len(row) == 3
        return mirrored or form.row(row) is not None


def _require(data: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise CatalogueError(f"{where}: 缺少 {key!r}")
    return data[key]


def _check_formula(text: str, where: str) -> str:
    try:
        expr.parse(expr.substitute(text, row="0"))
    except expr.ExprError as exc:
        raise CatalogueError(f"{where}: {exc}") from exc
    return text


def _column(data: Mapping[str, Any], where: str) -> Column:
    col_id = _require(data, "id", where)
    where = f"{where} 列 {col_id}"
    kind = data.get("kind", "amount")
    if kind not in CELL_KINDS:
        raise CatalogueError(f"{where}: 未知的 kind {kind!r}")
    formula = data.get("formula")
    return Column(
        id=col_id,
        name=_require(data, "name", where),
        kind=kind,
        band=data.get("band"),
        formula=_check_formula(formula, where) if formula else None,
        printed=bool(data.get("printed", True)),
    )


def _formulas(data: Mapping[str, Any], where: str) -> Mapping[str, str]:
    return MappingProxyType(
        {
            col: _check_formula(text, f"{where} formulas.{col}")
            for col, text in data.get("formulas", {}).items()
        }
    )


def _row(data: Mapping[str, Any], where: str) -> Row:
    row_id = str(_require(data, "id", where))
    where = f"{where} 行 {row_id}"
    kind = data.get("kind")
    if kind is not None and kind not in CELL_KINDS:
        raise CatalogueError(f"{where}: 未知的 kind {kind!r}")
    columns = data.get("columns")
    return Row(
        id=row_id,
        name=_require(data, "name", where),
        kind=kind,
        side=data.get("side"),
        level=int(data.get("level", 0)),
        emphasis=bool(data.get("emphasis", False)),
        group=data.get("group"),
        columns=tuple(columns) if columns is not None else None,
        formulas=_formulas(data, where),
    )


def _mirror(data: Mapping[str, Any] | None, where: str) -> Mirror | None:
    if data is None:
        return None
    columns = data.get("columns")
    return Mirror(
        sources=tuple(_require(data, "sources", f"{where} mirror")),
        side=data.get("side"),
        columns=tuple(columns) if columns is not None else None,
        formulas=_formulas(data, f"{where} mirror"),
    )


def _tree_nodes(name: str, where: str) -> tuple[TreeNode, ...]:
    path = RESOURCES / "perf-tree" / f"{name}.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CatalogueError(f"{where}: 指标体系 {path.name} 无法读取：{exc}") from exc
    nodes: list[TreeNode] = []

    def walk(children: list[dict[str, Any]], parent: str | None, level: int) -> None:
        for child in children:
            nodes.append(
                TreeNode(
                    code=child["code"],
                    name=child["name"],
                    weight=Decimal(str(child["weight"])),
                    parent=parent,
                    level=level,
                    explanation=child.get("explanation", ""),
                    rubric=child.get("rubric", ""),
                    source=child.get("source", ""),
                )
            )
            walk(child.get("children", []), child["code"], level + 1)

    walk(doc.get("children", []), None, 1)
    return tuple(nodes)


def load_form(path: Path) -> Form:
    where = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"{where}: {exc}") from exc
    kind = _require(data, "kind", where)
    if kind not in FORM_KINDS:
        raise CatalogueError(f"{where}: 未知的表类型 {kind!r}")
    return Form(
        id=_require(data, "id", where),
        title=_require(data, "title", where),
        label=_require(data, "label", where),
        step=_require(data, "step", where),
        kind=kind,
        columns=tuple(_column(c, where) for c in _require(data, "columns", where)),
        rows=tuple(_row(r, where) for r in data.get("rows", [])),
        layout=data.get("layout", "plain"),
        codes=data.get("codes"),
        mirror=_mirror(data.get("mirror"), where),
        indicator_columns=tuple(_column(c, where) for c in data.get("indicator_columns", [])),
        tree=_tree_nodes(data["tree"], where) if "tree" in data else (),
    )


def load_catalogue(folder: Path | None = None) -> Catalogue:
    folder = folder or RESOURCES / "forms"
    forms = {}
    for path in sorted(folder.glob("*.toml")):
        form = load_form(path)
        if form.id in forms:
            raise CatalogueError(f"{path.name}: 表 {form.id} 重复定义")
        if form.id != path.stem:
            raise CatalogueError(f"{path.name}: id {form.id!r} 与文件名不一致")
        forms[form.id] = form
    ordered = {fid: forms[fid] for fid in FORM_ORDER if fid in forms}
    ordered.update({fid: f for fid, f in forms.items() if fid not in ordered})
    return Catalogue(MappingProxyType(ordered))


@functools.cache
def catalogue() -> Catalogue:
    """The application's catalogue, loaded once."""
    return load_catalogue()
