"""Sections 一–五 of 第二部分: totals, income, expense, 财政拨款, 一般公共预算财政拨款支出."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from desktop.narrative.context import DraftContext, Section, SectionBuilder
from desktop.narrative.names import code_name
from desktop.narrative.phrases import Change, amount, budget_completion, budget_gap_words, share_words

INCOME_PARTS = (
    ("inc_gpb", "一般公共预算财政拨款收入"),
    ("inc_gf", "政府性基金预算财政拨款收入"),
    ("inc_soc", "国有资本经营预算财政拨款收入"),
    ("inc_superior", "上级补助收入"),
    ("inc_business", "事业收入"),
    ("inc_operating", "经营收入"),
    ("inc_affiliated", "附属单位上缴收入"),
    ("inc_other", "其他收入"),
)
EXPENSE_PARTS = (
    ("basic", "基本支出"),
    ("project", "项目支出"),
    ("to_superior", "上缴上级支出"),
    ("operating", "经营支出"),
    ("to_affiliated", "对附属单位补助支出"),
)


def yoy_sentence(
    b: SectionBuilder, subject: str, change: Change | None, key: str, label: str, *, each: str = ""
) -> str:
    """ "与2019年相比，收、支总计各减少298.55万元，下降18.11%。主要变动原因是……。"; nothing without
    last year's figure."""
    ctx = b.ctx
    if change is None:
        return ""
    if change.amount == 0:
        return f"与{ctx.last_year}年相比，{subject}持平。"
    words = change.words(ctx.decimals)
    reason = b.reason(key, label, required=change.beyond(ctx.threshold), lead="主要变动原因是")
    return f"与{ctx.last_year}年相比，{subject}{each}{words}。{reason}"


def parts_with_shares(ctx: DraftContext, parts: Iterable[tuple[str, str]], base: Decimal) -> str:
    """ "基本支出756.02万元，占63.03%；项目支出443.51万元，占36.97%" for the non-zero parts."""
    return "；".join(
        f"{label}{amount(value)}万元{share_words(value, base, ctx.decimals)}"
        for cell, label in parts
        if (value := ctx.value(cell)) != 0
    )


def overview(ctx: DraftContext) -> Section:
    b = ctx.builder()
    grand = "G01.grand_in.amount"
    b.add(
        f"{ctx.year}年度收、支总计{amount(ctx.value(grand))}万元。"
        + yoy_sentence(
            b, "收、支总计", ctx.change(grand), "reason.total_change", "收支总计变动原因", each="各"
        )
    )
    return b.build("overview", "收入支出决算总体情况说明")


def _with_parts(head: str, parts: str) -> str:
    return f"{head}，其中：{parts}。" if parts else f"{head}。"


def _total_and_parts(ctx: DraftContext, total_cell: str, parts: Iterable[tuple[str, str]], label: str) -> str:
    """E.g. "2020年本年收入合计737.28万元，其中：…，占90.75%；…。"."""
    total = ctx.value(total_cell)
    shares = parts_with_shares(ctx, parts, total)
    return _with_parts(f"{ctx.year}年{label}{amount(total)}万元", shares)


def income(ctx: DraftContext) -> Section:
    b = ctx.builder()
    parts = ((f"G01.{row}.amount", label) for row, label in INCOME_PARTS)
    b.add(_total_and_parts(ctx, "G01.inc_total.amount", parts, "本年收入合计"))
    return b.build("income", "收入决算情况说明")


def expense(ctx: DraftContext) -> Section:
    b = ctx.builder()
    parts = ((f"G03.total.{col}", label) for col, label in EXPENSE_PARTS)
    b.add(_total_and_parts(ctx, "G03.total.total", parts, "本年支出合计"))
    return b.build("expense", "支出决算情况说明")


def fiscal(ctx: DraftContext) -> Section:
    b = ctx.builder()
    grand = "G04.grand_in.amount"
    b.add(
        f"{ctx.year}年财政拨款收、支总计{amount(ctx.value(grand))}万元。"
        + yoy_sentence(
            b,
            "财政拨款收、支总计",
            ctx.change(grand),
            "reason.fiscal_change",
            "财政拨款收支总计变动原因",
            each="各",
        )
    )
    return b.build("fiscal", "财政拨款收入支出决算总体情况说明")


def g05_codes(ctx: DraftContext, digits: int) -> list[str]:
    """G05 subject codes of one level (3 类, 5 款, 7 项) with a 决算 or a 预算, in code order."""
    rows = (r for r in ctx.snapshot.rows("G05") if r.isdigit() and len(r) == digits)
    return sorted(r for r in rows if ctx.value(f"G05.{r}.total") != 0 or ctx.value(f"G05.{r}.budget") != 0)


def class_label(code: str, year: int | None = None) -> str:
    """ "一般公共服务（类）" from 一般公共服务支出."""
    name = code_name("functional", code, year)
    return f"{name.removesuffix('支出') or name}（类）"


def _gpb_overall(b: SectionBuilder) -> str:
    ctx = b.ctx
    total = ctx.value("G05.total.total")
    of_all = share_words(total, ctx.value("G01.exp_total.amount"), ctx.decimals, "本年支出合计")
    head = f"{ctx.year}年一般公共预算财政拨款支出{amount(total)}万元{of_all}。"
    return head + yoy_sentence(
        b,
        "一般公共预算财政拨款支出",
        ctx.change("G05.total.total"),
        "reason.gpb_change",
        "一般公共预算财政拨款支出变动原因",
    )


def _gpb_structure(ctx: DraftContext) -> str:
    total = ctx.value("G05.total.total")
    parts = "；".join(
        f"{class_label(c, ctx.year)}支出{amount(ctx.value(f'G05.{c}.total'))}万元"
        + share_words(ctx.value(f"G05.{c}.total"), total, ctx.decimals)
        for c in g05_codes(ctx, 3)
        if ctx.value(f"G05.{c}.total") != 0
    )
    head = f"{ctx.year}年一般公共预算财政拨款支出{amount(total)}万元"
    return f"{head}，主要用于以下方面：{parts}。" if parts else f"{head}。"


def completion(ctx: DraftContext, actual: Decimal, budget: Decimal) -> str:
    """ "完成预算92.08%" or, with no budget, "全年预算数为0.00万元"."""
    rate = budget_completion(actual, budget, ctx.decimals)
    return f"完成预算{rate}" if rate is not None else "全年预算数为0.00万元"


def _item(b: SectionBuilder, code: str) -> str:
    ctx = b.ctx
    actual, budget = ctx.value(f"G05.{code}.total"), ctx.value(f"G05.{code}.budget")
    name = code_name("functional", code, ctx.year)
    text = f"{name}（项）：支出决算为{amount(actual)}万元，{completion(ctx, actual, budget)}"
    if actual == budget:
        return text
    gap = budget_gap_words(actual, budget)
    reason = b.clerk_text(f"reason.G05.{code}", f"{name}决算数与预算数差异原因", required=True)
    return f"{text}，{gap}的主要原因是{reason}"


def _class_items(b: SectionBuilder, number: int, class_code: str) -> str:
    items: list[str] = []
    last_kuan = ""
    for code in (c for c in g05_codes(b.ctx, 7) if c.startswith(class_code)):
        prefix = "" if code[:5] == last_kuan else f"{code_name('functional', code[:5], b.ctx.year)}（款）"
        last_kuan = code[:5]
        items.append(prefix + _item(b, code))
    return f"{number}.{class_label(class_code, b.ctx.year)}" + "；".join(items) + "。"


def _gpb_details(b: SectionBuilder) -> list[str]:
    ctx = b.ctx
    total, budget = ctx.value("G05.total.total"), ctx.value("G05.total.budget")
    head = (
        f"{ctx.year}年一般公共预算财政拨款支出决算数为{amount(total)}万元，{completion(ctx, total, budget)}。"
    )
    classes = g05_codes(ctx, 3)
    if not classes:
        return [head]
    return [head + "其中："] + [_class_items(b, n, c) for n, c in enumerate(classes, start=1)]


def gpb(ctx: DraftContext) -> Section:
    b = ctx.builder()
    b.add("（一）一般公共预算财政拨款支出决算总体情况", _gpb_overall(b))
    b.add("（二）一般公共预算财政拨款支出决算结构情况", _gpb_structure(ctx))
    b.add("（三）一般公共预算财政拨款支出决算具体情况", *_gpb_details(b))
    return b.build("gpb", "一般公共预算财政拨款支出决算情况说明")
