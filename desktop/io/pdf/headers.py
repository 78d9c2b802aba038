"""Banded table headers: column paths (band, …, name) become header rows with merged cells."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Cell = tuple[int, int]  # (column, row) as reportlab's SPAN command counts them


@dataclass(frozen=True)
class Header:
    rows: tuple[tuple[str, ...], ...]  # labels, "" where a merged cell continues
    spans: tuple[tuple[Cell, Cell], ...]

    @property
    def depth(self) -> int:
        return len(self.rows)


def _band_end(paths: Sequence[tuple[str, ...]], start: int, row: int) -> int:
    """The last column sharing the band of `start` on header row `row`."""
    end = start
    prefix = paths[start][: row + 1]
    while end + 1 < len(paths) and len(paths[end + 1]) > row + 1 and paths[end + 1][: row + 1] == prefix:
        end += 1
    return end


def build_header(paths: Sequence[tuple[str, ...]]) -> Header:
    """A band spans its columns horizontally; a leaf label spans down to the last header row."""
    depth = max(len(p) for p in paths)
    rows = [[""] * len(paths) for _ in range(depth)]
    spans: list[tuple[Cell, Cell]] = []
    for row in range(depth):
        col = 0
        while col < len(paths):
            path = paths[col]
            if len(path) <= row:
                col += 1
                continue
            rows[row][col] = path[row]
            leaf = row == len(path) - 1
            end = col if leaf else _band_end(paths, col, row)
            if leaf and row < depth - 1:
                spans.append(((col, row), (col, depth - 1)))
            elif end > col:
                spans.append(((col, row), (end, row)))
            col = end + 1
    return Header(tuple(tuple(r) for r in rows), tuple(spans))
