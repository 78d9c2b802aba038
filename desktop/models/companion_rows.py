"""The rows a finding about a missing row asks for (desktop.rules.companions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.forms.structure import code_level
from desktop.rules.companions import missing_rows, sources_of
from desktop.rules.finding import Finding

if TYPE_CHECKING:
    from desktop.models.dataset import Dataset


def missing_item_rows(dataset: Dataset, finding: Finding) -> list[tuple[str, str]]:
    """The input rows (项) to add so that a finding about a missing row goes away: the row
    itself, or for a missing 类/款 the rows under it that the other forms of the rule have."""
    found: dict[tuple[str, str], None] = {}
    sources = sources_of(dataset._memory.row_needs, finding.rule)
    for form, row in missing_rows(dataset._memory.row_needs, finding.rule, finding.cells, dataset.cells()):
        level = dataset.catalogue.form(form).input_level
        if code_level(row) == level:
            found[(form, row)] = None
            continue
        present = set(dataset.rows(form))
        for source in sorted(sources):
            for item in dataset.rows(source):
                if item.startswith(row) and code_level(item) == level and item not in present:
                    found[(form, item)] = None
    return list(found)
