"""Work off the GUI thread: a QThread that runs one function and reports its result or its
exception through queued signals. The function must not touch the window's Dataset (that lives
on the GUI thread); reading files and working on a throwaway copy are what it is for."""

from __future__ import annotations

from collections.abc import Callable

from desktop.ui.qt import QObject, QThread, Signal


class Job(QThread):
    succeeded = Signal(object)  # the function's result
    failed = Signal(object)  # the exception it raised
    progressed = Signal(int, str)  # step done, what comes next

    def __init__(self, work: Callable[[Job], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work

    def run(self) -> None:
        try:
            result = self.work(self)
        except Exception as exc:  # reported to the GUI thread, which words it for the clerk
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)

    def report(self, step: int, text: str) -> None:
        self.progressed.emit(step, text)


def wait_for(job: Job | None) -> None:
    """Before a dialog goes away: a QThread destroyed while running aborts the process."""
    if job is not None and job.isRunning():
        job.wait()


_ALIVE: set[Job] = set()


def start_detached(job: Job) -> None:
    """Start a job without a parent, kept alive until it ends: the page that started it may be
    closed meanwhile (its results then go nowhere) without destroying a running thread."""
    _ALIVE.add(job)
    job.finished.connect(lambda: _ALIVE.discard(job))
    job.start()
