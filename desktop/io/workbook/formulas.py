"""Formulas in an imported .xlsx are never evaluated: a formula cell reads as the result the file
saved with it (openpyxl's data_only). A formula saved without a result (a file made by a
program and never opened in Excel or WPS) would read as a blank figure: those cells are found
here, so that a table holding one is refused with its cells named instead."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

from defusedxml import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL = re.compile(r"([A-Z]+)(\d+)")


def uncached_formulas(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Sheet title → (row, column) of each formula saved without a result."""
    found: dict[str, set[tuple[int, int]]] = {}
    with zipfile.ZipFile(path) as archive:
        for title, part in _sheet_parts(archive).items():
            data = archive.read(part)
            if _FORMULA.search(data):
                cells = _uncached(data)
                if cells:
                    found[title] = cells
    return found


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → its XML part, from the workbook and its relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"), forbid_dtd=True)
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    targets = {r.get("Id"): str(r.get("Target", "")) for r in rels.iter(f"{_PACKAGE_REL}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if part in archive.namelist():
            parts[str(sheet.get("name"))] = part
    return parts


def _uncached(data: bytes) -> set[tuple[int, int]]:
    cells = set()
    for _event, element in ElementTree.iterparse(io.BytesIO(data), forbid_dtd=True):
        if element.tag != f"{_MAIN}c":
            continue
        formula, value = element.find(f"{_MAIN}f"), element.find(f"{_MAIN}v")
        if formula is not None and (value is None or not (value.text or "").strip()):
            cells.add(_position(str(element.get("r", ""))))
        element.clear()
    return cells - {(0, 0)}


def _position(reference: str) -> tuple[int, int]:
    match = _CELL.fullmatch(reference)
    if match is None:
        return (0, 0)
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(match.group(2)), column


def cell_name(row: int, column: int) -> str:
    """(7, 2) → B7, as Excel names a cell."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"
