"""Undoable use-case commands: add, rename, set the territory, delete.

An added use case keeps its UUID across undo and redo, and a deleted one comes back with the
same id, order and colour, with its cards, groups and photos pointing at it again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from capadesk.core.domain.capture import UseCaseView
from capadesk.core.services import use_cases
from capadesk.core.services.changes import Changes
from capadesk.core.services.use_cases import RemovedUseCase
from capadesk.core.storage.store import Store
from capadesk.i18n import _


def _quoted(title: str) -> str:
    short = title if len(title) <= 60 else title[:59] + "…"
    return f"«\u00a0{short}\u00a0»"


@dataclass
class AddUseCase:
    """« Ajouter le cas d'usage « … » » (Ctrl+Maj+U)."""

    workshop_id: uuid.UUID
    title: str
    territory: str = ""
    public_id: uuid.UUID = field(default_factory=uuid.uuid4)
    view: UseCaseView | None = field(default=None, init=False)  # as saved, once applied
    _removed: RemovedUseCase | None = field(default=None, init=False, repr=False)

    @property
    def text(self) -> str:
        return _("Ajouter le cas d'usage {title}").format(title=_quoted(self.title))

    def apply(self, store: Store) -> Changes:
        if self._removed is not None:
            return use_cases.restore_use_case(store, self._removed)
        self.view, changes = use_cases.add_use_case(
            store, self.workshop_id, self.title, self.territory, public_id=self.public_id
        )
        return changes

    def revert(self, store: Store) -> Changes:
        self._removed, changes = use_cases.delete_use_case(store, self.public_id)
        return changes


@dataclass
class RenameUseCase:
    """« Renommer le cas d'usage »."""

    use_case: UseCaseView
    title: str

    @property
    def text(self) -> str:
        return _("Renommer le cas d'usage {title}").format(title=_quoted(self.use_case.title))

    def apply(self, store: Store) -> Changes:
        return use_cases.rename_use_case(store, self.use_case.public_id, self.title)

    def revert(self, store: Store) -> Changes:
        return use_cases.rename_use_case(store, self.use_case.public_id, self.use_case.title)


@dataclass
class SetUseCaseTerritory:
    """« Modifier le territoire » of a use case."""

    use_case: UseCaseView
    territory: str

    @property
    def text(self) -> str:
        return _("Modifier le territoire de {title}").format(title=_quoted(self.use_case.title))

    def apply(self, store: Store) -> Changes:
        return use_cases.set_use_case_territory(store, self.use_case.public_id, self.territory)

    def revert(self, store: Store) -> Changes:
        return use_cases.set_use_case_territory(
            store, self.use_case.public_id, self.use_case.territory
        )


@dataclass
class DeleteUseCase:
    """« Supprimer le cas d'usage « … » »: its cards stay, with no use case, until undo."""

    use_case: UseCaseView
    _removed: RemovedUseCase | None = field(default=None, init=False, repr=False)

    @property
    def text(self) -> str:
        return _("Supprimer le cas d'usage {title}").format(title=_quoted(self.use_case.title))

    def apply(self, store: Store) -> Changes:
        self._removed, changes = use_cases.delete_use_case(store, self.use_case.public_id)
        return changes

    def revert(self, store: Store) -> Changes:
        if self._removed is None:
            return Changes()
        return use_cases.restore_use_case(store, self._removed)
