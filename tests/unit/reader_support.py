"""A small inline dataset (2021, three units, projects with a same-named pair) and helpers to read a
text against it: what was found, and what became of each figure."""

from __future__ import annotations

from typing import Any

from desktop.models.snapshot import Snapshot
from desktop.narrative.check import Reading, TextFinding, read_text

CELLS = {
    "G01.grand_in.amount": "200.00", "G01.inc_total.amount": "150.00", "G01.inc_gpb.amount": "120.00",
    "G01.inc_other.amount": "30.00", "G01.exp_total.amount": "100.00", "G01.carry_out.amount": "100.00",
    "G03.total.total": "100.00", "G03.total.basic": "80.00", "G03.total.project": "20.00",
    "G04.grand_in.amount": "180.00", "G04.inc_total.amount": "120.00", "G04.inc_gpb.amount": "120.00",
    "G04.exp_total.total": "90.00",
    "G05.total.total": "90.00", "G05.total.budget": "100.00", "G05.total.basic": "70.00",
    "G05.total.project": "20.00",
    "G05.201.total": "60.00", "G05.201.budget": "70.00", "G05.20106.total": "60.00",
    "G05.2010601.total": "50.00", "G05.2010601.budget": "50.00",
    "G05.2010602.total": "10.00", "G05.2010602.budget": "20.00",
    "G05.208.total": "30.00", "G05.208.budget": "30.00", "G05.20805.total": "30.00",
    "G05.2080505.total": "30.00", "G05.2080505.budget": "30.00",
    "G05.2050201.total": "0.00", "G05.2050201.budget": "0.00",
    "G03.201.total": "70.00", "G03.2010601.total": "55.00", "G03.208.total": "30.00",
    "G06.staff_total.amount": "60.00", "G06.public_total.amount": "10.00", "G06.total.amount": "70.00",
    "G07.actual.total": "3.00", "G07.actual.abroad": "0.00", "G07.actual.vehicle": "1.00",
    "G07.actual.vehicle_purchase": "0.00", "G07.actual.vehicle_operation": "1.00",
    "G07.actual.reception": "2.00", "G07.budget.total": "4.00", "G07.budget.reception": "2.00",
    "G07.budget.vehicle": "1.00", "G07.budget.abroad": "1.00",
    "X01.admin_cost.value": "8.00", "X01.reception_batches.value": "3", "X01.reception_people.value": "20",
    "X01.foreign_reception_amount.value": "0.00", "X01.foreign_reception_batches.value": "0",
    "X01.foreign_reception_people.value": "0", "X01.abroad_groups.value": "0", "X01.abroad_people.value": "0",
    "X01.proc_total.value": "10.00", "X01.proc_goods.value": "6.00", "X01.proc_works.value": "0.00",
    "X01.proc_services.value": "4.00", "X01.veh_total.value": "2", "X01.veh_other.value": "2",
    "X01.perf_targets.value": "3", "X01.perf_monitored.value": "3",
}  # fmt: skip
PRIOR = {
    "G01.grand_in.amount": "100.00", "G04.grand_in.amount": "200.00", "G05.total.total": "100.00",
    "G07.actual.reception": "1.00", "G07.actual.total": "3.00", "X01.admin_cost.value": "10.00",
    "G01.inc_total.amount": "140.00", "G05.2010601.total": "40.00",
}  # fmt: skip
UNITS = [
    {"id": "u1", "name": "测试局", "kind": "行政单位"},
    {"id": "u2", "name": "测试市测试区监督中心", "kind": "参公事业单位"},
    {"id": "u3", "name": "测试市测试区服务中心", "kind": "其他事业单位"},
]
PROJECTS = [
    {"id": "p1", "name": "财政监督检查业务费", "unit": "u2", "budget": "15.22", "actual": "10.15"},
    {"id": "p2", "name": "财政投资评审", "unit": "u1", "budget": "250.00", "actual": "250.00"},
    {"id": "p3", "name": "平台运行维护", "unit": "u2", "budget": "8.00", "actual": "6.00"},
    {"id": "p4", "name": "平台运行维护", "unit": "u3", "budget": "5.00", "actual": "5.00"},
]


def snapshot(**cells: str) -> Snapshot:
    """The inline dataset; keyword cells override ("X01__admin_cost__value": "12.00")."""
    doc: dict[str, Any] = {
        "department": {"name": "测试局", "code": "001", "year": 2021},
        "units": UNITS,
        "cells": {**CELLS, **{k.replace("__", "."): v for k, v in cells.items()}},
        "prior": PRIOR,
        "projects": PROJECTS,
    }
    return Snapshot.from_interchange(doc)


SAMPLE = snapshot()


def reading(text: str, snap: Snapshot | None = None) -> Reading:
    return read_text(snap or SAMPLE, text)


def rules(text: str, snap: Snapshot | None = None) -> list[str]:
    return [f.rule for f in reading(text, snap).findings]


def only(text: str, snap: Snapshot | None = None) -> TextFinding:
    findings = reading(text, snap).findings
    assert len(findings) == 1, findings
    return findings[0]


def status(text: str, figure: str, snap: Snapshot | None = None) -> str:
    """ "checked" or "unchecked:<reason>" for the first figure printed as `figure`."""
    start = text.index(figure)
    found = next(f for f in reading(text, snap).figures if f.start == start)
    return found.status if found.status == "checked" else f"unchecked:{found.reason}"
