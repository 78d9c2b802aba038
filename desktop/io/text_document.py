"""Reading a 情况说明 document as plain text: a .txt (UTF-8, UTF-8 with BOM, or GB18030) or a .docx."""

from __future__ import annotations

from pathlib import Path

from desktop.io.xml_safety import UnsafeXml, check_parts

TEXT_ENCODINGS = ("utf-8-sig", "gb18030")
SUPPORTED = (".txt", ".docx")


class TextDocumentError(ValueError):
    """A document that cannot be read as text; the message is Chinese and names the file."""


def read_text_document(path: str | Path) -> str:
    """The plain text of a .txt or .docx file (paragraphs and table cells, one per line)."""
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in SUPPORTED:
        raise TextDocumentError(f"无法读取“{file.name}”：只支持 .txt 或 .docx 格式的文本文件")
    if not file.is_file():
        raise TextDocumentError(f"找不到文件“{file}”")
    return _read_txt(file) if suffix == ".txt" else _read_docx(file)


def _read_txt(file: Path) -> str:
    data = file.read_bytes()
    for encoding in TEXT_ENCODINGS:
        try:
            return data.decode(encoding).replace("\r\n", "\n")
        except UnicodeDecodeError:
            continue
    raise TextDocumentError(f"无法读取“{file.name}”：文件编码既不是 UTF-8 也不是 GB18030")


def _read_docx(file: Path) -> str:
    import docx  # python-docx; imported here so that reading .txt needs nothing else

    try:
        check_parts(file)
    except UnsafeXml as exc:
        raise TextDocumentError(str(exc)) from exc
    try:
        document = docx.Document(str(file))
    except Exception as exc:  # not a zip, not a package, damaged XML: all the same to the clerk
        raise TextDocumentError(f"无法读取“{file.name}”：不是有效的 Word (.docx) 文件") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(f"\t{cell.text}" for cell in row.cells)
    return "\n".join(lines)
