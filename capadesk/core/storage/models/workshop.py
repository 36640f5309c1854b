"""Programmes, workshops, their steps and parallel tracks, and the runner's persisted state."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from capadesk.core.storage.models.base import Base, Identified, Timestamped


class Programme(Identified, Timestamped, Base):
    """A series of workshops held in several territories (e.g. « CAPACities 2022 »)."""

    __tablename__ = "programme"

    title: Mapped[str]
    description: Mapped[str] = mapped_column(Text, default="")

    workshops: Mapped[list[Workshop]] = relationship(back_populates="programme")


class Workshop(Identified, Timestamped, Base):
    """One day in one place, run from a protocol. Deleted workshops stay until purged (undo)."""

    __tablename__ = "workshop"
    __table_args__ = (Index("ix_workshop_deleted_at_title", "deleted_at", "title"),)

    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str]
    place: Mapped[str] = mapped_column(default="")
    day: Mapped[dt.date | None]
    protocol_ref: Mapped[str | None]  # id of the library protocol it was built from
    day_start: Mapped[str | None]  # « HH:MM », the clock time the agenda starts at
    notes: Mapped[str] = mapped_column(Text, default="")
    deleted_at: Mapped[dt.datetime | None]

    programme: Mapped[Programme | None] = relationship(back_populates="workshops")
    steps: Mapped[list[Step]] = relationship(
        back_populates="workshop",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Step.position",
        foreign_keys="Step.workshop_id",
    )


class Step(Identified, Timestamped, Base):
    """One timed step of the protocol; inside a track when ``track_id`` is set."""

    __tablename__ = "step"
    __table_args__ = (
        CheckConstraint("duration_min >= 0", name="duration_min_positive"),
        CheckConstraint(
            "duration_max IS NULL OR duration_max >= duration_min", name="duration_range_ordered"
        ),
    )

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    # use_alter: step and track refer to each other; SQLite still writes the key inline.
    track_id: Mapped[int | None] = mapped_column(
        ForeignKey("track.id", ondelete="CASCADE", use_alter=True), index=True
    )
    position: Mapped[int]
    title: Mapped[str]
    activity_kind: Mapped[str]
    format: Mapped[str]
    duration_min: Mapped[int]  # planned minutes, or the low end of a range (45 of « 45 / 60 »)
    duration_max: Mapped[int | None]
    instructions: Mapped[str] = mapped_column(Text, default="")
    materials: Mapped[str] = mapped_column(Text, default="")
    # The step's tool settings as a JSON object (e.g. dots per participant of a dot vote).
    settings: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")

    workshop: Mapped[Workshop] = relationship(back_populates="steps", foreign_keys=[workshop_id])
    track: Mapped[Track | None] = relationship(foreign_keys=[track_id])
    tracks: Mapped[list[Track]] = relationship(
        back_populates="step",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Track.position",
        foreign_keys="Track.step_id",
    )


class Track(Identified, Base):
    """A parallel sub-workshop inside a step (e.g. modèle économique / ACB / réglementaire)."""

    __tablename__ = "track"

    step_id: Mapped[int] = mapped_column(ForeignKey("step.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    title: Mapped[str]

    step: Mapped[Step] = relationship(back_populates="tracks", foreign_keys=[step_id])
    steps: Mapped[list[Step]] = relationship(
        foreign_keys=[Step.track_id], order_by=Step.position, viewonly=True
    )


class TimerColumns:
    """Where a timer stands, written on every transition (crash resume): the day's main timer
    and each parallel track's own have the same columns."""

    status: Mapped[str]
    current_step_id: Mapped[int | None] = mapped_column(ForeignKey("step.id", ondelete="SET NULL"))
    step_started_at: Mapped[dt.datetime | None]
    paused_at: Mapped[dt.datetime | None]
    paused_seconds: Mapped[float] = mapped_column(default=0.0)
    extension_seconds: Mapped[float] = mapped_column(default=0.0)
    updated_at: Mapped[dt.datetime]


class RunnerState(TimerColumns, Base):
    """Where the day's timer of a workshop stands."""

    __tablename__ = "runner_state"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), primary_key=True
    )


class TrackRunnerState(TimerColumns, Base):
    """Where the timer of one parallel track stands: each track runs its own steps."""

    __tablename__ = "track_runner_state"

    track_id: Mapped[int] = mapped_column(
        ForeignKey("track.id", ondelete="CASCADE"), primary_key=True
    )
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )


class RunnerEvent(Base):
    """The runner's log: what happened when, for the agenda « prévu / réel »."""

    __tablename__ = "runner_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[int | None] = mapped_column(ForeignKey("step.id", ondelete="SET NULL"))
    # Set for the events of a parallel track's own timer; NULL for the day's main timer.
    track_id: Mapped[int | None] = mapped_column(ForeignKey("track.id", ondelete="SET NULL"))
    action: Mapped[str]
    at: Mapped[dt.datetime]
    detail: Mapped[str] = mapped_column(default="")
