"""Editions: the forms, code lists, rules, narrative template and package order of one province
and year, as data in `resources/editions/<id>/`.

Folder layout (every file optional in a child edition)::

    edition.toml     id, name, region, year, parent; [codes] years of the code lists;
                     [package] forms/steps/tables/sheets order and the PDF parts
    forms/<ID>.toml  a form (desktop.forms.catalogue)
    rules/*.toml     [[rule]] entries (desktop.rules.ruleset)
    rules/messages.toml  the wording of the findings, a template per rule kind and message
    narrative.toml   the 情况说明 template and the 名词解释 (desktop.forms.template)

An edition names its `parent` and overrides only what differs, by the merge rule of
desktop.forms.merge: a child's `forms/G07.toml` patches the parent's G07 (keys replace, rows and
columns merge by id, `remove = true` drops one, `replace = true` replaces the form whole); rules
merge by id the same way across all rule files; `rules/messages.toml`, `narrative.toml` and
`edition.toml` merge likewise (sections and parts by id). Code lists are national, one file per
kind and year in `resources/codes/`; an edition names the year of each (`[codes] functional = 2024`).

API (what the rest of the application, and the narrative reader, use)::

    edition = load_edition("shanghai-2024")   # EditionError (listing the known ids) if unknown
    edition.catalogue                          # Catalogue: forms in order; per form .title,
                                               #   .all_titles (title + variants), .label, .notes,
                                               #   .columns (id, name, band, headers), .rows (id, name,
                                               #   labels); per column/row the names a table prints
    edition.codes.functional / .economic       # CodeList: .get(code).name/.aliases, .by_name,
                                               #   .search, iteration in tree order; .of(kind)
    edition.template                           # NarrativeTemplate: .title, .sections (id, title,
                                               #   paragraphs with their wording), .headings(),
                                               #   .wording, .glossary
    edition.package                            # Package: .tables (published, in order), .steps,
                                               #   .sheets, .parts (PDF parts, titles, numbering)
    edition.rule_data                          # merged [[rule]] tables (built by desktop.rules.ruleset)
    edition.rule_messages                      # merged rules/messages.toml: {kind: {message: template}}
    editions()                                 # every edition, oldest year first
    default_edition(year)                      # the newest edition not after `year`

A dataset records its edition's id and holds its own: `Dataset.edition`, `Dataset.catalogue`,
`Dataset.rules`, `Dataset.naming` (desktop.forms.naming: the edition's code lists plus the names
imported workbooks gave codes the lists lack); a `Snapshot` carries `.edition` and `.names` the
same way, which is what the narrative (drafting and reading) should take its words from.
Editions are immutable: loading is memoised per folder, so the datasets of one edition share one
`Edition`, and datasets of different editions never share anything.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.forms.catalogue import Catalogue, CatalogueError, build_catalogue
from desktop.forms.codes import CodeList, CodeListError, code_list
from desktop.forms.merge import MergeError, merge, merge_by_id
from desktop.forms.package import Package, PackageError, build_package
from desktop.forms.template import NarrativeTemplate, TemplateError, build_template
from desktop.resources import RESOURCES

EDITIONS_DIR = RESOURCES / "editions"
ROOT_EDITION = "sichuan-2020"  # the edition of files made before editions existed
RULE_MESSAGES = "messages.toml"  # in rules/: wording, not [[rule]] entries


class EditionError(ValueError):
    """An unknown or broken edition; the message is for the clerk (Chinese)."""


@dataclass(frozen=True)
class CodeLists:
    functional: CodeList
    economic: CodeList

    def of(self, kind: str) -> CodeList:
        return self.economic if kind == "economic" else self.functional


@dataclass(frozen=True)
class Edition:
    id: str
    name: str
    region: str
    year: int
    parent: str | None
    description: str
    chain: tuple[str, ...]  # from the root edition down to this one
    catalogue: Catalogue
    codes: CodeLists
    rule_data: tuple[Mapping[str, Any], ...]
    rule_messages: Mapping[str, Any]
    template: NarrativeTemplate
    package: Package

    @property
    def label(self) -> str:
        """How the clerk sees it: 上海 2024 年版（shanghai-2024）."""
        return f"{self.name}（{self.id}）"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise EditionError(f"{path}: {exc}") from exc


def edition_ids(root: Path = EDITIONS_DIR) -> tuple[str, ...]:
    return tuple(sorted(p.parent.name for p in root.glob("*/edition.toml")))


def _unknown(edition_id: str, root: Path) -> EditionError:
    known = "、".join(edition_ids(root)) or "（无）"
    return EditionError(f"未知的版本“{edition_id}”。可用的版本：{known}")


def _chain(edition_id: str, root: Path) -> list[Path]:
    """The folders from the root edition down to `edition_id`."""
    folders: list[Path] = []
    current: str | None = edition_id
    while current is not None:
        folder = root / current
        if not (folder / "edition.toml").is_file():
            raise _unknown(current, root)
        if folder in folders:
            raise EditionError(f"版本 {edition_id} 的上级版本形成循环：{current}")
        folders.insert(0, folder)
        parent = _read_toml(folder / "edition.toml").get("parent")
        current = str(parent) if parent else None
    return folders


def _merged_forms(folders: list[Path]) -> dict[str, dict[str, Any]]:
    forms: dict[str, dict[str, Any]] = {}
    for folder in folders:
        for path in sorted((folder / "forms").glob("*.toml")):
            data = _read_toml(path)
            if data.get("remove"):
                forms.pop(path.stem, None)
            else:
                forms[path.stem] = merge(forms.get(path.stem, {}), data, f"{folder.name}/forms/{path.name}")
    return forms


def _merged_rules(folders: list[Path]) -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = []
    for folder in folders:
        entries: list[dict[str, Any]] = []
        for path in sorted((folder / "rules").glob("*.toml")):
            if path.name == RULE_MESSAGES:
                continue
            for raw in _read_toml(path).get("rule", []):
                if "id" not in raw:
                    raise EditionError(f"{folder.name}/rules/{path.name}: 规则缺少 id")
                entries.append({**raw, "_source": path.name})
        ids = [e["id"] for e in entries]
        duplicated = sorted({i for i in ids if ids.count(i) > 1})
        if duplicated:
            raise EditionError(f"{folder.name}/rules: 规则 {'、'.join(duplicated)} 重复定义")
        rules = merge_by_id(rules, entries, f"{folder.name}/rules") if entries else rules
    return rules


def _merged(folders: list[Path], name: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for folder in folders:
        if (folder / name).is_file():
            data = merge(data, _read_toml(folder / name), f"{folder.name}/{name}")
    return data


def _code_lists(data: Mapping[str, Any]) -> CodeLists:
    years = data.get("codes", {})
    try:
        return CodeLists(
            code_list("functional", int(years["functional"])), code_list("economic", int(years["economic"]))
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise EditionError(f"[codes] 应给出 functional 与 economic 科目表的年度：{exc}") from exc


def _check_package(package: Package, catalogue: Catalogue) -> None:
    for key in ("forms", "steps", "tables", "sheets"):
        unknown = [f for f in getattr(package, key) if f not in catalogue.forms]
        if unknown:
            raise EditionError(f"[package] {key} 中的表 {'、'.join(unknown)} 不存在")
    missing = [f for f in catalogue.forms if f not in package.forms]
    if missing:
        raise EditionError(f"[package] forms 未列出表 {'、'.join(missing)}")


def _build(edition_id: str, root: Path) -> Edition:
    folders = _chain(edition_id, root)
    data = _merged(folders, "edition.toml")
    try:
        package = build_package(data.get("package", {}))
        catalogue = build_catalogue(_merged_forms(folders), package.forms)
        template = build_template(_merged(folders, "narrative.toml"))
        rules = tuple(_merged_rules(folders))
        messages = _merged(folders, f"rules/{RULE_MESSAGES}")
    except (CatalogueError, CodeListError, MergeError, PackageError, TemplateError) as exc:
        raise EditionError(f"版本 {edition_id} 无法加载：{exc}") from exc
    _check_package(package, catalogue)
    return Edition(
        id=edition_id,
        name=str(data.get("name", edition_id)),
        region=str(data.get("region", "")),
        year=int(data.get("year", 0)),
        parent=_read_toml(folders[-1] / "edition.toml").get("parent"),
        description=str(data.get("description", "")),
        chain=tuple(f.name for f in folders),
        catalogue=catalogue,
        codes=_code_lists(data),
        rule_data=rules,
        rule_messages=messages,
        template=template,
        package=package,
    )


@functools.cache
def _load(edition_id: str, root: Path) -> Edition:
    return _build(edition_id, root)


def load_edition(edition_id: str, root: Path = EDITIONS_DIR) -> Edition:
    """The edition `edition_id` (EditionError naming the known ids when there is none)."""
    if not edition_id or "/" in edition_id or "\\" in edition_id or edition_id.startswith("."):
        raise _unknown(edition_id, root)
    return _load(edition_id, root)


def editions(root: Path = EDITIONS_DIR) -> list[Edition]:
    """Every edition, oldest year first (then by id)."""
    return sorted((load_edition(i, root) for i in edition_ids(root)), key=lambda e: (e.year, e.id))


def default_edition(year: int, root: Path = EDITIONS_DIR) -> Edition:
    """The newest edition not after `year`; the oldest when every edition is newer."""
    known = editions(root)
    if not known:
        raise EditionError(f"{root}: 没有任何版本")
    usable = [e for e in known if e.year <= year]
    return usable[-1] if usable else known[0]
