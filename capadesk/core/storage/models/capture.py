"""What the room produces: use cases, captures, threads, votes, photos, and typing drafts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from capadesk.core.storage.models.base import Base, Identified, Timestamped


class UseCase(Identified, Timestamped, Base):
    """A data use case brought by a local authority or territory."""

    __tablename__ = "use_case"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str]
    territory: Mapped[str] = mapped_column(default="")
    description: Mapped[str] = mapped_column(Text, default="")
    colour: Mapped[str] = mapped_column(default="")
    position: Mapped[int] = mapped_column(default=0)


class Capture(Identified, Timestamped, Base):
    """One thing typed live or drawn: an irritant, a wish, a database, an idea, an action…"""

    __tablename__ = "capture"
    __table_args__ = (Index("ix_capture_workshop_id_deleted_at", "workshop_id", "deleted_at"),)

    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    step_id: Mapped[int | None] = mapped_column(ForeignKey("step.id", ondelete="SET NULL"))
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("work_group.id", ondelete="SET NULL"), index=True
    )
    use_case_id: Mapped[int | None] = mapped_column(
        ForeignKey("use_case.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str]  # CaptureKind value
    text: Mapped[str] = mapped_column(Text)
    lifecycle_stage: Mapped[str | None]  # LifecycleStage value
    note: Mapped[str] = mapped_column(Text, default="")  # contracts, partnerships…
    author: Mapped[str] = mapped_column(default="")
    position_x: Mapped[float | None]
    position_y: Mapped[float | None]
    sort_order: Mapped[int] = mapped_column(default=0)
    deleted_at: Mapped[dt.datetime | None]


class Thread(Identified, Timestamped, Base):
    """A common thread (fil commun). Belongs to the programme, so later workshops continue it."""

    __tablename__ = "thread"

    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme.id", ondelete="SET NULL"), index=True
    )
    workshop_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str]
    lifecycle_stages: Mapped[str] = mapped_column(default="")  # LifecycleStage values, « ; »-joined
    kept: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    deleted_at: Mapped[dt.datetime | None]


class ThreadCapture(Base):
    """A capture gathered into a thread."""

    __tablename__ = "thread_capture"

    thread_id: Mapped[int] = mapped_column(
        ForeignKey("thread.id", ondelete="CASCADE"), primary_key=True
    )
    capture_id: Mapped[int] = mapped_column(
        ForeignKey("capture.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(default=0)


class Vote(Identified, Base):
    """Dots (gommettes) on a thread: a tally from the paper wall or one participant's dots."""

    __tablename__ = "vote"
    __table_args__ = (CheckConstraint("dots >= 0", name="dots_positive"),)

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id", ondelete="CASCADE"), index=True)
    step_id: Mapped[int | None] = mapped_column(ForeignKey("step.id", ondelete="SET NULL"))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL")
    )
    dots: Mapped[int]
    created_at: Mapped[dt.datetime]


class Photo(Identified, Timestamped, Base):
    """A photo of a drawing or build; the file lives in the data dir, named by its hash."""

    __tablename__ = "photo"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[int | None] = mapped_column(ForeignKey("step.id", ondelete="SET NULL"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("work_group.id", ondelete="SET NULL"))
    use_case_id: Mapped[int | None] = mapped_column(ForeignKey("use_case.id", ondelete="SET NULL"))
    capture_id: Mapped[int | None] = mapped_column(ForeignKey("capture.id", ondelete="SET NULL"))
    file_name: Mapped[str]  # relative to the photos dir
    sha256: Mapped[str] = mapped_column(index=True)
    media_type: Mapped[str]
    width: Mapped[int | None]
    height: Mapped[int | None]
    size_bytes: Mapped[int]
    caption: Mapped[str] = mapped_column(Text, default="")
    taken_at: Mapped[dt.datetime | None]


class Draft(Base):
    """Text being typed and not yet saved, kept so a crash loses nothing."""

    __tablename__ = "draft"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), primary_key=True
    )
    context: Mapped[str] = mapped_column(primary_key=True)  # which input the text belongs to
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime]
