"""What the grammar makes of a figure: a claim with its subject and facets, or a reason it is not one.

A claim's facets say which cell it is about: fund (None: as the context has it), measure (actual =
决算, budget = 全年预算, initial = 年初预算, target, declared, allocated, book, balance), year (current,
prior, other) and unit ("" = the department, a unit id, "subordinates"). A measure not said is "".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.narrative.reader.document import Sentence
from desktop.narrative.reader.figures import StatedFigure
from desktop.narrative.reader.lexicon import Mention
from desktop.narrative.reader.tables import Role

# Why a figure was not checked: a stable id and what the clerk is told.
REASONS = {
    "part": "不在情况说明正文中（部门概况、名词解释或决算表），不核对",
    "no_rule": "没有规则能读懂这个数字的含义",
    "no_subject": "找不到这个数字说的是哪个科目或项目",
    "ambiguous": "名称对应多个科目或项目，无法确定",
    "no_base": "找不到占比的基数",
    "unit_scope": "说的是单个或部分二级单位，数据只有部门合计",
    "year_scope": "说的是其他年度",
    "measure": "数据中没有这种口径的数（年初预算、绩效目标、申报、到位、账面等）",
    "no_measure": "未说明是预算数还是执行数",
    "no_cell": "数据中没有这个数",
    "no_count": "数据中没有这个科目的个数",
    "not_in_data": "数据中没有这个项目或指标",
}


@dataclass(frozen=True)
class Facets:
    fund: str | None = None  # named with the subject (or by the total it is part of)
    measure: str = ""  # "": not said (a table's 决算 for a subject, nothing for a project)
    year: str = "current"
    unit: str = ""
    context_fund: str | None = None  # the fund of the section: used when the subject has that fund

    def merged(self, base: Facets) -> Facets:
        """These facets, with what they leave open taken from `base` (an enumeration's total)."""
        return Facets(
            self.fund if self.fund is not None else base.fund,
            self.measure or base.measure,
            self.year if self.year != "current" else base.year,
            self.unit or base.unit,
            self.context_fund,
        )


@dataclass(frozen=True)
class Claim:
    """kind: amount, count, change, share, completion, project_count, indicator, balance, year,
    gap (决算数小于预算数), same (与上年持平), balance_word (存在结余), none (无…支出)."""

    kind: str
    sentence: Sentence
    start: int
    end: int
    figure: StatedFigure | None = None
    subject: Mention | None = None
    facets: Facets = field(default_factory=Facets)
    direction: str = ""  # change: up, down or same; gap: less, more or same
    base: Mention | None = None  # share: the total it is a share of
    base_facets: Facets = field(default_factory=Facets)
    base_code: str = ""
    role: Role | None = None
    target: str = ""  # project_count: a fact cell or "P01"; year: "current" or "prior"
    code: str = ""  # the resolved code of a code subject
    reason: str = ""  # set when the claim cannot be checked
    aside: bool = False  # stated in brackets ("（含上年结转93.3万元）"): neither a total nor a part
    includes: Mention | None = None  # "A x（含B y）": x is A with B counted in


@dataclass
class Enumeration:
    """A total and the parts stated after 其中/包括/主要用于 (the total may be a subject only)."""

    head: Claim | None
    subject: Mention | None
    facets: Facets
    parts: list[Claim] = field(default_factory=list)
    shares: list[Claim] = field(default_factory=list)
