"""What the note-taker is typing and has not saved yet, kept so that a crash loses nothing.

The UI saves the text of each input (its ``context``) a moment after each keystroke and clears it
once the card is saved; on the next start it offers back whatever is left.
"""

from __future__ import annotations

import re
import uuid

from sqlalchemy import delete, select

from capadesk.core.errors import ValidationError
from capadesk.core.storage.models import Draft, utc_now
from capadesk.core.storage.repositories.captures import CaptureRepository
from capadesk.core.storage.store import Store
from capadesk.i18n import _

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _context(context: str) -> str:
    if not context:
        raise ValidationError(_("Un brouillon doit dire à quelle saisie il appartient."))
    return context


def save_draft(store: Store, workshop_id: uuid.UUID, context: str, text: str) -> None:
    """Keep ``text`` as the draft of ``context``; an empty text clears it."""
    context = _context(context)
    # A draft is best effort: a lone surrogate (never typed, but possible in a QString) is
    # replaced rather than refused, so saving a draft never fails on what was typed.
    text = _LONE_SURROGATE.sub("\ufffd", text)
    with store.write() as session:
        workshop_row = CaptureRepository(session).workshop_row(workshop_id)
        draft = session.get(Draft, (workshop_row, context))
        if not text:
            if draft is not None:
                session.delete(draft)
        elif draft is None:
            session.add(
                Draft(workshop_id=workshop_row, context=context, text=text, updated_at=utc_now())
            )
        else:
            draft.text = text
            draft.updated_at = utc_now()


def read_drafts(store: Store, workshop_id: uuid.UUID) -> dict[str, str]:
    """Every draft left for the workshop, by context."""
    with store.read() as session:
        workshop_row = CaptureRepository(session).workshop_row(workshop_id)
        query = (
            select(Draft.context, Draft.text)
            .where(Draft.workshop_id == workshop_row)
            .order_by(Draft.context)
        )
        return {context: text for context, text in session.execute(query)}


def clear_draft(store: Store, workshop_id: uuid.UUID, context: str) -> None:
    """Forget the draft of ``context`` (the card was saved, or the text given up)."""
    with store.write() as session:
        workshop_row = CaptureRepository(session).workshop_row(workshop_id)
        session.execute(
            delete(Draft).where(Draft.workshop_id == workshop_row, Draft.context == context)
        )
