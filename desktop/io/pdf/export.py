"""The PDF package of a dataset: cover, contents, then the parts of its edition's package in
their order (部门概况, 情况说明 with its figures, 名词解释, the published tables, the 绩效
attachments), in the bundled (embedded) CJK fonts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.platypus import NextPageTemplate, PageBreak

from desktop.atomic import write_bytes
from desktop.bulk import no_cycle_collection
from desktop.forms.package import Part
from desktop.io.pdf import doc as pdf_doc
from desktop.io.pdf.doc import PORTRAIT, Metadata, RunningText, frame_width
from desktop.io.pdf.figures import figures
from desktop.io.pdf.forms import form_block, page_template, table_layouts
from desktop.io.pdf.narrative import glossary, narrative
from desktop.io.pdf.part2 import explanation
from desktop.io.pdf.projects import project_block
from desktop.io.pdf.scores import scores_table
from desktop.io.pdf.sections import contents, cover, glossary_part, overview
from desktop.io.pdf.sides import PageLayout
from desktop.io.pdf.styles import styles
from desktop.io.pdf.toc import expected_entries, heading
from desktop.io.pdf.unit_tables import unit_table_pages
from desktop.io.release import Release
from desktop.io.table_notes import fill
from desktop.models.dataset import Dataset
from desktop.models.snapshot import Snapshot

__all__ = ["export_pdf"]


def _new_page(template: str) -> list[Any]:
    return [NextPageTemplate(template), PageBreak()]


def _tables(dataset: Dataset, part: Part, layouts: dict[str, PageLayout]) -> list[Any]:
    """Each table on a page of its own (landscape when wide); the part's title above the first."""
    story: list[Any] = [heading(fill(part.title, dataset), styles().h1, 0)]
    for index, (form_id, layout) in enumerate(layouts.items()):
        template = page_template(dataset.catalogue.form(form_id), layout)
        story += _new_page(template) if index else []
        story += form_block(dataset, part, index + 1, form_id, layout)
    return story


def _attachments(dataset: Dataset, snapshot: Snapshot, part: Part) -> list[Any]:
    s = styles()
    width = frame_width(PORTRAIT)
    story = [heading(fill(part.title, dataset), s.h1, 0)]
    if snapshot.projects:
        story.append(heading(part.projects, s.h2, 1))
        for project in snapshot.projects:
            story += project_block(dataset, project, width)
    if snapshot.scores:
        story += [PageBreak(), heading(part.scores, s.h2, 1), scores_table(dataset, width)]
    return story


def _part(dataset: Dataset, snapshot: Snapshot, part: Part, layouts: dict[str, PageLayout]) -> list[Any]:
    width = frame_width(PORTRAIT)
    if part.id == "overview":
        return overview(dataset, part, width)
    if part.id == "narrative":
        return explanation(narrative(snapshot, dataset.threshold), figures(dataset))
    if part.id == "glossary":
        return glossary_part(fill(part.title, dataset), glossary(snapshot))
    if part.id == "tables":
        return _tables(dataset, part, layouts) + unit_table_pages(snapshot)
    return _attachments(dataset, snapshot, part)


def _first_template(dataset: Dataset, part: Part, layouts: dict[str, PageLayout]) -> str:
    if part.id != "tables" or not layouts:
        return PORTRAIT
    form_id, layout = next(iter(layouts.items()))
    return page_template(dataset.catalogue.form(form_id), layout)


def story_of(dataset: Dataset) -> list[Any]:
    """Cover, contents, then the edition's parts in its order, each from a new page."""
    snapshot = dataset.snapshot()
    layouts = table_layouts(dataset)
    body: list[Any] = []
    for number, part in enumerate(dataset.edition.package.parts):
        page = [] if number == 0 else _new_page(_first_template(dataset, part, layouts))
        body += page + _part(dataset, snapshot, part, layouts)
    front = [*cover(dataset), *_new_page(PORTRAIT), *contents(expected_entries(body)), *_new_page(PORTRAIT)]
    return front + body


def export_pdf(dataset: Dataset, path: Path, release: Release) -> Path:
    """Write the PDF package of `dataset` to `path` (replaced atomically, never over the
    dataset's own files) and return the path: a draft (草稿 on every page) or for publication,
    whose subject and keywords record what the clerk confirmed publishing unfinished
    (desktop.io.release)."""
    path = Path(path)
    department = dataset.department
    title = f"{department.name}{department.year}年度部门决算"
    metadata = Metadata(release.subject(), release.keywords())
    sink = LastWrite()  # in memory first: a full disk then fails in one place, cleanly
    with no_cycle_collection():  # a collection would walk the dataset's objects for nothing
        pdf_doc.build(sink, story_of(dataset), RunningText(title, release.draft), title, metadata)
    return write_bytes(path, sink.data, dataset.protected())


class LastWrite:
    """A file for reportlab that keeps what was written last: a build writes the whole
    document in one call."""

    def __init__(self) -> None:
        self.data = b""

    def write(self, data: bytes) -> int:
        self.data = bytes(data)
        return len(data)
