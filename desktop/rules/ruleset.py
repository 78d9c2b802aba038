"""Rule definitions: an edition's rules/*.toml (merged over its parents') as frozen values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from desktop.forms.edition import Edition
from desktop.rules.finding import SEVERITIES

RULE_KINDS = (
    "compare", "check", "yoy", "budget", "required_text", "declared",
    "nonnegative", "whole", "stored", "code", "project_weights", "project_grade", "indicator_target",
    "precision", "printed_sum", "unit_offset",
)  # fmt: skip
# Kinds whose severity is fixed by their meaning: explanations are warnings until explained.
_DEFAULT_SEVERITY = {"yoy": "warning", "budget": "warning", "required_text": "warning"}


class RuleError(ValueError):
    """A rule file that cannot be loaded; the message names the file and rule."""


@dataclass(frozen=True)
class RuleDef:
    id: str
    kind: str
    severity: str
    params: Mapping[str, Any]
    source: str

    def param(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)


def _rule(data: Mapping[str, Any], source: str) -> RuleDef:
    rule_id = data.get("id")
    if not rule_id:
        raise RuleError(f"{source}: 规则缺少 id")
    kind = data.get("kind")
    if kind not in RULE_KINDS:
        raise RuleError(f"{source} 规则 {rule_id}: 未知的 kind {kind!r}")
    severity = data.get("severity", _DEFAULT_SEVERITY.get(kind))
    if severity not in SEVERITIES:
        raise RuleError(f"{source} 规则 {rule_id}: severity 应为 error/warning/info")
    params = {k: v for k, v in data.items() if k not in ("id", "kind", "severity")}
    return RuleDef(rule_id, kind, severity, MappingProxyType(params), source)


def build_rules(data: Iterable[Mapping[str, Any]]) -> tuple[RuleDef, ...]:
    """Rule definitions from an edition's merged [[rule]] tables (each names its file in `_source`)."""
    rules: dict[str, RuleDef] = {}
    for raw in data:
        source = str(raw.get("_source", ""))
        rule = _rule({k: v for k, v in raw.items() if k != "_source"}, source)
        if rule.id in rules:
            raise RuleError(f"{source}: 规则 {rule.id} 重复定义")
        rules[rule.id] = rule
    return tuple(rules.values())


def edition_rules(edition: Edition) -> tuple[RuleDef, ...]:
    """The rules of an edition (its own merged over its parents')."""
    return build_rules(edition.rule_data)
