"""The name of a subject code as one dataset knows it: the edition's code list first, then the
name an imported workbook gave a code the list lacks (kept in the dataset), and never a bare
code where a name belongs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from desktop.forms.codes import Subject
from desktop.forms.edition import CodeLists

IMPORTED_MARK = "（导入）"  # shown after a name that came from a workbook, not from the code list
NAME_KEY_PREFIX = "codename."  # dataset meta key: codename.<kind>.<code> = the workbook's name


def name_key(kind: str, code: str) -> str:
    return f"{NAME_KEY_PREFIX}{kind}.{code}"


def parse_name_key(key: str) -> tuple[str, str] | None:
    """(kind, code) of a meta key written by `name_key`, else None."""
    if not key.startswith(NAME_KEY_PREFIX):
        return None
    kind, _, code = key.removeprefix(NAME_KEY_PREFIX).partition(".")
    return (kind, code) if kind and code else None


def unnamed(code: str) -> str:
    """What stands for the name of a code nobody has named."""
    return f"未列入科目表的科目{code}"


@dataclass(frozen=True)
class Naming:
    """Code lists by kind (functional, economic) and the names a dataset's imports added."""

    codes: CodeLists
    imported: Mapping[tuple[str, str], str] = field(default_factory=lambda: MappingProxyType({}))

    def subject(self, kind: str, code: str) -> Subject | None:
        return self.codes.of(kind).get(code)

    def listed(self, kind: str, code: str) -> bool:
        return self.subject(kind, code) is not None

    def imported_name(self, kind: str, code: str) -> str:
        return self.imported.get((kind, code), "")

    def name(self, kind: str, code: str) -> str:
        """The official name, else the imported one, else words saying the code is unnamed."""
        subject = self.subject(kind, code)
        if subject is not None:
            return subject.name
        return self.imported_name(kind, code) or unnamed(code)

    def marked_name(self, kind: str, code: str) -> str:
        """The name with a mark when it came from an imported workbook (for the clerk's grids)."""
        name = self.name(kind, code)
        return (
            f"{name}{IMPORTED_MARK}"
            if self.imported_name(kind, code) and not self.listed(kind, code)
            else name
        )
