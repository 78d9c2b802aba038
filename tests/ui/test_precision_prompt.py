"""金额超过两位小数 in the window: typed in 元 mode, the amount is shown in 万元 and 元 and the clerk
chooses to round it (one undo step) or keep it; a value answered for is not asked about again."""

from __future__ import annotations

from decimal import Decimal

from desktop.rules.finding import Finding
from desktop.ui.main_window import MainWindow

CELL = "G05.2010601.basic"


def answering(window: MainWindow, answer: bool) -> list[list[Finding]]:
    """The prompt answers `answer`; what it was asked is listed."""
    assert window.workspace is not None
    asked: list[list[Finding]] = []

    def ask(findings: list[Finding]) -> bool:
        asked.append(findings)
        return answer

    window.workspace.precision.ask = ask
    return asked


def test_typed_in_yuan_then_rounded_and_undone_without_asking_again(window: MainWindow) -> None:
    asked = answering(window, True)
    session = window.session
    session.set_amount_scale("元")
    assert session.edit({CELL: "12345.67元"})
    assert len(asked) == 1 and "12,345.67 元" in asked[0][0].message
    assert session.dataset.number(CELL) == Decimal("1.23")
    assert session.undo()  # the rounding
    assert session.dataset.number(CELL) == Decimal("1.234567")
    assert len(asked) == 1  # answered already
    assert any(f.rule == "amount.precision" for f in session.findings)


def test_kept_on_request(window: MainWindow) -> None:
    asked = answering(window, False)
    session = window.session
    assert session.edit({CELL: "306.125"})
    assert len(asked) == 1 and session.dataset.number(CELL) == Decimal("306.125")
    assert session.edit({"G05.2010602.basic": "50.74"})  # two decimals: nothing to ask
    assert len(asked) == 1
