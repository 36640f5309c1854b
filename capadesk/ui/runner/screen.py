"""What both runner screens show at one moment, computed once per tick from the runner.

Plain data: the control panel and the projection window render the same ``RunScreen``, so the
room never sees a different step or time than the facilitator.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from capadesk.core.domain.countdown import Countdown, CountdownLevel, clock_label, countdown
from capadesk.core.domain.protocol import Protocol
from capadesk.core.domain.schedule import schedule
from capadesk.core.domain.vocabulary import RunnerStatus
from capadesk.core.runner import Runner
from capadesk.core.services.track_runner import TrackTimer
from capadesk.i18n import N_, _

STATES = {
    RunnerStatus.IDLE: N_("Prêt à démarrer — Espace pour lancer la journée"),
    RunnerStatus.RUNNING: N_("En cours"),
    RunnerStatus.PAUSED: N_("En pause — Espace pour reprendre"),
    RunnerStatus.TIME_OUT: N_("Temps mort — Espace pour reprendre"),
    RunnerStatus.FINISHED: N_("Journée terminée"),
}

TRACK_STATES = {
    RunnerStatus.IDLE: N_("Pas encore lancé"),
    RunnerStatus.RUNNING: N_("En cours"),
    RunnerStatus.PAUSED: N_("En pause"),
    RunnerStatus.TIME_OUT: N_("Temps mort"),
    RunnerStatus.FINISHED: N_("Terminé"),
}


@dataclass(frozen=True)
class TrackScreen:
    """One parallel track as shown: its current step and its own countdown."""

    track_id: uuid.UUID
    title: str
    status: RunnerStatus
    step_text: str  # « 2 / 2 · Fiches-actions » (the step alone when the track has one)
    countdown: Countdown | None  # None once the track finished

    @property
    def level(self) -> CountdownLevel:
        """The countdown's level (normal once the track is over)."""
        return self.countdown.level if self.countdown else CountdownLevel.NORMAL

    @property
    def state_text(self) -> str:
        """« En cours », « En pause », « Terminé »…"""
        return _(TRACK_STATES[self.status])

    @property
    def room_state(self) -> str:
        """For the room: said only when the track's time stands still or is over."""
        return "" if self.status == RunnerStatus.RUNNING else self.state_text

    @property
    def is_paused(self) -> bool:
        """True during a pause or a time-out."""
        return self.status in (RunnerStatus.PAUSED, RunnerStatus.TIME_OUT)

    @property
    def on_a_step(self) -> bool:
        """True once started and until finished."""
        return self.status not in (RunnerStatus.IDLE, RunnerStatus.FINISHED)


def track_screen(timer: TrackTimer) -> TrackScreen:
    """The screen of one track's timer."""
    runner = timer.runner
    status = runner.state.status
    index = 0 if status == RunnerStatus.IDLE else runner.state.step_index
    step_text = timer.step_title()
    if index is not None and len(timer.step_titles) > 1:
        step_text = f"{index + 1}\u00a0/\u00a0{len(timer.step_titles)} · {step_text}"
    return TrackScreen(
        track_id=timer.track_id,
        title=timer.title,
        status=status,
        step_text=step_text,
        countdown=None
        if status == RunnerStatus.FINISHED
        else countdown(runner.remaining(), runner.fraction_left(), runner.is_overrun()),
    )


def jump_labels(protocol: Protocol, start: dt.time) -> list[str]:
    """« 09:30 · 2. Mot d'introduction » for each step: the « Aller à l'étape… » list."""
    return [
        f"{planned.start:%H:%M} · {number}. {planned.step.title}"
        for number, planned in enumerate(schedule(protocol.steps, start), start=1)
    ]


@dataclass(frozen=True)
class RunScreen:
    """The day as shown: current step, countdown, what comes next, projected end."""

    status: RunnerStatus
    step_index: int | None  # the shown step (0 before the start), None once finished
    step_count: int
    title: str
    details: str  # « Étape 1 / 6 · Plénière · 30 min »
    instructions: str
    next_text: str  # « Ensuite : Mot d'introduction »
    countdown: Countdown | None  # None once finished
    end_text: str  # « Fin prévue : 17 h 05 »
    state_text: str  # for the facilitator: « En pause — Espace pour reprendre »
    tracks: tuple[TrackScreen, ...] = ()  # the current step's parallel tracks, if any

    @property
    def room_state(self) -> str:
        """For the room: « Pause » or « Temps mort » while the time stands still, else nothing."""
        if self.status == RunnerStatus.TIME_OUT:
            return _("Temps mort")
        return _("Pause") if self.status == RunnerStatus.PAUSED else ""

    @property
    def level(self) -> CountdownLevel:
        """The countdown's level (normal once the day is over)."""
        return self.countdown.level if self.countdown else CountdownLevel.NORMAL

    @property
    def is_paused(self) -> bool:
        """True during a pause or a time-out."""
        return self.status in (RunnerStatus.PAUSED, RunnerStatus.TIME_OUT)


def screen_of(
    runner: Runner,
    protocol: Protocol,
    zone: dt.tzinfo | None = None,
    tracks: Sequence[TrackTimer] = (),
) -> RunScreen:
    """The screen for ``runner`` over ``protocol``'s steps, times in ``zone`` (default local),
    with the timers of the current step's ``tracks``."""
    status = runner.state.status
    steps = protocol.steps
    end = clock_label(runner.projected_end(), zone)
    if status == RunnerStatus.FINISHED:
        return RunScreen(
            status=status,
            step_index=None,
            step_count=len(steps),
            title=_("Merci à toutes et à tous\u00a0!"),
            details=_("Journée terminée"),
            instructions="",
            next_text="",
            countdown=None,
            end_text=_("Terminée à {time}").format(time=end),
            state_text=_(STATES[status]),
        )
    index = runner.state.step_index if status != RunnerStatus.IDLE else 0
    assert index is not None  # the runner is on a step unless idle or finished
    step = steps[index]
    following = (
        _("Ensuite\u00a0: {title}").format(title=steps[index + 1].title)
        if index + 1 < len(steps)
        else _("Ensuite\u00a0: fin de la journée")
    )
    details = " · ".join(
        (
            _("Étape {number}\u00a0/\u00a0{count}").format(number=index + 1, count=len(steps)),
            step.format.label,
            step.duration.label(),
        )
    )
    return RunScreen(
        status=status,
        step_index=index,
        step_count=len(steps),
        title=step.title,
        details=details,
        instructions=step.instructions,
        next_text=following,
        countdown=countdown(runner.remaining(), runner.fraction_left(), runner.is_overrun()),
        end_text=_("Fin prévue\u00a0: {time}").format(time=end),
        state_text=_(STATES[status]),
        tracks=tuple(track_screen(timer) for timer in tracks),
    )
