"""A large synthetic dataset for the benchmark: real 2021 codes, plausible amounts, one batch.

≥ 300 功能分类 项 rows over G02/G03/G05/G08/G09, the full G06 款 list, 30 projects × 10
indicators, the fixed tables and last year's headline figures: well over 8,000 cells.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from desktop.forms.edition import ROOT_EDITION, load_edition
from desktop.models.dataset import Dataset
from desktop.models.ops import Op
from desktop.models.projects import project_ops

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Shape:
    items: int = 320  # 项 codes in G02/G03 (G05/G08/G09 take subsets)
    projects: int = 30
    indicators: int = 10
    seed: int = 2021


def _amount(rng: random.Random, low: int = 0, high: int = 50_000) -> Decimal:
    return Decimal(rng.randint(low, high)) * CENT


def _cell(form: str, row: str, col: str, value: Decimal | str, year: str = "current") -> Op:
    return Op.cell(f"{form}.{row}.{col}", value if isinstance(value, str) else format(value, "f"), year)


def _row(form: str, row: str, year: str = "current") -> Op:
    return Op.row(form, row, year=year)


def item_codes(count: int) -> list[str]:
    """The first `count` 项 of the 2021 功能分类 list (real codes, spread over many 类)."""
    items = [s.code for s in load_edition(ROOT_EDITION).codes.functional if s.level == 3]
    if len(items) < count:
        raise ValueError(f"功能分类只有 {len(items)} 个项")
    step = len(items) / count
    return [items[int(k * step)] for k in range(count)]


def _fiscal_ops(rng: random.Random, code: str, form: str) -> tuple[list[Op], Decimal, Decimal]:
    basic, project = _amount(rng, 0, 20_000), _amount(rng, 0, 20_000)
    ops = [_row(form, code), _cell(form, code, "basic", basic), _cell(form, code, "project", project)]
    return ops, basic, project


def _classified_ops(rng: random.Random, codes: list[str]) -> list[Op]:
    ops: list[Op] = []
    for k, code in enumerate(codes):
        basic = project = Decimal(0)
        for form, every in (("G05", 1), ("G08", 4), ("G09", 9)):
            if k % every == 0:
                more, b, p = _fiscal_ops(rng, code, form)
                ops += more
                basic, project = basic + b, project + p
        if k % 4 == 0:
            ops += [_cell("G08", code, "carry_in", _amount(rng)), _cell("G08", code, "income", _amount(rng))]
        ops += [_cell("G05", code, "budget", basic + project + _amount(rng, 0, 500))]
        ops += [_row("G03", code), _row("G02", code)]
        ops += [_cell("G03", code, "basic", basic + _amount(rng, 0, 1_000))]
        ops += [_cell("G03", code, "project", project + _amount(rng, 0, 1_000))]
        for col in ("fiscal", "superior", "business", "operating", "affiliated", "other"):
            ops.append(_cell("G02", code, col, _amount(rng)))
    return ops


def _economic_ops(rng: random.Random) -> list[Op]:
    ops: list[Op] = []
    for subject in load_edition(ROOT_EDITION).codes.economic:
        if subject.level == 2:
            ops += [_row("G06", subject.code), _cell("G06", subject.code, "amount", _amount(rng, 0, 5_000))]
    return ops


def _fixed_ops(rng: random.Random) -> list[Op]:
    ops = [
        _cell("G04", row, "amount", _amount(rng, 100_000, 900_000))
        for row in ("inc_gpb", "inc_gf", "inc_soc", "carry_in_gpb", "carry_in_gf", "carry_in_soc")
    ]
    ops += [_cell("G01", row, "amount", _amount(rng)) for row in ("use_balance", "carry_in", "distribution")]
    for row in ("budget", "actual"):
        for col in ("abroad", "vehicle_purchase", "vehicle_operation", "reception"):
            ops.append(_cell("G07", row, col, _amount(rng, 0, 1_000)))
    facts = ("admin_cost", "proc_goods", "proc_works", "proc_services", "proc_sme", "proc_small_micro")
    ops += [_cell("X01", fact, "value", _amount(rng, 0, 5_000)) for fact in facts]
    counts = ("veh_leader", "veh_law", "veh_other", "vehicles_bought", "perf_targets", "reception_batches")
    ops += [_cell("X01", fact, "value", str(rng.randint(0, 9))) for fact in counts]
    return ops


def _prior_ops(rng: random.Random) -> list[Op]:
    """Last year's headline figures, so that year-over-year and carry-over rules are live."""
    ops = [
        _cell("G04", row, "amount", _amount(rng, 100_000, 900_000), "prior")
        for row in ("inc_gpb", "inc_gf", "carry_in_gpb", "carry_in_gf")
    ]
    ops += [_cell("G01", "carry_in", "amount", _amount(rng), "prior")]
    ops += [_cell("G07", "actual", col, _amount(rng, 0, 1_000), "prior") for col in ("abroad", "reception")]
    return [*ops, _cell("X01", "admin_cost", "value", _amount(rng, 0, 5_000), "prior")]


def _project_ops(rng: random.Random, shape: Shape) -> list[Op]:
    ops: list[Op] = []
    for n in range(1, shape.projects + 1):
        fiscal, other = _amount(rng, 0, 5_000), _amount(rng, 0, 1_000)
        spent = fiscal * Decimal("0.9")
        raw = {
            "name": f"合成项目{n}", "unit": "u1", "budget": fiscal + other, "budget_fiscal": fiscal,
            "budget_other": other, "actual": spent + other, "actual_fiscal": spent, "actual_other": other,
            "goal_expected": "完成年度目标", "goal_actual": "已完成", "grade": "优",
            "indicators": [
                {"level1": "产出指标", "level2": "数量指标", "name": f"指标{k}", "expected": "≥1",
                 "actual_value": "1", "weight": "9", "score": str(rng.randint(6, 9)), "reason": ""}
                for k in range(1, shape.indicators + 1)
            ],
        }  # fmt: skip
        ops += project_ops(raw, f"p{n}")
    return ops


def synthetic_ops(shape: Shape) -> list[Op]:
    rng = random.Random(shape.seed)
    ops = _classified_ops(rng, item_codes(shape.items))
    ops += _economic_ops(rng) + _fixed_ops(rng) + _prior_ops(rng) + _project_ops(rng, shape)
    return [*ops, Op.text("reason.total_change", "业务调整")]


def build(path: Path, shape: Shape | None = None) -> Dataset:
    """Create the synthetic dataset at `path` in one batch and return it open."""
    dataset = Dataset.create(path, "合成测试部门", 2021, code="000001", edition=ROOT_EDITION)
    dataset.apply(synthetic_ops(shape or Shape()), label="合成数据", source="import")
    return dataset


def classified_item_rows(dataset: Dataset) -> int:
    return sum(len(dataset.rows(form)) for form in ("G02", "G03", "G05", "G08", "G09"))
