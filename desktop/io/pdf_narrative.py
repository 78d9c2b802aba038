"""The one door to desktop.narrative: the drafted 情况说明 and 名词解释, or figures-only
stand-ins built from the tables when that package cannot be imported."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from decimal import Decimal

from desktop.models.snapshot import Snapshot
from desktop.money import format_amount

ZERO = Decimal(0)


@dataclass(frozen=True)
class TextSection:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class NarrativeText:
    sections: tuple[TextSection, ...]
    drafted: bool  # False: the figures-only stand-in


def narrative(snapshot: Snapshot) -> NarrativeText:
    try:
        importlib.import_module("desktop.narrative.draft")  # final_text is built on it
        module = importlib.import_module("desktop.narrative.final")
    except ImportError:
        return NarrativeText(figures_only(snapshot), drafted=False)
    drafted = module.final_text(snapshot, snapshot.texts)  # the clerk's edits, else the draft
    sections = tuple(TextSection(str(s.id), str(s.title), str(s.text)) for s in drafted.sections)
    return NarrativeText(sections, drafted=True)


def glossary(snapshot: Snapshot) -> str:
    """The clerk's 名词解释 text, else the drafted one, else ""."""
    text = snapshot.text("text.glossary").strip()
    if text:
        return text
    try:
        module = importlib.import_module("desktop.narrative.glossary")
    except ImportError:
        return ""
    return str(module.draft_glossary(snapshot))


def _wan(snapshot: Snapshot, cell: str, *, prior: bool = False) -> str:
    value = snapshot.prior_value(cell) if prior else snapshot.value(cell)
    return f"{format_amount(value if value is not None else ZERO, grouping=True)}万元"


def _compare(snapshot: Snapshot, label: str, cell: str) -> str:
    year = snapshot.department.year
    return f"{year}年度{label}{_wan(snapshot, cell)}，{year - 1}年度{_wan(snapshot, cell, prior=True)}。"


def figures_only(snapshot: Snapshot) -> tuple[TextSection, ...]:
    """One sentence of figures per chart topic, straight from the tables."""
    s = snapshot
    return (
        TextSection("overview", "收入支出决算总体情况说明", _compare(s, "收、支总计", "G01.grand_in.amount")),
        TextSection("income", "收入决算情况说明", f"本年收入合计{_wan(s, 'G01.inc_total.amount')}。"),
        TextSection(
            "expense",
            "支出决算情况说明",
            f"本年支出合计{_wan(s, 'G03.total.total')}，其中：基本支出{_wan(s, 'G03.total.basic')}，"
            f"项目支出{_wan(s, 'G03.total.project')}。",
        ),
        TextSection(
            "fiscal",
            "财政拨款收入支出决算总体情况说明",
            _compare(s, "财政拨款收、支总计", "G04.grand_in.amount"),
        ),
        TextSection(
            "gpb",
            "一般公共预算财政拨款支出决算情况说明",
            _compare(s, "一般公共预算财政拨款支出", "G05.total.total"),
        ),
        TextSection(
            "three_public",
            "“三公”经费财政拨款支出决算情况说明",
            f"“三公”经费财政拨款支出决算{_wan(s, 'G07.actual.total')}。",
        ),
    )
