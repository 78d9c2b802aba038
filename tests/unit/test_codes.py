from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.forms.codes import (
    CODES_DIR,
    CodeListError,
    Subject,
    _load,
    code_level,
    economic_codes,
    functional_codes,
)
from tests.conftest import SHARED as SHARED_FIXTURES

SHARED_DATA = SHARED_FIXTURES

# Forms whose numeric rows are 功能分类 codes; G01/G04 carry only 类 rows, G06 经济分类.
FUNCTIONAL_FORMS = {"G01", "G02", "G03", "G04", "G05", "G08", "G09"}
ECONOMIC_FORMS = {"G06"}


CODE_FILES = sorted(CODES_DIR.glob("*.csv"))


def test_there_is_a_functional_and_an_economic_list() -> None:
    names = [p.name for p in CODE_FILES]
    assert {"economic-2018.csv", "functional-2021.csv", "economic-2024.csv", "functional-2024.csv"} <= set(
        names
    )


@pytest.mark.parametrize("path", CODE_FILES, ids=lambda p: p.name)
def test_every_subject_hangs_under_its_parent(path: Path) -> None:
    codes = _load(path, path.stem.split("-")[0])
    assert len(codes) > 0
    seen: set[str] = set()
    for subject in codes:
        assert subject.name.strip() == subject.name != ""
        assert subject.code not in seen
        seen.add(subject.code)
        assert code_level(subject.code) == subject.level
        if subject.level == 1:
            assert subject.parent is None
        else:
            assert subject.parent == subject.code[: 2 * subject.level - 1]
            assert subject.parent in seen  # file order: parents before children
            assert codes.get(subject.parent) is not None


def test_functional_list_has_every_class() -> None:
    codes = functional_codes(2021)
    classes = {s.code for s in codes if s.level == 1}
    expected = {str(c) for c in [*range(201, 218), 219, 220, 221, 222, 223, 224, 227, *range(229, 235)]}
    assert expected <= classes
    assert codes.get("234") == Subject("234", "抗疫特别国债安排的支出", 1, None)
    assert codes.kind == "functional" and codes.year == 2021


def test_economic_list_has_every_class() -> None:
    codes = economic_codes(2018)
    classes = [s.code for s in codes if s.level == 1]
    assert classes == [
        "301",
        "302",
        "303",
        "307",
        "309",
        "310",
        "311",
        "312",
        "313",
        "399",
    ]
    assert codes.kind == "economic" and codes.year == 2018
    assert "39999" in codes


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("2010601", "行政运行"),
        ("2080505", "机关事业单位基本养老保险缴费支出"),
        ("2101101", "行政单位医疗"),
        ("2210201", "住房公积金"),
    ],
)
def test_functional_spot_checks(code: str, name: str) -> None:
    subject = functional_codes(2021).get(code)
    assert subject is not None and subject.name == name and subject.level == 3


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("30217", "公务接待费"),
        ("30231", "公务用车运行维护费"),
        ("31013", "公务用车购置"),
        ("30212", "因公出国（境）费用"),
    ],
)
def test_economic_spot_checks(code: str, name: str) -> None:
    subject = economic_codes(2018).get(code)
    assert subject is not None and subject.name == name and subject.level == 2


def _dataset_codes() -> tuple[set[str], set[str]]:
    data = json.loads((SHARED_DATA / "datasets" / "xiqu-czj-2020.json").read_text(encoding="utf-8"))
    functional: set[str] = set()
    economic: set[str] = set()
    for key in ("cells", "prior"):
        for cell in data[key]:
            form, row, _column = cell.split(".", 2)
            if not row.isdigit():
                continue
            if form in FUNCTIONAL_FORMS:
                functional.add(row)
            elif form in ECONOMIC_FORMS:
                economic.add(row)
    return functional, economic


def test_every_code_of_the_sample_dataset_resolves() -> None:
    functional, economic = _dataset_codes()
    assert functional and economic
    assert sorted(c for c in functional if c not in functional_codes(2021)) == []
    assert sorted(c for c in economic if c not in economic_codes(2018)) == []


def test_path_lists_known_ancestors() -> None:
    codes = functional_codes(2021)
    assert [s.code for s in codes.path("2010601")] == ["201", "20106", "2010601"]
    assert [s.code for s in codes.path("2010698")] == ["201", "20106"]
    assert codes.path("20") == []
    assert [s.code for s in codes.children("20106")][:2] == ["2010601", "2010602"]


def test_by_name_with_alias_parent_and_numbering() -> None:
    codes = functional_codes(2021)
    by_alias = codes.by_name("行政事业单位离退休")
    assert by_alias is not None and by_alias.code == "20805"
    assert codes.by_name("行政运行") is None  # one under nearly every 款: ambiguous
    in_finance = codes.by_name("（一） 行政运行", parent="20106")
    assert in_finance is not None and in_finance.code == "2010601"
    labelled = codes.by_name("一、一般公共服务支出")
    assert labelled is not None and labelled.code == "201"
    vehicle = economic_codes(2018).by_name("其中：公务用车运行维护费")
    assert vehicle is not None and vehicle.code == "30231"
    assert codes.by_name("没有这个科目") is None


def test_search_by_pinyin_initials_and_code_prefix() -> None:
    codes = functional_codes(2021)
    assert "2010601" in [s.code for s in codes.search("xzyx", limit=500)]
    assert codes.search("xzyx")[0].name == "行政运行"
    by_prefix = codes.search("20106")
    assert by_prefix[0].code == "20106"
    assert all(s.code.startswith("20106") for s in by_prefix)
    assert [s.code for s in economic_codes(2018).search("公务接待")] == ["30217"]
    assert len(codes.search("x", limit=3)) == 3
    assert codes.search("") == []


def test_code_level() -> None:
    expected = {"201": 1, "20106": 2, "2010601": 3, "2010": None, "": None, "20a": None, "２０１": None}
    assert {code: code_level(code) for code in expected} == expected


def test_functional_codes_falls_back_to_newest_earlier_year() -> None:
    assert functional_codes(2023) is functional_codes(2021)
    assert functional_codes(2030) is functional_codes(2024)
    # A year older than every list (say the 2020 sample data) gets the oldest list, not an error.
    oldest = min(int(p.stem.split("-")[1]) for p in CODES_DIR.glob("functional-*.csv"))
    assert functional_codes(1990).year == oldest


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("201,一般公共服务支出,\n2010,坏编码,\n", 3, "not 3, 5 or 7 digits"),
        ("201,一般公共服务支出,\n2010601,行政运行,\n", 3, "parent 20106"),
        (
            "201,一般公共服务支出,\n20106,财政事务,\n20106,财政事务,\n",
            4,
            "duplicate code 20106",
        ),
        ("201,,\n", 2, "has no name"),
    ],
)
def test_malformed_csv_names_file_and_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = tmp_path / "functional-2099.csv"
    path.write_text("code,name,aliases\n" + body, encoding="utf-8")
    with pytest.raises(CodeListError, match=message) as excinfo:
        _load(path, "functional", 2099)
    assert f"{path}:{line}:" in str(excinfo.value)


def test_loader_reads_aliases_and_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "economic.csv"
    path.write_text(
        "\ufeffcode,name,aliases\n301,工资福利支出,\n30101,基本工资,岗位工资| 薪级工资 \n",
        encoding="utf-8",
    )
    codes = _load(path, "economic")
    assert codes.get("30101") == Subject("30101", "基本工资", 2, "301", ("岗位工资", "薪级工资"))
    assert list(codes) == [codes.get("301"), codes.get("30101")]
