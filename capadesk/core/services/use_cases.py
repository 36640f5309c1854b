"""Use cases brought by the local authorities: the wall and the capture bar group cards by them."""

from __future__ import annotations

import uuid

from capadesk.core.domain.capture import UseCaseView
from capadesk.core.domain.workshop import TITLE_MAX_LENGTH, clean_text, folded
from capadesk.core.errors import ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.storage.models import UseCase
from capadesk.core.storage.repositories.captures import CaptureRepository, use_case_view
from capadesk.core.storage.store import Store
from capadesk.i18n import _

# One colour per use case, in turn, readable as a card border on white and on the projector.
PALETTE = ("#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#4e342e", "#37474f")


def list_use_cases(store: Store, workshop_id: uuid.UUID) -> list[UseCaseView]:
    """The workshop's use cases in their order."""
    with store.read() as session:
        repository = CaptureRepository(session)
        return repository.use_cases(repository.workshop_row(workshop_id))


def add_use_case(
    store: Store,
    workshop_id: uuid.UUID,
    title: str,
    territory: str = "",
    public_id: uuid.UUID | None = None,
) -> tuple[UseCaseView, Changes]:
    """Add a use case after the others, with the next colour of the palette."""
    title = clean_text(title)
    if not title:
        raise ValidationError(_("Le titre du cas d'usage ne peut pas être vide."))
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            _(
                "Le titre du cas d'usage est trop long ({count} caractères, {limit} au plus)."
            ).format(count=len(title), limit=TITLE_MAX_LENGTH)
        )
    with store.write() as session:
        repository = CaptureRepository(session)
        workshop_row = repository.workshop_row(workshop_id)
        position = repository.next_use_case_position(workshop_row)
        row = UseCase(
            public_id=public_id or uuid.uuid4(),
            workshop_id=workshop_row,
            title=title,
            territory=clean_text(territory),
            colour=PALETTE[position % len(PALETTE)],
            position=position,
        )
        session.add(row)
        session.flush()
        view = use_case_view(row)
    return view, Changes(use_cases=frozenset({workshop_id}))


def find_use_case(store: Store, workshop_id: uuid.UUID, id_or_title: str) -> UseCaseView | None:
    """The use case with this id, else with this title (exactly, then case and accents aside)."""
    use_cases = list_use_cases(store, workshop_id)
    try:
        wanted_id: uuid.UUID | None = uuid.UUID(id_or_title.strip())
    except ValueError:
        wanted_id = None
    title = clean_text(id_or_title)
    for matches in (
        lambda u: u.public_id == wanted_id,
        lambda u: u.title == title,
        lambda u: folded(u.title) == folded(title),
    ):
        found = [u for u in use_cases if matches(u)]
        if found:
            return found[0]
    return None
