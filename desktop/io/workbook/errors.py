"""The one exception the workbook reader raises: its message is for the clerk."""

from __future__ import annotations


class WorkbookError(Exception):
    """A workbook that cannot be read; `message` (Chinese) says what happened and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
