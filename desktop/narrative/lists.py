"""Lists of the template: the subject rows of a form (类, 款 or 项 with their names, grouped by
类 or not) and the dataset's projects. As a slot a list is one string; as a paragraph it is a
head line and one line per item or per group."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from itertools import groupby
from typing import Any

from desktop.models.snapshot import Project
from desktop.narrative.phrases import ZERO, amount
from desktop.narrative.render import RenderScope

Spec = Mapping[str, Any]
_DIGITS = {1: 3, 2: 5, 3: 7}


def _forms(spec: Spec) -> list[str]:
    return [str(f) for f in spec.get("forms", [spec.get("form", "")]) if f]


def _nonzero_rows(scope: RenderScope, forms: list[str]) -> set[str]:
    """The rows of `forms` with a figure other than 0: one scan of the cells, not one per row."""
    wanted, found = set(forms), set()
    for cell, value in scope.ctx.snapshot.cells.items():
        form, _, rest = cell.partition(".")
        if value != 0 and form in wanted:
            found.add(rest.partition(".")[0])
    return found


def row_codes(spec: Spec, scope: RenderScope) -> list[str]:
    """The codes of the level asked for, in code order, that pass `within`/`outside` (their 类),
    `filter` (an expression of `{row}`) and `nonzero` (a figure anywhere in the row)."""
    forms, digits = _forms(spec), _DIGITS[int(spec["level"])]
    snapshot = scope.ctx.snapshot
    codes = sorted({r for f in forms for r in snapshot.rows(f) if r.isdigit() and len(r) == digits})
    within, outside = set(spec.get("within", ())), set(spec.get("outside", ()))
    codes = [c for c in codes if (not within or c[:3] in within) and c[:3] not in outside]
    if "filter" in spec:
        codes = [c for c in codes if scope.child({"row": c}).holds(str(spec["filter"]))]
    if spec.get("nonzero"):
        nonzero = _nonzero_rows(scope, forms)
        codes = [c for c in codes if c in nonzero]
    return codes


def _kind(scope: RenderScope, spec: Spec) -> str:
    forms = _forms(spec)
    catalogue = scope.ctx.snapshot.edition.catalogue
    return (catalogue.form(forms[0]).codes if forms and forms[0] in catalogue.forms else None) or "functional"


def _row_words(scope: RenderScope, kind: str, code: str, number: int, kuan_once: bool) -> dict[str, str]:
    names = scope.ctx.names
    name = names.name(kind, code)
    lei = names.name(kind, code[:3])
    kuan = names.name(kind, code[:5]) if len(code) > 5 else ""
    return {
        "row": code, "code": code, "n": str(number), "name": name, "short": name.removesuffix("支出") or name,
        "class": lei, "class_short": lei.removesuffix("支出") or lei, "kuan": kuan,
        "kuan_once": kuan if kuan_once else "",
    }  # fmt: skip


def _items(spec: Spec, scope: RenderScope, codes: list[str], start: int = 1) -> list[str]:
    kind, item = _kind(scope, spec), scope.wording(spec, "item")
    inner = spec.get("slots") or {}
    rendered = []
    last_kuan = ""
    for number, code in enumerate(codes, start=start):
        words = _row_words(scope, kind, code, number, code[:5] != last_kuan)
        last_kuan = code[:5]
        rendered.append(scope.child(words, inner).render(item))
    return rendered


def row_lines(spec: Spec, scope: RenderScope) -> list[str]:
    """One line per item, or per 类 with its items joined (`group = "class"`)."""
    codes = row_codes(spec, scope)
    join = scope.wording(spec, "join", "；")
    if spec.get("group") != "class":
        return _items(spec, scope, codes)
    kind = _kind(scope, spec)
    lines = []
    for number, (lei, members) in enumerate(groupby(codes, key=lambda c: c[:3]), start=1):
        words = _row_words(scope, kind, lei, number, False)
        words["items"] = join.join(_items(spec, scope, list(members)))
        lines.append(scope.child(words).render(scope.wording(spec, "group_item")))
    return lines


def rows(spec: Spec, scope: RenderScope) -> str:
    return scope.wording(spec, "join", "；").join(row_lines(spec, scope))


def _head(spec: Spec, scope: RenderScope, lines: list[str]) -> list[str]:
    """A list paragraph's head line, with its `lead` (其中：) when the list has lines."""
    if "head" not in spec:
        return lines
    head = scope.render(str(spec["head"])) + (scope.render(str(spec.get("lead", ""))) if lines else "")
    return [head, *lines]


def row_paragraph(spec: Spec, scope: RenderScope) -> list[str]:
    return _head(spec, scope, row_lines(spec, scope))


def _project_words(project: Project, number: int) -> tuple[dict[str, str], dict[str, Decimal]]:
    budget = project.amount("budget") or ZERO
    actual = project.amount("actual") or ZERO
    label = project.name if project.name.endswith("项目") else f"{project.name}项目"
    words = {
        "project": project.id,
        "n": str(number),
        "name": project.name,
        "label": label,
        "budget": amount(budget),
        "actual": amount(actual),
    }
    return words, {"project.budget": budget, "project.actual": actual}


def project_paragraph(spec: Spec, scope: RenderScope) -> list[str]:
    """The projects: nothing without any; else the `intro` lines, then one line per project."""
    projects = scope.ctx.snapshot.projects
    if not projects:
        return []
    named = spec.get("names", {})
    shown = projects[: int(named.get("count", 2))]
    names = str(named.get("join", "")).join(
        scope.child({"name": p.name}).render(str(named.get("item", "{name}"))) for p in shown
    )
    intro = scope.child({"names": names, "count": str(len(projects))})
    lines = [intro.render(str(line)) for line in spec.get("intro", ())]
    inner = spec.get("slots") or {}
    for number, project in enumerate(projects, start=1):
        words, refs = _project_words(project, number)
        lines.append(scope.child(words, inner, refs).render(str(spec["item"])))
    return lines
