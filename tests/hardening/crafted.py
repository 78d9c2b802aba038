"""Crafted workbooks and bundles for the hardening tests and the fuzzer: a real file with
one part of its XML or bytes changed, the way an attacker (or bad luck) would."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import shared_path

SAMPLE = shared_path("workbooks", "xiqu-czj-2020.xlsx")


def rewrite_members(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """A copy of a zip with each member passed through `change(name, payload)`."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, change(info.filename, old.read(info)))
        new.comment = old.comment
    return target


def first_sheet(name: str) -> bool:
    return name == "xl/worksheets/sheet1.xml"


def with_sheet_xml(target: Path, change: Callable[[str], str], source: Path = SAMPLE) -> Path:
    """The sample with the first sheet's XML changed."""

    def edit(name: str, payload: bytes) -> bytes:
        return change(payload.decode("utf-8")).encode("utf-8") if first_sheet(name) else payload

    return rewrite_members(source, target, edit)


def with_merge(target: Path, ref: str) -> Path:
    """One more merged range on the first sheet (e.g. the whole sheet A1:XFD1048576)."""

    def add(xml: str) -> str:
        if "<mergeCells" in xml:
            return re.sub(r"<mergeCells[^>]*>", f'<mergeCells><mergeCell ref="{ref}"/>', xml, count=1)
        return xml.replace(
            "</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'
        )

    return with_sheet_xml(target, add)


def with_last_row(target: Path, cell_xml: str, row: int) -> Path:
    """A row appended to the first sheet holding `cell_xml` (e.g. a value at XFD1048576)."""
    return with_sheet_xml(
        target, lambda xml: xml.replace("</sheetData>", f'<row r="{row}">{cell_xml}</row></sheetData>')
    )


def with_value(target: Path, sheet: str, ref: str, value: object) -> Path:
    """The sample with one cell's value replaced (through openpyxl: a normal workbook)."""
    book = load_workbook(SAMPLE)
    book[sheet][ref].value = value
    book.save(target)
    return target


def flipped(source: Path, target: Path, member: str, offset: int = 40) -> Path:
    """A copy with one bit flipped inside `member`'s compressed bytes."""
    shutil.copyfile(source, target)
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(member)
    raw = bytearray(target.read_bytes())
    header = info.header_offset
    name_length = int.from_bytes(raw[header + 26 : header + 28], "little")
    extra_length = int.from_bytes(raw[header + 28 : header + 30], "little")
    start = header + 30 + name_length + extra_length
    raw[start + min(offset, info.compress_size - 1)] ^= 0x10
    target.write_bytes(bytes(raw))
    return target


def resealed(
    source: Path, target: Path, changes: dict[str, bytes], extra: dict[str, bytes] | None = None
) -> Path:
    """A bundle with members replaced and its manifest recomputed and sealed again: what
    anyone can make without a signature. `extra` members are added but not listed."""
    import hashlib
    import json

    with zipfile.ZipFile(source) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members.update(changes)
    manifest = json.loads(members.pop("manifest.json"))
    manifest["members"] = [
        {"name": name, "size": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
        for name, payload in members.items()
    ]
    raw = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in {**members, **(extra or {})}.items():
            archive.writestr(name, payload)
        archive.writestr("manifest.json", raw)
        archive.comment = b"juesuan-bundle manifest sha256=" + hashlib.sha256(raw).hexdigest().encode()
    return target
