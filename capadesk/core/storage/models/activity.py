"""What the room records during a step besides cards: the ice-breakers' answers and the like.

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
