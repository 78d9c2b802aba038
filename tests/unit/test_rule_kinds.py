"""Rule kinds (desktop/rules/kinds): every kind has its messages in the root edition's
rules/messages.toml, naming only fields the kind gives; every kind has a passing and a failing
case (through the rule cases of its rules); a rule's parameters are checked against its kind's
schema when the rules are loaded; a child edition inherits the wording and may override it."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from desktop.forms.edition import ROOT_EDITION, Edition, editions, load_edition
from desktop.models.dataset import Dataset
from desktop.rules.engine import Validator
from desktop.rules.kinds import KINDS
from desktop.rules.ruleset import RuleError, edition_rules, kind_messages, template_fields
from tests.helpers import child_edition, editions_copy
from tests.unit.test_rules_meta import all_cases, every_rule


def test_every_kind_has_its_messages_naming_only_fields_it_gives() -> None:
    messages = load_edition(ROOT_EDITION).rule_messages
    for name, kind in KINDS.items():
        templates = kind_messages(kind, messages)  # RuleError when one is missing or names another field
        assert set(templates) == set(kind.messages), name
        for message, template in templates.items():
            assert template_fields(template) <= kind.messages[message], (name, message)


def test_messages_toml_words_no_unknown_kind_or_message() -> None:
    """Wording nobody says is stale: every table is a kind (or the shared notes), every
    message one its kind declares."""
    for edition in editions():
        tables = dict(edition.rule_messages)
        notes = set(tables.pop("notes"))
        assert set(tables) <= set(KINDS), edition.id
        for name, table in tables.items():
            assert set(table) <= set(KINDS[name].messages) - notes, (edition.id, name)
        said = {m for kind in KINDS.values() for m in kind.messages}
        assert notes <= said, edition.id


def test_every_kind_has_a_passing_and_a_failing_case() -> None:
    kind_of = {rule.id: rule.kind for rule in every_rule()}
    outcomes: dict[str, set[bool]] = defaultdict(set)
    for case in all_cases():
        outcomes[kind_of[case.rule]].add(case.fails)
    missing = {kind: sorted(outcomes[kind]) for kind in KINDS if outcomes[kind] != {True, False}}
    assert missing == {}, "kinds without a passing (False) and a failing (True) rule case"


def test_every_rule_of_every_edition_carries_its_kinds_messages() -> None:
    for edition in editions():
        for rule in edition_rules(edition):
            assert set(rule.messages) == set(KINDS[rule.kind].messages), (edition.id, rule.id)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ('kind = "compare"\nleft = "G01.inc_gpb.amount"\nop = "="\n', r"规则 bad: 缺少参数 right"),
        ('kind = "compare"\nleft = "1"\nright = "2"\nop = "=="\n', r"规则 bad: 参数 op 应为 =、<=、>=、<、>"),
        (
            'kind = "yoy"\ncell = "G01.grand_in.amount"\nlabel = "x"\nthreshold = "0.2"\n',
            r"未知的参数 threshold",
        ),
        ('kind = "nonnegative"\nforms = "G01"\n', r"参数 forms 应为 文字列表"),
        (
            'kind = "compare"\nleft = "1"\nright = "2"\nop = "="\ntolerance = "a"\n',
            r"参数 tolerance 应为 数字",
        ),
        ('kind = "budget"\nactual = "a"\nbudget = "b"\nlabel = "c"\n', r"规则 bad: 缺少参数 reason"),
        ('kind = "project_grade"\nfor_each = "indicators"\n', r"参数 for_each 应为 projects"),
        ('kind = "required_text"\nwhen = "1"\ntext = "t"\nlabel = 3\n', r"参数 label 应为 文字"),
    ],
)
def test_a_rule_that_does_not_fit_its_kind_is_refused_naming_rule_and_parameter(
    tmp_path: Path, rule: str, message: str
) -> None:
    root = editions_copy(tmp_path)
    child = child_edition(root, "bad-2021", "sichuan-2020")
    (child / "rules").mkdir()
    text = f'[[rule]]\nid = "bad"\nseverity = "error"\n{rule}'
    (child / "rules" / "bad.toml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleError, match=message) as refused:
        edition_rules(load_edition("bad-2021", root))
    assert str(refused.value).startswith("bad.toml 规则 bad:")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[nonnegative]\nnegative = "{cell} 是 {amount}"\n', r"\[nonnegative\] negative: 未知的字段 amount"),
        ('[whole]\nnot_whole = "{cell"\n', r"\[whole\] not_whole: 花括号不成对"),
        ("[notes]\nrounding = 1\n", r"\[compare\] rounding: 缺少这条消息的文字"),
    ],
)
def test_a_broken_message_is_refused_naming_it(tmp_path: Path, text: str, message: str) -> None:
    root = editions_copy(tmp_path)
    child = child_edition(root, "worded-2021", "sichuan-2020")
    (child / "rules").mkdir()
    (child / "rules" / "messages.toml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleError, match=message):
        edition_rules(load_edition("worded-2021", root))


def _worded_child(tmp_path: Path) -> Edition:
    """A child of the root edition that rewords one message of one kind."""
    root = editions_copy(tmp_path)
    child = child_edition(root, "worded-2021", ROOT_EDITION)
    (child / "rules").mkdir()
    (child / "rules" / "messages.toml").write_text(
        '[nonnegative]\nnegative = "{cell}：{value} 是负数，请改正"\n', encoding="utf-8"
    )
    return load_edition("worded-2021", root)


def test_a_child_edition_inherits_the_wording_and_overrides_one_message(tmp_path: Path) -> None:
    rules = {rule.id: rule for rule in edition_rules(_worded_child(tmp_path))}
    parent = {rule.id: rule for rule in edition_rules(load_edition(ROOT_EDITION))}
    assert rules["sign.nonnegative"].messages["negative"] == "{cell}：{value} 是负数，请改正"
    assert rules["count.whole"].messages == parent["count.whole"].messages
    assert rules["carry.G01"].messages == parent["carry.G01"].messages


def test_findings_speak_the_overriding_wording(tmp_path: Path) -> None:
    rules = edition_rules(_worded_child(tmp_path))
    with Dataset.create(tmp_path / "d.jsd", "测试部门", 2020) as dataset:
        dataset.set("G05.2010601.basic", "-2")
        validator = Validator(dataset._memory.context, rules)  # the same forms, the child's wording
        said = {f.cells: f.message for f in validator.all() if f.rule == "sign.nonnegative"}
        label = dataset._memory.context.cell_label("G05.2010601.basic")
    assert said[("G05.2010601.basic",)] == f"{label}：-2.00 是负数，请改正"
