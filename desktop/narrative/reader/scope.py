"""The scope a sentence is read in: fund, unit, the subject an item speaks of, the 类/款 last named.

ClaimScope is a stack of frames, one per open heading; a heading closes every frame at its level or below
and opens its own from its title (a fund word, a unit, a subject). A part or an attachment closes all.
What a frame leaves open is taken from the frames above it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from desktop.narrative.reader.lexicon import Mention


@dataclass(frozen=True)
class Frame:
    level: int
    fund: str | None = None
    unit: str | None = None  # None: not said here; "": the department; a unit id; "subordinates"
    topic: Mention | None = None
    parent: str = ""  # the code of the 类 or 款 last named


@dataclass
class ClaimScope:
    frames: list[Frame] = field(default_factory=lambda: [Frame(0)])

    def open(self, level: int, fund: str | None, unit: str | None) -> None:
        self.frames = [f for f in self.frames if f.level < level] or [Frame(0)]
        if level == 0:
            self.frames = [Frame(0, fund, unit)]
        else:
            self.frames.append(Frame(level, fund, unit))

    def _first(self, name: str) -> object:
        for frame in reversed(self.frames):
            value = getattr(frame, name)
            if value not in (None, ""):
                return value
        return None

    @property
    def fund(self) -> str | None:
        value = self._first("fund")
        return value if isinstance(value, str) else None

    @property
    def unit(self) -> str:
        for frame in reversed(self.frames):
            if frame.unit is not None:
                return frame.unit
        return ""

    @property
    def topic(self) -> Mention | None:
        for frame in reversed(self.frames):
            if frame.topic is not None:
                return frame.topic
        return None

    @property
    def parent(self) -> str:
        value = self._first("parent")
        return value if isinstance(value, str) else ""

    def set(self, **changes: object) -> None:
        """Change the innermost frame (a topic, a parent code, a unit named by a paragraph)."""
        self.frames[-1] = replace(self.frames[-1], **changes)  # type: ignore[arg-type]
