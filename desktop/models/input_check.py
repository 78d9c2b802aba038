"""Whether typed or pasted text would be accepted, cell by cell, before anything is written:
a paste is refused as a whole, and the clerk is shown the first cell that stops it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.models.values import CellError, parse_cell_value
from desktop.money import AmountError

if TYPE_CHECKING:
    from desktop.models.dataset import Dataset


@dataclass(frozen=True)
class Refusal:
    cell: str | None  # the first cell that cannot take its text (None: not about one cell)
    message: str


def first_refusal(
    dataset: Dataset, values: Mapping[str, str | None], year: str = "current"
) -> Refusal | None:
    for cell_id, text in values.items():
        try:
            cell = dataset.cell_def(cell_id, year)
            if cell.computed:
                raise CellError(f"{cell_id} 是计算单元格（由公式得出），不能直接填写")
            parse_cell_value(cell, text)
        except (AmountError, CellError) as exc:
            return Refusal(cell_id, str(exc))
    return None
