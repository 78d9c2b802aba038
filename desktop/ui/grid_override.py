"""Typing over a figure another table determines: the clerk is asked why, and the answer is kept
with the figure (desktop.models.derive). Without a reason the entry is refused and stays open."""

from __future__ import annotations

from desktop.forms.names import cell_label
from desktop.models.input_check import Refusal
from desktop.models.values import parse_cell_value
from desktop.rules.ruleset import RuleDef
from desktop.ui.qt import QApplication, QInputDialog
from desktop.ui.session import Session
from desktop.ui.text import tr

DERIVED_TIP = "由其他表的数推导填列（{rule}）；如需改写，直接输入新数并说明原因"
OVERRIDE_TIP = "已改写推导值，原因：{reason}；清除本格可恢复推导值"


def ask_reason(label: str) -> str | None:
    """The clerk's reason for typing over a derived figure (None: cancelled). Tests replace it."""
    text, ok = QInputDialog.getText(
        QApplication.activeWindow(),
        tr("改写推导值"),
        tr("“{label}”由其他表的数推导填列。\n请说明改写原因（将随数据保存）：").format(label=label),
    )
    return text if ok else None


def rule_title(rules: tuple[RuleDef, ...], rule_id: str | None) -> str:
    rule = next((r for r in rules if r.id == rule_id), None)
    if rule is None:
        return rule_id or ""
    left, right = rule.param("left_label", ""), rule.param("right_label", "")
    return f"{left} = {right}" if left and right else rule.id


def tooltip(session: Session, cell: str) -> str | None:
    dataset = session.dataset
    mark = dataset.derived_mark(cell)
    if mark == "auto":
        return tr(DERIVED_TIP).format(rule=rule_title(dataset.rules, dataset.derived_source(cell)))
    if mark == "override":
        reason = dataset.text(f"reason.override.{cell}") or tr("（未说明）")
        return tr(OVERRIDE_TIP).format(reason=reason)
    return None


def edit_derived(session: Session, cell: str, text: str | None) -> bool | None:
    """Handle an entry into a derived cell; None when the cell is not derived (or the text is
    bad or unchanged: the ordinary edit deals with it)."""
    dataset = session.dataset
    if session.org_unit_id is not None:  # a unit's own figure: the department's marks do not apply
        return None
    if dataset.derived_mark(cell) != "auto" or text is None or not text.strip():
        return None
    try:
        value = parse_cell_value(dataset.cell_def(cell), text)
    except ValueError:
        return None
    if value == dataset.number(cell):
        return True
    reason = ask_reason(cell_label(dataset.catalogue, dataset.naming, cell))
    if not (reason and reason.strip()):
        return session.refuse(Refusal(cell, tr("改写推导得出的数需要说明原因")))
    return session.override(cell, text, reason)
