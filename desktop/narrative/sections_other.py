"""Section 十 of 第二部分: 机关运行经费, 政府采购, 国有资产, 预算绩效管理."""

from __future__ import annotations

from desktop.models.snapshot import Project
from desktop.narrative.context import DraftContext, Section, SectionBuilder
from desktop.narrative.phrases import ZERO, amount, share
from desktop.narrative.sections_details import VEHICLE_KINDS
from desktop.narrative.sections_totals import completion


def _fact(ctx: DraftContext, fact: str) -> str:
    return amount(ctx.value(f"X01.{fact}.value"))


def _count(ctx: DraftContext, fact: str) -> str:
    return str(int(ctx.value(f"X01.{fact}.value")))


def _admin_cost(b: SectionBuilder) -> str:
    ctx = b.ctx
    change = ctx.change("X01.admin_cost.value")
    head = f"{ctx.year}年，{ctx.department}机关运行经费支出{_fact(ctx, 'admin_cost')}万元"
    if change is None:
        return head + "。"
    if change.amount == 0:
        return head + f"，与{ctx.last_year}年持平。"
    reason = b.reason(
        "reason.admin_cost_change", "机关运行经费变动原因", required=change.beyond(ctx.threshold)
    )
    return head + f"，比{ctx.last_year}年{change.words(ctx.decimals)}。{reason}"


def _procurement(b: SectionBuilder) -> str:
    ctx = b.ctx
    total = ctx.value("X01.proc_total.value")
    if total == 0:
        return f"{ctx.year}年，{ctx.department}无政府采购支出。"
    use = b.clerk_text("text.procurement_use", "政府采购主要用途", required=False)
    sme, small = ctx.value("X01.proc_sme.value"), ctx.value("X01.proc_small_micro.value")
    return (
        f"{ctx.year}年，{ctx.department}政府采购支出总额{amount(total)}万元，其中：政府采购货物支出"
        f"{_fact(ctx, 'proc_goods')}万元、政府采购工程支出{_fact(ctx, 'proc_works')}万元、政府采购服务支出"
        f"{_fact(ctx, 'proc_services')}万元。"
        + (f"主要用于{use}。" if use else "")
        + f"授予中小企业合同金额{amount(sme)}万元，占政府采购支出总额的{share(sme, total, ctx.decimals)}，"
        f"其中：授予小微企业合同金额{amount(small)}万元，"
        f"占政府采购支出总额的{share(small, total, ctx.decimals)}。"
    )


def _assets(b: SectionBuilder) -> str:
    ctx = b.ctx
    kinds = "、".join(f"{label}{_count(ctx, fact)}辆" for fact, label in VEHICLE_KINDS)
    use = b.clerk_text("text.vehicle_use_other", "其他用车用途", required=False)
    other_use = f"其他用车主要用于{use}。" if use and ctx.value("X01.veh_other.value") != 0 else ""
    general, special = ctx.value("X01.equip_general_50.value"), ctx.value("X01.equip_special_100.value")
    equipment = (
        "没有单价50万元以上通用设备和单价100万元以上专用设备。"
        if general == 0 and special == 0
        else f"单价50万元以上通用设备{int(general)}台（套），单价100万元以上专用设备{int(special)}台（套）。"
    )
    return (
        f"截至{ctx.year}年12月31日，{ctx.department}共有车辆{_count(ctx, 'veh_total')}辆，其中：{kinds}。"
        + other_use
        + equipment
    )


def _performance(b: SectionBuilder) -> list[str]:
    """The X01 绩效 counts, then the clerk's 预算绩效管理情况; a clerk text that already gives the
    project counts ("对7个项目…") stands in for the drafted sentence instead of repeating it."""
    ctx = b.ctx
    clerk = b.clerk_text("text.performance", "预算绩效管理情况", required=False)
    counts = (
        f"根据预算绩效管理要求，本部门在年初预算编制阶段，对{_count(ctx, 'perf_pre_assessed')}个项目开展了"
        f"预算事前绩效评估，对{_count(ctx, 'perf_targets')}个项目编制了绩效目标，预算执行过程中，选取"
        f"{_count(ctx, 'perf_monitored')}个项目开展绩效监控，年终执行完毕后，对"
        f"{_count(ctx, 'perf_self_evaluated')}个项目开展了绩效目标完成情况自评。"
    )
    if not clerk:
        return [counts]
    return [clerk + "。"] if "个项目" in clerk else [counts, clerk + "。"]


def project_label(project: Project) -> str:
    return project.name if project.name.endswith("项目") else f"{project.name}项目"


def _project(ctx: DraftContext, number: int, project: Project) -> str:
    budget = project.amount("budget") or ZERO
    actual = project.amount("actual") or ZERO
    rate = completion(ctx, actual, budget).replace("完成预算", "完成预算的")
    figures = f"全年预算数{amount(budget)}万元，执行数为{amount(actual)}万元，{rate}"
    return f"（{number}）{project_label(project)}{figures}。"


def _projects(ctx: DraftContext) -> list[str]:
    projects = ctx.snapshot.projects
    if not projects:
        return []
    names = "".join(f"“{p.name}”" for p in projects[:2])
    head = f"本部门在{ctx.year}年度部门决算中反映{names}等{len(projects)}个项目绩效目标实际完成情况。"
    return ["1.项目绩效目标完成情况。", head] + [_project(ctx, n, p) for n, p in enumerate(projects, start=1)]


def other(ctx: DraftContext) -> Section:
    b = ctx.builder()
    b.add("（一）机关运行经费支出情况", _admin_cost(b))
    b.add("（二）政府采购支出情况", _procurement(b))
    b.add("（三）国有资产占有使用情况", _assets(b))
    b.add("（四）预算绩效管理情况", *_performance(b), *_projects(ctx))
    return b.build("other", "其他重要事项的情况说明")
