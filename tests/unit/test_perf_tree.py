"""整体绩效评价 belongs to the department: a neutral common framework to start from, a tree the
department edits (names, weights, add / remove / move / 升级 / 降级, undoable, scores following
their indicators), saved and loaded as templates, and old files migrated with their scores."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.forms import perf_tree_edit as edit
from desktop.forms.perf_tree import (
    DEFAULT,
    LEGACY,
    TreeError,
    as_template,
    leaves,
    renumber,
    shipped,
    total_weight,
    validate,
    walk,
)
from desktop.io.pdf.export import export_pdf
from desktop.io.release import Release
from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError, export_document, import_document
from desktop.models.schema import SCHEMA_VERSION
from tests.conftest import FIXTURES, shared_path
from tests.helpers import sample_dataset

D = Decimal
LEGACY_FILE = FIXTURES / "legacy" / "v2-xiqu-czj-2020.jsd"
# Words that only another department's (or place's) tree would print.
FOREIGN = ("东川", "区委", "党建", "防疫", "财务服务中心", "会计核算系统", "2020年", "市委", "全区")


@pytest.fixture
def dataset(tmp_path: Path) -> Any:
    data = Dataset.create(tmp_path / "tree.jsd", "测试局", 2021)
    yield data
    data.close()


def _texts(doc: dict[str, Any]) -> str:
    return " ".join(
        str(n.get(k, "")) for n, _p, _l in walk(doc) for k in ("name", "explanation", "rubric", "source")
    )


# --- the shipped trees ----------------------------------------------------------------------


def test_the_default_is_a_common_framework_with_nothing_of_a_department() -> None:
    doc = shipped(DEFAULT)
    levels = [level for _n, _p, level in walk(doc)]
    assert (levels.count(1), levels.count(2), levels.count(3)) == (3, 11, 38)
    assert total_weight(doc) == 100
    assert [(n["name"], n["weight"]) for n in doc["children"]] == [
        ("部门决策", 35),
        ("部门管理", 20),
        ("部门绩效", 45),
    ]
    text = _texts(doc) + doc["title"]
    assert [word for word in FOREIGN if word in text] == []
    assert "README" in doc["source"]


def test_the_old_default_is_kept_for_old_files_and_differs_only_in_department_items() -> None:
    old, new = shipped(LEGACY), shipped(DEFAULT)
    assert total_weight(old) == 100 and len(leaves(old)) == 41
    gone = {n["name"] for n in leaves(old).values()} - {n["name"] for n in leaves(new).values()}
    assert gone == {
        "党建工作情况", "防疫工作完成情况", "2020年会计核算系统实施及运维经费",
        "东川区财务服务中心筹建", "群众对区委工作的满意度",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"children": []}, "缺少指标"),
        ({"format": "other", "children": [{"name": "x", "weight": 1}]}, "不是指标体系文件"),
        ({"children": [{"name": " ", "weight": 1}]}, "缺少名称"),
        ({"children": [{"name": "x", "weight": "-1"}]}, "不能为负数"),
        ({"children": [{"name": "x", "weight": "abc"}]}, "不是数字"),
        (
            {
                "children": [
                    {
                        "name": "a",
                        "children": [{"name": "b", "children": [{"name": "c", "children": [{"name": "d"}]}]}],
                    }
                ]
            },
            "最多三级",
        ),
    ],
)
def test_a_broken_tree_is_refused_with_a_reason(doc: dict[str, Any], message: str) -> None:
    with pytest.raises(TreeError, match=message):
        validate(doc)


def test_validation_drops_scores_and_gives_codes_by_position() -> None:
    doc = validate(
        {
            "children": [
                {"code": "Z", "name": "甲", "score": 3, "children": [{"name": "乙", "weight": 4, "score": 4}]}
            ]
        }
    )
    assert [(n["code"], n.get("score")) for n, _p, _l in walk(doc)] == [("A", None), ("A1", None)]
    assert doc["weight"] == 4


def test_more_than_nine_siblings_get_codes_that_cannot_collide() -> None:
    doc = validate(
        {"children": [{"name": "甲", "children": [{"name": f"指标{k}", "weight": 1} for k in range(12)]}]}
    )
    codes = [n["code"] for n, _p, level in walk(doc) if level == 2]
    assert codes[0] == "A_01" and codes[-1] == "A_12" and len(set(codes)) == 12


# --- editing the document ---------------------------------------------------------------------


def test_adding_a_child_to_a_leaf_hands_it_the_weight_and_the_score() -> None:
    doc, renumbering, code = edit.add(shipped(), "A11", child=False)
    assert code == "A12" and renumbering["A12"] == "A13"  # the ones after it move down
    with pytest.raises(TreeError, match="三级指标下"):
        edit.add(shipped(), "A11", child=True)
    two = validate({"children": [{"name": "甲", "children": [{"name": "乙", "weight": 5}]}]})
    doc, renumbering, code = edit.add(two, "A1", child=True)
    assert code == "A11" and renumbering["A1"] == "A11" and leaves(doc)["A11"]["weight"] == 5


def test_removing_the_last_child_leaves_its_parent_with_its_weight() -> None:
    two = validate(
        {
            "children": [
                {"name": "甲", "children": [{"name": "乙", "children": [{"name": "丙", "weight": 5}]}]}
            ]
        }
    )
    doc, renumbering, _code = edit.remove(two, "A11")
    assert "A11" not in renumbering and leaves(doc)["A1"]["weight"] == 5
    with pytest.raises(TreeError, match="至少"):
        edit.remove(validate({"children": [{"name": "甲", "weight": 1}]}), "A")


def test_moving_indenting_and_outdenting_keep_every_indicator() -> None:
    doc, renumbering, code = edit.move(shipped(), "A12", 1)
    assert code == "A13" and renumbering["A13"] == "A12"
    with pytest.raises(TreeError, match="最前面"):
        edit.move(shipped(), "A11", -1)
    doc, renumbering, code = edit.outdent(shipped(), "A15")  # A15 becomes the 二级 A2
    assert code == "A2" and renumbering["A2"] == "A3" and total_weight(doc) == 100
    back, renumbering, code = edit.indent(doc, "A2")
    assert code == "A15" and total_weight(back) == 100
    with pytest.raises(TreeError, match="还没有下级指标"):
        edit.indent(shipped(), "A12")
    with pytest.raises(TreeError, match="超过三级"):
        edit.indent(shipped(), "A2")


def test_names_and_leaf_weights_are_edited_parent_weights_are_sums() -> None:
    doc = edit.set_weight(edit.rename(shipped(), "A11", "  本部门规划  "), "A11", D("2.5"))
    assert leaves(doc)["A11"]["name"] == "本部门规划" and total_weight(doc) == D("100.5")
    with pytest.raises(TreeError, match="下级指标分值之和"):
        edit.set_weight(shipped(), "A1", D(12))
    with pytest.raises(TreeError, match="不能为空"):
        edit.rename(shipped(), "A11", " ")


# --- the dataset's own tree ------------------------------------------------------------------


def test_a_new_file_has_the_common_framework_as_its_own_tree(dataset: Dataset) -> None:
    assert dataset.perf_tree() == shipped(DEFAULT)
    assert len([n for n in dataset.catalogue.form("P02").tree if n.level == 3]) == 38
    assert dataset.number("P02.total.weight") == 100


def test_scores_follow_their_indicators_and_undo_brings_both_back(dataset: Dataset) -> None:
    dataset.set_many({"P02.A12.score": "2", "P02.A13.score": "1.5"})
    doc, renumbering, _code = edit.move(dataset.perf_tree(), "A12", 1)
    dataset.change_perf_tree(doc, renumbering, "下移")
    assert (dataset.number("P02.A12.score"), dataset.number("P02.A13.score")) == (D("1.5"), D(2))
    assert dataset.catalogue.form("P02").tree[3].name == "年度工作计划与年度工作目标的一致性"
    dataset.undo()
    assert (dataset.number("P02.A12.score"), dataset.number("P02.A13.score")) == (D(2), D("1.5"))
    doc, renumbering, _code = edit.remove(dataset.perf_tree(), "A12")
    dataset.change_perf_tree(doc, renumbering, "删除")
    assert dataset.number("P02.A12.score") == D("1.5") and dataset.number("P02.total.score") == D("1.5")


def test_a_changed_weight_total_is_an_error_until_it_makes_100_again(dataset: Dataset) -> None:
    dataset.change_perf_tree(edit.set_weight(dataset.perf_tree(), "A11", D(5)), None, "分值")
    assert [f.rule for f in dataset.findings() if f.rule.startswith("P02")] == ["P02.weight_total"]
    dataset.change_perf_tree(edit.set_weight(dataset.perf_tree(), "A12", D(0)), None, "分值")
    dataset.change_perf_tree(edit.set_weight(dataset.perf_tree(), "A13", D(1)), None, "分值")
    assert not [f for f in dataset.findings() if f.rule.startswith("P02")]


def test_a_template_saved_by_one_department_is_loaded_by_another(tmp_path: Path, dataset: Dataset) -> None:
    doc, renumbering, _code = edit.add(dataset.perf_tree(), "C12", child=False)
    doc = edit.rename(doc, "C13", "政务服务事项办结率")
    dataset.change_perf_tree(doc, renumbering, "添加")
    template = tmp_path / "mine.json"
    template.write_text(
        json.dumps(
            as_template(dataset.perf_tree(), "测试局部门整体支出绩效评价指标体系"), ensure_ascii=False
        ),
        "utf-8",
    )
    with Dataset.create(tmp_path / "other.jsd", "另一局", 2021) as other:
        other.set_many({"P02.A11.score": "2", "P02.C13.score": "2"})  # C13 is 考核任务完成率 in the framework
        other.load_perf_tree(json.loads(template.read_text("utf-8")))
        assert [n.code for n in other.catalogue.form("P02").tree if n.name == "政务服务事项办结率"] == ["C13"]
        assert other.number("P02.A11.score") == D(2)  # same name, same place: kept
        assert other.number("P02.C14.score") == D(2)  # 考核任务完成率 moved one down, its score with it
        other.undo()
        assert other.perf_tree() == shipped(DEFAULT)


def test_another_reports_tree_is_loaded_and_its_scores_total_100(tmp_path: Path) -> None:
    tree = json.loads(shared_path("perf-tree", "dongchuan-czj-2020.json").read_text("utf-8"))
    values = json.loads(shared_path("perf-tree", "dongchuan-czj-2020-scores.json").read_text("utf-8"))[
        "scores"
    ]["values"]
    with Dataset.create(tmp_path / "t.jsd", "测试局", 2020) as data:
        data.load_perf_tree(tree)
        data.set_many({f"P02.{k}.score": str(v) for k, v in values.items()})
        assert data.number("P02.total.score") == 100


def test_an_old_file_keeps_the_tree_it_was_scored_against(tmp_path: Path) -> None:
    scored, blank = tmp_path / "scored.jsd", tmp_path / "blank.jsd"
    with Dataset.create(scored, "旧文件", 2020) as data:
        data.load_perf_tree(shipped(LEGACY))
        data.set_many({"P02.C15.score": "4", "P02.C24.score": "3"})  # legacy-only indicators
    with Dataset.create(blank, "旧文件", 2020):
        pass
    for path in (scored, blank):  # as files made before trees were the department's (format 3)
        conn = sqlite3.connect(path)
        conn.execute("delete from meta where key = 'perf_tree'")
        conn.execute("update meta set value = '3' where key = 'schema_version'")
        conn.commit()
        conn.close()
    with Dataset.open(scored) as data:
        assert data.perf_tree() == shipped(LEGACY)
        assert (data.number("P02.C15.score"), data.number("P02.C24.score")) == (D(4), D(3))
        assert data.number("P02.total.weight") == 100
    with Dataset.open(blank) as data:
        assert data.perf_tree() == shipped(DEFAULT)
    conn = sqlite3.connect(scored)  # migrated once, for good, and not as an undoable edit
    assert conn.execute("select count(*) from meta where key = 'perf_tree'").fetchone() == (1,)
    assert conn.execute("select count(*) from change where target = 'perf_tree'").fetchone() == (
        1,
    )  # the load
    conn.close()


def test_a_file_of_the_format_before_editions_is_migrated_with_the_tree_of_its_scores(tmp_path: Path) -> None:
    path = tmp_path / "v2.jsd"
    shutil.copyfile(LEGACY_FILE, path)  # written by the application before editions and trees
    conn = sqlite3.connect(path)
    conn.execute("insert into cell values ('current', 'P02.C15.score', '4')")  # a legacy-only indicator
    conn.commit()
    conn.close()
    with Dataset.open(path) as data:
        assert data.edition.id == "sichuan-2020"
        assert data.perf_tree() == shipped(LEGACY)
        assert data.number("P02.C15.score") == D(4)
    assert len(list((tmp_path / "v2.jsd.backups").glob("*-v2.jsd"))) == 1  # backed up before
    conn = sqlite3.connect(path)  # the tree is now the file's own, stored in it
    stored = dict(conn.execute("select key, value from meta where key in ('perf_tree', 'schema_version')"))
    conn.close()
    assert json.loads(stored["perf_tree"]) == shipped(LEGACY)
    assert stored["schema_version"] == str(SCHEMA_VERSION)


def test_interchange_carries_the_tree_and_reads_the_old_default_shape(
    tmp_path: Path, dataset: Dataset
) -> None:
    doc = edit.rename(dataset.perf_tree(), "A11", "本部门规划")
    dataset.change_perf_tree(doc, None, "改名")
    dataset.set("P02.A11.score", "2")
    exported = export_document(dataset)
    assert exported["scores"]["tree"]["children"][0]["children"][0]["children"][0]["name"] == "本部门规划"
    with Dataset.create(tmp_path / "copy.jsd", "测试局", 2021) as copy:
        import_document(copy, exported)
        assert copy.perf_tree() == dataset.perf_tree() and copy.number("P02.A11.score") == D(2)
    old = {"department": {"name": "x", "year": 2020}, "scores": {"tree": "default", "values": {"C15": "4"}}}
    with Dataset.create(tmp_path / "old.jsd", "x", 2020) as data:
        import_document(data, old)
        assert data.perf_tree() == shipped(LEGACY) and data.number("P02.C15.score") == D(4)


def test_an_unknown_indicator_in_imported_scores_is_refused(tmp_path: Path, dataset: Dataset) -> None:
    bad = {
        "department": {"name": "x", "year": 2021},
        "scores": {"tree": shipped(DEFAULT), "values": {"C16": "2"}},
    }
    with pytest.raises(InterchangeError) as raised:
        import_document(dataset, bad)
    assert raised.value.problems == ["评分 C16：指标体系中没有这个三级指标"]
    assert dataset.perf_tree() == shipped(DEFAULT)  # nothing imported


def test_nothing_of_another_department_is_printed(tmp_path: Path, sample_doc: dict[str, Any]) -> None:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None, "poppler-utils is needed"
    with sample_dataset(tmp_path, sample_doc) as data:
        data.set("P02.A11.score", "2")
        text = subprocess.run(
            [pdftotext, "-layout", str(export_pdf(data, tmp_path / "p.pdf", Release())), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    scores = text[text.rindex("部门整体支出绩效评价表") :]  # the table (the first is in the contents)
    assert "部门履职重点产出完成情况" in scores and "合计" in scores
    assert [
        word for word in FOREIGN if word in scores and word != "2020年"
    ] == []  # 2020年度: the running head


def test_renumbering_reports_where_each_code_went() -> None:
    doc = shipped()
    doc["children"].reverse()
    new, renumbering = renumber(doc)
    assert (
        renumbering["C"] == "A" and renumbering["A11"] == "C11" and new["children"][0]["name"] == "部门绩效"
    )
