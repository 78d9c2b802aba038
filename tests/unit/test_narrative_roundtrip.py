"""Property: whatever the figures, the checker finds nothing wrong in the app's own draft."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models.snapshot import Snapshot
from desktop.narrative.check import check_text, read_text
from desktop.narrative.draft import draft
from desktop.narrative.reader.figures import figures

AMOUNT_CELLS = (
    "G01.grand_in.amount",
    "G01.inc_total.amount",
    "G01.inc_gpb.amount",
    "G01.inc_gf.amount",
    "G01.inc_other.amount",
    "G01.exp_total.amount",
    "G03.total.total",
    "G03.total.basic",
    "G03.total.project",
    "G04.grand_in.amount",
    "G05.total.total",
    "G05.total.budget",
    "G05.201.total",
    "G05.201.budget",
    "G05.20106.total",
    "G05.20106.budget",
    "G05.2010601.total",
    "G05.2010601.budget",
    "G05.2010602.total",
    "G05.2010602.budget",
    "G05.221.total",
    "G05.221.budget",
    "G05.22102.total",
    "G05.22102.budget",
    "G05.2210201.total",
    "G05.2210201.budget",
    "G06.30101.amount",
    "G06.30201.amount",
    "G06.staff_total.amount",
    "G06.public_total.amount",
    "G06.total.amount",
    "G07.actual.total",
    "G07.actual.abroad",
    "G07.actual.vehicle",
    "G07.actual.vehicle_purchase",
    "G07.actual.vehicle_operation",
    "G07.actual.reception",
    "G07.budget.total",
    "G07.budget.abroad",
    "G07.budget.vehicle",
    "G07.budget.reception",
    "G08.total.total",
    "G08.total.basic",
    "G08.total.project",
    "G09.total.total",
    "X01.admin_cost.value",
    "X01.proc_total.value",
    "X01.proc_goods.value",
    "X01.proc_works.value",
    "X01.proc_services.value",
    "X01.proc_sme.value",
    "X01.proc_small_micro.value",
    "X01.foreign_reception_amount.value",
)
COUNT_CELLS = (
    "X01.veh_total.value",
    "X01.veh_other.value",
    "X01.abroad_groups.value",
    "X01.abroad_people.value",
    "X01.reception_batches.value",
    "X01.reception_people.value",
    "X01.foreign_reception_batches.value",
    "X01.foreign_reception_people.value",
    "X01.vehicles_bought.value",
    "X01.perf_pre_assessed.value",
    "X01.perf_targets.value",
    "X01.perf_monitored.value",
    "X01.perf_self_evaluated.value",
)
PRIOR_CELLS = (
    "G01.grand_in.amount",
    "G04.grand_in.amount",
    "G05.total.total",
    "G07.actual.abroad",
    "G07.actual.vehicle",
    "G07.actual.reception",
    "X01.admin_cost.value",
)

amounts = st.one_of(
    st.just(Decimal(0)),
    st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=100, places=4, allow_nan=False, allow_infinity=False),
)
counts = st.integers(min_value=0, max_value=60).map(Decimal)
project = st.fixed_dictionaries({"budget": amounts, "actual": amounts})


def _doc(cells: dict[str, Decimal], prior: dict[str, Decimal], projects: list[dict[str, Decimal]]) -> Any:
    names = ("绩效评价体系建设", "国库支付管理业务", "财政投资评审")
    # The identities the validator enforces are kept: a draft of inconsistent data is not the point here.
    if "G03.total.total" in cells:
        cells = {**cells, "G01.exp_total.amount": cells["G03.total.total"]}
    if "G06.total.amount" in cells:
        cells = {**cells, "G05.total.basic": cells["G06.total.amount"]}
    return {
        "department": {"name": "测试局", "code": "001", "year": 2021},
        "cells": {k: str(v) for k, v in cells.items()},
        "prior": {k: str(v) for k, v in prior.items()},
        "projects": [
            {"id": f"p{i}", "name": names[i], **{k: str(v) for k, v in p.items()}}
            for i, p in enumerate(projects)
        ],
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cells=st.fixed_dictionaries(dict.fromkeys(AMOUNT_CELLS, amounts) | dict.fromkeys(COUNT_CELLS, counts)),
    prior=st.fixed_dictionaries(dict.fromkeys(PRIOR_CELLS, amounts)),
    projects=st.lists(project, max_size=3),
    decimals=st.integers(min_value=0, max_value=3),
)
def test_check_finds_nothing_in_the_draft(
    cells: dict[str, Decimal], prior: dict[str, Decimal], projects: list[dict[str, Decimal]], decimals: int
) -> None:
    snapshot = Snapshot.from_interchange(_doc(cells, prior, projects))
    text = draft(snapshot, decimals=decimals).text()
    # Random figures break the identities of the forms (parts adding to their totals): the text then
    # disagrees with itself because the data do, which the consistency layer rightly says. Here only
    # the text against the data counts.
    findings = [f for f in check_text(snapshot, text) if f.kind not in ("data", "consistency")]
    assert findings == [], (findings, text)


FRAGMENTS = (
    "收、支总计",
    "本年支出合计",
    "基本支出",
    "占",
    "的",
    "增长",
    "下降",
    "增加",
    "减少",
    "完成预算",
    "与",
    "比",
    "2020年",
    "2021年",
    "相比",
    "持平",
    "决算数小于预算数",
    "项目",
    "等",
    "存在结余",
    "国内公务接待",
    "批次",
    "人次",
    "万元",
    "%",
    "，",
    "。",
    "；",
    "：",
    "、",
    "\n",
    "\t",
    "第一部分",
    "第二部分",
    "（类）",
    "财政事务",
    "财政投资评审",
    "单价",
    "0",
    "1",
    "12",
    "3.5",
    "66.69",
    "1,349.95",
    "-",
)


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_check_never_fails_on_any_text_and_counts_every_figure(parts: list[str]) -> None:
    text = "".join(parts)
    snapshot = Snapshot.from_interchange(_doc({}, {}, [{"budget": Decimal(250), "actual": Decimal(250)}] * 3))
    reading = read_text(snapshot, text)
    for finding in reading.findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.stated
    # every figure is counted, checked or not (a price threshold "单价50万元" is part of a name)
    counted = {f.start for f in reading.figures}
    printed = [f for f in figures(text) if f.kind != "year" and not text[: f.start].endswith("单价")]
    assert [f.printed for f in printed if f.start not in counted] == []
    assert reading.summary.found == reading.summary.checked + reading.summary.unchecked
