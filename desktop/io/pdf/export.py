"""The PDF package of a dataset: cover, contents, 部门概况, 情况说明 with 图1–图7, 名词解释,
the nine public tables and the 绩效 tables, in the bundled (embedded) CJK fonts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.platypus import NextPageTemplate, PageBreak

from desktop.atomic import write_bytes
from desktop.io.pdf import doc as pdf_doc
from desktop.io.pdf.doc import PORTRAIT, RunningText, frame_width
from desktop.io.pdf.figures import figures
from desktop.io.pdf.forms import PUBLIC_FORMS, form_block, page_template
from desktop.io.pdf.narrative import glossary, narrative
from desktop.io.pdf.part2 import explanation
from desktop.io.pdf.projects import project_block
from desktop.io.pdf.scores import scores_table
from desktop.io.pdf.sections import contents, cover, glossary_part, overview
from desktop.io.pdf.styles import styles
from desktop.io.pdf.toc import expected_entries, heading
from desktop.models.dataset import Dataset
from desktop.models.snapshot import Snapshot

__all__ = ["export_pdf"]


def _new_page(template: str) -> list[Any]:
    return [NextPageTemplate(template), PageBreak()]


def _tables(dataset: Dataset) -> list[Any]:
    story: list[Any] = []
    for index, form_id in enumerate(PUBLIC_FORMS):
        template = page_template(dataset, form_id)
        story += _new_page(template)
        if index == 0:
            year = dataset.department.year
            story.append(heading(f"第四部分 {year}年度部门决算表", styles().h1, 0))
        story += form_block(dataset, form_id, template)
    return story


def _attachments(dataset: Dataset, snapshot: Snapshot) -> list[Any]:
    s = styles()
    width = frame_width(PORTRAIT)
    story = [*_new_page(PORTRAIT), heading("第五部分 附件", s.h1, 0)]
    if snapshot.projects:
        story.append(heading("附件1 项目支出绩效自评表", s.h2, 1))
        for project in snapshot.projects:
            story += project_block(dataset, project, width)
    if snapshot.scores:
        story += [PageBreak(), heading("附件2 部门整体支出绩效评价表", s.h2, 1), scores_table(dataset, width)]
    return story


def story_of(dataset: Dataset) -> list[Any]:
    snapshot = dataset.snapshot()
    width = frame_width(PORTRAIT)
    year = dataset.department.year
    body = [
        *overview(dataset, width),
        *_new_page(PORTRAIT),
        *explanation(narrative(snapshot), figures(dataset), year),
        *_new_page(PORTRAIT),
        *glossary_part(glossary(snapshot)),
        *_tables(dataset),
        *_attachments(dataset, snapshot),
    ]
    front = [*cover(dataset), *_new_page(PORTRAIT), *contents(expected_entries(body)), *_new_page(PORTRAIT)]
    return front + body


def export_pdf(dataset: Dataset, path: Path) -> Path:
    """Write the PDF package of `dataset` to `path` (replaced atomically, never over the
    dataset's own files) and return the path."""
    path = Path(path)
    department = dataset.department
    title = f"{department.name}{department.year}年度部门决算"
    sink = LastWrite()  # in memory first: a full disk then fails in one place, cleanly
    pdf_doc.build(sink, story_of(dataset), RunningText(title), title)
    return write_bytes(path, sink.data, dataset.protected())


class LastWrite:
    """A file for reportlab that keeps what was written last: each pass of a multiBuild
    writes the whole document in one call, and the last pass is the finished one."""

    def __init__(self) -> None:
        self.data = b""

    def write(self, data: bytes) -> int:
        self.data = bytes(data)
        return len(data)
