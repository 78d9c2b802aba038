"""Rule definitions: an edition's rules/*.toml (merged over its parents') as frozen values,
each checked against its kind's parameter schema and given its kind's message templates from
the edition's rules/messages.toml, so a broken rule file is refused when it is loaded."""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from desktop.forms.edition import Edition
from desktop.rules.definition import RuleDef, RuleError
from desktop.rules.finding import SEVERITIES
from desktop.rules.kinds import KINDS
from desktop.rules.kinds.base import Instance, Param

__all__ = ["RuleDef", "RuleError", "build_rules", "edition_rules", "kind_messages", "template_fields"]
_COMMON = ("id", "kind", "severity")
_TYPE_NAMES = {"text": "文字", "texts": "文字列表", "amount": "数字"}


def _fits(param: Param, value: Any) -> bool:
    if param.type == "texts":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if param.type == "amount":
        try:
            return isinstance(value, str | int | float) and Decimal(str(value)).is_finite()
        except InvalidOperation:
            return False
    return isinstance(value, str) and (not param.choices or value in param.choices)


def _check_params(kind: type[Instance], params: Mapping[str, Any], where: str) -> None:
    schema = {param.name: param for param in kind.params}
    unknown = sorted(set(params) - set(schema))
    if unknown:
        known = "、".join(schema) or "（无）"
        raise RuleError(f"{where}: 未知的参数 {'、'.join(unknown)}（{kind.kind} 的参数：{known}）")
    for param in kind.params:
        value = params.get(param.name)
        if value is None:
            if param.required:
                raise RuleError(f"{where}: 缺少参数 {param.name}")
        elif not _fits(param, value):
            expected = "、".join(param.choices) if param.choices else _TYPE_NAMES[param.type]
            raise RuleError(f"{where}: 参数 {param.name} 应为 {expected}，而不是 {value!r}")


def template_fields(template: str) -> set[str]:
    """The named fields of a message template ("{left} ≠ {right}" → {left, right})."""
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None}


def kind_messages(kind: type[Instance], messages: Mapping[str, Any]) -> Mapping[str, str]:
    """The templates of one kind from an edition's messages.toml (its [notes] and its own
    table), each checked to name only fields the kind fills."""
    table = {**messages.get("notes", {}), **messages.get(kind.kind, {})}
    found: dict[str, str] = {}
    for name, given in kind.messages.items():
        template = table.get(name)
        where = f"rules/messages.toml [{kind.kind}] {name}"
        if not isinstance(template, str):
            raise RuleError(f"{where}: 缺少这条消息的文字")
        try:
            unknown = sorted(template_fields(template) - given)
        except ValueError as exc:
            raise RuleError(f"{where}: 花括号不成对（{exc}）") from exc
        if unknown:
            raise RuleError(f"{where}: 未知的字段 {'、'.join(unknown)}（可用：{'、'.join(sorted(given))}）")
        found[name] = template
    return MappingProxyType(found)


def _rule(data: Mapping[str, Any], source: str, messages: Mapping[str, Mapping[str, str]]) -> RuleDef:
    rule_id = data.get("id")
    if not rule_id:
        raise RuleError(f"{source}: 规则缺少 id")
    kind = KINDS.get(str(data.get("kind")))
    if kind is None:
        raise RuleError(f"{source} 规则 {rule_id}: 未知的 kind {data.get('kind')!r}")
    severity = data.get("severity", kind.default_severity)
    if severity not in SEVERITIES:
        raise RuleError(f"{source} 规则 {rule_id}: severity 应为 error/warning/info")
    params = {k: v for k, v in data.items() if k not in _COMMON}
    _check_params(kind, params, f"{source} 规则 {rule_id}")
    return RuleDef(rule_id, kind.kind, severity, MappingProxyType(params), source, messages[kind.kind])


def build_rules(data: Iterable[Mapping[str, Any]], messages: Mapping[str, Any]) -> tuple[RuleDef, ...]:
    """Rule definitions from an edition's merged [[rule]] tables (each names its file in
    `_source`) and its merged messages.toml."""
    templates = {name: kind_messages(kind, messages) for name, kind in KINDS.items()}
    rules: dict[str, RuleDef] = {}
    for raw in data:
        source = str(raw.get("_source", ""))
        rule = _rule({k: v for k, v in raw.items() if k != "_source"}, source, templates)
        if rule.id in rules:
            raise RuleError(f"{source}: 规则 {rule.id} 重复定义")
        rules[rule.id] = rule
    return tuple(rules.values())


def edition_rules(edition: Edition) -> tuple[RuleDef, ...]:
    """The rules of an edition (its own merged over its parents')."""
    return build_rules(edition.rule_data, edition.rule_messages)
