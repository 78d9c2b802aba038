"""Wording of figures as the published 情况说明 words them: amounts, percentages, directions.

Every percentage is rounded half-up (四舍五入) at a configurable number of decimals; amounts are
printed with 2 decimals in 万元. A year-over-year rate is always change ÷ last year.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop.money import format_amount, round_half_up

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def amount(value: Decimal | None) -> str:
    """An amount in 万元 as printed: 2 decimals, no grouping ("0.00" for a missing value)."""
    return format_amount(value if value is not None else ZERO, 2)


def percent_of(part: Decimal, base: Decimal) -> Decimal | None:
    """part ÷ base × 100, exact; 0 of 0 is 0 %; anything else of 0 has no percentage."""
    if base == 0:
        return ZERO if part == 0 else None
    return part / base * HUNDRED


def percent(value: Decimal, decimals: int = 2) -> str:
    """A percentage rounded half-up at `decimals`, with the sign dropped: "18.11%"."""
    return f"{round_half_up(abs(value), decimals):.{decimals}f}%"


def share(part: Decimal, base: Decimal, decimals: int = 2) -> str:
    rate = percent_of(part, base)
    return percent(rate if rate is not None else ZERO, decimals)


def share_words(part: Decimal, base: Decimal, decimals: int = 2, base_name: str = "") -> str:
    """ "，占63.03%" or "，占本年支出合计的68.86%"; "" when the share is undefined (a part of 0)."""
    rate = percent_of(part, base)
    if rate is None:
        return ""
    return f"，占{base_name}的{percent(rate, decimals)}" if base_name else f"，占{percent(rate, decimals)}"


def amount_direction(change: Decimal) -> str:
    """增加 / 减少 / 持平 for an amount."""
    return "增加" if change > 0 else "减少" if change < 0 else "持平"


def rate_direction(change: Decimal) -> str:
    """增长 / 下降 / 持平 for a rate."""
    return "增长" if change > 0 else "下降" if change < 0 else "持平"


@dataclass(frozen=True)
class YearChange:
    """This year against last year: change = this − last, rate = change ÷ last (None when last is 0)."""

    this: Decimal
    last: Decimal

    @property
    def amount(self) -> Decimal:
        return self.this - self.last

    @property
    def rate(self) -> Decimal | None:
        return None if self.last == 0 else self.amount / self.last * HUNDRED

    def beyond(self, threshold: Decimal) -> bool:
        """True when the change exceeds ±threshold (a fraction: 0.10 is 10 %); any change from 0 does."""
        if self.last == 0:
            return self.amount != 0
        return abs(self.amount / self.last) > threshold

    def words(self, decimals: int = 2) -> str:
        """ "减少298.55万元，下降18.11%"; "持平" when equal; no rate when last year is 0."""
        if self.amount == 0:
            return "持平"
        text = f"{amount_direction(self.amount)}{amount(abs(self.amount))}万元"
        rate = self.rate
        if rate is None:
            return text
        return f"{text}，{rate_direction(self.amount)}{percent(rate, decimals)}"


def budget_completion(actual: Decimal, budget: Decimal, decimals: int = 2) -> str | None:
    """完成预算 percentage text ("92.08%"; 0 of 0 is 0 %); None when only the budget is 0."""
    rate = percent_of(actual, budget)
    return None if rate is None else percent(rate, decimals)


def budget_gap_words(actual: Decimal, budget: Decimal) -> str:
    """决算数小于预算数 / 决算数大于预算数 / 决算数与预算数持平."""
    if actual < budget:
        return "决算数小于预算数"
    if actual > budget:
        return "决算数大于预算数"
    return "决算数与预算数持平"
