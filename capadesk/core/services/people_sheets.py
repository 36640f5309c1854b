"""Print the roster and the groups: gather the plain data, write the PDF file whole."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

from sqlalchemy import select

from capadesk.core.export.groups_sheet import SheetGroup, write_groups_sheet
from capadesk.core.export.sign_in_sheet import write_sign_in_sheet
from capadesk.core.services.groups import list_groups
from capadesk.core.services.participants import list_participants
from capadesk.core.services.roster_csv import write_file_atomically
from capadesk.core.services.workshops import get_workshop
from capadesk.core.storage.models import Step
from capadesk.core.storage.store import Store
from capadesk.i18n import _


def sign_in_sheet_pdf(
    store: Store, workshop_id: uuid.UUID, path: Path, *, blank_lines: int = 0
) -> int:
    """Write the workshop's sign-in sheet to ``path``; return how many people it lists."""
    workshop = get_workshop(store, workshop_id)
    people = list_participants(store, workshop_id)
    buffer = io.BytesIO()
    write_sign_in_sheet(
        workshop.title, workshop.place, workshop.day, people, buffer, blank_lines=blank_lines
    )
    write_file_atomically(path, buffer.getvalue())
    return len(people)


def step_title(store: Store, step_id: uuid.UUID | None) -> str:
    """The title of a step, or « Toute la journée » for the day's own groups."""
    if step_id is None:
        return _("Toute la journée")
    with store.read() as session:
        title = session.scalars(select(Step.title).where(Step.public_id == step_id)).first()
    return title or ""


def groups_sheet_pdf(
    store: Store, workshop_id: uuid.UUID, step_id: uuid.UUID | None, path: Path
) -> int:
    """Write a step's groups, one block each, to ``path``; return how many groups."""
    workshop = get_workshop(store, workshop_id)
    people = {p.public_id: p for p in list_participants(store, workshop_id)}
    groups = [
        SheetGroup(g.name, tuple(people[pid] for pid in g.member_ids if pid in people))
        for g in list_groups(store, workshop_id, step_id)
    ]
    subject = _("Groupes — {step}").format(step=step_title(store, step_id))
    buffer = io.BytesIO()
    write_groups_sheet(workshop.title, workshop.place, workshop.day, subject, groups, buffer)
    write_file_atomically(path, buffer.getvalue())
    return len(groups)
