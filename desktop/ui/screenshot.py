"""Rendering a window to a PNG (offscreen platform included) for docs and checks."""

from __future__ import annotations

from pathlib import Path

from desktop.ui.qt import QApplication, QWidget

SIZE = (1400, 900)


def settle() -> None:
    """Let layouts, deferred deletes and first paints happen."""
    for _ in range(3):
        QApplication.processEvents()


def save_screenshot(window: QWidget, target: Path, size: tuple[int, int] = SIZE) -> Path:
    window.resize(*size)
    window.show()
    settle()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(target)):
        raise OSError(f"无法保存截图 {target}")
    return target


DOC_FORMS = {
    "g01.png": "G01",
    "g05.png": "G05",
    "g06.png": "G06",
    "g07.png": "G07",
    "p01.png": "P01",
    "p02.png": "P02",
    "texts.png": "texts",
    "export.png": "export",
}
DOC_FINDING = "budget.G05"  # a finding with a reason text box, shown in docs/findings.png


def render_docs(folder: Path) -> list[Path]:
    """The screenshots in docs/: the start page, the forms, the texts and export pages, and a
    chosen finding.
    Run as `python -m desktop.ui.screenshot docs` with QT_QPA_PLATFORM=offscreen."""
    from desktop.actions.demo import create_demo
    from desktop.ui.application import application
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import AppSettings

    application()
    window = MainWindow(AppSettings())
    window.open_path(create_demo())
    assert window.workspace is not None
    written = []
    for name, form in DOC_FORMS.items():
        window.workspace.show_step(form).focus_main()
        written.append(save_screenshot(window, folder / name))
    finding = next(f for f in window.workspace.session.findings if f.rule == DOC_FINDING)
    window.workspace.findings.select(finding)
    written.append(save_screenshot(window, folder / "findings.png"))
    window.close_dataset()  # the start page then lists the demo as a recent file
    written.append(save_screenshot(window, folder / "start.png"))
    window.close()
    return written


if __name__ == "__main__":
    import sys

    for path in render_docs(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")):
        print(path)
