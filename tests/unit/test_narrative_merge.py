"""Regenerating an edited 情况说明 section: the three-way sentence merge, and final_text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.models.snapshot import Department, Snapshot
from desktop.narrative.draft import draft
from desktop.narrative.final import base_key, edited_key, final_text
from desktop.narrative.merge import rebase, split_sentences

BASE = "本年收入合计100.00万元。主要原因是人员增加。\n本年支出合计80.00万元；其中基本支出60.00万元。"
NEW = "本年收入合计120.00万元。主要原因是人员增加。\n本年支出合计80.00万元；其中基本支出65.00万元。"


def test_sentences_split_on_full_stops_semicolons_and_lines_and_join_back() -> None:
    parts = split_sentences(BASE + "末句无标点")
    assert parts[:3] == ["本年收入合计100.00万元。", "主要原因是人员增加。", "\n"]
    assert parts[-1] == "末句无标点"
    assert "".join(parts) == BASE + "末句无标点"


def test_no_edits_gives_the_new_draft_exactly() -> None:
    assert rebase(BASE, BASE, NEW) == NEW
    assert rebase(BASE, BASE, "完全不同的新稿。\n第二段。") == "完全不同的新稿。\n第二段。"


def test_figures_follow_the_new_draft_and_the_clerks_sentence_is_kept() -> None:
    edited = BASE.replace("主要原因是人员增加。", "主要原因是人员增加。我单位严格控制一般性支出。")
    merged = rebase(BASE, edited, NEW)
    assert merged == NEW.replace("主要原因是人员增加。", "主要原因是人员增加。我单位严格控制一般性支出。")


def test_a_sentence_the_clerk_changed_stays_as_the_clerk_wrote_it() -> None:
    edited = BASE.replace("主要原因是人员增加。", "主要原因是新增编制5人。")
    merged = rebase(BASE, edited, NEW)
    assert "主要原因是新增编制5人。" in merged
    assert "人员增加" not in merged
    assert "120.00万元" in merged and "65.00万元" in merged


def test_a_sentence_the_clerk_deleted_stays_deleted() -> None:
    edited = BASE.replace("主要原因是人员增加。", "")
    merged = rebase(BASE, edited, NEW)
    assert "人员增加" not in merged
    assert merged == NEW.replace("主要原因是人员增加。", "")


def test_sentences_the_new_draft_adds_appear() -> None:
    edited = BASE + "\n补充说明。"
    new = NEW.replace("主要原因是人员增加。", "主要原因是人员增加。其中财政拨款收入增加20.00万元。")
    merged = rebase(BASE, edited, new)
    assert merged == new + "\n补充说明。"


def test_without_a_base_the_clerks_text_is_kept() -> None:
    assert rebase("", "我写的。", NEW) == "我写的。"


@pytest.fixture
def snapshot() -> Snapshot:
    cells = {"G01.inc_total.amount": Decimal("100"), "G03.total.total": Decimal("80")}
    return Snapshot(Department("测试单位", "", 2020), (), cells, {}, {}, {})


def test_final_text_takes_the_clerks_section_else_the_draft(snapshot: Snapshot) -> None:
    drafted = draft(snapshot)
    first, second = drafted.sections[0], drafted.sections[1]
    texts = {edited_key(first.id): "我改写的总体情况。", base_key(first.id): first.text}
    final = final_text(snapshot, texts)
    assert final.sections[0].text == "我改写的总体情况。"
    assert final.sections[0].placeholders == ()
    assert final.sections[1].text == second.text
    assert final_text(snapshot, {}).text() == drafted.text()
