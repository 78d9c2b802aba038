"""The form catalogue of an edition: its forms/*.toml (merged over the parent edition's, see
desktop.forms.edition) built into frozen dataclasses.

A form is data: its rows, columns and the formulas of its computed cells, its title and the
variants of that title other years print, the notes printed under it, and the header texts an
importer recognises its columns and rows by. Adding a form or changing a formula touches the
TOML, not this code.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.forms import expr
from desktop.resources import RESOURCES

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
    headers: tuple[str, ...] = ()  # patterns of the header texts a workbook prints for it
    heading: tuple[str | None, str] | None = None  # (band, name) the exported table prints, if not ours

    @property
    def printed_heading(self) -> tuple[str | None, str]:
        return self.heading if self.heading is not None else (self.band, self.name)


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
    labels: tuple[str, ...] = ()  # patterns of the row labels a workbook prints for it
    spread: Mapping[str, str] = field(default_factory=dict)  # workbook column → row it fills
    # Amounts the printed table shows in other columns of the row, computed for print only
    # (公开04表 总计 by fund): column → formula.
    printed: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Mirror:
    """Rows copied from the 类 rows of other forms (G01/G04 expense sides)."""

    sources: tuple[str, ...]
    side: str | None
    columns: tuple[str, ...] | None
    formulas: Mapping[str, str]
    printed: tuple[str, ...] = ()  # every 类 the official table prints, in its order
    printed_from: Mapping[str, int] = field(default_factory=dict)  # 类 printed from a year on

    def printed_classes(self, year: int) -> tuple[str, ...]:
        return tuple(c for c in self.printed if year >= self.printed_from.get(c, 0))


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
    titles: tuple[str, ...] = ()  # other titles of this table (other years and regions)
    notes: tuple[str, ...] = ()  # printed under the table ("注：本表反映…")
    empty_note: str | None = None  # printed under an empty table; None: the package's default
    cover: bool = False  # the department's cover facts (not figures)
    # The printed table puts every figure on one line: "rows" (each row a band over the columns:
    # 预算数 | 决算数 halves) or "columns" (each column a band over the rows: 预算数|决算数 pairs).
    single_row: str | None = None

    @property
    def all_titles(self) -> tuple[str, ...]:
        """The title, then its variants: what an importer recognises the table by."""
        return (self.title, *(t for t in self.titles if t != self.title))

    @property
    def holds_figures(self) -> bool:
        """Tables and facts of the year; not the cover, projects or the scoring tree."""
        return not self.cover and self.kind in ("fixed", "classified", "facts")

    def column(self, col_id: str) -> Column | None:
        return self._column_index.get(col_id)

    def row(self, row_id: str) -> Row | None:
        return self._row_index.get(row_id)

    # Looked up for every cell of an import (hundreds of thousands in a consolidation): by id,
    # the first of an id winning (reversed: it is written last), as a scan in order finds it.
    @cached_property
    def _column_index(self) -> dict[str, Column]:
        return {c.id: c for c in reversed((*self.columns, *self.indicator_columns))}

    @cached_property
    def _row_index(self) -> dict[str, Row]:
        return {r.id: r for r in reversed(self.rows)}

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
    """The forms of one edition, in the edition's order."""

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


def _strings(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, ())
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise CatalogueError(f"{where}: {key} 应为文字列表")
    return tuple(value)


def _patterns(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    patterns = _strings(data, key, where)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise CatalogueError(f"{where}: {key} 中的 {pattern!r} 不是有效的匹配式：{exc}") from exc
    return patterns


def _heading(data: Mapping[str, Any], where: str) -> tuple[str | None, str] | None:
    value = data.get("heading")
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 2:
        raise CatalogueError(f"{where}: heading 应为 [表头上层, 列名]")
    return (str(value[0]) or None, str(value[1]))


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
        headers=_patterns(data, "headers", where),
        heading=_heading(data, where),
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
        labels=_patterns(data, "labels", where),
        spread=MappingProxyType(dict(data.get("spread", {}))),
        printed=_formulas({"formulas": data.get("printed", {})}, f"{where} printed"),
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
        printed=_strings(data, "printed", f"{where} mirror"),
        printed_from=MappingProxyType({str(k): int(v) for k, v in data.get("printed_from", {}).items()}),
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


def read_form_data(path: Path) -> dict[str, Any]:
    """One form file as plain data (before any merge with a parent edition's form)."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"{path}: {exc}") from exc


def build_form(data: Mapping[str, Any], where: str) -> Form:
    """A form from its (merged) data; every problem is a CatalogueError naming `where`."""
    kind = _require(data, "kind", where)
    if kind not in FORM_KINDS:
        raise CatalogueError(f"{where}: 未知的表类型 {kind!r}")
    empty_note = data.get("empty_note")
    return Form(
        id=_require(data, "id", where),
        title=_require(data, "title", where),
        label=data.get("label", ""),
        step=_require(data, "step", where),
        kind=kind,
        columns=tuple(_column(c, where) for c in _require(data, "columns", where)),
        rows=tuple(_row(r, where) for r in data.get("rows", [])),
        layout=data.get("layout", "plain"),
        codes=data.get("codes"),
        mirror=_mirror(data.get("mirror"), where),
        indicator_columns=tuple(_column(c, where) for c in data.get("indicator_columns", [])),
        tree=_tree_nodes(data["tree"], where) if "tree" in data else (),
        titles=_strings(data, "titles", where),
        notes=_strings(data, "notes", where),
        empty_note=str(empty_note) if empty_note is not None else None,
        cover=bool(data.get("cover", False)),
        single_row=_single_row(data.get("single_row"), where),
    )


def _single_row(value: Any, where: str) -> str | None:
    if value not in (None, "rows", "columns"):
        raise CatalogueError(f"{where}: single_row 应为 rows 或 columns，而不是 {value!r}")
    return None if value is None else str(value)


def load_form(path: Path) -> Form:
    return build_form(read_form_data(path), path.name)


def build_catalogue(forms: Mapping[str, Mapping[str, Any]], order: tuple[str, ...] = ()) -> Catalogue:
    """The catalogue of forms given as data keyed by id, in `order` (the others after, by id)."""
    built: dict[str, Form] = {}
    for form_id in (*[f for f in order if f in forms], *sorted(f for f in forms if f not in order)):
        form = build_form(forms[form_id], f"表 {form_id}")
        if form.id != form_id:
            raise CatalogueError(f"表 {form_id}: id {form.id!r} 与文件名不一致")
        built[form_id] = form
    return Catalogue(MappingProxyType(built))


def load_catalogue(folder: Path, order: tuple[str, ...] = ()) -> Catalogue:
    """The forms of one folder (no parent edition): for tools and tests of a single folder."""
    return build_catalogue({path.stem: read_form_data(path) for path in sorted(folder.glob("*.toml"))}, order)
