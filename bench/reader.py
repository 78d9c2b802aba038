"""The narrative reader measured on real reports: `.venv/bin/python -m bench.reader [--data DIR] [--json]`.

For every report in DIR/reports with a dataset and known issues (DIR defaults to the shared sample data,
tests/fixtures/shared), it runs check-text and prints, per report and per capability (the kind of a
finding; for coverage, the kind of a figure):

- recall: the `detectable_from_data` issues found (a finding in the paragraph of one of its quotes);
- false alarms: findings in no known issue's paragraph (an issue not detectable from data still counts
  as a real problem, not as a false alarm);
- checked coverage: the figures of sections 一 to 十 of the 情况说明 that were checked, and why the
  others were not.

A report without a dataset (a 绩效 evaluation) is listed as not measured.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.models.snapshot import Snapshot  # noqa: E402
from desktop.narrative.check import Reading, read_text  # noqa: E402
from desktop.narrative.reader.claims import REASONS  # noqa: E402
from desktop.narrative.reader.verdicts import TextFinding  # noqa: E402

DATA = ROOT / "tests" / "fixtures" / "shared"
SECTIONS = range(1, 11)


@dataclass
class Score:
    report: str
    detectable: list[str] = field(default_factory=list)
    found: dict[str, str] = field(default_factory=dict)  # issue id → kind of the finding that found it
    false_alarms: list[TextFinding] = field(default_factory=list)
    figures: int = 0
    checked: int = 0
    by_consistency: int = 0  # checked only by the text's own consistency, not against the data
    by_figure_kind: dict[str, list[int]] = field(default_factory=dict)  # kind → [figures, checked]
    reasons: Counter[str] = field(default_factory=Counter)
    measured: bool = True

    @property
    def missed(self) -> list[str]:
        return [i for i in self.detectable if i not in self.found]

    @property
    def coverage(self) -> float:
        return self.checked / self.figures if self.figures else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "report": self.report,
            "measured": self.measured,
            "detectable": len(self.detectable),
            "found": sorted(self.found),
            "missed": self.missed,
            "false_alarms": [
                {"kind": f.kind, "stated": f.stated, "message": f.message} for f in self.false_alarms
            ],
            "figures_sections_1_10": self.figures,
            "checked_sections_1_10": self.checked,
            "checked_by_consistency_only": self.by_consistency,
            "coverage": round(self.coverage, 4),
            "coverage_by_figure_kind": self.by_figure_kind,
            "unchecked_reasons": dict(self.reasons),
        }


def paragraphs(text: str, quote: str) -> list[tuple[int, int]]:
    """The lines (paragraphs, table cells) that hold each occurrence of `quote`."""
    spans, at = [], text.find(quote)
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at + len(quote))
        spans.append((start, end if end >= 0 else len(text)))
        at = text.find(quote, at + 1)
    return spans


def issue_spans(text: str, issue: dict[str, Any]) -> list[tuple[int, int]]:
    quotes = [issue["quote"], *issue.get("other_quotes", [])]
    return [span for quote in quotes for span in paragraphs(text, quote)]


def score(name: str, text: str, reading: Reading, issues: list[dict[str, Any]]) -> Score:
    result = Score(name, [i["id"] for i in issues if i["detectable_from_data"]])
    spans = {i["id"]: issue_spans(text, i) for i in issues}
    for finding in reading.findings:
        hits = [issue for issue, found in spans.items() if any(s <= finding.start < e for s, e in found)]
        for issue in hits:
            result.found.setdefault(issue, finding.kind)
        if not hits:
            result.false_alarms.append(finding)
    result.found = {i: k for i, k in result.found.items() if i in result.detectable}
    for figure in reading.figures:
        top = _top(figure.section)
        if figure.part != "narrative" or top not in SECTIONS:
            continue
        result.figures += 1
        counts = result.by_figure_kind.setdefault(figure.kind, [0, 0])
        counts[0] += 1
        if figure.status == "checked":
            result.checked += 1
            result.by_consistency += figure.by == "consistency"
            counts[1] += 1
        else:
            result.reasons[figure.reason] += 1
    return result


def _top(section: str) -> int:
    from desktop.narrative.reader.document import numeral

    head = ""
    for char in section:
        if char in "（(":
            break
        head += char
    return numeral(head) if head and all(c in "一二三四五六七八九十" for c in head) else 0


def evaluate(data: Path = DATA) -> list[Score]:
    scores = []
    for report in sorted((data / "reports").glob("*.txt")):
        dataset, known = (
            data / "datasets" / f"{report.stem}.json",
            data / "known-issues" / f"{report.stem}.json",
        )
        if not dataset.exists() or not known.exists():
            scores.append(Score(report.stem, measured=False))
            continue
        snapshot = Snapshot.from_interchange(json.loads(dataset.read_text(encoding="utf-8")))
        text = report.read_text(encoding="utf-8")
        issues = json.loads(known.read_text(encoding="utf-8"))
        scores.append(score(report.stem, text, read_text(snapshot, text), issues))
    return scores


def _print(scores: list[Score]) -> None:
    for s in scores:
        if not s.measured:
            print(f"{s.report}: 没有数据集（绩效评价报告），不测量")
            continue
        print(f"{s.report}:")
        print(
            f"  recall          {len(s.found)}/{len(s.detectable)}"
            + (f"  missed {s.missed}" if s.missed else "")
        )
        print(f"  false alarms    {len(s.false_alarms)}")
        for f in s.false_alarms:
            print(f"    [{f.kind}] {f.message}")
        only = f"{s.by_consistency} by consistency only"
        print(f"  coverage 一–十  {s.checked}/{s.figures} = {s.coverage:.1%} ({only})")
        for kind, (n, checked) in sorted(s.by_figure_kind.items()):
            print(f"    {kind:<8} {checked}/{n}")
        for reason, n in s.reasons.most_common():
            print(f"    unchecked {n}: {reason} ({REASONS.get(reason, reason)})")
    measured = [s for s in scores if s.measured]
    print("per capability (finding kind): issues found / false alarms")
    found = Counter(kind for s in measured for kind in s.found.values())
    alarms = Counter(f.kind for s in measured for f in s.false_alarms)
    for kind in sorted(set(found) | set(alarms)):
        print(f"  {kind:<12} {found[kind]:>3} / {alarms[kind]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=DATA, help="reports/, datasets/, known-issues/ (默认：共享样例)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    scores = evaluate(args.data)
    if args.json:
        print(json.dumps({"reports": [s.as_dict() for s in scores]}, ensure_ascii=False, indent=2))
    else:
        _print(scores)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
