"""Every table of the store; importing this package registers them all on ``Base.metadata``."""

from capadesk.core.storage.models.activity import Document, StepEntry
from capadesk.core.storage.models.base import Base, utc_now
from capadesk.core.storage.models.capture import (
    Capture,
    Draft,
    Photo,
    Thread,
    ThreadCapture,
    UseCase,
    Vote,
)
from capadesk.core.storage.models.people import GroupMembership, Participant, WorkGroup
from capadesk.core.storage.models.workshop import (
    Programme,
    RunnerEvent,
    RunnerState,
    Step,
    Track,
    TrackRunnerState,
    Workshop,
)

__all__ = [
    "Base",
    "Capture",
    "Document",
    "Draft",
    "GroupMembership",
    "Participant",
    "Photo",
    "Programme",
    "RunnerEvent",
    "RunnerState",
    "Step",
    "StepEntry",
    "Thread",
    "ThreadCapture",
    "Track",
    "TrackRunnerState",
    "UseCase",
    "Vote",
    "WorkGroup",
    "Workshop",
    "utc_now",
]
