"""第三部分 名词解释, drafted from the codes and the kinds of figures the dataset uses."""

from __future__ import annotations

from desktop.models.snapshot import Snapshot
from desktop.narrative.names import code_name
from desktop.narrative.subjects import CLASSIFIED_TABLES

TermRow = tuple[str, str, str]  # (cell that must be non-zero, or "" for always; term; explanation)

TERMS_BEFORE_CODES: tuple[TermRow, ...] = (
    ("", "财政拨款收入", "指单位从同级财政部门取得的财政预算资金。"),
    ("G01.inc_superior.amount", "上级补助收入", "指事业单位从主管部门和上级单位取得的非财政补助收入。"),
    ("G01.inc_business.amount", "事业收入", "指事业单位开展专业业务活动及辅助活动取得的收入。"),
    (
        "G01.inc_operating.amount",
        "经营收入",
        "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
    ),
    ("G01.inc_affiliated.amount", "附属单位上缴收入", "指事业单位附属独立核算单位按有关规定上缴的收入。"),
    ("G01.inc_other.amount", "其他收入", "指单位取得的除上述收入以外的各项收入。"),
    ("", "年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"),
    (
        "",
        "结余分配",
        "指事业单位按照事业单位会计制度的规定从非财政补助结余中分配的事业基金和职工福利基金等。",
    ),
    ("", "年末结转和结余", "指单位按有关规定结转到下年或以后年度继续使用的资金。"),
)
TERMS_AFTER_CODES: tuple[TermRow, ...] = (
    ("", "基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"),
    ("", "项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
    (
        "G03.total.operating",
        "经营支出",
        "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。",
    ),
    (
        "",
        "“三公”经费",
        "指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，"
        "因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、"
        "公杂费等支出；公务用车购置及运行费反映单位公务用车车辆购置支出（含车辆购置税）及租用费、燃料费、"
        "维修费、过路过桥费、保险费等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。",
    ),
    (
        "",
        "机关运行经费",
        "为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、"
        "邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、"
        "办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。",
    ),
)


def used_codes(snapshot: Snapshot) -> list[str]:
    """项 codes (7 digits) with a non-zero figure in G03, G05, G08 or G09, in code order."""
    codes: set[str] = set()
    for table in CLASSIFIED_TABLES:
        for row in snapshot.rows(table):
            if row.isdigit() and len(row) == 7 and _non_zero(snapshot, table, row):
                codes.add(row)
    return sorted(codes)


def _non_zero(snapshot: Snapshot, table: str, row: str) -> bool:
    return any(v != 0 for cell, v in snapshot.cells.items() if cell.startswith(f"{table}.{row}."))


def _item(code: str, year: int) -> str:
    return f"{code_name('functional', code, year)}（项）"


def _class_entry(class_code: str, codes: list[str], year: int) -> str:
    parts: list[str] = []
    last_kuan = ""
    for code in codes:
        prefix = "" if code[:5] == last_kuan else f"{code_name('functional', code[:5], year)}（款）"
        last_kuan = code[:5]
        parts.append(prefix + _item(code, year))
    return f"{code_name('functional', class_code, year)}（类）" + "；".join(parts) + "。"


def code_entries(snapshot: Snapshot) -> list[str]:
    """One entry per 类 used: "一般公共服务支出（类）财政事务（款）行政运行（项）：…；…"."""
    codes = used_codes(snapshot)
    year = snapshot.department.year
    classes = sorted({c[:3] for c in codes})
    return [_class_entry(k, [c for c in codes if c.startswith(k)], year) for k in classes]


def term_entries(snapshot: Snapshot, rows: tuple[TermRow, ...]) -> list[str]:
    """The terms that apply: always, or when the dataset has a non-zero figure of that kind."""
    return [f"{name}：{text}" for cell, name, text in rows if not cell or (snapshot.value(cell) or 0) != 0]


def draft_glossary(snapshot: Snapshot) -> str:
    """Numbered 名词解释: income and balance terms, each 类 with its 款/项 used, then the expense terms."""
    ordered = (
        term_entries(snapshot, TERMS_BEFORE_CODES)
        + code_entries(snapshot)
        + term_entries(snapshot, TERMS_AFTER_CODES)
    )
    return "\n".join(f"{i}.{entry}" for i, entry in enumerate(ordered, start=1)) + "\n"
