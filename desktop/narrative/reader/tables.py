"""Flattened tables: tab-prefixed lines read back as rows and cells, and a project table's cells
bound to what they hold — (project, field) for the amounts and goals, (project, indicator, column)
for the indicator rows.

The layouts read: label/value pairs ("预算数 | 25.79 | 执行数 | 24.51"), a header of sides over rows
of items ("年初预算数 | 全年预算数 | 全年执行数" over "年度资金总额 | 其中：财政拨款 …"), a goal header
over its row, and an indicator header (一级指标 … 实际完成值) over its rows, aligned from the right
because merged cells leave the left ones out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from desktop.narrative.reader.words import Words

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"[\d,，.．]+")


@dataclass(frozen=True)
class TextCell:
    start: int
    end: int
    text: str  # the cell's lines joined, without spaces

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass(frozen=True)
class Role:
    """What a project table's cell holds: `field` is side:item for an amount ("budget:fiscal"),
    "goal_expected"/"goal_actual", or "indicator" with the indicator's position in its project
    and its column."""

    project: str
    unit: str
    field: str
    indicator: int = -1
    column: str = ""
    level2: str = ""
    name: str = ""


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[TextCell, ...], ...]
    money: bool = False  # a header says 万元: a cell holding a bare number is an amount
    roles: Mapping[tuple[int, int], Role] = field(default_factory=dict)
    projects: Mapping[int, tuple[str, str]] = field(
        default_factory=dict
    )  # row → (project, unit) named above it


def squeeze(text: str) -> str:
    return _SPACE.sub("", text).replace("\u3000", "")


def table_rows(text: str, lines: Sequence[tuple[int, int]]) -> tuple[tuple[TextCell, ...], ...]:
    """Rows are separated by blank lines; a tab starts a cell; a line without one continues it."""
    rows: list[list[list[tuple[int, int]]]] = [[]]
    for start, end in lines:
        line = text[start:end]
        if not line.startswith("\t") and not line.strip():
            if rows[-1]:
                rows.append([])
            continue
        if line.startswith("\t"):
            rows[-1].append([(start + 1, end)])
        elif rows[-1]:
            rows[-1][-1].append((start, end))
    return tuple(tuple(_cell(text, parts) for parts in row) for row in rows if row)


def _cell(text: str, parts: list[tuple[int, int]]) -> TextCell:
    joined = "".join(text[s:e] for s, e in parts)
    start, end = parts[0][0], parts[-1][1]
    while start < end and text[start] in " \t\u3000":
        start += 1
    while end > start and text[end - 1] in " \t\u3000\r":
        end -= 1
    return TextCell(start, end, squeeze(joined))


@dataclass
class _Binder:
    """Walks a table's rows once, binding cells to roles."""

    rows: tuple[tuple[TextCell, ...], ...]
    vocabulary: Words
    indicator_names: Mapping[str, str]  # printed column name → indicator column id
    project: str = ""
    unit: str = ""
    ordinal: int = 0  # the next indicator row's position within its project
    short: list[tuple[tuple[int, int], TextCell]] = field(default_factory=list)  # a row a blank line cut
    roles: dict[tuple[int, int], Role] = field(default_factory=dict)
    projects: dict[int, tuple[str, str]] = field(default_factory=dict)  # row → (project, unit)

    def words(self, key: str) -> tuple[str, ...]:
        return self.vocabulary.list("project_table", key)

    def has(self, cell: TextCell, key: str) -> bool:
        return any(word in cell.text for word in self.words(key))

    def bind(self) -> dict[tuple[int, int], Role]:
        mode, header = "", ()  # type: tuple[str, tuple[str, ...]]
        for r, row in enumerate(self.rows):
            named = self._names(row)
            if self.project:
                self.projects[r] = (self.project, self.unit)
            if named or not self.project:
                mode = "" if named else mode
                continue
            if columns := self._indicator_header(row):
                mode, header = "indicator", columns
            elif self._goal_header(row):
                mode = "goal"
            elif mode == "indicator" and self._indicator_cells(r, row, header):
                continue
            elif sides := self._side_header(row):
                mode, header = "sides", sides
            elif mode == "goal":
                self._goal_row(r, row)
                mode = ""
            elif mode == "sides" and self._item_row(r, row, header):
                continue
            else:
                mode = ""
                self._pairs(r, row)
        return self.roles

    def _names(self, row: tuple[TextCell, ...]) -> bool:
        """A row naming the project (and its unit) starts the next project's cells."""
        found = False
        for i, cell in enumerate(row[:-1]):
            if cell.text in self.words("name"):
                self.project, self.unit, self.ordinal, found = row[i + 1].text, "", 0, True
            elif cell.text in self.words("unit"):
                self.unit, found = row[i + 1].text, True
        return found

    def _role(self, r: int, c: int, what: str, **extra: object) -> None:
        self.roles[(r, c)] = Role(self.project, self.unit, what, **extra)  # type: ignore[arg-type]

    # -- amounts ---------------------------------------------------------------------------
    def _side(self, cell: TextCell) -> str:
        if self.has(cell, "rate"):
            return "rate"
        for side in ("initial", "budget", "actual"):
            if self.has(cell, side):
                return side
        return ""

    def _item(self, cell: TextCell) -> str:
        for item in ("fiscal", "other", "carry"):
            if self.has(cell, item):
                return item
        return "total"

    def _pairs(self, r: int, row: tuple[TextCell, ...]) -> None:
        """Label/value pairs: an item without a side word is the budget's first, the actual's second."""
        seen: dict[str, int] = {}
        for c in range(len(row) - 1):
            label, value = row[c], row[c + 1]
            if label.blank or _NUMBER.fullmatch(label.text) or not _is_value(value):
                continue
            side, item = self._side(label), self._item(label)
            if not side and item == "total":
                continue
            count = seen[item] = seen.get(item, 0) + 1
            side = side or ("budget" if count == 1 else "actual")
            self._role(r, c + 1, f"{side}:{item}")

    def _side_header(self, row: tuple[TextCell, ...]) -> tuple[str, ...]:
        sides = tuple(self._side(cell) for cell in row)
        labels = not any(re.search(r"\d", c.text) for c in row)
        return sides if sum(1 for s in sides if s) >= 2 and labels else ()

    def _item_row(self, r: int, row: tuple[TextCell, ...], sides: tuple[str, ...]) -> bool:
        if not row or not any(_is_value(c) for c in row[1:]):
            return False
        item = self._item(row[0])
        for offset, cell in enumerate(reversed(row)):
            side = sides[-1 - offset] if offset < len(sides) else ""
            if side and _is_value(cell):
                self._role(r, len(row) - 1 - offset, f"{side}:{item}")
        return True

    # -- goals and indicators --------------------------------------------------------------
    def _goal_header(self, row: tuple[TextCell, ...]) -> bool:
        return any(self.has(c, "goal_header") for c in row) and any(self.has(c, "goal_actual") for c in row)

    def _goal_row(self, r: int, row: tuple[TextCell, ...]) -> None:
        texts = [c for c in range(len(row)) if not row[c].blank]
        for column, name in zip(texts[-2:], ("goal_expected", "goal_actual"), strict=False):
            self._role(r, column, name)

    def _column_of(self, cell: TextCell) -> str:
        for printed, column in self.indicator_names.items():
            if cell.text.startswith(printed):
                return column
        return ""

    def _indicator_header(self, row: tuple[TextCell, ...]) -> tuple[str, ...]:
        columns = tuple(self._column_of(cell) for cell in row)
        return columns if sum(1 for c in columns if c) >= 3 else ()

    def _indicator_cells(self, r: int, row: tuple[TextCell, ...], header: tuple[str, ...]) -> bool:
        """An indicator row; a short row right after a short one is the rest of it (a blank line cut it)."""
        cells = [((r, c), cell) for c, cell in enumerate(row)]
        if self.short and len(self.short) + len(cells) <= len(header) + 1 and len(cells) < 3:
            cells = self.short + cells
            self.ordinal -= 1
        if not self._indicator_row(cells, header):
            self.short = []
            return False
        self.short = cells if len(cells) < len(header) else []
        return True

    def _indicator_row(self, cells: list[tuple[tuple[int, int], TextCell]], header: tuple[str, ...]) -> bool:
        if len(cells) < min(3, len(header)):
            return False
        aligned = {header[-1 - k]: cells[-1 - k] for k in range(min(len(cells), len(header)))}
        if all(cell.blank for _at, cell in aligned.values()):
            return False
        level2 = aligned["level2"][1].text if "level2" in aligned else ""
        name = aligned["name"][1].text if "name" in aligned else ""
        for column, ((r, c), _cell) in aligned.items():
            if column:
                self._role(r, c, "indicator", indicator=self.ordinal, column=column, level2=level2, name=name)
        self.ordinal += 1
        return True


def _is_value(cell: TextCell) -> bool:
    return bool(cell.text) and bool(_NUMBER.match(cell.text))


def bind_table(
    rows: tuple[tuple[TextCell, ...], ...], vocabulary: Words, indicator_names: Mapping[str, str]
) -> Table:
    money = any(word in cell.text for row in rows for cell in row for word in vocabulary.list(
        "project_table", "money_header"
    ))  # fmt: skip
    binder = _Binder(rows, vocabulary, indicator_names)
    roles = binder.bind()
    return Table(rows, money, roles, binder.projects)
