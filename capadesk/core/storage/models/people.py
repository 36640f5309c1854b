"""Participants of a workshop, the groups of a step and who sits in which group."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from capadesk.core.storage.models.base import Base, Identified, Timestamped


class Participant(Identified, Timestamped, Base):
    """Someone on the roster. Shared outputs omit the name unless ``consent_named``."""

    __tablename__ = "participant"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str]
    organisation: Mapped[str] = mapped_column(default="")
    type: Mapped[str]  # ParticipantType value
    territory: Mapped[str] = mapped_column(default="")
    km_travelled: Mapped[float | None]
    consent_named: Mapped[bool] = mapped_column(default=False)
    arrived_at: Mapped[dt.datetime | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class WorkGroup(Identified, Timestamped, Base):
    """A group formed for one step (or one track of it), often one per use case or défi."""

    __tablename__ = "work_group"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[int | None] = mapped_column(
        ForeignKey("step.id", ondelete="SET NULL"), index=True
    )
    track_id: Mapped[int | None] = mapped_column(ForeignKey("track.id", ondelete="SET NULL"))
    use_case_id: Mapped[int | None] = mapped_column(ForeignKey("use_case.id", ondelete="SET NULL"))
    name: Mapped[str]
    colour: Mapped[str] = mapped_column(default="")
    challenge: Mapped[str] = mapped_column(default="")  # the défi the group works on, if any
    position: Mapped[int] = mapped_column(default=0)

    members: Mapped[list[GroupMembership]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class GroupMembership(Base):
    """A participant in a group."""

    __tablename__ = "group_membership"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("work_group.id", ondelete="CASCADE"), primary_key=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(default="")  # e.g. rapporteur
