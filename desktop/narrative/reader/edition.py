"""The edition the reader reads against: the one place that asks for the catalogue and the code lists.

Today they are the application's (one edition); when datasets carry their edition, this is the seam that
takes the dataset's own catalogue and code lists instead. Everything else receives an `Edition`.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.forms.catalogue import Catalogue, catalogue
from desktop.forms.codes import CodeList, economic_codes, functional_codes
from desktop.models.snapshot import Snapshot


@dataclass(frozen=True)
class Edition:
    catalogue: Catalogue
    functional: CodeList
    economic: CodeList


def edition_of(snapshot: Snapshot) -> Edition:
    year = snapshot.department.year
    functional = functional_codes(year) if year else functional_codes()
    return Edition(catalogue(), functional, economic_codes())
