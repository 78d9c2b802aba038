"""Each unit's own findings, for a department entered unit by unit: the edition's rules about
figures run over a unit's tables as they run over the department's, so a unit whose own tables
disagree is named even when another unit's error hides it in the total.

Two sorts of rule stay with the department: those a text answers (a reason for a change, a
paragraph the 情况说明 needs), since the texts are the department's, and the offsets between
units, which read every unit at once (desktop.rules.kinds.org_units)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from desktop.models.org_units import OFFSET_KIND
from desktop.models.snapshot import Unit
from desktop.rules.context import RuleContext
from desktop.rules.engine import Validator
from desktop.rules.finding import Finding, sort_findings

if TYPE_CHECKING:
    from desktop.models.state import Memory


def unit_findings(memory: Memory, unit: Unit) -> list[Finding]:
    """The findings of one unit's figures, each message starting with the unit's name; none
    until the figures are entered unit by unit (the department's findings are then its own).
    The check is built once per unit and follows its edits (desktop.models.org_units)."""
    figures = memory.org_units
    if not figures.split:
        return []
    validator = figures.checks.get(unit.id)
    if validator is None:
        context = RuleContext(
            memory.catalogue,
            memory.naming,
            figures.calc("current", unit.id),
            figures.calc("prior", unit.id) if memory.has_prior else None,
            texts={},
            settings=memory.settings(),
        )
        rules = [rule for rule in memory.rules if rule.kind != OFFSET_KIND]
        validator = figures.checks[unit.id] = Validator(context, rules)
    return sort_findings(
        replace(finding, message=f"{unit.name}：{finding.message}")
        for key, finding in validator.findings.items()
        if not validator.instances[key].texts
    )
