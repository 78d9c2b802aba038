"""Indicator templates for the common 二级 kinds, and the 一级 names reports use.

A template is a starting row for a new indicator: its 一级 and 二级, with hints for the 三级 name
and the 年度指标值 that the window shows in grey in the empty cells (they are never data, so they
are never printed). Level names follow the national template.
"""

from __future__ import annotations

from dataclasses import dataclass

OUTPUT, EFFECT, SATISFACTION = "产出指标", "效益指标", "满意度指标"
LEVEL1 = (OUTPUT, EFFECT, SATISFACTION)

# Every 一级 spelling seen in published 项目绩效目标完成情况表, mapped once.
LEVEL1_ALIASES = {
    "产出": OUTPUT, "产出指标": OUTPUT, "项目完成": OUTPUT, "项目完成指标": OUTPUT, "完成指标": OUTPUT,
    "效益": EFFECT, "效益指标": EFFECT, "项目效益": EFFECT, "项目效益指标": EFFECT,
    "满意度": SATISFACTION, "满意度指标": SATISFACTION, "服务对象满意度": SATISFACTION,
}  # fmt: skip


@dataclass(frozen=True)
class Template:
    level1: str
    level2: str
    name: str
    expected: str

    def as_dict(self) -> dict[str, str]:
        """An interchange indicator entry: its 一级 and 二级; the rest is for the clerk to fill."""
        return {
            "level1": self.level1, "level2": self.level2, "name": "", "expected": "",
            "actual_value": "", "weight": "", "score": "", "reason": "",
        }  # fmt: skip

    def hint(self, field: str) -> str:
        """What an empty cell of this kind of indicator shows in grey."""
        return {"name": self.name, "expected": f"如：{self.expected}"}.get(field, "")


TEMPLATES = (
    Template(OUTPUT, "数量指标", "（完成的工作量，如培训期数）", "召开培训2期"),
    Template(OUTPUT, "质量指标", "（达标情况，如验收合格率）", "≥95%"),
    Template(OUTPUT, "时效指标", "（完成时限，如按期完成率）", "12月底前完成"),
    Template(OUTPUT, "成本指标", "（项目成本，如培训费用）", "≤10万元"),
    Template(EFFECT, "经济效益指标", "（带来的经济效益，如节约资金）", "审减率≥5%"),
    Template(EFFECT, "社会效益指标", "（社会影响，如受益人数）", "受益人数≥200人"),
    Template(EFFECT, "生态效益指标", "（环境影响，如节能减排）", "无环境污染事件"),
    Template(EFFECT, "可持续影响指标", "（长期作用，如机制建立）", "长效机制持续发挥作用"),
    Template(SATISFACTION, "服务对象满意度指标", "（服务对象满意度）", "≥90%"),
)
_BY_LEVEL2 = {t.level2: t for t in TEMPLATES}


def canonical_level1(name: str) -> str:
    """项目完成 / 完成指标 → 产出指标, 项目效益 → 效益指标 …; an unknown name is kept as typed."""
    key = "".join(name.split())
    return LEVEL1_ALIASES.get(key, key)


def template_for(level2: str) -> Template | None:
    """The template of a 二级 kind; "数量" finds 数量指标, and reports' bare 满意度指标 the
    服务对象满意度指标 template."""
    key = "".join(level2.split())
    found = _BY_LEVEL2.get(key) or _BY_LEVEL2.get(f"{key}指标")
    if found is None and key.startswith("满意度"):
        found = _BY_LEVEL2["服务对象满意度指标"]
    return found


def templates_of(level1: str) -> tuple[Template, ...]:
    """The templates under one 一级 (aliases accepted)."""
    canonical = canonical_level1(level1)
    return tuple(t for t in TEMPLATES if t.level1 == canonical)
