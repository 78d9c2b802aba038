"""A large workbook written straight as XML (seconds, no openpyxl): one sheet of numbers and
texts, `rows` × `cols`, about 52 MB for the default size: the workbook that took 80 s and
3.7 GB to refuse before the import limits. Used by bench/run.py and the hardening tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl.utils import get_column_letter

ROWS = 560_000
COLS = 12
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
        '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
        'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/relationships"><Relationship Id="rId1" Type="{_REL_NS}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} xmlns:r="{_REL_NS}"><sheets>'
        '<sheet name="公开01表" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/relationships"><Relationship Id="rId1" Type="{_REL_NS}/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def _row(number: int, cols: int) -> str:
    cells = [f'<c r="A{number}" t="inlineStr"><is><t>项目{number}</t></is></c>']
    cells += [
        f'<c r="{get_column_letter(col)}{number}"><v>{(number * 7919 + col * 104729) % 1000003 / 100}</v></c>'
        for col in range(2, cols + 1)
    ]
    return f'<row r="{number}">{"".join(cells)}</row>'


def write_big_workbook(path: Path, rows: int = ROWS, cols: int = COLS) -> Path:
    """Write the workbook to `path` (streamed, so memory stays small) and return it."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}><sheetData>'.encode())
            for start in range(1, rows + 1, 1000):
                chunk = "".join(_row(n, cols) for n in range(start, min(start + 1000, rows + 1)))
                sheet.write(chunk.encode())
            sheet.write(b"</sheetData></worksheet>")
    return path
