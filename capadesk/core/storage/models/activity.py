"""What the room records during a step besides cards: the ice-breakers' answers (step entries)
and the filled tools of the method (documents).

One row per answer (a mood word, a yarn passed from one person to another, a tower's height,
a prompt drawn for the line-up…), told apart by ``kind``; each tool gives its own meaning to
``label``, ``text`` and ``number``, so a new tool needs no new table.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from capadesk.core.storage.models.base import Base, Identified, Timestamped


class StepEntry(Identified, Timestamped, Base):
    """One answer recorded by a step's tool (see module docstring)."""

    __tablename__ = "step_entry"
    __table_args__ = (
        Index("ix_step_entry_workshop_id_step_id_kind", "workshop_id", "step_id", "kind"),
    )

    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    step_id: Mapped[int | None] = mapped_column(ForeignKey("step.id", ondelete="SET NULL"))
    kind: Mapped[str]  # which tool and what it records, e.g. « dixit-mood », « yarn-link »
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL")
    )
    other_participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL")
    )  # the second person of a pair (the yarn's receiver)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("work_group.id", ondelete="SET NULL"))
    label: Mapped[str] = mapped_column(default="")  # a name when there is no participant row
    text: Mapped[str] = mapped_column(Text, default="")
    number: Mapped[float | None]  # a height in cm, a card number, kilometres…
    position: Mapped[int] = mapped_column(default=0)
    deleted_at: Mapped[dt.datetime | None]


class Document(Identified, Timestamped, Base):
    """A filled tool of the method: a persona, a journey map, a matrix, a maturity assessment…

    What is inside is the tool's own JSON (``data``, versioned by ``format_version``), checked
    by the tool's domain module; the columns hold only what the rest of the app links and sorts
    by. A programme-wide one (the persona library) has a programme and no workshop.
    """

    __tablename__ = "document"
    __table_args__ = (Index("ix_document_workshop_id_kind", "workshop_id", "kind"),)

    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme.id", ondelete="SET NULL"), index=True
    )
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    step_id: Mapped[int | None] = mapped_column(ForeignKey("step.id", ondelete="SET NULL"))
    use_case_id: Mapped[int | None] = mapped_column(ForeignKey("use_case.id", ondelete="SET NULL"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("work_group.id", ondelete="SET NULL"))
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("thread.id", ondelete="SET NULL"))
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("photo.id", ondelete="SET NULL"))
    kind: Mapped[str]  # persona, journey-map, spider-web, story-2027, backcast, lego-build,
    # matrix, maturity…
    template: Mapped[str] = mapped_column(default="")  # e.g. the matrix template's id
    title: Mapped[str] = mapped_column(default="")
    data: Mapped[str] = mapped_column(Text, default="{}")
    format_version: Mapped[int] = mapped_column(default=1)
    position: Mapped[int] = mapped_column(default=0)
    deleted_at: Mapped[dt.datetime | None]
