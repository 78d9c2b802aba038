"""A read-only picture of one dataset: what narrative, exports and checks read.

It holds plain values (no peewee, no Qt). `Dataset.snapshot()` builds it from the store with
every computed cell filled in; tests may build it straight from an interchange document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from desktop.forms.edition import ROOT_EDITION, Edition, load_edition
from desktop.forms.naming import Naming
from desktop.money import AmountError, parse_amount

UNIT_KINDS = ("行政单位", "参照公务员法管理事业单位", "其他事业单位")
UNIT_KIND_ALIASES = {"参公事业单位": "参照公务员法管理事业单位"}

PROJECT_AMOUNT_FIELDS = (
    "budget_initial", "budget", "carry_over", "budget_fiscal", "budget_other",
    "actual", "actual_fiscal", "actual_other",
)  # fmt: skip
PROJECT_TEXT_FIELDS = ("name", "unit", "goal_expected", "goal_actual", "summary", "grade")
INDICATOR_FIELDS = (
    "level1", "level2", "name", "expected", "actual_value", "weight", "score", "reason",
)  # fmt: skip


def canonical_unit_kind(kind: str) -> str:
    return UNIT_KIND_ALIASES.get(kind, kind)


@dataclass(frozen=True)
class Department:
    name: str
    code: str
    year: int


@dataclass(frozen=True)
class Unit:
    """A unit of the department: the first is 本级, the others its 二级单位."""

    id: str
    name: str
    kind: str
    code: str = ""  # 单位代码: how imports and consolidation name the unit


@dataclass(frozen=True)
class Indicator:
    level1: str = ""
    level2: str = ""
    name: str = ""
    expected: str = ""
    actual_value: str = ""
    weight: Decimal | None = None
    score: Decimal | None = None
    reason: str = ""


@dataclass(frozen=True)
class Project:
    id: str
    name: str = ""
    unit: str = ""
    amounts: Mapping[str, Decimal] = field(default_factory=dict)
    goal_expected: str = ""
    goal_actual: str = ""
    summary: str = ""
    grade: str = ""
    indicators: tuple[Indicator, ...] = ()

    def amount(self, name: str) -> Decimal | None:
        return self.amounts.get(name)


@dataclass(frozen=True)
class Snapshot:
    """Everything one dataset says, as exact values. `cells` includes computed cells."""

    department: Department
    units: tuple[Unit, ...]
    cells: Mapping[str, Decimal]
    prior: Mapping[str, Decimal]
    strings: Mapping[str, str]
    texts: Mapping[str, str]
    projects: tuple[Project, ...] = ()
    scores: Mapping[str, Decimal] = field(default_factory=dict)
    # Where this year's figures came from a table rounded to 0.01 万元: the totals that table printed
    # (they may differ from the exact sums of the rounded parts by a 尾差).
    rounded: bool = False
    printed: Mapping[str, Decimal] = field(default_factory=dict)
    edition: Edition = field(default_factory=lambda: load_edition(ROOT_EDITION))
    naming: Naming | None = None  # the dataset's names of codes; None: the edition's lists alone
    # Each unit's own figures (unit id → cell → value, computed cells too) when the department is
    # entered unit by unit; empty when its figures are the department's alone.
    unit_cells: Mapping[str, Mapping[str, Decimal]] = field(default_factory=dict)

    @property
    def names(self) -> Naming:
        """Subject names: the edition's code lists and what imported workbooks named."""
        return self.naming if self.naming is not None else Naming(self.edition.codes)

    def value(self, cell: str) -> Decimal | None:
        return self.cells.get(cell)

    def printed_value(self, cell: str) -> Decimal | None:
        """The figure the tables print: the source's own total where the data came rounded."""
        if self.rounded and cell in self.printed:
            return self.printed[cell]
        return self.cells.get(cell)

    def prior_value(self, cell: str) -> Decimal | None:
        return self.prior.get(cell)

    def text(self, key: str) -> str:
        return self.texts.get(key, "")

    def rows(self, form: str, *, prior: bool = False) -> list[str]:
        """Row ids present in a form, in the order they appear in `cells`."""
        seen: dict[str, None] = {}
        for cell in self.prior if prior else self.cells:
            form_id, row, _col = cell.split(".", 2)
            if form_id == form:
                seen.setdefault(row)
        return list(seen)

    @classmethod
    def from_interchange(cls, doc: Mapping[str, Any]) -> Snapshot:
        """Build from an interchange document that already carries computed cells
        (as the shared sample dataset does), of its `edition` (default: Sichuan 2020's).
        For tests and tools only."""
        dept = doc.get("department", {})
        numbers, strings = _split_cells(doc.get("cells", {}))
        prior, _ = _split_cells(doc.get("prior", {}))
        return cls(
            department=Department(dept.get("name", ""), dept.get("code", ""), int(dept.get("year", 0))),
            units=tuple(
                Unit(u["id"], u["name"], canonical_unit_kind(u["kind"])) for u in doc.get("units", [])
            ),
            cells=MappingProxyType(numbers),
            prior=MappingProxyType(prior),
            strings=MappingProxyType(strings),
            texts=MappingProxyType(dict(doc.get("texts", {}))),
            projects=tuple(project_from_dict(p) for p in doc.get("projects", [])),
            scores=MappingProxyType(
                {k: parse_amount(v) for k, v in doc.get("scores", {}).get("values", {}).items() if v != ""}
            ),
            edition=load_edition(str(doc.get("edition") or ROOT_EDITION)),
        )


def _split_cells(raw: Mapping[str, str]) -> tuple[dict[str, Decimal], dict[str, str]]:
    numbers: dict[str, Decimal] = {}
    strings: dict[str, str] = {}
    for cell, text in raw.items():
        try:
            numbers[cell] = parse_amount(str(text))
        except AmountError:
            strings[cell] = str(text)
    return numbers, strings


def _optional_amount(text: str | None) -> Decimal | None:
    return None if text in (None, "") else parse_amount(str(text))


def project_from_dict(raw: Mapping[str, Any]) -> Project:
    amounts = {
        name: value
        for name in PROJECT_AMOUNT_FIELDS
        if (value := _optional_amount(raw.get(name))) is not None
    }
    indicators = tuple(
        Indicator(
            **{k: str(ind.get(k, "")) for k in INDICATOR_FIELDS if k not in ("weight", "score")},
            weight=_optional_amount(ind.get("weight")),
            score=_optional_amount(ind.get("score")),
        )
        for ind in raw.get("indicators", [])
    )
    texts = {k: str(raw.get(k, "")) for k in PROJECT_TEXT_FIELDS}
    return Project(id=str(raw["id"]), amounts=MappingProxyType(amounts), indicators=indicators, **texts)
