"""Filling a template text: its `{slots}` from the place's variables, the named slot specs in
scope and the inline kinds; its `[optional fragments]` left out when a slot inside is empty.
(The language is described in desktop.forms.template.)"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from desktop.forms import expr
from desktop.forms.template import INLINE_KINDS, SLOT, TemplateError
from desktop.narrative.context import Collector, DraftContext
from desktop.narrative.phrases import amount, percent, percent_of

_FRAGMENT = re.compile(r"\[((?:[^\[\]{}]|\{(?:[^{}]|\{\w+\})*\})*)\]")
_VAR = re.compile(r"\{(\w+)\}")

SlotKind = Callable[[Mapping[str, Any], "RenderScope"], str]


@dataclass(frozen=True)
class RenderScope:
    """Where a text is filled: the section's collector, the variables of the place (a list
    item's `{name}` …), the named slot specs visible from it (innermost first), and extra
    expression names (`project.budget`)."""

    out: Collector
    kinds: Mapping[str, SlotKind]  # what each named slot kind computes
    vars: Mapping[str, str] = field(default_factory=dict)
    slots: tuple[Mapping[str, Mapping[str, Any]], ...] = ()
    refs: Mapping[str, Decimal] = field(default_factory=dict)

    @property
    def ctx(self) -> DraftContext:
        return self.out.ctx

    def child(
        self,
        variables: Mapping[str, str] | None = None,
        slots: Mapping[str, Mapping[str, Any]] | None = None,
        refs: Mapping[str, Decimal] | None = None,
    ) -> RenderScope:
        return replace(
            self,
            vars=MappingProxyType({**self.vars, **(variables or {})}),
            slots=((slots,) if slots else ()) + self.slots,
            refs=MappingProxyType({**self.refs, **(refs or {})}),
        )

    def expand(self, text: str) -> str:
        """`{row}`-style variables filled (in expressions, text keys and labels)."""
        return _VAR.sub(lambda m: self.vars.get(m.group(1), m.group(0)), text)

    def value(self, text: str, *, prior: bool = False) -> Decimal | None:
        found = self.ctx.evaluate(self.expand(text), self.refs, prior=prior)
        return None if isinstance(found, bool) else found

    def number(self, text: str) -> Decimal:
        found = self.value(text)
        return found if found is not None else Decimal(0)

    def budget_cells(self, text: str) -> tuple[str, ...]:
        """The cells a budget expression reads; a project's `project.budget` is its P01 cell
        (the list item names the project in `{project}`)."""
        paths = (ref.path for ref in expr.refs(expr.parse(self.expand(text))) if not ref.prior)
        project = self.vars.get("project", "")
        return tuple(
            f"P01.{project}.{path.removeprefix('project.')}" if path.startswith("project.") else path
            for path in paths
        )

    def holds(self, text: str) -> bool:
        found = self.ctx.evaluate(self.expand(text), self.refs)
        return bool(found) if found is not None else False

    def spec(self, name: str) -> Mapping[str, Any] | None:
        for layer in (*self.slots, self.ctx.template.slots):
            if name in layer:
                return layer[name]
        return None

    def wording(self, spec: Mapping[str, Any], key: str, default: str = "") -> str:
        if key in spec:
            return str(spec[key])
        return str(self.ctx.template.wording.get(str(spec["kind"]), {}).get(key, default))

    def render(self, text: str) -> str:
        """The text filled; an optional fragment whose slots are not all filled is dropped."""
        parts = _FRAGMENT.split(text)
        return "".join(
            self._fragment(part) if index % 2 else SLOT.sub(lambda m: self._slot(m, None), part)
            for index, part in enumerate(parts)
        )

    def _fragment(self, text: str) -> str:
        empty: list[str] = []
        filled = SLOT.sub(lambda m: self._slot(m, empty), text)
        return "" if empty else filled

    def _slot(self, match: re.Match[str], empty: list[str] | None) -> str:
        name, arg = match.group(1), match.group(2)
        value = self.inline(name, arg) if arg is not None else self.named(name)
        if not value and empty is not None:
            empty.append(name)
        return value

    def named(self, name: str) -> str:
        if name in self.vars:
            return self.vars[name]
        spec = self.spec(name)
        if spec is not None:
            return self.kinds[str(spec["kind"])](spec, self)
        return self.builtin(name)

    def builtin(self, name: str) -> str:
        """`{department}`; `{year}` and `{last_year}` (empty when the dataset has no year)."""
        ctx = self.ctx
        if name == "department":
            return ctx.department
        if not ctx.year:
            return ""
        return str(ctx.year if name == "year" else ctx.last_year)

    def inline(self, kind: str, arg: str) -> str:
        if kind not in INLINE_KINDS:
            raise TemplateError(f"情况说明模板：未知的 {{{kind}:…}}")
        args = [a.strip() for a in arg.split("|")]
        if kind == "amount":
            return amount(self.number(args[0]))
        if kind == "count":
            return str(int(self.number(args[0])))
        if kind == "share":
            rate = percent_of(self.number(args[0]), self.number(args[1]))
            return "" if rate is None else percent(rate, self.ctx.decimals)
        key = self.expand(args[0])
        label = self.expand(args[1]) if len(args) > 1 else key
        return self.out.clerk_text(key, label, required=kind == "ask")
