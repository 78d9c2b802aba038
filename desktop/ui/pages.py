"""The steps of the navigator and the page each one shows: a registry, so that a new step is
one entry here and no change to the window."""

from __future__ import annotations

from collections.abc import Callable

from desktop.ui.classified_page import ClassifiedPage
from desktop.ui.cover_page import CoverPage
from desktop.ui.export_page import ExportPage
from desktop.ui.form_page import FormPage
from desktop.ui.narrative_page import NarrativePage
from desktop.ui.projects_page import ProjectsPage
from desktop.ui.scores_page import ScoresPage
from desktop.ui.session import Session
from desktop.ui.step_page import StepPage
from desktop.ui.text import tr

PageFactory = Callable[[Session], StepPage]

# The order a clerk works in: cover, the source tables (收入, 支出), the summaries that
# derive from them (G01 after G03, since its inputs are the balances around 收入/支出),
# the 财政拨款 tables, then facts, performance, the narrative and the export.
STEP_ORDER = (
    "F00", "G02", "G03", "G01", "G04", "G05", "G06", "G07", "G08", "G09",
    "X01", "P01", "P02", "narrative", "export",
)  # fmt: skip
EXTRA_TITLES = {"narrative": "情况说明", "export": "导出"}


def _form_page(form_id: str) -> PageFactory:
    return lambda session: FormPage(session, form_id)


def _classified(form_id: str) -> PageFactory:
    return lambda session: ClassifiedPage(session, form_id)


PAGES: dict[str, PageFactory] = {
    "F00": CoverPage,
    "G01": _form_page("G01"),
    "G02": _classified("G02"),
    "G03": _classified("G03"),
    "G04": _form_page("G04"),
    "G05": _classified("G05"),
    "G06": _classified("G06"),
    "G07": _form_page("G07"),
    "G08": _classified("G08"),
    "G09": _classified("G09"),
    "X01": _form_page("X01"),
    "P01": ProjectsPage,
    "P02": ScoresPage,
    "narrative": NarrativePage,
    "export": ExportPage,
}


def step_titles(session: Session) -> list[tuple[str, str]]:
    forms = session.dataset.catalogue.forms
    titles = []
    for step in STEP_ORDER:
        if step in forms:
            form = forms[step]
            titles.append((step, f"{form.step}"))
        elif step in PAGES:
            titles.append((step, tr(EXTRA_TITLES.get(step, step))))
    return titles
