"""Rule kinds: each a class (desktop.rules.kinds.base) in a module of its own or of its small
family, registered here by name. A rule's `kind` picks the class; its parameters are checked
against the class's schema and its wording comes from the edition's rules/messages.toml when
the rules are loaded (desktop.rules.ruleset)."""

from __future__ import annotations

from collections.abc import Iterator

from desktop.rules.definition import RuleDef
from desktop.rules.kinds.amounts import Precision, PrintedSum
from desktop.rules.kinds.base import Instance, RuleScope
from desktop.rules.kinds.boolean import BooleanCheck
from desktop.rules.kinds.cells import Declared, Nonnegative, Whole
from desktop.rules.kinds.codes import CodeKnown
from desktop.rules.kinds.compare import Compare
from desktop.rules.kinds.explanations import AgainstBudget, RequiredText, YearOverYear
from desktop.rules.kinds.expressions import rows_for
from desktop.rules.kinds.org_units import UnitOffset
from desktop.rules.kinds.projects import IndicatorTarget, ProjectGrade, ProjectWeights, grade_of
from desktop.rules.kinds.stored import StoredInvalid

KINDS: dict[str, type[Instance]] = {
    kind.kind: kind
    for kind in (
        Compare,
        BooleanCheck,
        YearOverYear,
        AgainstBudget,
        RequiredText,
        Declared,
        Nonnegative,
        Whole,
        StoredInvalid,
        CodeKnown,
        ProjectWeights,
        ProjectGrade,
        IndicatorTarget,
        Precision,
        PrintedSum,
        UnitOffset,
    )
}

# The engine takes instances, derivation the rows of templated rules, the 绩效 exports the grades.
__all__ = ["KINDS", "Instance", "RuleScope", "grade_of", "instance_keys", "instances", "rows_for"]


def instances(rule: RuleDef, scope: RuleScope) -> Iterator[Instance]:
    """Every instance of one rule over the scope's cells."""
    return KINDS[rule.kind].expand(rule, scope)


def instance_keys(rule: RuleDef, scope: RuleScope) -> list[str]:
    """The keys of `instances(rule, scope)`, each built only where its kind needs to."""
    return KINDS[rule.kind].keys(rule, scope)
