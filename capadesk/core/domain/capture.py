"""What the wall shows: captures, use cases, common threads and their dots, as plain data.

Services return these; views and exporters read them. They never hold a session or a row, so
they can cross threads and outlive the unit of work that read them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import NamedTuple

from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage


class UseCaseView(NamedTuple):
    """A use case brought by a local authority, as the capture bar and the wall list it."""

    public_id: uuid.UUID
    title: str
    territory: str
    colour: str
    position: int


class CaptureView(NamedTuple):
    """One card of the wall."""

    public_id: uuid.UUID
    workshop_id: uuid.UUID
    kind: CaptureKind
    text: str
    stage: LifecycleStage | None
    use_case_id: uuid.UUID | None
    group_id: uuid.UUID | None
    step_id: uuid.UUID | None
    thread_id: uuid.UUID | None
    note: str
    created_at: dt.datetime
    sort_order: int


class ThreadView(NamedTuple):
    """A common thread (fil commun) with the cards gathered in it, in their order."""

    public_id: uuid.UUID
    title: str
    stages: tuple[LifecycleStage, ...]
    kept: bool
    position: int
    capture_ids: tuple[uuid.UUID, ...]
    from_this_workshop: bool  # False for a thread carried over from an earlier workshop


class VotingRules(NamedTuple):
    """A dot-vote step's settings (``step.settings``): dots each, threads kept."""

    dots_per_participant: int = 4
    kept_threads: int = 8


class RankedThread(NamedTuple):
    """A thread's place after the vote; ``tied`` when another thread has the same dots."""

    thread_id: uuid.UUID
    title: str
    dots: int
    rank: int  # 1 for the most dots; tied threads share a rank (1, 2, 2, 4…)
    tied: bool
    kept: bool


class PhotoView(NamedTuple):
    """A photo of a paper drawing (or a build), as the wall's strips show it.

    The file is ``file_name`` inside the photos folder, named by the SHA-256 of its bytes.
    ``width`` and ``height`` are as the photo shows (EXIF orientation applied); ``taken_at`` is
    the camera's EXIF date (DateTimeOriginal), None when the file has none.
    """

    public_id: uuid.UUID
    workshop_id: uuid.UUID
    use_case_id: uuid.UUID | None
    step_id: uuid.UUID | None
    group_id: uuid.UUID | None
    file_name: str  # « ab/ab12….jpg », relative to the photos folder
    sha256: str
    media_type: str  # image/jpeg, image/png or image/webp
    width: int | None
    height: int | None
    size_bytes: int
    caption: str
    taken_at: dt.datetime | None
    created_at: dt.datetime
