"""The named slot kinds of the template: what each computes from the figures and which of its
wordings (from the template) it fills. Lists of rows and projects are in desktop.narrative.lists."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from desktop.narrative.phrases import (
    YearChange,
    amount,
    amount_direction,
    budget_completion,
    budget_gap_words,
    percent,
    percent_of,
    rate_direction,
)
from desktop.narrative.render import RenderScope, SlotKind

Spec = Mapping[str, Any]
_PARAMS = ("kind", "cell", "actual", "budget", "reason", "cases", "else", "items", "base", "only", "slots")


def _words(spec: Spec) -> dict[str, str]:
    """A spec's own plain words (`subject`, `each`, `label` …): variables of its wording."""
    return {k: str(v) for k, v in spec.items() if k not in _PARAMS and isinstance(v, str)}


def _reason(scope: RenderScope, spec: Spec, *, required: bool) -> str:
    key = spec.get("reason")
    if not key:
        return ""
    label = scope.expand(str(spec.get("reason_label") or spec.get("label") or key))
    return scope.out.clerk_text(scope.expand(str(key)), label, required=required)


def change_words(scope: RenderScope, change: YearChange) -> dict[str, str]:
    rate = change.rate
    return {
        "change": change.words(scope.ctx.decimals),
        "direction": amount_direction(change.amount),
        "rate_direction": rate_direction(change.amount),
        "difference": amount(abs(change.amount)),
        "rate": percent(rate, scope.ctx.decimals) if rate is not None else "",
    }


def change(spec: Spec, scope: RenderScope) -> str:
    """This year against last year: `changed`, `same` (持平) or `missing` (no figure last year);
    a reason is required when the change is beyond the threshold."""
    last = scope.value(str(spec["cell"]), prior=True)
    if last is None:
        return scope.render(scope.wording(spec, "missing"))
    moved = YearChange(scope.number(str(spec["cell"])), last)
    words = _words(spec)
    if moved.amount == 0:
        return scope.child(words).render(scope.wording(spec, "same"))
    reason = _reason(scope, spec, required=moved.beyond(scope.ctx.threshold))
    return scope.child({**words, **change_words(scope, moved), "reason": reason}).render(
        scope.wording(spec, "changed")
    )


def gap(spec: Spec, scope: RenderScope) -> str:
    """决算 against 预算: `differs` (with the reason, always required) or `same`."""
    actual, budget = scope.number(str(spec["actual"])), scope.number(str(spec["budget"]))
    stated = budget_gap_words(actual, budget)
    words = {**_words(spec), "gap": scope.out.stated_budget(scope.budget_cells(str(spec["budget"])), stated)}
    if actual == budget:
        return scope.child(words).render(scope.wording(spec, "same"))
    words["reason"] = _reason(scope, spec, required=True)
    return scope.child(words).render(scope.wording(spec, "differs"))


def completion(spec: Spec, scope: RenderScope) -> str:
    """完成预算 as a percentage (`rate`), or `none` when only the budget is 0."""
    rate = budget_completion(
        scope.number(str(spec["actual"])), scope.number(str(spec["budget"])), scope.ctx.decimals
    )
    if rate is None:
        phrase = scope.render(scope.wording(spec, "none"))
    else:
        phrase = scope.child({"rate": rate}).render(scope.wording(spec, "rate"))
    return scope.out.stated_budget(scope.budget_cells(str(spec["budget"])), phrase)


def choose(spec: Spec, scope: RenderScope) -> str:
    """The first case whose `when` holds, else `else`."""
    for case in spec["cases"]:
        if scope.holds(str(case["when"])):
            return scope.render(str(case["text"]))
    return scope.render(str(spec.get("else", "")))


def _part_words(scope: RenderScope, spec: Spec, item: Spec, value: Decimal) -> dict[str, str]:
    words = {"label": str(item.get("label", "")), "amount": amount(value), "count": str(int(value))}
    if "base" in spec:
        rate = percent_of(value, scope.number(str(spec["base"])))
        words["share"] = percent(rate, scope.ctx.decimals) if rate is not None else ""
    if "budget" in item:
        completion = budget_completion(value, scope.number(str(item["budget"])), scope.ctx.decimals) or ""
        words["completion"] = scope.out.stated_budget(scope.budget_cells(str(item["budget"])), completion)
    last = scope.value(str(item["value"]), prior=True)
    moved = YearChange(value, last) if last is not None else None
    words.update(change_words(scope, moved) if moved is not None else {"change": "", "direction": ""})
    required = moved is not None and moved.amount != 0 and moved.beyond(scope.ctx.threshold)
    words["reason"] = _reason(scope, item, required=required)
    return words


def _included(scope: RenderScope, only: str, item: Spec, value: Decimal) -> bool:
    if only == "all":
        return True
    if only == "changed":
        last = scope.value(str(item["value"]), prior=True)
        return last is not None and last != value
    return value != 0


def parts(spec: Spec, scope: RenderScope) -> str:
    """Listed parts (`only`: nonzero, all, changed), each in the `item` wording (an item whose
    wording leaves nothing is left out), joined."""
    only = str(spec.get("only", "nonzero"))
    rendered = []
    for item in spec["items"]:
        value = scope.number(str(item["value"]))
        if _included(scope, only, item, value):
            words = _part_words(scope, spec, item, value)
            rendered.append(scope.child(words).render(scope.wording(spec, "item")))
    return scope.wording(spec, "join", "；").join(text for text in rendered if text)


SLOT_KINDS: dict[str, SlotKind] = {
    "change": change, "gap": gap, "completion": completion, "choose": choose, "parts": parts,
}  # fmt: skip
