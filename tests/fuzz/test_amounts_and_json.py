"""Property tests (hypothesis): the amount parser and the interchange JSON door, on inputs
no one wrote by hand. Either a clean result or the documented refusal, never anything else."""

from __future__ import annotations

import json
import string
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models.dataset import Dataset
from desktop.models.interchange import InterchangeError, import_document
from desktop.money import MAX_AMOUNT, MAX_PLACES, AmountError, parse_amount, to_text

ALLOWED = (
    set(string.digits + ".+-,， \u3000\u00a0\t元千万")
    | {chr(0xFF10 + d) for d in range(10)}
    | set("．。＋－")
)
FORBIDDEN = "²³¹⁰①②⑩١٢٣۴५๕\x00\x01\x1b\u200b\u2212_eE"
SETTINGS = settings(max_examples=400, deadline=None)

in_range = st.decimals(
    min_value=-MAX_AMOUNT + Decimal("0.000001"), max_value=MAX_AMOUNT - Decimal("0.000001"), places=MAX_PLACES
)


@SETTINGS
@given(st.text(max_size=80))
def test_any_text_is_an_amount_in_range_or_refused(text: str) -> None:
    try:
        value = parse_amount(text)
    except AmountError as exc:
        assert "不是有效的数字" in str(exc)
        return
    assert value.is_finite() and abs(value) < MAX_AMOUNT
    assert -value.as_tuple().exponent <= MAX_PLACES  # type: ignore[operator]
    assert set(text) <= ALLOWED, text


@SETTINGS
@given(in_range)
def test_every_amount_in_range_reads_back_exactly(value: Decimal) -> None:
    assert parse_amount(to_text(value)) == value
    assert parse_amount(f"{value:,f}") == value
    full_width = to_text(value).translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)})
    assert parse_amount(full_width) == value


@SETTINGS
@given(in_range, st.sampled_from(FORBIDDEN), st.integers(min_value=0, max_value=30))
def test_a_foreign_character_anywhere_is_refused(value: Decimal, char: str, at: int) -> None:
    text = to_text(value)
    position = min(at, len(text))
    with pytest.raises(AmountError):
        parse_amount(text[:position] + char + text[position:])


@SETTINGS
@given(st.integers(min_value=16, max_value=60), st.sampled_from(["", "元", "千元", "万元"]))
def test_long_amounts_are_refused_never_rounded(digits: int, unit: str) -> None:
    text = "9" * digits + unit
    try:
        value = parse_amount(text)
    except AmountError:
        return
    assert value * {"": 1, "万元": 1, "千元": 10, "元": 10000}[unit] == Decimal("9" * digits)


# --- the interchange JSON door ----------------------------------------------------------------

json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["306.19", "1" * 27, "-0", "1,234.5", "①", "NaN", "1e5"]),
)
json_value = st.recursive(
    json_leaf,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
FIELDS = ["edition", "department", "units", "cells", "prior", "texts", "projects", "scores", "names", "notes"]
CELL_KEYS = ["G05.2010601.basic", "X01.vehicles_bought.value", "F00.name.value", "G05.total.total", "zz"]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("json") / "template.jsd"
    Dataset.create(path, "模糊测试", 2020).close()
    return path


def _document(field: str, value: Any, cell_key: str, cell_value: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "juesuan-dataset",
        "version": 1,
        "department": {"name": "测试", "code": "1", "year": 2020},
        "units": [{"id": "u1", "name": "测试", "kind": "行政单位"}],
        "cells": {cell_key: cell_value},
    }
    doc[field] = value
    return doc


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(FIELDS), json_value, st.sampled_from(CELL_KEYS), json_leaf)
def test_any_document_imports_or_is_refused_whole(
    template: Path, tmp_path: Path, field: str, value: Any, cell_key: str, cell_value: Any
) -> None:
    doc = json.loads(json.dumps(_document(field, value, cell_key, cell_value), allow_nan=True))
    path = tmp_path / "fuzz.jsd"
    path.unlink(missing_ok=True)
    path.write_bytes(template.read_bytes())
    with Dataset.open(path) as dataset:
        batches = dataset._schema.Batch.select().count()
        try:
            import_document(dataset, doc)
        except InterchangeError as exc:
            assert str(exc)
            assert dataset._schema.Batch.select().count() == batches  # nothing landed
            return
        assert dataset.findings() is not None
