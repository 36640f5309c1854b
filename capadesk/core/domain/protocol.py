"""A protocol: the ordered, timed steps of a workshop day, as the library and files hold them."""

from __future__ import annotations

from dataclasses import dataclass, field

from capadesk.core.domain.vocabulary import ActivityKind, StepFormat

FORMAT_NAME = "capadesk-protocol"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Duration:
    """Planned minutes, or a range such as the seed's « 45 / 60 min »."""

    minimum: int
    maximum: int

    @property
    def is_range(self) -> bool:
        """True for « 45–60 », False for « 30 »."""
        return self.maximum != self.minimum

    @property
    def planned(self) -> int:
        """The minutes the agenda books: the top of a range, so the day does not run late."""
        return self.maximum

    def label(self) -> str:
        """« 30 min », « 45–60 min », « 1 h 30 »."""
        if self.is_range:
            return f"{self.minimum}–{self.maximum}\u00a0min"
        return minutes_label(self.minimum)


def minutes_label(minutes: int) -> str:
    """« 45 min », « 1 h », « 1 h 30 » (French, non-breaking spaces)."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}\u00a0min"
    return f"{hours}\u00a0h" + (f"\u00a0{rest:02d}" if rest else "")


@dataclass(frozen=True)
class ProtocolStep:
    """One step; a parallel step holds tracks, each with its own steps."""

    title: str
    duration: Duration
    format: StepFormat
    activity: ActivityKind
    instructions: str = ""
    materials: tuple[str, ...] = ()
    tracks: tuple[ProtocolTrack, ...] = ()


@dataclass(frozen=True)
class ProtocolTrack:
    """A sub-workshop running in parallel with the others of its step."""

    title: str
    steps: tuple[ProtocolStep, ...]
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Protocol:
    """A whole day, as a facilitator prepares it."""

    id: str
    title: str
    steps: tuple[ProtocolStep, ...]
    description: str = ""
    credit: str = ""
    format_version: int = FORMAT_VERSION
    origin: str = field(default="", compare=False)  # where it was read from, for messages

    @property
    def planned_minutes(self) -> int:
        """The whole day's planned length (ranges at their top)."""
        return sum(step.duration.planned for step in self.steps)
