"""Sections 六–十 of 第二部分: 基本支出, “三公”经费, 政府性基金, 国有资本经营, 其他重要事项."""

from __future__ import annotations

from desktop.narrative.context import DraftContext, Section, SectionBuilder
from desktop.narrative.names import code_name
from desktop.narrative.phrases import amount, budget_gap_words, share_words
from desktop.narrative.sections_totals import completion

STAFF_GROUPS = ("301", "303")
THREE_PUBLIC = (
    ("abroad", "因公出国（境）费"),
    ("vehicle", "公务用车购置及运行维护费"),
    ("reception", "公务接待费"),
)
VEHICLE_KINDS = (
    ("veh_leader", "主要领导干部用车"),
    ("veh_confidential", "机要通信用车"),
    ("veh_emergency", "应急保障用车"),
    ("veh_law", "执法执勤用车"),
    ("veh_special", "特种专业技术用车"),
    ("veh_retiree", "离退休干部服务用车"),
    ("veh_other", "其他用车"),
)


def _count(ctx: DraftContext, fact: str) -> str:
    return str(int(ctx.value(f"X01.{fact}.value")))


def _economic_items(ctx: DraftContext, *, staff: bool) -> str:
    codes = sorted(r for r in ctx.snapshot.rows("G06") if r.isdigit() and len(r) == 5)
    names = [
        code_name("economic", c, ctx.year)
        for c in codes
        if (c[:3] in STAFF_GROUPS) == staff and ctx.value(f"G06.{c}.amount") != 0
    ]
    return f"，主要包括：{'、'.join(names)}等。" if names else "。"


def gpb_basic(ctx: DraftContext) -> Section:
    b = ctx.builder()
    b.add(
        f"{ctx.year}年一般公共预算财政拨款基本支出{amount(ctx.value('G06.total.amount'))}万元，其中：",
        f"人员经费{amount(ctx.value('G06.staff_total.amount'))}万元" + _economic_items(ctx, staff=True),
        f"日常公用经费{amount(ctx.value('G06.public_total.amount'))}万元" + _economic_items(ctx, staff=False),
    )
    return b.build("gpb_basic", "一般公共预算财政拨款基本支出决算情况说明")


def _budget_gap(b: SectionBuilder, col: str, key: str, label: str) -> str:
    actual, budget = b.ctx.value(f"G07.actual.{col}"), b.ctx.value(f"G07.budget.{col}")
    gap = budget_gap_words(actual, budget)
    if actual == budget:
        return f"{gap}。"
    return f"{gap}，主要原因是{b.clerk_text(key, label, required=True)}。"


def _part_yoy(b: SectionBuilder, col: str, label: str) -> str:
    ctx = b.ctx
    change = ctx.change(f"G07.actual.{col}")
    if change is None:
        return ""
    if change.amount == 0:
        return f"{label}支出决算与{ctx.last_year}年持平。"
    reason = b.reason(f"reason.three_public.{col}", f"{label}变动原因", required=change.beyond(ctx.threshold))
    return f"{label}支出决算比{ctx.last_year}年{change.words(ctx.decimals)}。{reason}"


def _part_head(b: SectionBuilder, number: int, col: str, label: str, counts: str = "") -> str:
    """ "1.因公出国（境）费支出0.00万元，完成预算0%。" + 预算 gap + counts + the change on last year."""
    ctx = b.ctx
    actual, budget = ctx.value(f"G07.actual.{col}"), ctx.value(f"G07.budget.{col}")
    gap = ""
    if actual != budget:
        gap = _budget_gap(b, col, f"reason.three_public.{col}.budget", f"{label}决算数与预算数差异原因")
    head = f"{number}.{label}支出{amount(actual)}万元，{completion(ctx, actual, budget)}。"
    return head + gap + counts + _part_yoy(b, col, label)


def _abroad(b: SectionBuilder) -> list[str]:
    ctx = b.ctx
    groups, people = _count(ctx, "abroad_groups"), _count(ctx, "abroad_people")
    counts = f"全年安排因公出国（境）团组{groups}次，出国（境）{people}人。"
    return [_part_head(b, 1, "abroad", "因公出国（境）费", counts)]


def _vehicle(b: SectionBuilder) -> list[str]:
    ctx = b.ctx
    use = b.clerk_text("text.vehicle_use", "公务用车运行维护费用途", required=False)
    use_text = f"，主要用于{use}所需的公务用车燃料费、维修费、过路过桥费、保险费等支出" if use else ""
    return [
        _part_head(b, 2, "vehicle", "公务用车购置及运行维护费"),
        f"其中：公务用车购置支出{amount(ctx.value('G07.actual.vehicle_purchase'))}万元，"
        f"购置车辆{_count(ctx, 'vehicles_bought')}辆。",
        f"公务用车运行维护费支出{amount(ctx.value('G07.actual.vehicle_operation'))}万元{use_text}。",
    ]


def _reception(b: SectionBuilder) -> list[str]:
    ctx = b.ctx
    foreign = ctx.value("X01.foreign_reception_amount.value")
    domestic = ctx.value("G07.actual.reception") - foreign
    detail = b.clerk_text("text.reception_detail", "国内公务接待具体内容", required=False)
    return [
        _part_head(b, 3, "reception", "公务接待费") + "其中：",
        f"国内公务接待支出{amount(domestic)}万元，国内公务接待{_count(ctx, 'reception_batches')}批次，"
        f"{_count(ctx, 'reception_people')}人次，共计支出{amount(domestic)}万元。"
        + (f"具体内容包括：{detail}。" if detail else ""),
        f"外事接待支出{amount(foreign)}万元，外事接待{_count(ctx, 'foreign_reception_batches')}批次，"
        f"{_count(ctx, 'foreign_reception_people')}人。",
    ]


def three_public(ctx: DraftContext) -> Section:
    b = ctx.builder()
    total, budget = ctx.value("G07.actual.total"), ctx.value("G07.budget.total")
    overall = (
        f"{ctx.year}年“三公”经费财政拨款支出决算为{amount(total)}万元，{completion(ctx, total, budget)}，"
    )
    overall += _budget_gap(b, "total", "reason.three_public", "“三公”经费决算数与预算数差异原因")
    parts = "；".join(
        f"{label}支出决算{amount(ctx.value(f'G07.actual.{col}'))}万元"
        + share_words(ctx.value(f"G07.actual.{col}"), total, ctx.decimals)
        for col, label in THREE_PUBLIC
    )
    b.add("（一）“三公”经费财政拨款支出决算总体情况说明", overall)
    b.add("（二）“三公”经费财政拨款支出决算具体情况说明")
    b.add(f"{ctx.year}年“三公”经费财政拨款支出决算中，{parts}。具体情况如下：")
    b.add(*_abroad(b), *_vehicle(b), *_reception(b))
    return b.build("three_public", "“三公”经费财政拨款支出决算情况说明")


def _fund(ctx: DraftContext, form: str, fund: str) -> str:
    total = ctx.value(f"{form}.total.total")
    if total == 0:
        return f"{ctx.year}年本部门无{fund}支出。"
    basic, project = ctx.value(f"{form}.total.basic"), ctx.value(f"{form}.total.project")
    head = f"{ctx.year}年{fund}支出{amount(total)}万元。"
    if basic == 0 or project == 0:
        return head + ("全部为项目支出。" if basic == 0 else "全部为基本支出。")
    return head + f"其中：基本支出{amount(basic)}万元，项目支出{amount(project)}万元。"


def gf(ctx: DraftContext) -> Section:
    b = ctx.builder()
    b.add(_fund(ctx, "G08", "政府性基金预算财政拨款"))
    return b.build("gf", "政府性基金预算支出决算情况说明")


def soc(ctx: DraftContext) -> Section:
    b = ctx.builder()
    b.add(_fund(ctx, "G09", "国有资本经营预算财政拨款"))
    return b.build("soc", "国有资本经营预算支出决算情况说明")
