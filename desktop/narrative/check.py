"""情况说明 against the figures: the narrative reader's findings (see `desktop/narrative/reader/`).

`check_text` keeps the shape the CLI, the 情况说明 page and the tests have always used; `read_text`
also says, for every figure, whether it was checked and why not, with a summary.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from desktop.models.snapshot import Snapshot
from desktop.narrative.reader.report import FigureResult, Reading, Summary, read_text
from desktop.narrative.reader.verdicts import TextFinding

Located = TypeVar("Located", TextFinding, FigureResult)


def check_text(snapshot: Snapshot, text: str) -> list[TextFinding]:
    """Findings in text order; each names the figure, both numbers, the span, its kind and scope."""
    return list(read_text(snapshot, text).findings)


def read_section(snapshot: Snapshot, heading: str, body: str) -> Reading:
    """One section as the 情况说明 page edits it: read under its numbered heading, which opens its
    scope (五、一般公共预算… makes each 项 a G05 figure), with positions in the body."""
    head = f"{heading}\n"
    reading = read_text(snapshot, head + body)
    shift = len(head)
    return Reading(_in_body(reading.findings, shift), _in_body(reading.figures, shift), reading.summary)


def _in_body(items: tuple[Located, ...], shift: int) -> tuple[Located, ...]:
    return tuple(replace(i, start=i.start - shift, end=i.end - shift) for i in items if i.start >= shift)


__all__ = [
    "FigureResult", "Reading", "Summary", "TextFinding", "check_text", "read_section", "read_text",
]  # fmt: skip
