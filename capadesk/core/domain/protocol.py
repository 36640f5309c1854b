"""A protocol: the ordered, timed steps of a workshop day, as the library and files hold them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from capadesk.core.domain.vocabulary import ActivityKind, StepFormat
from capadesk.i18n import N_, _

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


# --- step settings: what a step's capture tool needs to know -----------------------------------

SettingValue = int
Settings = tuple[tuple[str, SettingValue], ...]  # (key, value) pairs sorted by key


@dataclass(frozen=True)
class SettingRule:
    """One setting an activity kind accepts: whole numbers from ``minimum`` to ``maximum``."""

    key: str
    label_text: str  # marked with N_, translated by ``label``
    minimum: int
    maximum: int
    default: int

    @property
    def label(self) -> str:
        """The French name shown in the step form."""
        return _(self.label_text)


SETTING_RULES: dict[ActivityKind, tuple[SettingRule, ...]] = {
    # The seed's vote: four dots each, eight threads kept at most.
    ActivityKind.DOT_VOTE: (
        SettingRule("dots_per_participant", N_("Gommettes par participant"), 1, 20, 4),
        SettingRule("kept_threads", N_("Fils retenus au plus"), 1, 50, 8),
    ),
}


def setting_rules(activity: ActivityKind) -> tuple[SettingRule, ...]:
    """The settings ``activity`` accepts (none for most kinds)."""
    return SETTING_RULES.get(activity, ())


@dataclass(frozen=True)
class ProtocolStep:
    """One step; a parallel step holds tracks, each with its own steps.

    ``settings`` holds only what the file or the facilitator stated; ``setting`` falls back
    on the rule's default. ``store_id`` is the public id of the stored row the step was read
    from (None for a new step): it lets an edit keep that row, and takes no part in equality.
    """

    title: str
    duration: Duration
    format: StepFormat
    activity: ActivityKind
    instructions: str = ""
    materials: tuple[str, ...] = ()
    tracks: tuple[ProtocolTrack, ...] = ()
    settings: Settings = ()
    store_id: uuid.UUID | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        # One order for equal settings, whichever order they were stated in.
        object.__setattr__(self, "settings", tuple(sorted(self.settings)))

    def setting(self, key: str) -> SettingValue:
        """The stated value of ``key``, or its default; KeyError if the activity has no such."""
        stated = dict(self.settings)
        for rule in setting_rules(self.activity):
            if rule.key == key:
                return stated.get(key, rule.default)
        raise KeyError(key)


@dataclass(frozen=True)
class ProtocolTrack:
    """A sub-workshop running in parallel with the others of its step."""

    title: str
    steps: tuple[ProtocolStep, ...]
    groups: tuple[str, ...] = ()
    store_id: uuid.UUID | None = field(default=None, compare=False, repr=False)

    @property
    def planned_minutes(self) -> int:
        """The track's steps end to end (ranges at their top)."""
        return sum(step.duration.planned for step in self.steps)


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
