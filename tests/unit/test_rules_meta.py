"""Every rule in resources/rules has at least one passing and one failing case."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from desktop.forms.edition import EditionError, editions, load_edition
from desktop.rules.ruleset import RuleDef, RuleError, edition_rules
from tests.helpers import child_edition, editions_copy
from tests.unit import (
    test_rules_cells,
    test_rules_cross,
    test_rules_explanations,
    test_rules_performance,
    test_rules_shanghai,
    test_rules_units,
)
from tests.unit.rules_support import Case

FAMILIES = (
    test_rules_cells,
    test_rules_cross,
    test_rules_explanations,
    test_rules_performance,
    test_rules_shanghai,
    test_rules_units,
)


def every_rule() -> list[RuleDef]:
    """The rules of every edition, each id once (an edition's override shares its parent's id)."""
    return list({rule.id: rule for edition in editions() for rule in edition_rules(edition)}.values())


def all_cases() -> list[Case]:
    return [case for family in FAMILIES for case in family.CASES]


def test_every_rule_has_a_passing_and_a_failing_case() -> None:
    kinds: dict[str, set[bool]] = defaultdict(set)
    for case in all_cases():
        kinds[case.rule].add(case.fails)
    missing = {rule.id: sorted(kinds[rule.id]) for rule in every_rule() if kinds[rule.id] != {True, False}}
    assert missing == {}, "rules without a passing (False) and a failing (True) case"


def test_cases_name_only_known_rules() -> None:
    known = {rule.id for rule in every_rule()}
    assert {case.rule for case in all_cases()} <= known


def test_case_names_are_unique() -> None:
    names = [str(case) for case in all_cases()]
    assert len(names) == len(set(names))


def test_rules_are_frozen() -> None:
    rule = every_rule()[0]
    with pytest.raises(TypeError):
        rule.params["id"] = "x"  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[rule]]\nkind = "compare"\n', "缺少 id"),
        ('[[rule]]\nid = "a"\nkind = "nope"\n', "未知的 kind"),
        ('[[rule]]\nid = "a"\nkind = "compare"\nseverity = "fatal"\n', "severity"),
        ('[[rule]]\nid = "a"\nkind = "yoy"\n[[rule]]\nid = "a"\nkind = "yoy"\n', "重复定义"),
        ("[[rule]\n", "bad.toml"),
    ],
)
def test_bad_rule_files_are_refused(tmp_path: Path, text: str, message: str) -> None:
    root = editions_copy(tmp_path)
    child = child_edition(root, "bad-2021", "sichuan-2020")
    (child / "rules").mkdir()
    (child / "rules" / "bad.toml").write_text(text, encoding="utf-8")
    with pytest.raises((EditionError, RuleError), match=message):
        edition_rules(load_edition("bad-2021", root))
