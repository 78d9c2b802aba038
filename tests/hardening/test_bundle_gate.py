"""Issue 16 §5: one trust gate. `consolidate` runs `verify`'s checks (streaming, issue 13:
the signed findings.json stands in for the re-validation) and refuses what `verify` refuses;
data.json is checked against the schema (types, keys, ranges, depth) before use, each violation
a message naming the bundle and the field, never a traceback. The JSON import door uses the
same schema."""

from __future__ import annotations

import copy
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.io.release import Release
from desktop.io.xlsx.export import export_xlsx
from desktop.models.dataset import Dataset
from tests.hardening.crafted import resealed
from tests.helpers import sample_dataset


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory, sample_doc: dict[str, Any]) -> Iterator[Path]:
    from desktop.io.bundle.seal import write_bundle

    folder = tmp_path_factory.mktemp("bundle")
    with sample_dataset(folder, sample_doc) as dataset:
        xlsx = export_xlsx(dataset, folder / "t.xlsx")
        yield write_bundle(dataset, folder / "good.zip", xlsx=xlsx, pdf=None, release=Release())


def verify(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[bool, str]:
    """`juesuan verify --json`: whether the bundle passed, and what it said."""
    code = main(["verify", str(path), "--json"])
    out = capsys.readouterr().out
    return code == 0 and json.loads(out)["ok"], out


def data_of(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        doc: dict[str, Any] = json.loads(archive.read("data.json"))
    return doc


def consolidate(tmp_path: Path, capsys: pytest.CaptureFixture[str], *sources: Path) -> tuple[int, str]:
    out = tmp_path / "sum.jsd"
    code = main(["consolidate", str(out), *map(str, sources)])
    err = capsys.readouterr().err
    assert code == 0 or not out.exists()  # a refusal leaves no file
    return code, err


def test_the_good_bundle_passes_both(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert verify(bundle, capsys)[0]
    assert consolidate(tmp_path, capsys, bundle)[0] == 0


def test_an_extra_unlisted_member_is_refused_by_both(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with zipfile.ZipFile(bundle) as archive:
        comment, members = archive.comment, {i.filename: archive.read(i) for i in archive.infolist()}
    extra = tmp_path / "extra.zip"
    with zipfile.ZipFile(extra, "w") as archive:
        for name, payload in {**members, "macro.bin": b"anything"}.items():
            archive.writestr(name, payload)
        archive.comment = comment
    assert not verify(extra, capsys)[0]
    code, err = consolidate(tmp_path, capsys, extra)
    assert code == 2 and "macro.bin" in err and str(extra) in err


def test_a_findings_count_mismatch_is_refused_by_both(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lying = [{"rule": "x", "severity": "error", "cells": [], "message": "m"}]
    crafted = resealed(bundle, tmp_path / "count.zip", {"findings.json": json.dumps(lying).encode()})
    ok, said = verify(crafted, capsys)
    assert not ok and '"name": "数据重新审核",\n      "ok": false' in said
    code, err = consolidate(tmp_path, capsys, crafted)  # streams: the findings checked against the manifest
    assert code == 2 and "findings.json 记录 1 个错误，清单却写 0 个" in err


Node = dict[str, Any]


def with_tree(doc: dict[str, Any], change: Callable[[Node, Node], object]) -> dict[str, Any]:
    """data.json with its 绩效 tree changed: `change(tree, its first 三级 leaf)`."""
    tree = copy.deepcopy(doc["scores"]["tree"])
    change(tree, tree["children"][0]["children"][0]["children"][0])
    return doc | {"scores": doc["scores"] | {"tree": tree}}


CRAFTED = {
    "wrong type": (lambda d: d | {"cells": ["G05.201.basic"]}, "cells：应为对象"),
    "wrong value type": (lambda d: d | {"cells": {"G05.2010601.basic": {"x": 1}}}, "cells.G05.2010601.basic"),
    "missing key": (lambda d: {k: v for k, v in d.items() if k != "department"}, "department：缺少"),
    "missing year": (lambda d: d | {"department": {"name": "x"}}, "department.year"),
    "unit not an object": (lambda d: d | {"units": [3]}, "units[0]"),
    "project id": (lambda d: d | {"projects": [{"id": "p|1"}]}, "projects[0].id"),
    "duplicate units": (lambda d: d | {"units": [d["units"][0], d["units"][0]]}, "重复"),
    "huge number": (lambda d: d | {"cells": {"G05.2010601.basic": 1e300}}, "超出范围"),
    "huge text amount": (lambda d: d | {"cells": {"G05.2010601.basic": "9" * 27}}, "10¹⁵"),
    "nan": (lambda d: d | {"cells": {"G05.2010601.basic": float("nan")}}, "超出范围"),
    "year text": (lambda d: d | {"department": {"name": "x", "year": "二〇二〇"}}, "department.year"),
    "deep nesting": (lambda d: d | {"notes": json.loads("[" * 50 + "]" * 50)}, "嵌套"),
    "not an object": (lambda d: [d], "不是决算数据交换文件"),
    "texts wrong": (lambda d: d | {"texts": {"a": 5}}, "texts.a"),
    "scores wrong": (lambda d: d | {"scores": {"values": []}}, "scores.values"),
    "edition a path": (lambda d: d | {"edition": "../sichuan-2020"}, "edition：应为"),
    "edition a number": (lambda d: d | {"edition": 2024}, "edition：应为"),
    "tree a number": (lambda d: d | {"scores": d["scores"] | {"tree": 5}}, "scores.tree：应为指标体系"),
    "tree without children": (lambda d: with_tree(d, lambda t, _leaf: t.pop("children")), "缺少指标"),
    "tree children a number": (
        lambda d: with_tree(d, lambda t, _leaf: t["children"][0].update(children=5)),
        "scores.tree.children[0].children：应为列表",
    ),
    "tree four levels": (
        lambda d: with_tree(d, lambda _t, leaf: leaf.update(children=[{"name": "x", "weight": 1}])),
        "最多 3 级",
    ),
    "tree weight nan": (lambda d: with_tree(d, lambda _t, leaf: leaf.update(weight=float("nan"))), ".weight"),
    "tree weight infinite text": (
        lambda d: with_tree(d, lambda _t, leaf: leaf.update(weight="Infinity")),
        "scores.tree.children[0].children[0].children[0].weight",
    ),
    "tree rubric points": (
        lambda d: with_tree(d, lambda _t, leaf: leaf.update(rubric_points=["一分"])),
        ".rubric_points",
    ),
    "names a list": (lambda d: d | {"names": ["functional.2013999"]}, "names：应为对象"),
    "name a number": (lambda d: d | {"names": {"functional.2013999": 7}}, "names.functional.2013999"),
}


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_crafted_data_json_is_named_field_by_field(
    case: str, bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    change, expected = CRAFTED[case]
    payload = json.dumps(change(data_of(bundle)), ensure_ascii=False, allow_nan=True).encode("utf-8")
    crafted = resealed(bundle, tmp_path / "crafted.zip", {"data.json": payload})
    ok, said = verify(crafted, capsys)
    assert not ok and expected in said
    code, err = consolidate(tmp_path, capsys, crafted)
    assert code == 2 and expected in err and str(crafted) in err and "Traceback" not in err
    as_json = tmp_path / "crafted.json"
    as_json.write_bytes(payload)
    Dataset.create(tmp_path / "a.jsd", "测试", 2020).close()
    code = main(["import", str(tmp_path / "a.jsd"), str(as_json)])
    err = capsys.readouterr().err
    assert code == 2 and expected in err and "Traceback" not in err


def test_json_nested_beyond_the_parser_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "juesuan-dataset", "version": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    Dataset.create(tmp_path / "a.jsd", "测试", 2020).close()
    code = main(["import", str(tmp_path / "a.jsd"), str(deep)])
    err = capsys.readouterr().err
    assert code == 2 and "嵌套" in err
