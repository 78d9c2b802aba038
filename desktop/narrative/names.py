"""Subject names for 功能分类 and 经济分类 codes: the one door to `desktop.forms.codes`.

The code lists are loaded by `desktop.forms.codes` when it is available; until then (and for a
code the list does not know) a small built-in table of the usual 2020 names is used, and a code
nobody knows is shown as the code itself.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

_FUNCTIONAL = {
    "201": "一般公共服务支出", "20106": "财政事务", "2010601": "行政运行", "2010602": "一般行政管理事务",
    "2010603": "机关服务", "2010604": "预算改革业务", "2010605": "财政国库业务", "2010606": "财政监察",
    "2010607": "信息化建设", "2010608": "财政委托业务支出", "2010650": "事业运行",
    "2010699": "其他财政事务支出",
    "203": "国防支出", "204": "公共安全支出", "205": "教育支出", "20502": "普通教育", "2050201": "学前教育",
    "206": "科学技术支出", "207": "文化旅游体育与传媒支出", "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出", "2080501": "行政单位离退休", "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出", "2080506": "机关事业单位职业年金缴费支出",
    "20811": "残疾人事业", "2081199": "其他残疾人事业支出", "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗", "2101102": "事业单位医疗", "2101103": "公务员医疗补助",
    "211": "节能环保支出", "212": "城乡社区支出",
    "21208": "国有土地使用权出让收入及对应专项债务收入安排的支出", "2120802": "土地开发支出",
    "21299": "其他城乡社区支出", "2129999": "其他城乡社区支出", "213": "农林水支出", "214": "交通运输支出",
    "215": "资源勘探工业信息等支出", "216": "商业服务业等支出", "217": "金融支出", "219": "援助其他地区支出",
    "220": "自然资源海洋气象等支出", "221": "住房保障支出", "22102": "住房改革支出", "2210201": "住房公积金",
    "222": "粮油物资储备支出", "224": "灾害防治及应急管理支出", "227": "预备费", "229": "其他支出",
    "230": "转移性支出", "231": "债务还本支出", "232": "债务付息支出", "233": "债务发行费用支出",
    "234": "抗疫特别国债安排的支出",
}  # fmt: skip

_ECONOMIC = {
    "301": "工资福利支出", "30101": "基本工资", "30102": "津贴补贴", "30103": "奖金", "30106": "伙食补助费",
    "30107": "绩效工资", "30108": "机关事业单位基本养老保险缴费", "30109": "职业年金缴费",
    "30110": "职工基本医疗保险缴费", "30111": "公务员医疗补助缴费", "30112": "其他社会保障缴费",
    "30113": "住房公积金", "30114": "医疗费", "30199": "其他工资福利支出",
    "302": "商品和服务支出", "30201": "办公费", "30202": "印刷费", "30203": "咨询费", "30204": "手续费",
    "30205": "水费", "30206": "电费", "30207": "邮电费", "30208": "取暖费", "30209": "物业管理费",
    "30211": "差旅费", "30212": "因公出国（境）费用", "30213": "维修（护）费", "30214": "租赁费",
    "30215": "会议费", "30216": "培训费", "30217": "公务接待费", "30218": "专用材料费", "30224": "被装购置费",
    "30225": "专用燃料费", "30226": "劳务费", "30227": "委托业务费", "30228": "工会经费", "30229": "福利费",
    "30231": "公务用车运行维护费", "30239": "其他交通费用", "30240": "税金及附加费用",
    "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助", "30301": "离休费", "30302": "退休费", "30303": "退职（役）费",
    "30304": "抚恤金",
    "30305": "生活补助", "30306": "救济费", "30307": "医疗费补助", "30308": "助学金", "30309": "奖励金",
    "30399": "其他对个人和家庭的补助",
    "307": "债务利息及费用支出", "309": "资本性支出（基本建设）", "310": "资本性支出",
    "31001": "房屋建筑物购建",
    "31002": "办公设备购置", "31003": "专用设备购置", "31007": "信息网络及软件购置更新",
    "31013": "公务用车购置", "31099": "其他资本性支出", "399": "其他支出",
}  # fmt: skip


def _from_code_list(kind: str, code: str, year: int | None) -> Any:
    """The entry of the code list in `desktop.forms.codes`, or None when that module is absent."""
    try:
        codes = importlib.import_module("desktop.forms.codes")
    except ImportError:
        return None
    loader = getattr(codes, f"{kind}_codes", None)
    if loader is None:
        return None
    try:
        code_list = loader(year) if kind == "functional" and year else loader()
        return code_list.get(code)
    except Exception:  # a code list that fails to load must not stop the narrative
        return None


@cache
def code_name(kind: str, code: str, year: int | None = None) -> str:
    """Name of a `functional` or `economic` code; the code list wins, the built-in table is a fallback."""
    name = getattr(_from_code_list(kind, code, year), "name", None)
    if isinstance(name, str) and name:
        return name
    table = _FUNCTIONAL if kind == "functional" else _ECONOMIC
    return table.get(code, code)


@cache
def code_aliases(kind: str, code: str, year: int | None = None) -> tuple[str, ...]:
    """Other names of a code in the code list (20805 is also 行政事业单位离退休)."""
    aliases = getattr(_from_code_list(kind, code, year), "aliases", ())
    return tuple(a for a in aliases if isinstance(a, str) and a)


@cache
def code_description(kind: str, code: str, year: int | None = None) -> str:
    """The code list's explanation of a code (指 … / 反映 …), empty when unknown."""
    description = getattr(_from_code_list(kind, code, year), "description", "")
    return description if isinstance(description, str) else ""
