"""The steps of the navigator and the page each one shows: the edition's forms in its order (a
form's page follows from its kind), then the narrative and the export."""

from __future__ import annotations

from collections.abc import Callable

from desktop.ui.classified_page import ClassifiedPage
from desktop.ui.cover_page import CoverPage
from desktop.ui.export_page import ExportPage
from desktop.ui.form_page import FormPage
from desktop.ui.narrative_page import NarrativePage
from desktop.ui.org_units_page import OrgUnitsPage
from desktop.ui.projects_page import ProjectsPage
from desktop.ui.scores_page import ScoresPage
from desktop.ui.session import UNITS_STEP, Session
from desktop.ui.step_page import StepPage
from desktop.ui.text import tr
from desktop.ui.texts_page import TextsPage

PageFactory = Callable[[Session], StepPage]

# After the edition's forms (its package lists them in the order a clerk works in): the
# texts the report prints, the narrative and the export.
EXTRA_STEPS: dict[str, tuple[str, PageFactory]] = {
    "texts": ("文字材料", TextsPage),
    "narrative": ("情况说明", NarrativePage),
    "export": ("导出", ExportPage),
}
_BY_KIND: dict[str, Callable[[Session, str], StepPage]] = {
    "classified": ClassifiedPage,
    "fixed": FormPage,
    "facts": FormPage,
    "projects": lambda session, _form: ProjectsPage(session),
    "tree": ScoresPage,
}


def steps(session: Session) -> list[str]:
    """A department of several units gets 单位汇总 after its forms (one unit: as before)."""
    units = [UNITS_STEP] if len(session.dataset.units) > 1 else []
    return [*session.dataset.edition.package.steps, *units, *EXTRA_STEPS]


def make_page(session: Session, step: str) -> StepPage:
    """The page of a step: the cover, a form's page by its kind, or an extra step's page."""
    if step == UNITS_STEP:
        return OrgUnitsPage(session)
    if step in EXTRA_STEPS:
        return EXTRA_STEPS[step][1](session)
    form = session.dataset.catalogue.form(step)
    if form.cover:
        return CoverPage(session, step)
    return _BY_KIND[form.kind](session, step)


def step_titles(session: Session) -> list[tuple[str, str]]:
    forms = session.dataset.catalogue.forms
    return [(step, forms[step].step if step in forms else _extra_title(step)) for step in steps(session)]


def _extra_title(step: str) -> str:
    return tr("单位汇总") if step == UNITS_STEP else tr(EXTRA_STEPS[step][0])
