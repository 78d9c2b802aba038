"""Rows keyed by a subject code: the 功能分类 tables (公开02/03/05/08/09表, codes of 3/5/7
digits) and the 经济分类 table (公开06表, codes of 3/5 digits, 人员经费 ‖ 公用经费). A code is
written whole, split over 类 | 款 | 项 columns, in front of its name, or known by its name alone;
the names printed beside codes are collected (a code the edition's list lacks keeps its name)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.io.workbook.layout import SideRow, label_name
from desktop.io.workbook.text import norm, split_code, strip_numbering

NameToCode = Callable[[str, "str | None"], "str | None"]
Mapped = tuple[dict[str, Decimal], list[tuple[int, str]]]
_TOTALS = {"合计", "总计", "本年合计"}
_ECONOMIC_TOTALS = (("人员经费", "staff_total"), ("公用经费", "public_total"))


@dataclass
class CodeContext:
    """The 类 and 款 above the current row: they complete split codes and scope names."""

    lei: str = ""
    kuan: str = ""

    def enter(self, code: str) -> None:
        self.lei = code[:3]
        self.kuan = code[:5] if len(code) >= 5 else ""

    def parents(self) -> tuple[str | None, ...]:
        return (*dict.fromkeys(code for code in (self.kuan, self.lei) if code), None)


@dataclass
class Names:
    """The names a workbook prints beside its codes, by (code list kind, code)."""

    kind: str
    found: dict[tuple[str, str], str] = field(default_factory=dict)

    def note(self, code: str, labels: dict[str, str]) -> None:
        name = label_name(labels)
        if name and not name.isdigit():
            self.found.setdefault((self.kind, code), name)


def map_classified(form: str, rows: Iterable[SideRow], name_to_code: NameToCode, names: Names) -> Mapped:
    values: dict[str, Decimal] = {}
    unmatched: list[tuple[int, str]] = []
    context = CodeContext()
    for row in rows:
        key = _total_key(row) or _functional_code(row, context, name_to_code)
        if key is not None and key != "total":
            context.enter(key)
            names.note(key, row.labels)
        if not row.has_figures:
            continue
        if key is None:
            unmatched.append((row.row, row.text()))
            continue
        values.update({f"{form}.{key}.{col}": amount for col, amount in row.filled().items()})
    return values, unmatched


def map_economic(form: str, rows: Iterable[SideRow], name_to_code: NameToCode, names: Names) -> Mapped:
    """经济分类 tables (公开06表): 类 (3 digits) and 款 (5), written whole, split over 类 | 款
    columns or known by name; each side of a double-column table keeps its own 类."""
    values: dict[str, Decimal] = {}
    unmatched: list[tuple[int, str]] = []
    contexts: dict[int, CodeContext] = {}
    for row in rows:
        context = contexts.setdefault(row.side.index, CodeContext())
        key = _economic_key(row, context, name_to_code)
        if key is not None and key.isdigit():
            context.enter(key)
            names.note(key, row.labels)
        if not row.has_figures:
            continue
        if key is None:
            unmatched.append((row.row, row.text()))
            continue
        values.update({f"{form}.{key}.{col}": amount for col, amount in row.filled().items()})
    return values, unmatched


def _total_key(row: SideRow) -> str | None:
    texts = {strip_numbering(text) for text in row.labels.values() if text}
    return "total" if texts & _TOTALS else None


def _economic_key(row: SideRow, context: CodeContext, name_to_code: NameToCode) -> str | None:
    joined = "".join(norm(text) for text in row.labels.values())
    if "合计" in joined or "总计" in joined:
        found = [key for word, key in _ECONOMIC_TOTALS if word in joined]
        return found[0] if len(found) == 1 else "total"
    code = _functional_code(row, context, name_to_code)
    return code if code is not None and len(code) in (3, 5) else None


def _functional_code(row: SideRow, context: CodeContext, name_to_code: NameToCode) -> str | None:
    if any(kind in row.labels for kind in ("lei", "kuan", "xiang")):
        code = _split_columns(row.labels, context)
        if code is not None:
            return code
    code = _written_code(row)
    if code is not None:
        return code
    name = label_name(row.labels)
    return resolve_name(name, context.parents(), name_to_code) if name else None


def _written_code(row: SideRow) -> str | None:
    """A code in the code column, or in front of the name (`2010601 行政运行`)."""
    for kind in ("code", "name"):
        code, _name = split_code(row.labels.get(kind, ""))
        if code is not None:
            return code
    return None


def _split_columns(labels: dict[str, str], context: CodeContext) -> str | None:
    """类 | 款 | 项 columns, either short ("201" | "06" | "01") or full ("201" | "20106" | …);
    a blank upper column takes the 类/款 of the rows above."""
    code = ""
    for kind, width, inherited in (("lei", 3, ""), ("kuan", 5, context.lei), ("xiang", 7, context.kuan)):
        part = norm(labels.get(kind, ""))
        if not part:
            continue
        if not part.isdigit():
            return None
        code = part if len(part) == width else (code or inherited) + part
        if len(code) != width:
            return None
    return code or None


def resolve_name(name: str, parents: tuple[str | None, ...], name_to_code: NameToCode) -> str | None:
    """The nearest parent that knows the name wins (其他城乡社区支出 is both 款 and 项)."""
    for parent in parents:
        code = name_to_code(name, parent)
        if code and code.isdigit() and len(code) in (3, 5, 7):
            return code
    return None
