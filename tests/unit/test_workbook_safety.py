"""Imported files are data, never code: a formula reads as the result the file saved (never
evaluated) or, with none saved, refuses its table by name; XML entity attacks (billion laughs,
external entities) in any part of an .xlsx or .docx are refused before a parser expands them."""

from __future__ import annotations

import resource
import time
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest

from desktop.actions.importing import import_file
from desktop.forms.edition import ROOT_EDITION, load_edition
from desktop.io.text_document import TextDocumentError, read_text_document
from desktop.io.workbook.errors import WorkbookError
from desktop.io.workbook.reader import read_workbook
from desktop.models.dataset import Dataset
from tests.conftest import shared_path

LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(2, 10))
    + "]>"
)
EXTERNAL = '<!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
WORKBOOK = shared_path("workbooks", "xiqu-czj-2020.xlsx")


def patched(source: Path, target: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    """A copy of the zip at `source` with one part changed."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            data = old.read(name)
            new.writestr(name, change(data) if name == part else data)
    return target


def with_dtd(dtd: str, reference: bytes = b"", encoding: str = "utf-8") -> Callable[[bytes], bytes]:
    """The part with `dtd` after its XML declaration and `reference` as its first text."""

    def change(data: bytes) -> bytes:
        text = data.decode("utf-8")
        head, _, body = text.partition("?>") if text.startswith("<?xml") else ("", "", text)
        body = body.replace("<t>", "<t>" + reference.decode(), 1) if reference else body
        declaration = head + "?>" if head else ""
        return (declaration.replace("UTF-8", encoding).replace("utf-8", encoding) + dtd + body).encode(
            encoding
        )

    return change


def refused_quickly(call: Callable[[], object], error: type[Exception]) -> str:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with pytest.raises(error) as refused:
        call()
    assert time.perf_counter() - start < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 200_000  # KiB: nothing expanded
    return str(refused.value)


@pytest.mark.parametrize(
    ("part", "dtd", "reference"),
    [
        ("xl/worksheets/sheet1.xml", LAUGHS, b"&lol9;"),
        ("xl/worksheets/sheet2.xml", EXTERNAL, b"&secret;"),
        ("xl/workbook.xml", EXTERNAL, b""),
        ("xl/styles.xml", LAUGHS, b""),
        ("docProps/core.xml", LAUGHS, b""),
    ],
)
def test_entity_attacks_in_a_workbook_are_refused(
    tmp_path: Path, part: str, dtd: str, reference: bytes
) -> None:
    with zipfile.ZipFile(WORKBOOK) as archive:
        assert part in archive.namelist(), archive.namelist()
    attack = patched(WORKBOOK, tmp_path / "attack.xlsx", part, with_dtd(dtd, reference))
    edition = load_edition(ROOT_EDITION)
    message = refused_quickly(lambda: read_workbook(attack, edition), WorkbookError)
    assert part in message and "DTD" in message
    with Dataset.create(tmp_path / "a.jsd", "a", 2020) as dataset:
        refused_quickly(lambda: import_file(dataset, attack), WorkbookError)
        assert not dataset.has_figures()


def test_a_utf16_part_is_seen_too(tmp_path: Path) -> None:
    attack = patched(WORKBOOK, tmp_path / "u.xlsx", "xl/workbook.xml", with_dtd(EXTERNAL, encoding="utf-16"))
    assert "DTD" in refused_quickly(lambda: read_workbook(attack, load_edition(ROOT_EDITION)), WorkbookError)


@pytest.mark.parametrize("dtd", [LAUGHS, EXTERNAL])
def test_a_dtd_after_padding_in_a_sheet_is_refused_by_the_sheet_reader(tmp_path: Path, dtd: str) -> None:
    """The package check reads each part's first 64 KB; a sheet padded past that with a comment
    is stopped by the sheet's own parser before an entity is declared."""
    padding = "<!--" + "x" * 70_000 + "-->"
    attack = patched(
        WORKBOOK, tmp_path / "padded.xlsx", "xl/worksheets/sheet1.xml", with_dtd(padding + dtd, b"&lol9;")
    )
    message = refused_quickly(lambda: read_workbook(attack, load_edition(ROOT_EDITION)), WorkbookError)
    assert "xl/worksheets/sheet1.xml" in message and "DTD" in message


def test_entity_attacks_in_a_word_document_are_refused(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("收支总计1349.95万元。")
    plain = tmp_path / "plain.docx"
    document.save(str(plain))
    assert "1349.95" in read_text_document(plain)
    attack = patched(plain, tmp_path / "attack.docx", "word/document.xml", with_dtd(LAUGHS, b""))
    assert "DTD" in refused_quickly(lambda: read_text_document(attack), TextDocumentError)


def _formula_in_g05(tmp_path: Path, cached: str | None) -> Path:
    """The sample workbook with 公开05表 D10 (行政运行 基本支出) a formula, saved with `cached`."""
    book = openpyxl.load_workbook(WORKBOOK)
    book["公开05表"]["D10"] = "=D9-0"
    saved = tmp_path / "formula.xlsx"
    book.save(saved)
    if cached is None:
        return saved
    value = f"<v>{cached}</v>".encode()
    return patched(
        saved, tmp_path / "cached.xlsx", _part(saved, "公开05表"), lambda d: d.replace(b"<v></v>", value, 1)
    )


def _part(path: Path, title: str) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    index = book.sheetnames.index(title)
    return f"xl/worksheets/sheet{index + 1}.xml"


def test_a_formula_reads_as_its_saved_result_and_is_never_evaluated(tmp_path: Path) -> None:
    workbook = _formula_in_g05(tmp_path, cached="306.19")
    with zipfile.ZipFile(workbook) as archive:
        assert b"<f>D9-0</f><v>306.19</v>" in archive.read(_part(workbook, "公开05表"))
    values = read_workbook(workbook, load_edition(ROOT_EDITION)).values
    assert values["G05.2010601.basic"] == Decimal("306.19")  # evaluated it would be 467.57


def test_a_formula_without_a_saved_result_refuses_its_table(tmp_path: Path) -> None:
    workbook = _formula_in_g05(tmp_path, cached=None)
    with pytest.raises(WorkbookError, match="公开05表") as refused:
        read_workbook(workbook, load_edition(ROOT_EDITION))
    assert "D10" in refused.value.message and "保存" in refused.value.message


def test_a_formula_outside_the_tables_is_no_matter(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(WORKBOOK)
    book.create_sheet("备注")["A1"] = "=1+1"
    book.save(tmp_path / "note.xlsx")
    assert read_workbook(tmp_path / "note.xlsx", load_edition(ROOT_EDITION)).values
