"""What one action changed, as the facade returns it: cells, texts, rows and the findings
that appeared or cleared; and how two steps of one action, or a rebuild, make one such delta."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace

from desktop.rules.engine import FindingsDelta
from desktop.rules.finding import Finding


@dataclass(frozen=True)
class EditResult:
    """What one action changed: cells (inputs and computed), texts, rows, and findings."""

    cells: frozenset[str] = frozenset()
    texts: frozenset[str] = frozenset()
    structure: bool = False
    prior: bool = False
    findings: FindingsDelta = field(default_factory=lambda: FindingsDelta((), ()))
    label: str = ""


def findings_delta(old: Iterable[Finding], after: Iterable[Finding]) -> FindingsDelta:
    """What a rebuild added and removed, found through a hashable identity: linear, not a
    list scan per finding."""
    before, new = list(old), list(after)
    had, has = {_identity(f) for f in before}, {_identity(f) for f in new}
    return FindingsDelta(
        tuple(f for f in new if _identity(f) not in had), tuple(f for f in before if _identity(f) not in has)
    )


def _identity(finding: Finding) -> tuple[object, ...]:
    """Every field a Finding compares by, made hashable (its numbers are a mapping)."""
    values = (getattr(finding, f.name) for f in fields(finding))
    return tuple(tuple(sorted(v.items())) if isinstance(v, Mapping) else v for v in values)


def merge_results(first: EditResult, then: EditResult) -> EditResult:
    """One action's result from two steps: every cell changed, the net findings delta."""
    findings = FindingsDelta(
        tuple(f for f in first.findings.added if f not in then.findings.removed) + then.findings.added,
        tuple(first.findings.removed)
        + tuple(f for f in then.findings.removed if f not in first.findings.added),
    )
    return replace(
        first,
        cells=first.cells | then.cells,
        texts=first.texts | then.texts,
        structure=first.structure or then.structure,
        findings=findings,
    )
