"""A consistent 上海 2024 department (上海市示例局, 2024 with 2023 as prior), written by hand: every
identity and cross-table rule of the edition holds (worked out in the comments), so that it
validates with no error. The figures are the tests' own; the layout they fill is the 样张's."""

from __future__ import annotations

from typing import Any

NAME = "上海市示例局"

# 一般公共预算财政拨款 by 项: (基本支出, 项目支出, 年初预算). Σ basic 650.00, project 460.50, budget 1110.00.
G05 = {
    "2013901": ("520.00", "0.00", "520.00"),  # 社会工作事务 行政运行: a 2024 code the 2021 list lacks
    "2013902": ("0.00", "80.00", "100.00"),
    "2050203": ("0.00", "150.00", "150.00"),
    "2050205": ("0.00", "200.50", "180.00"),
    "2079999": ("0.00", "30.00", "30.00"),
    "2080505": ("60.00", "0.00", "60.00"),
    "2101101": ("25.00", "0.00", "25.00"),
    "2210201": ("45.00", "0.00", "45.00"),
}
# 基本支出 by 经济分类 款: 人员经费 (301, 303) 570.00 + 公用经费 (302, 310) 80.00 = 650.00 = G05 basic.
G06 = {
    "30101": "200.00", "30102": "150.00", "30103": "30.00", "30107": "50.00", "30108": "60.00",
    "30110": "25.00", "30113": "45.00", "30302": "10.00",
    "30201": "20.00", "30211": "15.00", "30217": "5.00", "30231": "10.00", "30299": "20.00", "31002": "10.00",
}  # fmt: skip
# 政府性基金: 年初 10 + 收入 40 − 支出 35 (项目) = 年末 15; 年初预算 40.
G08 = {"2296002": {"carry_in": "10.00", "income": "40.00", "project": "35.00", "budget": "40.00"}}
# 收入 by 项: 财政拨款 1140.00 (= 1100 一般公共预算 + 40 政府性基金), 事业收入 100.00, 其他收入 10.00.
G02 = {
    "2013901": {"fiscal": "520.00", "other": "10.00"},
    "2013902": {"fiscal": "80.00"},
    "2050203": {"fiscal": "150.00"},
    "2050205": {"fiscal": "190.00", "business": "100.00"},
    "2079999": {"fiscal": "30.00"},
    "2080505": {"fiscal": "60.00"},
    "2101101": {"fiscal": "25.00"},
    "2210201": {"fiscal": "45.00"},
    "2296002": {"fiscal": "40.00"},
}
# 支出 by 项: each covers its 财政拨款 spending. Σ basic 720.00, project 535.50, total 1255.50.
G03 = {
    "2013901": {"basic": "530.00"},
    "2013902": {"project": "80.00"},
    "2050203": {"project": "150.00"},
    "2050205": {"basic": "60.00", "project": "240.50"},
    "2079999": {"project": "30.00"},
    "2080505": {"basic": "60.00"},
    "2101101": {"basic": "25.00"},
    "2210201": {"basic": "45.00"},
    "2296002": {"project": "35.00"},
}
# 四: 收入 1100 + 40; 年初 30 + 10; 年末 一般公共预算 30 + 1100 − 1110.50 = 19.50, 政府性基金 15.00.
G04 = {"inc_gpb": "1100.00", "inc_gf": "40.00", "carry_in_gpb": "30.00", "carry_in_gf": "10.00"}
# 一: 收入合计 1250.00, 年初结转和结余 60.00 → 总计 1310.00; 年末 1310 − 1255.50 = 54.50 ≥ 34.50.
G01 = {"carry_in": "60.00"}
# 七 (all 财政拨款): 决算 运行 12 + 接待 6 = 18; 预算 12 + 8 = 20. Covers 30231 (10) and 30217 (5).
G07 = {
    "actual": {"vehicle_operation": "12.00", "reception": "6.00"},
    "budget": {"vehicle_operation": "12.00", "reception": "8.00"},
}
X01 = {
    "admin_cost": "70.00",
    "proc_goods": "30.00", "proc_services": "20.00", "proc_sme": "40.00", "proc_small_micro": "20.00",
    "proc_reserved_sme": "30.00", "proc_reserved_small": "15.00", "proc_reserved_sme_awarded": "25.00",
    "proc_reserved_small_awarded": "12.00", "proc_other_sme_awarded": "10.00",
    "veh_leader": "1", "veh_law": "2", "vehicles_fiscal": "3", "equip_100": "1",
    "reception_batches": "10", "reception_people": "60", "foreign_reception_batches": "1",
    "foreign_reception_people": "5", "foreign_reception_amount": "1.20",
    "perf_targets": "12", "perf_targets_amount": "460.50", "perf_monitored": "5",
    "perf_monitored_amount": "300.00", "perf_self_evaluated": "12", "perf_self_amount": "460.50",
    "perf_avg_score": "92.50", "perf_excellent": "8", "perf_good": "3", "perf_pass": "1", "perf_issues": "4",
    "perf_fixed": "3", "perf_fixing": "1",
}  # fmt: skip
# 2023: 年末 一般公共预算 10 + 700 − 680 = 30 and 政府性基金 10 chain into 2024's 年初; 一's 年末
# (40 + 700 − 680 = 60) is 2024's 年初结转和结余.
PRIOR = {
    "G05.2013901.basic": "500.00", "G05.2013901.budget": "500.00",
    "G05.2050205.project": "180.00", "G05.2050205.budget": "180.00",
    "G06.30101.amount": "300.00", "G06.30201.amount": "200.00",
    "G03.2013901.basic": "500.00", "G03.2050205.project": "180.00",
    "G02.2013901.fiscal": "500.00", "G02.2050205.fiscal": "200.00",
    "G04.inc_gpb.amount": "700.00", "G04.carry_in_gpb.amount": "10.00", "G04.carry_in_gf.amount": "10.00",
    "G08.2296002.carry_in": "10.00", "G01.carry_in.amount": "40.00",
    "G07.actual.vehicle_operation": "12.00", "G07.actual.reception": "8.00",
    "G07.budget.vehicle_operation": "12.00", "G07.budget.reception": "8.00",
    "X01.admin_cost.value": "65.00",
}  # fmt: skip
TEXTS = {
    "text.overview.functions": "负责本市示例事务的管理与服务。",
    "text.overview.structure": "从预算单位构成看，上海市示例局部门决算包括本级决算和下属事业单位决算。",
    "reason.total_change": "新增社会工作职能，人员和项目经费增加",
    "reason.fiscal_change": "新增社会工作职能，财政拨款增加",
    "reason.gpb_change": "新增社会工作职能，财政拨款增加",
    "reason.G05.total": "高等教育项目追加预算",
    "reason.G05.2013902": "部分调研项目延后实施",
    "reason.G05.2050205": "年中追加实验室建设经费",
    "reason.G08.2296002": "部分福利项目结转下年",
    "reason.three_public": "严格控制公务接待",
    "reason.three_public.reception": "严格控制公务接待批次",
    "reason.three_public.reception.budget": "严格控制公务接待",
    "text.vehicle_use": "执法执勤及机要文件交换",
    "text.reception_detail": "接待兄弟省市调研考察",
    "text.procurement_use": "办公设备和信息化服务",
    "text.performance": "绩效自评结果已按规定公开",
    **{f"use.G05.{code}": "保障机构正常运转和履行职能" for code in G05},
    "use.G08.2296002": "资助社会福利项目",
}


def _cells() -> dict[str, str]:
    cells: dict[str, str] = {"F00.name.value": NAME, "F00.year.value": "2024"}
    for code, (basic, project, budget) in G05.items():
        cells.update(
            {f"G05.{code}.basic": basic, f"G05.{code}.project": project, f"G05.{code}.budget": budget}
        )
    cells.update({f"G06.{code}.amount": amount for code, amount in G06.items()})
    for form, rows in (("G08", G08), ("G02", G02), ("G03", G03)):
        cells.update({f"{form}.{code}.{col}": v for code, cols in rows.items() for col, v in cols.items()})
    cells.update({f"G04.{row}.amount": v for row, v in G04.items()})
    cells.update({f"G01.{row}.amount": v for row, v in G01.items()})
    cells.update({f"G07.{row}.{col}": v for row, cols in G07.items() for col, v in cols.items()})
    cells.update({f"X01.{row}.value": v for row, v in X01.items()})
    return cells


def shanghai_doc() -> dict[str, Any]:
    """The department as an interchange document of the 上海 2024 edition (input cells only)."""
    return {
        "format": "juesuan-dataset",
        "version": 1,
        "edition": "shanghai-2024",
        "department": {"name": NAME, "code": "310000001", "year": 2024},
        "units": [
            {"id": "u1", "name": NAME, "kind": "行政单位"},
            {"id": "u2", "name": "上海市示例研究所", "kind": "其他事业单位"},
        ],
        "cells": _cells(),
        "prior": dict(PRIOR),
        "texts": dict(TEXTS),
    }
