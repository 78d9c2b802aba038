"""Tab-separated blocks as Excel and WPS put them on the clipboard."""

from __future__ import annotations

import csv
import io


def parse_block(text: str) -> list[list[str]]:
    """Rows of cells; a trailing line break (Excel always adds one) is not an extra row.
    Quoted cells (Excel quotes a cell holding a line break or a tab) are unquoted."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").removesuffix("\n")
    if not text:
        return []
    if '"' not in text:
        return [line.split("\t") for line in text.split("\n")]
    return list(csv.reader(io.StringIO(text), delimiter="\t"))


def format_block(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return buffer.getvalue()
