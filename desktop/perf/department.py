"""P02 部门整体支出绩效评价: suggested scores from the figures, and the tree's subtotals.

Four 三级 indicators are measured by the forms, found by name in the tree:
基本支出预算执行率 (G05), 项目支出预算执行率 (P01), “三公”经费控制率 (G07 this year ÷ last year)
and 在职人员控制率 (F00). A rubric that says where full marks start ("≥95%得满分") and where
nothing is left ("≥120%得0分", "有超出不得分") is followed; otherwise scores are proportional.

G05 has a 全年预算数 per 项 but no split of it into 基本/项目. The basic budget of a 项 is taken as
its budget × the basic share of its spending; a 项 that spent nothing counts as 项目 budget
(an unspent allocation is project money: 人员和公用经费 are spent in the year).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop.forms.catalogue import TreeNode
from desktop.forms.perf_tree import Doc, shipped, walk
from desktop.models.projects import project_ids
from desktop.money import ZERO, percent_text, round_half_up
from desktop.perf.scoring import Suggestion, grade_of
from desktop.rules.targets import NEGATIVE, ONE, POSITIVE, plain

if TYPE_CHECKING:
    from desktop.models.dataset import Dataset

HUNDRED = Decimal(100)
STAFF_KINDS = ("admin", "public", "worker")


# --- the figures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """A ratio measured from the forms, how to read it, and its working."""

    ratio: Decimal
    direction: str
    working: str


def _sum(dataset: Dataset, cells: Iterator[str]) -> Decimal:
    return sum((dataset.number(c) or ZERO for c in cells), ZERO)


def _ratio_text(name: str, top: str, bottom: str, a: Decimal, b: Decimal) -> str:
    return f"{name} = {top} {plain(a)} ÷ {bottom} {plain(b)} = {percent_text(a / b)}"


def _basic_budget(dataset: Dataset) -> Decimal:
    total = ZERO
    for code in dataset.rows("G05"):
        budget, spent = dataset.number(f"G05.{code}.budget"), dataset.number(f"G05.{code}.total")
        if budget and spent:
            total += budget * (dataset.number(f"G05.{code}.basic") or ZERO) / spent
    return total


def basic_execution(dataset: Dataset) -> Measure | None:
    actual, budget = dataset.number("G05.total.basic"), _basic_budget(dataset)
    if actual is None or not budget:
        return None
    working = _ratio_text("基本支出预算执行率", "基本支出决算", "基本支出预算", actual, budget)
    note = "（基本支出预算按各项基本支出占该项支出的比例分摊 G05 全年预算数）"
    return Measure(actual / budget, POSITIVE, working + note)


def project_execution(dataset: Dataset) -> Measure | None:
    pids = project_ids(dataset)
    budget = _sum(dataset, (f"P01.{p}.budget" for p in pids))
    actual = _sum(dataset, (f"P01.{p}.actual" for p in pids))
    if not budget:
        return None
    working = _ratio_text("项目支出预算执行率", f"{len(pids)} 个项目执行数", "预算数", actual, budget)
    return Measure(actual / budget, POSITIVE, working)


def three_public_control(dataset: Dataset) -> Measure | None:
    this, last = dataset.number("G07.actual.total"), dataset.number("G07.actual.total", "prior")
    if this is None or not last:
        return None
    working = _ratio_text("“三公”经费控制率", "本年“三公”经费", "上年", this, last)
    return Measure(this / last, NEGATIVE, working)


def staff_control(dataset: Dataset) -> Measure | None:
    actual = _sum(dataset, (f"F00.staff_actual_{k}.value" for k in STAFF_KINDS))
    quota = _sum(dataset, (f"F00.staff_quota_{k}.value" for k in STAFF_KINDS))
    if not quota:
        return None
    working = _ratio_text("在职人员控制率", "在职人员", "编制数", actual, quota)
    note = dataset.get("F00.staff_note.value")
    if isinstance(note, str) and note.strip():
        working += f"（编制说明：{note.strip()}，请据此核对口径）"
    return Measure(actual / quota, NEGATIVE, working)


MEASURES: dict[str, Callable[[Dataset], Measure | None]] = {
    "基本支出预算执行率": basic_execution,
    "项目支出预算执行率": project_execution,
    "三公经费控制率": three_public_control,
    "在职人员控制率": staff_control,
}


# --- the rubric -----------------------------------------------------------------------------

_FULL = re.compile(r"(≥|≤|达到)(\d+(?:\.\d+)?)%(?:以上)?得满分")
_ZERO = re.compile(r"(≥|≤)(\d+(?:\.\d+)?)%得0分")
_STEP = re.compile(r"超出(?:的)?不得分")


@dataclass(frozen=True)
class Scale:
    """Full marks from `full` on; none from `zero` on (linear between); proportional when
    `zero` is None. Ratios, not percents (0.95)."""

    direction: str
    full: Decimal = ONE
    zero: Decimal | None = None

    def fraction(self, ratio: Decimal) -> Decimal:
        """The share of the weight a ratio earns."""
        sign = 1 if self.direction == POSITIVE else -1
        if sign * (ratio - self.full) >= 0:
            return ONE
        if self.zero is not None and sign * (ratio - self.zero) <= 0:
            return ZERO
        if self.zero is not None:
            return (ratio - self.zero) / (self.full - self.zero)
        return ratio / self.full if sign > 0 else self.full / ratio

    def describe(self) -> str:
        better, worse = ("≥", "≤") if self.direction == POSITIVE else ("≤", "≥")
        text = f"{better}{percent_text(self.full, 0)} 得满分"
        if self.zero == self.full:
            return text + ("，未达到不得分" if self.direction == POSITIVE else "，超出不得分")
        if self.zero is not None:
            return text + f"，{worse}{percent_text(self.zero, 0)} 得 0 分，其间按比例"
        return text + "，未达到按比例得分"


def _percent(match: re.Match[str] | None) -> Decimal | None:
    return Decimal(match[2]) / HUNDRED if match else None


def scale_of(rubric: str, direction: str) -> Scale:
    """The scale a rubric states; 100% and proportional where it says nothing."""
    full = _percent(_FULL.search(rubric)) or ONE
    zero = full if _STEP.search(rubric) else _percent(_ZERO.search(rubric))
    return Scale(direction, full, zero)


Levels = dict[str, tuple[str, tuple[Decimal, ...]]]


def rubric_items(doc: Doc) -> Levels:
    """code → (rubric_kind, rubric_points) for the itemised leaves of a tree document."""
    found: Levels = {}
    for node, _parent, _level in walk(doc):
        if node.get("rubric_points"):
            points = tuple(Decimal(str(p)) for p in node["rubric_points"])
            found[node["code"]] = (str(node.get("rubric_kind", "sum")), points)
    return found


def on_levels(score: Decimal, code: str, items: Levels | None = None) -> tuple[Decimal, str]:
    """A `levels` rubric admits only its levels: the highest one the score reaches (the items
    of the department's tree; the common framework's when none are given)."""
    kind, points = (items if items is not None else rubric_items(shipped())).get(code, ("", ()))
    if kind != "levels":
        return score, ""
    level = max((p for p in points if p <= score), default=ZERO)
    return level, f"，按评分档次取 {plain(level)} 分"


# --- suggestions and the summary ----------------------------------------------------------


def _key(name: str) -> str:
    return re.sub(r"[\s“”\"'‘’（）()]", "", name)


def _leaves(dataset: Dataset) -> list[TreeNode]:
    tree = dataset.catalogue.form("P02").tree
    parents = {n.parent for n in tree}
    return [n for n in tree if n.code not in parents]


def _suggest(node: TreeNode, measure: Measure, items: Levels) -> Suggestion:
    scale = scale_of(node.rubric, measure.direction)
    score, snapped = on_levels(round_half_up(node.weight * scale.fraction(measure.ratio)), node.code, items)
    explanation = f"{measure.working}；评分：{scale.describe()}，得 {plain(score)} 分{snapped}"
    return Suggestion(score, node.weight, explanation)


def suggested_scores(dataset: Dataset) -> dict[str, Suggestion]:
    """Scores the figures support, by tree code, for the 三级 indicators measured by the forms."""
    suggestions = {}
    items = rubric_items(dataset.perf_tree())
    for node in _leaves(dataset):
        measure_of = MEASURES.get(_key(node.name))
        measure = measure_of(dataset) if measure_of is not None else None
        if measure is not None:
            suggestions[node.code] = _suggest(node, measure, items)
    return suggestions


@dataclass(frozen=True)
class NodeScore:
    code: str
    name: str
    level: int
    weight: Decimal
    score: Decimal  # blank leaves count 0


@dataclass(frozen=True)
class TreeSummary:
    nodes: tuple[NodeScore, ...]
    weight: Decimal
    total: Decimal
    grade: str
    scored: int  # leaves with a score
    leaves: int

    def level(self, level: int) -> tuple[NodeScore, ...]:
        """The subtotals of one level (1 一级, 2 二级, 3 三级)."""
        return tuple(n for n in self.nodes if n.level == level)

    @property
    def complete(self) -> bool:
        return self.scored == self.leaves


def tree_summary(dataset: Dataset) -> TreeSummary:
    """Every node's weight and score (parents are the form's sums), the total and its grade."""
    tree = dataset.catalogue.form("P02").tree
    nodes = tuple(
        NodeScore(
            n.code,
            n.name,
            n.level,
            dataset.number(f"P02.{n.code}.weight") or ZERO,
            dataset.number(f"P02.{n.code}.score") or ZERO,
        )
        for n in tree
    )
    leaves = _leaves(dataset)
    scored = sum(1 for n in leaves if dataset.number(f"P02.{n.code}.score") is not None)
    total = dataset.number("P02.total.score") or ZERO
    weight = dataset.number("P02.total.weight") or ZERO
    return TreeSummary(nodes, weight, total, grade_of(total), scored, len(leaves))
