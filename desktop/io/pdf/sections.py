"""The text parts of the package: cover, contents, the 部门概况 part and the 名词解释 part."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Spacer, TableStyle
from reportlab.platypus.tableofcontents import defaultTableStyle

from desktop.forms.package import OverviewItem, Part
from desktop.io.pdf.fonts import SANS
from desktop.io.pdf.grid import grid
from desktop.io.pdf.kinsoku import KinsokuParagraph, plain
from desktop.io.pdf.ruled_layout import Style
from desktop.io.pdf.styles import styles
from desktop.io.pdf.toc import Contents, PageNumbers, heading
from desktop.io.table_notes import fill
from desktop.models.dataset import Dataset


def paragraphs(text: str, style: Any | None = None) -> list[Any]:
    """One KinsokuParagraph per non-empty line of a clerk's or drafted text."""
    chosen = style or styles().body
    return [plain(line, chosen) for line in text.splitlines() if line.strip()]


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")


def prepared_on(dataset: Dataset) -> str:
    """编制日期 as the clerk set it (F00.date): 2021-05-20 or 2021/5/20 reads 2021年5月20日;
    other wording prints as typed; blank prints blank (the export date is never the report's)."""
    value = dataset.get("F00.date.value")
    text = value.strip() if isinstance(value, str) else ""
    match = _DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    if match is None:
        return text
    year, month, day = (int(part) for part in match.groups())
    return f"{year}年{month}月{day}日"


def cover(dataset: Dataset) -> list[Any]:
    s = styles()
    department = dataset.department
    return [
        Spacer(1, 150),
        plain(department.name, s.cover_title),
        plain(f"{department.year}年度部门决算", s.cover_title),
        Spacer(1, 220),
        plain(f"编制单位：{department.name}", s.cover_line),
        plain(f"编制日期：{prepared_on(dataset)}", s.cover_line),
    ]


def contents(entries: Sequence[tuple[int, str, int, str]]) -> list[Any]:
    """目录, pre-filled with the headings the story will list (their page numbers come later)."""
    s = styles()
    # Every reportlab Table sets its cells' font even for Paragraph cells: name ours, or Helvetica creeps in.
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS)], parent=defaultTableStyle)
    toc = Contents(entries, PageNumbers(), dotsMinLevel=0, tableStyle=style)
    toc.levelStyles = list(s.toc)
    return [KinsokuParagraph("目  录", s.h1), toc]


def _units_table(dataset: Dataset, item: OverviewItem, width: float) -> Any:
    """序号 | 单位名称 | a third column: each unit's kind (单位性质) or left blank (备注)."""
    rows = [list(item.units[:3])]
    rows += [[str(i), u.name, u.kind if item.kinds else ""] for i, u in enumerate(dataset.units, start=1)]
    centred = Style(align=[((0, 1), (0, -1), "CENTER")])
    return grid(rows, [width * 0.1, width * 0.6, width * 0.3], [0], [], centred)


def _item(dataset: Dataset, item: OverviewItem, width: float) -> list[Any]:
    s = styles()
    heading_text = fill(item.heading, dataset)
    text = dataset.text(item.text) if item.text else ""
    if item.optional and not text:
        return []
    head = heading(heading_text, s.h2, 1) if item.level == 1 else plain(heading_text, s.h3)
    body = paragraphs(text or item.missing) if item.text else []
    return [head, *body, *([_units_table(dataset, item, width)] if item.units else [])]


def overview(dataset: Dataset, part: Part, width: float) -> list[Any]:
    """第一部分: the part's title, then each heading of the edition with what follows it."""
    flowables = [heading(fill(part.title, dataset), styles().h1, 0)]
    for item in part.items:
        flowables += _item(dataset, item, width)
    return flowables


def glossary_part(title: str, text: str) -> list[Any]:
    s = styles()
    return [heading(title, s.h1, 0), *paragraphs(text or "（无）", s.body)]
