"""The floors: the bare operation each of our figures is set against, measured in the same run.

- a bare `sqlite3` UPDATE + commit with the dataset file's pragmas, in a table of as many rows;
- an openpyxl read-only scan of the same workbook (every value visited);
- an openpyxl write-only workbook of the same cells (the values our export wrote);
- a reportlab canvas drawing the same strings (pdftotext of our PDF, page by page, our font).
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

from bench.measure import Sample, repeat
from desktop.models.store.files import PRAGMAS


def bare_commits(folder: Path, rows: int, times: int) -> list[Sample]:
    db = sqlite3.connect(folder / "floor.sqlite", isolation_level=None)
    for name, value in PRAGMAS.items():
        db.execute(f"PRAGMA {name} = {value}")
    db.execute("CREATE TABLE cell (cell TEXT PRIMARY KEY, value TEXT)")
    db.executemany("INSERT INTO cell VALUES (?, ?)", ((f"G05.{n}.amount", "1.00") for n in range(rows)))
    counter = iter(range(10**9))

    def commit() -> None:
        n = next(counter)
        db.execute("BEGIN")
        db.execute("UPDATE cell SET value = ? WHERE cell = ?", (f"{n}.50", f"G05.{n % rows}.amount"))
        db.execute("COMMIT")

    samples = repeat(commit, times)
    db.close()
    return samples


def read_only_scan(path: Path, times: int) -> list[Sample]:
    import openpyxl

    def scan() -> None:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                for _value in row:
                    pass
        book.close()

    return repeat(scan, times)


def workbook_cells(path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    """The values of a written workbook, sheet by sheet (read outside any timing)."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    sheets = [(s.title, [tuple(r) for r in s.iter_rows(values_only=True)]) for s in book.worksheets]
    book.close()
    return sheets


def write_only(folder: Path, sheets: list[tuple[str, list[tuple[object, ...]]]], times: int) -> list[Sample]:
    from openpyxl import Workbook

    def write() -> None:
        book = Workbook(write_only=True)
        for title, rows in sheets:
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        book.save(folder / "floor.xlsx")

    return repeat(write, times)


def pdf_pages(path: Path) -> list[list[str]]:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return [page.splitlines() for page in done.stdout.split("\f") if page.strip()]


def canvas(folder: Path, pages: list[list[str]], times: int) -> list[Sample]:
    """The same strings drawn line by line on A4 pages with our (already registered) font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from desktop.io.pdf.fonts import SANS, register_fonts

    register_fonts()

    def draw() -> None:
        pdf = Canvas(str(folder / "floor.pdf"), pagesize=A4)
        for lines in pages:
            pdf.setFont(SANS, 7)
            for n, line in enumerate(lines):
                pdf.drawString(20, A4[1] - 20 - n * 8, line)
            pdf.showPage()
        pdf.save()

    return repeat(draw, times)
