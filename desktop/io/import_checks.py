"""Is this the right file? The year (and the department) a workbook or interchange file states,
against the dataset's: this year's figures must be of the dataset's year, last year's (--prior)
of the year before. A mismatch is shown in the preview and needs the clerk's confirmation
(`--force` in the CLI); a file that states nothing is not held up."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.models.interchange import InterchangeError
from desktop.models.snapshot import Department

_NOISE = re.compile(r"[\s（）()【】\[\]·・、,，.。:：\-—_]")


@dataclass(frozen=True)
class Mismatch:
    what: str  # "year" | "name"
    found: str
    expected: str

    def text(self) -> str:
        if self.what == "year":
            return f"文件为 {self.found} 年度，应为 {self.expected} 年度"
        return f"文件的编制单位为“{self.found}”，数据文件的单位为“{self.expected}”"

    def as_json(self) -> dict[str, str]:
        return {"what": self.what, "found": self.found, "expected": self.expected}


class MismatchError(InterchangeError):
    """The file is of another year or department; importing needs `force`."""

    def __init__(self, mismatches: list[Mismatch]) -> None:
        self.mismatches = mismatches
        super().__init__(
            "文件与数据文件不一致，未导入（确认无误后可用 --force 导入）：", [m.text() for m in mismatches]
        )


def _same_name(found: str, expected: str) -> bool:
    """Names as reports write them (spaces, brackets): one containing the other is the same unit."""
    a, b = _NOISE.sub("", found), _NOISE.sub("", expected)
    return not a or not b or a in b or b in a


def mismatches(department: Department, year: int | None, name: str | None, *, prior: bool) -> list[Mismatch]:
    """What a file states that does not fit the dataset (prior: last year's figures)."""
    found: list[Mismatch] = []
    expected_year = department.year - 1 if prior else department.year
    if year and department.year and year != expected_year:
        found.append(Mismatch("year", str(year), str(expected_year)))
    if name and department.name and not _same_name(name, department.name):
        found.append(Mismatch("name", name.strip(), department.name))
    return found


def require_match(found: list[Mismatch], *, force: bool) -> None:
    if found and not force:
        raise MismatchError(found)
