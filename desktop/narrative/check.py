"""情况说明 against the figures: the narrative reader's findings (see `desktop/narrative/reader/`).

`check_text` keeps the shape the CLI, the 情况说明 page and the tests have always used; `read_text`
also says, for every figure, whether it was checked and why not, with a summary.
"""

from __future__ import annotations

from desktop.models.snapshot import Snapshot
from desktop.narrative.reader.report import FigureResult, Reading, Summary, read_text
from desktop.narrative.reader.verdicts import TextFinding


def check_text(snapshot: Snapshot, text: str) -> list[TextFinding]:
    """Findings in text order; each names the figure, both numbers, the span, its kind and scope."""
    return list(read_text(snapshot, text).findings)


__all__ = ["FigureResult", "Reading", "Summary", "TextFinding", "check_text", "read_text"]
