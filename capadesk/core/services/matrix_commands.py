"""Undoable matrix edits: create one, type in a cell, add, name or remove a stakeholder, delete."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from capadesk.core.domain.matrix import MatrixTemplate
from capadesk.core.domain.matrix_grid import FilledMatrix
from capadesk.core.services import matrices
from capadesk.core.services.changes import Changes
from capadesk.core.storage.store import Store
from capadesk.i18n import _


@dataclass
class CreateMatrix:
    """« Nouvelle matrice »: undo deletes it, redo brings the same row back."""

    workshop_id: uuid.UUID
    template: MatrixTemplate
    use_case_id: uuid.UUID | None = None
    group_id: uuid.UUID | None = None
    step_id: uuid.UUID | None = None
    matrix_id: uuid.UUID = field(default_factory=uuid.uuid4)
    _created: bool = field(default=False, repr=False)

    @property
    def text(self) -> str:
        return _("Créer la matrice «\u00a0{title}\u00a0»").format(title=self.template.title)

    def apply(self, store: Store) -> Changes:
        if self._created:
            return matrices.restore_matrix(store, self.matrix_id)
        _view, changes = matrices.create_matrix(
            store,
            self.workshop_id,
            self.template,
            use_case_id=self.use_case_id,
            group_id=self.group_id,
            step_id=self.step_id,
            public_id=self.matrix_id,
        )
        self._created = True
        return changes

    def revert(self, store: Store) -> Changes:
        return matrices.delete_matrix(store, self.matrix_id)


@dataclass
class SetCell:
    """Type in a cell (empty text empties it); undo puts back exactly what it held."""

    matrix_id: uuid.UUID
    template: MatrixTemplate
    key: str
    typed: str
    label: str = ""  # the column's label, for « Annuler … »
    _previous: object = field(default=None, repr=False)
    _after: object = field(default=None, repr=False)
    _done: bool = field(default=False, repr=False)

    @property
    def text(self) -> str:
        if self.label:
            return _("Saisir «\u00a0{label}\u00a0»").format(label=_short(self.label))
        return _("Saisir une case")

    def apply(self, store: Store) -> Changes:
        if self._done:
            return matrices.put_raw(store, self.matrix_id, self.key, self._after)
        self._previous, changes = matrices.set_cell(
            store, self.matrix_id, self.template, self.key, self.typed
        )
        self._after = matrices.get_matrix(store, self.matrix_id).filled.raw(self.key)
        self._done = True
        return changes

    def revert(self, store: Store) -> Changes:
        return matrices.put_raw(store, self.matrix_id, self.key, self._previous)


def _short(label: str, limit: int = 40) -> str:
    single = " ".join(label.split())
    return single if len(single) <= limit else single[: limit - 1] + "…"


@dataclass
class _Snapshot:
    """An edit whose undo puts back the whole matrix as it was (stakeholders and their cells)."""

    matrix_id: uuid.UUID
    template: MatrixTemplate
    key: str  # sheet/section/group
    _before: FilledMatrix | None = field(default=None, repr=False)
    _after: FilledMatrix | None = field(default=None, repr=False)

    def _edit(self, store: Store) -> tuple[FilledMatrix, Changes]:
        raise NotImplementedError

    def apply(self, store: Store) -> Changes:
        if self._after is not None:
            return matrices.replace_filled(store, self.matrix_id, self._after)
        self._before, changes = self._edit(store)
        self._after = matrices.get_matrix(store, self.matrix_id).filled
        return changes

    def revert(self, store: Store) -> Changes:
        assert self._before is not None, "revert before apply"
        return matrices.replace_filled(store, self.matrix_id, self._before)


@dataclass
class AddInstance(_Snapshot):
    """« Ajouter une partie prenante »."""

    name: str = ""

    @property
    def text(self) -> str:
        return _("Ajouter une partie prenante")

    def _edit(self, store: Store) -> tuple[FilledMatrix, Changes]:
        return matrices.add_instance(store, self.matrix_id, self.template, self.key, self.name)


@dataclass
class RenameInstance(_Snapshot):
    """Name a stakeholder."""

    instance_id: str = ""
    name: str = ""

    @property
    def text(self) -> str:
        return _("Nommer la partie prenante")

    def _edit(self, store: Store) -> tuple[FilledMatrix, Changes]:
        return matrices.rename_instance(
            store, self.matrix_id, self.template, self.key, self.instance_id, self.name
        )


@dataclass
class RemoveInstance(_Snapshot):
    """« Retirer la partie prenante » with its cells."""

    instance_id: str = ""

    @property
    def text(self) -> str:
        return _("Retirer la partie prenante")

    def _edit(self, store: Store) -> tuple[FilledMatrix, Changes]:
        return matrices.remove_instance(
            store, self.matrix_id, self.template, self.key, self.instance_id
        )


@dataclass
class DeleteMatrix:
    """« Supprimer la matrice »."""

    matrix_id: uuid.UUID
    title: str = ""

    @property
    def text(self) -> str:
        return _("Supprimer la matrice «\u00a0{title}\u00a0»").format(title=self.title)

    def apply(self, store: Store) -> Changes:
        return matrices.delete_matrix(store, self.matrix_id)

    def revert(self, store: Store) -> Changes:
        return matrices.restore_matrix(store, self.matrix_id)
