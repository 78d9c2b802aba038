"""How a classified form's 项 rows nest under their 款 and 类, counted as rows come and go, so
the rows right under a code are found without scanning the form (a new row redefines its 款,
类 and 合计 rows, each a sum of the rows right under it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable

ALL = ""  # the parent of the 类 codes (the 合计 row)


class CodeTree:
    """The codes right under each 类/款 code (and under the 合计), each with how many rows hold it."""

    def __init__(self, rows: Iterable[str]) -> None:
        self.under: dict[str, Counter[str]] = {}
        self.odd = 0  # rows that are not 5- or 7-digit codes: the tree does not answer for them
        for row in rows:
            self.count(row, 1)

    def count(self, row: str, step: int) -> None:
        """A row added (step 1) or removed (-1)."""
        if not (row.isdigit() and len(row) in (5, 7)):
            self.odd += step
            return
        for parent, child in ((ALL, row[:3]), (row[:3], row[:5]), (row[:5], row)):
            if parent == child:
                continue
            counts = self.under.setdefault(parent, Counter())
            counts[child] += step
            if counts[child] <= 0:
                del counts[child]
                if not counts:
                    del self.under[parent]

    def children(self, code: str) -> list[str] | None:
        """The codes right under a 类/款 code or ALL, in code order; None when the form holds
        rows the tree does not know how to place."""
        if self.odd:
            return None
        return sorted(self.under.get(code, ()))

    def classes(self) -> Collection[str] | None:
        """The 类 codes the rows lie under, unordered; None as for `children`."""
        if self.odd:
            return None
        return self.under.get(ALL, Counter()).keys()
