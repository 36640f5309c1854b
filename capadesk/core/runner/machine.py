"""The protocol runner: a pure state machine over the top-level steps of a workshop day.

Nothing here reads the time except through the injected clock, nor stores anything: every
transition returns the event it logged, and the caller persists ``state`` and that event together.
All the figures the screen shows (elapsed, remaining, projected end…) are computed from the clock
on demand, so a runner rebuilt from what was persisted shows the same figures as the one that
wrote it — the crash resume.

Decisions the UI relies on:
- Moving (next, back, jump, skip) always leaves the runner running on the new step, even from a
  pause or a time-out: the facilitator is acting, and a paused clock on a step just entered would
  silently count nothing. The pause ends at the move's moment; its span is not running time.
- A step's time adds up over its visits: going back to a step resumes its countdown where it
  was left (elapsed includes earlier visits), and the extensions granted on earlier visits still
  count.
- A time-out is a pause with its own status and log action; like a pause it can be extended,
  resumed, or left by a move.
- ``next`` on the last step logs ``finish``; ``skip`` on the last step logs ``skip`` and finishes
  too; ``finish`` ends the day from any step.
- Before the start, the queries describe step 0 not yet begun; once finished, no step at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from capadesk.core.domain.vocabulary import RunnerStatus
from capadesk.core.runner.clock import Clock
from capadesk.core.runner.events import History, RunnerAction, RunnerEvent
from capadesk.core.runner.state import RunnerError, RunnerState, checked, seconds_between
from capadesk.i18n import _

__all__ = ["Runner", "RunnerError", "RunnerEvent", "RunnerState"]


class Runner:
    """Runs a day's top-level steps, given their planned seconds, on ``clock``.

    Pass the persisted ``state`` and ``events`` to resume a day: time that passed meanwhile counts
    as running time if the state was running (the day went on without the app), and not if it was
    paused.
    """

    def __init__(
        self,
        planned: Sequence[int],
        clock: Clock,
        state: RunnerState | None = None,
        events: Sequence[RunnerEvent] = (),
    ) -> None:
        self._planned = tuple(planned)
        if not self._planned:
            raise RunnerError(_("Le programme n'a aucune étape à dérouler."))
        if any(seconds < 0 for seconds in self._planned):
            raise RunnerError(_("La durée prévue d'une étape ne peut pas être négative."))
        self._clock = clock
        self._state = checked(state or RunnerState.idle(), len(self._planned))
        self._events = list(events)
        self._history = History(len(self._planned), self._events)

    @property
    def planned(self) -> tuple[int, ...]:
        """The planned seconds of each step, in order."""
        return self._planned

    @property
    def state(self) -> RunnerState:
        """The current state, to persist after every transition."""
        return self._state

    @property
    def events(self) -> tuple[RunnerEvent, ...]:
        """Every event logged, oldest first (restored ones included)."""
        return tuple(self._events)

    # Transitions ---------------------------------------------------------------------------

    def start(self) -> RunnerEvent:
        """Begin the day on step 0."""
        if self._state.status == RunnerStatus.FINISHED:
            raise RunnerError(_("Le déroulé est terminé."))
        if self._state.status != RunnerStatus.IDLE:
            raise RunnerError(_("Le déroulé a déjà commencé."))
        now = self._clock.now()
        return self._commit(RunnerEvent(RunnerAction.START, 0, now), _entering(0, now))

    def pause(self) -> RunnerEvent:
        """Stop the step's clock."""
        return self._halt(RunnerAction.PAUSE, RunnerStatus.PAUSED)

    def time_out(self) -> RunnerEvent:
        """Stop the step's clock for a « temps mort », logged as such; ``resume`` ends it."""
        return self._halt(RunnerAction.TIME_OUT, RunnerStatus.TIME_OUT)

    def resume(self) -> RunnerEvent:
        """Restart the step's clock after a pause or a time-out."""
        index = self._require_on_a_step()
        state = self._state
        if state.paused_at is None:
            raise RunnerError(_("Le déroulé n'est pas en pause."))
        now = self._clock.now()
        span = seconds_between(state.paused_at, now)
        return self._commit(
            RunnerEvent(RunnerAction.RESUME, index, now, span),
            replace(
                state,
                status=RunnerStatus.RUNNING,
                paused_at=None,
                paused_seconds=state.paused_seconds + span,
            ),
        )

    def next(self) -> RunnerEvent:
        """Go to the following step; from the last one, finish the day."""
        index = self._require_on_a_step()
        if index + 1 == len(self._planned):
            return self._leave(RunnerAction.FINISH, None)
        return self._leave(RunnerAction.NEXT, index + 1)

    def back(self) -> RunnerEvent:
        """Return to the previous step, whose time goes on from where it was left."""
        index = self._require_on_a_step()
        if index == 0:
            raise RunnerError(_("C'est la première étape\u00a0: il n'y en a pas avant."))
        return self._leave(RunnerAction.BACK, index - 1)

    def jump(self, index: int) -> RunnerEvent:
        """Go straight to step ``index`` (0-based)."""
        current = self._require_on_a_step()
        if not 0 <= index < len(self._planned):
            raise RunnerError(
                _(
                    "Il n'y a pas d'étape n°\u00a0{number}\u00a0: le programme en compte {count}."
                ).format(number=index + 1, count=len(self._planned))
            )
        if index == current:
            raise RunnerError(_("C'est déjà l'étape en cours."))
        return self._leave(RunnerAction.JUMP, index)

    def skip(self) -> RunnerEvent:
        """Leave the current step as skipped and enter the next; finish if it was the last."""
        index = self._require_on_a_step()
        following = index + 1 if index + 1 < len(self._planned) else None
        return self._leave(RunnerAction.SKIP, following)

    def finish(self) -> RunnerEvent:
        """End the day now, on whatever step it stands."""
        self._require_on_a_step()
        return self._leave(RunnerAction.FINISH, None)

    def extend(self, minutes: int) -> RunnerEvent:
        """Grant the current step ``minutes`` more (the +1 / +5 buttons)."""
        index = self._require_on_a_step()
        if minutes <= 0:
            raise RunnerError(_("Une prolongation compte au moins une minute."))
        seconds = minutes * 60.0
        return self._commit(
            RunnerEvent(RunnerAction.EXTEND, index, self._clock.now(), seconds),
            replace(self._state, extension_seconds=self._state.extension_seconds + seconds),
        )

    # Queries (from the clock, never stored) ------------------------------------------------

    def elapsed(self) -> float:
        """Running seconds counted on the current step, over all its visits."""
        index = self._state.step_index
        if index is None:
            return 0.0
        return self._history.spent[index] + self._visit_seconds(self._clock.now())

    def extension(self) -> float:
        """Seconds granted to the current step on top of its plan, over all its visits."""
        index = self._state.step_index
        if index is None:
            return 0.0
        return self._history.granted[index] + self._state.extension_seconds

    def remaining(self) -> float:
        """Seconds left on the shown step: negative once it overruns."""
        shown = self._shown_step()
        if shown is None:
            return 0.0
        return self._planned[shown] + self.extension() - self.elapsed()

    def is_overrun(self) -> bool:
        """True once the shown step has used more than its plan and extensions."""
        return self.remaining() < 0

    def fraction_left(self) -> float:
        """Share of the shown step's time left, from 1 down to 0 (the countdown's colour)."""
        shown = self._shown_step()
        if shown is None:
            return 0.0
        budget = self._planned[shown] + self.extension()
        if budget <= 0:
            return 0.0
        return min(1.0, max(0.0, self.remaining() / budget))

    def projected_end(self) -> dt.datetime:
        """When the day ends if what is left of it goes as planned.

        The shown step's remaining time (none once overrun), then each later step's plan and
        extensions less what earlier visits already spent on it. During a pause the remaining time
        stands still while the clock moves, so the end moves later. Once finished: the moment
        it finished.
        """
        now = self._clock.now()
        shown = self._shown_step()
        if shown is None:
            return self._events[-1].at if self._events else now
        history = self._history
        later = sum(
            max(self._planned[step] + history.granted[step] - history.spent[step], 0.0)
            for step in range(shown + 1, len(self._planned))
        )
        return now + dt.timedelta(seconds=max(self.remaining(), 0.0) + later)

    def actual_seconds(self) -> list[float]:
        """Running seconds actually spent on each step, all visits and the current one included."""
        actual = list(self._history.spent)
        index = self._state.step_index
        if index is not None:
            actual[index] += self._visit_seconds(self._clock.now())
        return actual

    def skipped(self) -> set[int]:
        """Indexes of the steps skipped and not entered again since."""
        return set(self._history.skipped)

    def started_at(self) -> list[dt.datetime | None]:
        """When each step was first entered (its actual start), None for a step never run."""
        return list(self._history.first_entered)

    # Internals -----------------------------------------------------------------------------

    def _shown_step(self) -> int | None:
        """The step the screen shows: step 0 before the start, none once finished."""
        if self._state.status == RunnerStatus.IDLE:
            return 0
        return self._state.step_index

    def _visit_seconds(self, now: dt.datetime) -> float:
        """Running seconds of the current visit: a pause freezes them at its start."""
        state = self._state
        if state.step_started_at is None:
            return 0.0
        end = state.paused_at or now
        return max(0.0, seconds_between(state.step_started_at, end) - state.paused_seconds)

    def _require_on_a_step(self) -> int:
        """The current step's index, or a refusal before the start and after the end."""
        status, index = self._state.status, self._state.step_index
        if status == RunnerStatus.IDLE:
            raise RunnerError(_("Le déroulé n'a pas encore commencé."))
        if status == RunnerStatus.FINISHED:
            raise RunnerError(_("Le déroulé est terminé."))
        assert index is not None  # guaranteed by checked and every transition
        return index

    def _halt(self, action: RunnerAction, status: RunnerStatus) -> RunnerEvent:
        index = self._require_on_a_step()
        if self._state.is_paused:
            raise RunnerError(_("Le déroulé est déjà en pause."))
        now = self._clock.now()
        return self._commit(
            RunnerEvent(action, index, now), replace(self._state, status=status, paused_at=now)
        )

    def _leave(self, action: RunnerAction, target: int | None) -> RunnerEvent:
        """Close the current visit (its running seconds go in the event) and enter ``target``."""
        now = self._clock.now()
        event = RunnerEvent(action, self._state.step_index, now, self._visit_seconds(now), target)
        state = _entering(target, now) if target is not None else RunnerState(RunnerStatus.FINISHED)
        return self._commit(event, state)

    def _commit(self, event: RunnerEvent, state: RunnerState) -> RunnerEvent:
        self._history.record(event)
        self._events.append(event)
        self._state = state
        return event


def _entering(index: int, now: dt.datetime) -> RunnerState:
    """A new visit of step ``index``, running from ``now``."""
    return RunnerState(RunnerStatus.RUNNING, index, step_started_at=now)
