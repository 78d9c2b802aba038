"""The session's findings as the window reads them: sorted, by cell, counted by form and
severity, and the forms an error or warning involves. Built whole on open or after a structural
change, and followed from each edit's findings delta otherwise, so a keystroke costs what it
changed rather than a pass over every finding."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable

from desktop.rules.engine import FindingsDelta
from desktop.rules.finding import SEVERITIES, Finding, finding_rank, sort_findings


class FindingsIndex:
    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = sort_findings(findings)
        self.by_cell: dict[str, list[Finding]] = {}
        self.form_counts: dict[str, dict[str, int]] = {}
        self.open_counts: Counter[str] = Counter()  # error and warning findings per form involved
        for finding in self.findings:
            self._count(finding, 1)
            for cell in finding.cells:
                self.by_cell.setdefault(cell, []).append(finding)

    def follow(self, delta: FindingsDelta) -> bool:
        """Take the delta in; False (nothing changed) when a removed finding is not here."""
        gone = {id(f) for f in delta.removed}
        kept = [f for f in self.findings if id(f) not in gone]
        if len(kept) != len(self.findings) - len(gone):
            return False
        self.findings = kept
        for finding in delta.removed:
            self._count(finding, -1)
            for cell in finding.cells:
                left = [f for f in self.by_cell[cell] if f is not finding]
                if left:
                    self.by_cell[cell] = left
                else:
                    del self.by_cell[cell]
        for finding in delta.added:
            bisect.insort(self.findings, finding, key=finding_rank)
            self._count(finding, 1)
            for cell in finding.cells:
                bisect.insort(self.by_cell.setdefault(cell, []), finding, key=finding_rank)
        return True

    def _count(self, finding: Finding, step: int) -> None:
        counts = self.form_counts.setdefault(finding.form, dict.fromkeys(SEVERITIES, 0))
        counts[finding.severity] += step
        if finding.severity != "info":
            self.open_counts.update(dict.fromkeys(_forms(finding), step))


def _forms(finding: Finding) -> set[str]:
    return {cell.removeprefix("prior:").partition(".")[0] for cell in finding.cells}
