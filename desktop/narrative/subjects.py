"""What a figure in the text can speak of: named subjects, their aliases, and the cells behind them.

A subject (`Topic`) has candidate references (`Ref`): "基本支出" may be the G03, G05, G08 or G09
basic column. A stated figure agrees when any candidate agrees (the checker is conservative).
A cell expression may add or subtract cells ("G07.actual.reception-X01.foreign_reception_amount.value");
`P01.<id>.<field>` reads a project amount.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from desktop.models.snapshot import Snapshot
from desktop.narrative.names import code_aliases, code_name

LEVEL_MARKERS = {"类": 3, "款": 5, "项": 7}
CLASSIFIED_TABLES = ("G05", "G03", "G08", "G09")
# The X01 vehicle facts the 情况说明 names (the drafting's own list is the edition's template now).
VEHICLE_KINDS = (
    ("veh_leader", "主要领导干部用车"),
    ("veh_confidential", "机要通信用车"),
    ("veh_emergency", "应急保障用车"),
    ("veh_law", "执法执勤用车"),
    ("veh_special", "特种专业技术用车"),
    ("veh_retiree", "离退休干部服务用车"),
    ("veh_other", "其他用车"),
)
THREE_PUBLIC_QUOTES = ("“三公”", '"三公"', "‘三公’", "「三公」", "三公")


@dataclass(frozen=True)
class Ref:
    """One candidate figure of a subject: its amount cell expression and, when it has one, its budget."""

    cell: str
    budget: str = ""


@dataclass(frozen=True)
class Topic:
    key: str
    label: str
    refs: tuple[Ref, ...] = ()
    counts: Mapping[str, str] = field(default_factory=dict)
    project: bool = False


def resolve(snapshot: Snapshot, expr: str, *, prior: bool = False) -> Decimal | None:
    """Value of a cell expression (`a`, `a+b`, `a-b`); None when a cell is missing."""
    total = Decimal(0)
    for sign, cell in re.findall(r"([+-]?)([^+-]+)", expr):
        value = _cell(snapshot, cell, prior)
        if value is None:
            return None
        total += -value if sign == "-" else value
    return total


def _cell(snapshot: Snapshot, cell: str, prior: bool) -> Decimal | None:
    if cell.startswith("P01."):
        _form, project_id, name = cell.split(".", 2)
        found = [p for p in snapshot.projects if p.id == project_id]
        return None if prior or not found else found[0].amount(name)
    return snapshot.prior_value(cell) if prior else snapshot.value(cell)


def _x01(fact: str) -> str:
    return f"X01.{fact}.value"


def _topic(
    key: str, label: str, *cells: str, budget: str = "", counts: Mapping[str, str] | None = None
) -> Topic:
    refs = tuple(Ref(c, budget if i == 0 else "") for i, c in enumerate(cells))
    return Topic(key, label, refs, MappingProxyType(dict(counts or {})))


def _fixed_topics() -> list[tuple[tuple[str, ...], Topic]]:
    """(aliases, topic) for every subject with a fixed name."""
    three = tuple(f"{q}经费{s}" for q in THREE_PUBLIC_QUOTES for s in ("", "财政拨款支出"))
    abroad_counts = {
        "次": _x01("abroad_groups"),
        "个": _x01("abroad_groups"),
        "人": _x01("abroad_people"),
        "人次": _x01("abroad_people"),
    }
    reception_counts = {
        "批次": _x01("reception_batches") + "+" + _x01("foreign_reception_batches"),
        "人次": _x01("reception_people") + "+" + _x01("foreign_reception_people"),
    }
    return [
        (("收支总计", "收、支总计", "收入支出总计"), _topic("grand", "收支总计", "G01.grand_in.amount")),
        (
            ("财政拨款收支总计", "财政拨款收、支总计"),
            _topic("fiscal_grand", "财政拨款收支总计", "G04.grand_in.amount"),
        ),
        (("本年收入合计", "收入合计"), _topic("inc_total", "本年收入合计", "G01.inc_total.amount")),
        (
            ("本年支出合计", "支出合计"),
            _topic("exp_total", "本年支出合计", "G01.exp_total.amount", "G03.total.total"),
        ),
        (("一般公共预算财政拨款收入",), _topic("inc_gpb", "一般公共预算财政拨款收入", "G01.inc_gpb.amount")),
        (
            ("政府性基金预算财政拨款收入",),
            _topic("inc_gf", "政府性基金预算财政拨款收入", "G01.inc_gf.amount"),
        ),
        (
            ("国有资本经营预算财政拨款收入",),
            _topic("inc_soc", "国有资本经营预算财政拨款收入", "G01.inc_soc.amount"),
        ),
        (("上级补助收入",), _topic("inc_superior", "上级补助收入", "G01.inc_superior.amount")),
        (("事业收入",), _topic("inc_business", "事业收入", "G01.inc_business.amount")),
        (("经营收入",), _topic("inc_operating", "经营收入", "G01.inc_operating.amount")),
        (("附属单位上缴收入",), _topic("inc_affiliated", "附属单位上缴收入", "G01.inc_affiliated.amount")),
        (("其他收入",), _topic("inc_other", "其他收入", "G01.inc_other.amount")),
        (("财政拨款收入",), _topic("fiscal_inc", "财政拨款收入", "G02.total.fiscal", "G04.inc_total.amount")),
        (("财政拨款支出",), _topic("fiscal_exp", "财政拨款支出", "G04.exp_total.total")),
        (
            ("一般公共预算财政拨款支出", "一般公共预算财政拨款", "一般公共预算支出"),
            _topic("gpb_exp", "一般公共预算财政拨款支出", "G05.total.total", budget="G05.total.budget"),
        ),
        (
            ("政府性基金预算财政拨款支出", "政府性基金预算拨款支出", "政府性基金预算支出"),
            _topic("gf_exp", "政府性基金预算财政拨款支出", "G08.total.total"),
        ),
        (
            ("国有资本经营预算财政拨款支出", "国有资本经营预算拨款支出", "国有资本经营预算支出"),
            _topic("soc_exp", "国有资本经营预算财政拨款支出", "G09.total.total"),
        ),
        (("基本支出",), _topic("basic", "基本支出", *(f"{t}.total.basic" for t in CLASSIFIED_TABLES))),
        (("项目支出",), _topic("project", "项目支出", *(f"{t}.total.project" for t in CLASSIFIED_TABLES))),
        (("上缴上级支出",), _topic("to_superior", "上缴上级支出", "G03.total.to_superior")),
        (("经营支出",), _topic("operating", "经营支出", "G03.total.operating")),
        (("对附属单位补助支出",), _topic("to_affiliated", "对附属单位补助支出", "G03.total.to_affiliated")),
        (
            ("一般公共预算财政拨款基本支出",),
            _topic("gpb_basic", "一般公共预算财政拨款基本支出", "G05.total.basic", "G06.total.amount"),
        ),
        (("人员经费",), _topic("staff", "人员经费", "G06.staff_total.amount")),
        (("日常公用经费", "公用经费"), _topic("public", "日常公用经费", "G06.public_total.amount")),
        (three, _topic("three_public", "“三公”经费", "G07.actual.total", budget="G07.budget.total")),
        (
            ("因公出国（境）费", "因公出国（境）经费", "因公出国（境）", "出国（境）"),
            _topic(
                "abroad",
                "因公出国（境）费",
                "G07.actual.abroad",
                budget="G07.budget.abroad",
                counts=abroad_counts,
            ),
        ),
        (
            ("公务用车购置及运行维护费", "公务用车购置及运行费"),
            _topic("vehicle", "公务用车购置及运行维护费", "G07.actual.vehicle", budget="G07.budget.vehicle"),
        ),
        (
            ("公务用车购置费", "公务用车购置", "购置车辆"),
            _topic(
                "vehicle_purchase",
                "公务用车购置费",
                "G07.actual.vehicle_purchase",
                budget="G07.budget.vehicle_purchase",
                counts={"辆": _x01("vehicles_bought")},
            ),
        ),
        (
            ("公务用车运行维护费", "公务用车运行费"),
            _topic(
                "vehicle_operation",
                "公务用车运行维护费",
                "G07.actual.vehicle_operation",
                budget="G07.budget.vehicle_operation",
            ),
        ),
        (
            ("公务接待费", "公务接待"),
            _topic(
                "reception",
                "公务接待费",
                "G07.actual.reception",
                budget="G07.budget.reception",
                counts=reception_counts,
            ),
        ),
        (
            ("国内公务接待",),
            _topic(
                "domestic_reception",
                "国内公务接待",
                "G07.actual.reception-" + _x01("foreign_reception_amount"),
                counts={
                    "批次": _x01("reception_batches"),
                    "人次": _x01("reception_people"),
                    "人": _x01("reception_people"),
                },
            ),
        ),
        (
            ("外事接待",),
            _topic(
                "foreign_reception",
                "外事接待",
                _x01("foreign_reception_amount"),
                counts={
                    "批次": _x01("foreign_reception_batches"),
                    "人次": _x01("foreign_reception_people"),
                    "人": _x01("foreign_reception_people"),
                },
            ),
        ),
        (("机关运行经费",), _topic("admin_cost", "机关运行经费", _x01("admin_cost"))),
        (
            ("政府采购支出总额", "政府采购支出", "政府采购"),
            _topic("proc_total", "政府采购支出总额", _x01("proc_total")),
        ),
        (("政府采购货物支出", "货物支出"), _topic("proc_goods", "政府采购货物支出", _x01("proc_goods"))),
        (("政府采购工程支出", "工程支出"), _topic("proc_works", "政府采购工程支出", _x01("proc_works"))),
        (
            ("政府采购服务支出", "服务支出"),
            _topic("proc_services", "政府采购服务支出", _x01("proc_services")),
        ),
        (("中小企业",), _topic("proc_sme", "授予中小企业合同金额", _x01("proc_sme"))),
        (("小微企业",), _topic("proc_small_micro", "授予小微企业合同金额", _x01("proc_small_micro"))),
        (("车辆", "公务用车"), Topic("veh_total", "车辆", counts={"辆": _x01("veh_total")})),
        *_vehicle_kinds(),
        (
            ("通用设备",),
            Topic(
                "equip_general",
                "单价50万元以上通用设备",
                counts={"台": _x01("equip_general_50"), "套": _x01("equip_general_50")},
            ),
        ),
        (
            ("专用设备",),
            Topic(
                "equip_special",
                "单价100万元以上专用设备",
                counts={"台": _x01("equip_special_100"), "套": _x01("equip_special_100")},
            ),
        ),
    ]


def _vehicle_kinds() -> Iterable[tuple[tuple[str, ...], Topic]]:
    for fact, label in VEHICLE_KINDS:
        yield (label,), Topic(fact, label, counts={"辆": _x01(fact)})


def _code_topics(snapshot: Snapshot) -> dict[str, list[str]]:
    """Functional-classification names used in the classified tables → their codes."""
    by_name: dict[str, list[str]] = {}
    codes = {r for t in CLASSIFIED_TABLES for r in snapshot.rows(t) if r.isdigit()}
    year = snapshot.department.year or None
    for code in sorted(codes):
        for name in (code_name("functional", code, year), *code_aliases("functional", code, year)):
            by_name.setdefault(name, []).append(code)
    return by_name


def code_refs(snapshot: Snapshot, codes: Iterable[str]) -> tuple[Ref, ...]:
    """A code's candidate figures: its G05 row (with 预算) first, then G03, G08, G09."""
    refs: list[Ref] = []
    for code in codes:
        for table in CLASSIFIED_TABLES:
            if snapshot.value(f"{table}.{code}.total") is not None:
                budget = f"G05.{code}.budget" if table == "G05" else ""
                refs.append(Ref(f"{table}.{code}.total", budget))
    return tuple(refs)


@dataclass(frozen=True)
class Catalogue:
    """Every alias of the snapshot's subjects, matched leftmost-longest by one regular expression."""

    topics: Mapping[str, Topic]
    codes: Mapping[str, tuple[str, ...]]
    pattern: re.Pattern[str]

    def topic(self, alias: str) -> Topic:
        return self.topics[alias]


def build_catalogue(snapshot: Snapshot) -> Catalogue:
    topics: dict[str, Topic] = {}
    for aliases, topic in _fixed_topics():
        topics.update(dict.fromkeys(aliases, topic))
    codes: dict[str, tuple[str, ...]] = {}
    for name, found in _code_topics(snapshot).items():
        topic = Topic(f"code:{name}", name, code_refs(snapshot, found))
        for alias in {name, f"{name.removesuffix('支出')}（类）"}:
            topics.setdefault(alias, topic)
            codes[alias] = tuple(found)
    for project in snapshot.projects:
        if project.name:
            # A project's bare "经费X万元" may be its budget or its actual: both are candidates.
            refs = (
                Ref(f"P01.{project.id}.actual", f"P01.{project.id}.budget"),
                Ref(f"P01.{project.id}.budget"),
            )
            topics.setdefault(project.name, Topic(f"project:{project.id}", project.name, refs, project=True))
    ordered = sorted(topics, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(a) for a in ordered))
    return Catalogue(MappingProxyType(topics), MappingProxyType(codes), pattern)


def level_refs(catalogue: Catalogue, snapshot: Snapshot, alias: str, marker: str) -> tuple[Ref, ...] | None:
    """A code name followed by （类）/（款）/（项）: only the codes of that level; None when not a code."""
    codes = catalogue.codes.get(alias)
    level = LEVEL_MARKERS.get(marker)
    if codes is None or level is None:
        return None
    return code_refs(snapshot, (c for c in codes if len(c) == level))
