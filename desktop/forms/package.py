"""The published package of an edition: which forms it has and in which order, which tables it
publishes, and the parts of the PDF (their titles, numbering and what each holds)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PART_KINDS = ("overview", "narrative", "glossary", "tables", "attachments")


class PackageError(ValueError):
    """An edition's [package] that cannot be used; the message names the key."""


@dataclass(frozen=True)
class OverviewItem:
    """A heading of 第一部分 and what follows it: a clerk's text, the units table, or nothing."""

    heading: str
    level: int = 1  # 1: listed in the contents; 2: a sub-heading
    text: str = ""  # the key of the clerk's text under the heading
    missing: str = ""  # printed when that text is empty
    optional: bool = False  # the heading is left out when the text is empty
    units: tuple[str, ...] = ()  # the column heads of the units table (序号 | 单位名称 | a third)
    kinds: bool = True  # the units table's third column gives each unit's kind (else left blank)


@dataclass(frozen=True)
class Part:
    id: str  # one of PART_KINDS
    title: str = ""
    items: tuple[OverviewItem, ...] = ()
    label: bool = False  # tables: print each table's label (公开01表) above its title
    contents: str = "{title}"  # tables: a table's line in the contents
    meta: tuple[str, str, str] = ("", "", "单位：万元")  # tables: the line under each title
    empty_note: str | None = None  # tables: under every empty table instead of the form's own note
    projects: str = ""  # attachments: the heading of the 项目支出绩效自评表
    scores: str = ""  # attachments: the heading of the 部门整体支出绩效评价


@dataclass(frozen=True)
class Package:
    forms: tuple[str, ...]  # every form, in catalogue order
    steps: tuple[str, ...]  # the order a clerk works in
    tables: tuple[str, ...]  # the published tables, in print order (what a workbook holds)
    sheets: tuple[str, ...]  # the sheets of the Excel export
    parts: tuple[Part, ...]
    sheet_name: str = "{label}"  # a table's Excel sheet name (other forms: their title)


def _ids(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackageError(f"package.{key}: 应为表号列表")
    return tuple(value)


def _item(data: Mapping[str, Any]) -> OverviewItem:
    if "heading" not in data:
        raise PackageError("package.parts.items: 缺少 heading")
    return OverviewItem(
        heading=str(data["heading"]),
        level=int(data.get("level", 1)),
        text=str(data.get("text", "")),
        missing=str(data.get("missing", "")),
        optional=bool(data.get("optional", False)),
        units=tuple(data.get("units", ())),
        kinds=bool(data.get("kinds", True)),
    )


def _part(data: Mapping[str, Any]) -> Part:
    kind = data.get("id")
    if kind not in PART_KINDS:
        raise PackageError(f"package.parts: 未知的部分 {kind!r}（应为 {'、'.join(PART_KINDS)}）")
    meta = tuple(str(m) for m in data.get("meta", ("", "", "单位：万元")))
    if len(meta) != 3:
        raise PackageError(f"package.parts[{kind}].meta: 应为三项（左、中、右）")
    return Part(
        id=kind,
        title=str(data.get("title", "")),
        items=tuple(_item(i) for i in data.get("items", ())),
        label=bool(data.get("label", False)),
        contents=str(data.get("contents", "{title}")),
        meta=(meta[0], meta[1], meta[2]),
        empty_note=str(data["empty_note"]) if "empty_note" in data else None,
        projects=str(data.get("projects", "")),
        scores=str(data.get("scores", "")),
    )


def build_package(data: Mapping[str, Any]) -> Package:
    parts = tuple(_part(p) for p in data.get("parts", ()))
    kinds = [p.id for p in parts]
    if len(kinds) != len(set(kinds)):
        raise PackageError(f"package.parts: 每个部分只能出现一次（{'、'.join(kinds)}）")
    return Package(
        forms=_ids(data, "forms"),
        steps=_ids(data, "steps"),
        tables=_ids(data, "tables"),
        sheets=_ids(data, "sheets"),
        parts=parts,
        sheet_name=str(data.get("sheet_name", "{label}")),
    )
