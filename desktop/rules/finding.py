"""Findings: immutable values that say which rule, which cells, which numbers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    cells: tuple[str, ...]
    message: str
    numbers: Mapping[str, str] = field(default_factory=dict)
    reason_key: str | None = None  # the text that explains it, when the rule asks for one

    @property
    def form(self) -> str:
        return self.cells[0].split(".", 1)[0] if self.cells else ""

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "cells": list(self.cells),
            "message": self.message,
            "numbers": dict(self.numbers),
        }
        if self.reason_key:
            data["reason_key"] = self.reason_key
        return data


def finding_rank(finding: Finding) -> tuple[int, str, tuple[str, ...]]:
    """Errors first, then warnings, then info; by rule and cells within each."""
    return SEVERITIES.index(finding.severity), finding.rule, finding.cells


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=finding_rank)


def count_by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts
