from __future__ import annotations

from pathlib import Path

import docx
import pytest

from desktop.io.text_document import TextDocumentError, read_text_document

SAMPLE = "2020年度收、支总计1349.95万元。"


def test_txt_in_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    assert read_text_document(path) == SAMPLE


def test_txt_in_utf8_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(("\ufeff" + SAMPLE + "\r\n第二行").encode("utf-8"))
    assert read_text_document(path) == SAMPLE + "\n第二行"


def test_txt_in_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(SAMPLE.encode("gb18030"))
    assert read_text_document(path) == SAMPLE


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("一、收入支出决算总体情况说明")
    document.add_paragraph(SAMPLE)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "预算数"
    table.rows[0].cells[1].text = "25.79"
    path = tmp_path / "a.docx"
    document.save(str(path))
    text = read_text_document(path)
    assert text.splitlines()[:2] == ["一、收入支出决算总体情况说明", SAMPLE]
    assert "\t预算数\n\t25.79" in text


def test_unsupported_suffix_is_a_chinese_error(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(TextDocumentError, match=r"只支持 \.txt 或 \.docx"):
        read_text_document(path)


def test_damaged_docx_is_a_chinese_error(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(TextDocumentError, match="不是有效的 Word"):
        read_text_document(path)


def test_missing_file_is_a_chinese_error(tmp_path: Path) -> None:
    with pytest.raises(TextDocumentError, match="找不到文件"):
        read_text_document(tmp_path / "none.txt")


def test_undecodable_txt_is_a_chinese_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xff\xff\xff")
    with pytest.raises(TextDocumentError, match="GB18030"):
        read_text_document(path)
