"""The edition the reader reads against: the one place that asks a dataset for its forms and names.

Each dataset carries its own edition (forms of its province and year, code lists of the edition's
year) and its own naming (the lists plus the names imported workbooks gave codes the lists lack).
Nothing here is process-wide: two datasets of different editions are read with their own words.
Everything else in the reader receives an `ReaderEdition`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from desktop.forms.catalogue import Catalogue
from desktop.forms.codes import CodeList
from desktop.forms.naming import Naming
from desktop.models.snapshot import Snapshot


@dataclass(frozen=True)
class ReaderEdition:
    catalogue: Catalogue
    naming: Naming

    @property
    def functional(self) -> CodeList:
        return self.naming.codes.functional

    @property
    def economic(self) -> CodeList:
        return self.naming.codes.economic

    def imported(self, kind: str) -> Iterator[tuple[str, str]]:
        """(code, name) of each code the edition's list lacks that an imported workbook named."""
        for (of_kind, code), name in sorted(self.naming.imported.items()):
            if of_kind == kind and name and not self.naming.listed(kind, code):
                yield code, name

    def key(self) -> tuple[object, ...]:
        """What the lexicon depends on here: the forms, the lists and the imported names."""
        return (id(self.catalogue), id(self.naming.codes), tuple(sorted(self.naming.imported.items())))


def edition_of(snapshot: Snapshot) -> ReaderEdition:
    return ReaderEdition(snapshot.edition.catalogue, snapshot.names)
