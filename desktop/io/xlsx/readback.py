"""Reading back a workbook this program exported (desktop.io.xlsx.complete) into the interchange
document it was made from: department, units, every input cell of both years, texts, projects
with their indicators, scores, imported subject names and unknown interchange keys.

The official tables are checked against 全部数据 first: a table changed in Excel after the export
would otherwise be silently overridden, so a disagreement refuses the file with the cells named.
Values are read as stored (formulas as their cached values, never evaluated)."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

from desktop.forms.edition import EditionError, load_edition
from desktop.forms.structure import build_cells, implied_rows
from desktop.io.workbook.errors import WorkbookError
from desktop.io.workbook.reader import read_workbook
from desktop.io.xlsx.complete import (
    ABOUT,
    DATA,
    FORMAT,
    HEADER_ROW,
    HEADERS,
    TEXTS,
    TREE_KEY,
    UNIT_DATA,
    UNITS,
    VERSION,
    YEARS,
)  # fmt: skip
from desktop.io.xml_safety import UnsafeXml, check_parts
from desktop.models.interchange import EXTRA_PREFIX
from desktop.models.interchange import FORMAT as DOC_FORMAT
from desktop.models.interchange import VERSION as DOC_VERSION
from desktop.money import ZERO, AmountError, parse_amount, round_half_up, to_text

Rows = list[tuple[str, ...]]
EARLIER_HEADERS = {UNITS: ("序号", "单位名称", "单位性质", "编号", "")}  # before units had codes
SHOWN = 8  # disagreements a refusal lists
_PROJECT_FORM, _SCORE_FORM = "P01", "P02"
_INDICATOR = re.compile(r"i\d+")


def is_complete_workbook(path: Path) -> bool:
    """A workbook this program exported with its complete sheets (never raises)."""
    try:
        about = _read_sheets(path, (ABOUT,))[ABOUT]
    except Exception:  # not an .xlsx, damaged, refused: the ordinary reader says why
        return False
    return any(row[2:3] == ("format",) and row[1] == FORMAT for row in about)


def read_complete_workbook(path: Path) -> dict[str, Any]:
    """The interchange document of a complete workbook (WorkbookError when it cannot be used)."""
    sheets = _read_sheets(path, (ABOUT, UNITS, TEXTS, DATA), optional=(UNIT_DATA,))
    about = _keyed(sheets[ABOUT], value=1, key=2)
    if about.get("version") != str(VERSION):
        raise WorkbookError(
            f"“{path.name}”是第 {about.get('version')} 版的完整工作簿，本程序只能读取第 {VERSION} 版。"
        )
    doc: dict[str, Any] = {
        "format": DOC_FORMAT,
        "version": DOC_VERSION,
        "edition": about.get("edition", ""),
        "department": _department(about, path),
        "units": _units(sheets[UNITS], sheets.get(UNIT_DATA), path),
        "texts": _keyed(sheets[TEXTS], value=1, key=2),
    }
    doc.update(_figures(sheets[DATA], path))
    doc.update(_about_extras(about, path))
    doc["scores"]["tree"] = _json(about, TREE_KEY, path) if TREE_KEY in about else "default"
    _check_tables(path, doc)
    return doc


def _read_sheets(path: Path, titles: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, Rows]:
    """Each sheet's lines below its header, values as text (missing sheets are an error, except
    `optional` ones)."""
    try:
        check_parts(path)
    except UnsafeXml as exc:
        raise WorkbookError(str(exc)) from exc
    # Our own handle: closed even when openpyxl fails halfway through opening (a damaged file).
    with path.open("rb") as handle:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        try:
            missing = [t for t in titles if t not in book.sheetnames]
            if missing:
                raise WorkbookError(f"“{path.name}”缺少工作表“{'”“'.join(missing)}”：不是完整工作簿。")
            present = titles + tuple(t for t in optional if t in book.sheetnames)
            return {t: list(_lines(book[t].iter_rows(values_only=True), t, path)) for t in present}
        finally:
            book.close()


def _lines(rows: Iterator[tuple[Any, ...]], title: str, path: Path) -> Iterator[tuple[str, ...]]:
    width = len(HEADERS[title])
    for number, row in enumerate(rows, start=1):
        values = tuple(_text(v) for v in (*row, *([None] * width))[:width])
        if number == HEADER_ROW and values not in (HEADERS[title], EARLIER_HEADERS.get(title)):
            raise WorkbookError(
                f"“{path.name}”的工作表“{title}”第 {HEADER_ROW} 行不是“{'、'.join(HEADERS[title])}”。"
            )
        if number > HEADER_ROW and any(values):
            yield values


def _units(rows: Rows, unit_rows: Rows | None, path: Path) -> list[dict[str, Any]]:
    """单位构成, with each unit's own cells from 各单位数据 when the workbook has it."""
    units: list[dict[str, Any]] = [{"id": r[3], "name": r[1], "kind": r[2], "code": r[4]} for r in rows]
    if unit_rows is None:
        return units
    years = {name: key for key, name in (("cells", YEARS["current"]), ("prior", YEARS["prior"]))}
    by_id = {unit["id"]: unit | {"cells": {}, "prior": {}} for unit in units}
    for row in unit_rows:
        unit, year = by_id.get(row[0]), years.get(row[1])
        if unit is None or year is None:
            raise WorkbookError(
                f"“{path.name}”的“{UNIT_DATA}”中有单位“{row[0]}”年度“{row[1]}”的行，无法对应。"
            )
        unit[year][row[6]] = unit[year].get(row[6], "") + row[5]
    return list(by_id.values())


def _text(value: Any) -> str:
    """A cell as the text it was written as (a number typed in Excel reads as its exact digits)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return to_text(Decimal(repr(value)))
    return str(value)


def _keyed(rows: Rows, *, value: int, key: int) -> dict[str, str]:
    """key → value; a value split over consecutive lines of the same key is joined again."""
    found: dict[str, str] = {}
    for row in rows:
        found[row[key]] = found.get(row[key], "") + row[value]
    return found


def _department(about: Mapping[str, str], path: Path) -> dict[str, Any]:
    try:
        year = int(about.get("department.year", ""))
    except ValueError as exc:
        raise WorkbookError(
            f"“{path.name}”的“{ABOUT}”中年度“{about.get('department.year')}”不是年份。"
        ) from exc
    return {"name": about.get("department.name", ""), "code": about.get("department.code", ""), "year": year}


def _about_extras(about: Mapping[str, str], path: Path) -> dict[str, Any]:
    extras: dict[str, Any] = {}
    names = {k.removeprefix("names."): v for k, v in about.items() if k.startswith("names.")}
    if names:
        extras["names"] = names
    for key in about:
        if key.startswith(EXTRA_PREFIX):
            extras[key.removeprefix(EXTRA_PREFIX)] = _json(about, key, path)
    return extras


def _json(about: Mapping[str, str], key: str, path: Path) -> Any:
    try:
        return json.loads(about[key])
    except ValueError as exc:
        raise WorkbookError(f"“{path.name}”的“{ABOUT}”中“{key}”不是有效的内容：{exc}") from exc


def _figures(rows: Rows, path: Path) -> dict[str, Any]:
    """全部数据 → cells, prior, projects and scores."""
    years = {name: year for year, name in YEARS.items()}
    cells: dict[str, dict[str, str]] = {"current": {}, "prior": {}}
    for row in rows:
        if row[0] not in years:
            raise WorkbookError(f"“{path.name}”的“{DATA}”中有年度为“{row[0]}”的行：应为本年或上年。")
        target = cells[years[row[0]]]
        target[row[5]] = target.get(row[5], "") + row[4]
    current = cells["current"]
    plain = {k: v for k, v in current.items() if k.split(".", 1)[0] not in (_PROJECT_FORM, _SCORE_FORM)}
    scores = {
        k.split(".")[1]: v
        for k, v in current.items()
        if k.startswith(f"{_SCORE_FORM}.") and k.endswith(".score")
    }
    return {
        "cells": plain,
        "prior": cells["prior"],
        "projects": _projects(current),
        "scores": {"tree": "default", "values": scores},
    }


def _projects(cells: Mapping[str, str]) -> list[dict[str, Any]]:
    """P01.<project>.<field> and P01.<project>.i<k>.<field> (a bare row id: the row alone)."""
    projects: dict[str, dict[str, Any]] = {}
    indicators: dict[str, dict[str, dict[str, str]]] = {}
    for cell, value in cells.items():
        parts = cell.split(".")
        if parts[0] != _PROJECT_FORM or len(parts) < 2:
            continue
        project = projects.setdefault(parts[1], {"id": parts[1]})
        rows = indicators.setdefault(parts[1], {})
        if len(parts) == 3 and not _INDICATOR.fullmatch(parts[2]):
            project[parts[2]] = value
        elif len(parts) >= 3:
            fields = rows.setdefault(parts[2], {})
            if len(parts) == 4:
                fields[parts[3]] = value
    for pid, project in projects.items():
        project["indicators"] = list(indicators[pid].values())
    return list(projects.values())


def _check_tables(path: Path, doc: Mapping[str, Any]) -> None:
    """The official tables print what 全部数据 holds (to the 0.01 万元 they show)."""
    try:
        edition = load_edition(str(doc["edition"]))
    except EditionError as exc:
        raise WorkbookError(f"“{path.name}”所用的版本无法识别：{exc}") from exc
    printed = read_workbook(path, edition).values
    cells = build_cells(edition.catalogue, implied_rows(edition.catalogue, printed))
    stated = doc["cells"]
    wrong = [
        (cell, value, stated.get(cell, ""))
        for cell, value in printed.items()
        if cell in cells and not cells[cell].computed and value != _rounded(stated.get(cell, ""))
    ]
    if wrong:
        listed = "；".join(f"{c} 表中为 {v}，“{DATA}”中为 {s or '空白'}" for c, v, s in wrong[:SHOWN])
        more = f" 等 {len(wrong)} 处" if len(wrong) > SHOWN else ""
        raise WorkbookError(
            f"“{path.name}”的公开表与“{DATA}”不一致（导出后在 Excel 中改过？）：{listed}{more}。"
            f"请在决算填报助手中修改后重新导出；如要以公开表为准，请删除“{UNITS}”“{TEXTS}”“{DATA}”“{ABOUT}”"
            "四张工作表后再导入（只导入公开表）。"
        )


def _rounded(text: str) -> Decimal:
    try:
        return round_half_up(parse_amount(text), 2) if text else ZERO
    except AmountError:
        return Decimal(-1)  # never equal to a printed figure
