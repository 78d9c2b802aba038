"""A rule definition as loaded from an edition's rules/*.toml: a frozen value, checked by its
kind's parameter schema, with the message templates of its kind (desktop.rules.ruleset)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


class RuleError(ValueError):
    """A rule file that cannot be loaded; the message names the file and rule."""


@dataclass(frozen=True)
class RuleDef:
    id: str
    kind: str
    severity: str
    params: Mapping[str, Any]
    source: str
    # The wording of its findings: message name → template with named fields (rules/messages.toml).
    messages: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def param(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)
