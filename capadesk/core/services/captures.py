"""Live capture: the cards typed by the note-taker, each saved in its own transaction.

A card's text is kept exactly as typed (any Unicode, control characters, markup-looking text):
the views escape what they show. Deleting a card only marks it, so undo brings it back with its
place in a thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from capadesk.core.domain.capture import CaptureView
from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.core.errors import ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.storage.models import utc_now
from capadesk.core.storage.repositories.captures import CaptureRepository
from capadesk.core.storage.store import Store
from capadesk.i18n import _

TEXT_MAX_LENGTH = 200_000


def check_capture_text(text: str) -> str:
    """Refuse an empty or blank text, a too long one or one with lone surrogates; else return it.

    The text comes back unchanged: no trimming, no normalisation.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(_("Une carte vide n'est pas enregistrée\u00a0: saisissez un texte."))
    if len(text) > TEXT_MAX_LENGTH:
        raise ValidationError(
            _("Le texte est trop long ({count} caractères, {limit} au plus).").format(
                count=len(text), limit=TEXT_MAX_LENGTH
            )
        )
    _check_encodable(text)
    return text


def _check_encodable(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValidationError(
            _(
                "Le texte contient un caractère invalide (position {position})\u00a0: "
                "un demi-caractère Unicode isolé."
            ).format(position=error.start + 1)
        ) from error


def check_note(note: str) -> str:
    """A card's note may be empty; it is kept exactly, within the same limits as the text."""
    if len(note) > TEXT_MAX_LENGTH:
        raise ValidationError(
            _("La note est trop longue ({count} caractères, {limit} au plus).").format(
                count=len(note), limit=TEXT_MAX_LENGTH
            )
        )
    _check_encodable(note)
    return note


def _kind(kind: CaptureKind | str) -> CaptureKind:
    try:
        return CaptureKind(kind)
    except ValueError:
        accepted = ", ".join(k.value for k in CaptureKind)
        raise ValidationError(
            _(
                "Type de carte inconnu «\u00a0{kind}\u00a0»\u00a0; "
                "valeurs acceptées\u00a0: {accepted}."
            ).format(kind=kind, accepted=accepted)
        ) from None


def _stage(stage: LifecycleStage | str | None) -> LifecycleStage | None:
    if stage is None:
        return None
    try:
        return LifecycleStage(stage)
    except ValueError:
        accepted = ", ".join(s.value for s in LifecycleStage)
        raise ValidationError(
            _(
                "Étape du cycle de vie inconnue «\u00a0{stage}\u00a0»\u00a0; "
                "valeurs acceptées\u00a0: {accepted}."
            ).format(stage=stage, accepted=accepted)
        ) from None


def list_captures(store: Store, workshop_id: uuid.UUID) -> list[CaptureView]:
    """The workshop's cards not deleted, in wall order (sort order, then creation)."""
    with store.read() as session:
        repository = CaptureRepository(session)
        return repository.views(workshop_row=repository.workshop_row(workshop_id))


def get_captures(
    store: Store, capture_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, CaptureView | None]:
    """Each asked card, or None when it is deleted or unknown (the wall then drops it)."""
    wanted = list(dict.fromkeys(capture_ids))
    with store.read() as session:
        found = {v.public_id: v for v in CaptureRepository(session).views(public_ids=wanted)}
    return {public_id: found.get(public_id) for public_id in wanted}


def add_capture(
    store: Store,
    workshop_id: uuid.UUID,
    kind: CaptureKind,
    text: str,
    *,
    stage: LifecycleStage | None = None,
    use_case_id: uuid.UUID | None = None,
    group_id: uuid.UUID | None = None,
    step_id: uuid.UUID | None = None,
    note: str = "",
    public_id: uuid.UUID | None = None,
) -> tuple[CaptureView, Changes]:
    """Save one card at the end of the wall; it is durable when this returns."""
    kind = _kind(kind)
    stage = _stage(stage)
    text = check_capture_text(text)
    note = check_note(note)
    public_id = public_id or uuid.uuid4()
    now = utc_now()
    with store.write() as session:
        place = CaptureRepository(session).add(
            {
                "public_id": public_id,
                "workshop": workshop_id,
                "step": step_id,
                "group": group_id,
                "use_case": use_case_id,
                "kind": kind.value,
                "text": text,
                "stage": stage.value if stage else None,
                "note": note,
                "author": "",
                "created_at": now,
                "updated_at": now,
            }
        )
    view = CaptureView(
        public_id=public_id,
        workshop_id=workshop_id,
        kind=kind,
        text=text,
        stage=stage,
        use_case_id=use_case_id,
        group_id=group_id,
        step_id=step_id,
        thread_id=None,
        note=note,
        created_at=now,
        sort_order=place.sort_order,
    )
    return view, Changes(captures=frozenset({public_id}))


def update_capture(store: Store, capture: CaptureView) -> tuple[CaptureView, Changes]:
    """Write a card's kind, text, stage, use case, group and note (its place stays)."""
    kind = _kind(capture.kind)
    stage = _stage(capture.stage)
    text = check_capture_text(capture.text)
    note = check_note(capture.note)
    with store.write() as session:
        repository = CaptureRepository(session)
        row = repository.get(capture.public_id)
        row.kind = kind.value
        row.text = text
        row.lifecycle_stage = stage.value if stage else None
        row.note = note
        row.use_case_id = (
            repository.use_case_row(row.workshop_id, capture.use_case_id)
            if capture.use_case_id
            else None
        )
        row.group_id = (
            repository.group_row(row.workshop_id, capture.group_id) if capture.group_id else None
        )
        session.flush()
        (view,) = repository.views(public_ids=[capture.public_id])
    return view, Changes(captures=frozenset({capture.public_id}), threads=_threads_of(view))


def delete_capture(store: Store, capture_id: uuid.UUID) -> Changes:
    """Take a card off the wall; its place in a thread is kept for ``restore_capture``."""
    with store.write() as session:
        repository = CaptureRepository(session)
        row = repository.get(capture_id)
        (view,) = repository.views(public_ids=[capture_id])
        row.deleted_at = utc_now()
    return Changes(captures=frozenset({capture_id}), threads=_threads_of(view))


def restore_capture(store: Store, capture_id: uuid.UUID) -> Changes:
    """Bring a deleted card back, in the thread it was in."""
    with store.write() as session:
        repository = CaptureRepository(session)
        repository.get(capture_id, include_deleted=True).deleted_at = None
        session.flush()
        (view,) = repository.views(public_ids=[capture_id])
    return Changes(captures=frozenset({capture_id}), threads=_threads_of(view))


def _threads_of(view: CaptureView) -> frozenset[uuid.UUID]:
    """The workshop whose threads change with this card, when it sits in one."""
    return frozenset({view.workshop_id}) if view.thread_id is not None else frozenset()
