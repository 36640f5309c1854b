"""What the exports print and write, as plain data read once from the store.

The writers (restitution, synthesis sheets, CSV, JSON) take these and never open a session, so
they can run on any thread and be tested without a store.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from capadesk.core.domain.capture import (
    CaptureView,
    RankedThread,
    ThreadView,
    UseCaseView,
    VotingRules,
)
from capadesk.core.domain.people import ParticipantView
from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.core.domain.workshop import WorkshopSummary
from capadesk.core.runner.timings import Timings


class VoteRow(NamedTuple):
    """One entry of dots: a tally from the paper wall (no participant) or a participant's."""

    public_id: uuid.UUID
    thread_id: uuid.UUID
    step_id: uuid.UUID | None
    participant_id: uuid.UUID | None
    dots: int
    created_at: dt.datetime


class PhotoRow(NamedTuple):
    """A photo of the day; ``path`` is where its file should be (None: a name refused as
    unsafe, outside the photos folder)."""

    public_id: uuid.UUID
    file_name: str
    path: Path | None
    caption: str
    use_case_id: uuid.UUID | None
    taken_at: dt.datetime | None


class WorkshopData(NamedTuple):
    """Everything the room produced in a workshop, in display order (not deleted)."""

    workshop: WorkshopSummary
    use_cases: tuple[UseCaseView, ...]
    participants: tuple[ParticipantView, ...]  # alphabetical
    captures: tuple[CaptureView, ...]  # wall order
    threads: tuple[ThreadView, ...]  # wall order, the programme's carried-over threads included
    votes: tuple[VoteRow, ...]
    ranking: tuple[RankedThread, ...]  # the vote step's (the first dot-vote step), most dots first
    voting_rules: VotingRules

    def captures_of(
        self, *, use_case_id: uuid.UUID | None = None, kinds: Iterable[CaptureKind] = ()
    ) -> list[CaptureView]:
        """The cards of one use case (None: those of no use case), of these kinds (all: empty)."""
        wanted = set(kinds)
        return [
            c
            for c in self.captures
            if c.use_case_id == use_case_id and (not wanted or c.kind in wanted)
        ]

    def captures_by_id(self) -> dict[uuid.UUID, CaptureView]:
        """Every card by its id."""
        return {c.public_id: c for c in self.captures}

    def use_case_titles(self) -> dict[uuid.UUID, str]:
        """Every use case's title by its id."""
        return {u.public_id: u.title for u in self.use_cases}

    def dots_of(self) -> dict[uuid.UUID, RankedThread]:
        """Each ranked thread by its id."""
        return {r.thread_id: r for r in self.ranking}


class RestitutionData(NamedTuple):
    """The workshop's data plus what only the restitution prints: timings and photos."""

    data: WorkshopData
    timings: Timings
    actuals_lost: bool  # the runner's log no longer fits the agenda: ``timings`` are plan only
    photos: tuple[PhotoRow, ...]


class BuildContext(NamedTuple):
    """What a restitution section gets besides the data while the document is built."""

    tick: Callable[[str], None]  # report a step of its own work (a photo done…) to the progress
    scratch: Path  # a private folder for files the flowables read, removed once written


def by_stage(
    captures: Iterable[CaptureView],
) -> list[tuple[LifecycleStage | None, list[CaptureView]]]:
    """Cards grouped by life-cycle stage in the cycle's order, those with no stage last; stages
    with no card left out."""
    groups: dict[LifecycleStage | None, list[CaptureView]] = {}
    for capture in captures:
        groups.setdefault(capture.stage, []).append(capture)
    order: list[LifecycleStage | None] = [*LifecycleStage, None]
    return [(stage, groups[stage]) for stage in order if stage in groups]
