"""The « Cas d'usage » menu of the wall: a new use case, and for each use case rename, territory,
photos (attach, view) and delete. The same actions for one use case come up on a right click on
its heading, and « Ouvrir » / « Supprimer la photo » on a right click on one of its photos.

Signals (UseCaseMenus):
    new_requested(): « Nouveau cas d'usage… ».
    rename_requested(object): the UseCaseView to rename.
    territory_requested(object): the UseCaseView whose territory to set.
    delete_requested(object): the UseCaseView to delete.
    attach_requested(object): the UseCaseView to attach photos to (file dialog).
    photos_requested(object, int): a use case id and the number of its photo to show large.
    delete_photo_requested(object): the PhotoView to delete.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from capadesk.core.domain.capture import PhotoView, UseCaseView
from capadesk.i18n import _
from capadesk.ui.capture.palette import menu_text


class UseCaseMenus(QObject):
    """Fills the use-case menus and says what was chosen (see module docstring)."""

    new_requested = Signal()
    rename_requested = Signal(object)
    territory_requested = Signal(object)
    delete_requested = Signal(object)
    attach_requested = Signal(object)
    photos_requested = Signal(object, int)
    delete_photo_requested = Signal(object)

    def fill_all(
        self,
        menu: QMenu,
        use_cases: Sequence[UseCaseView],
        photos: Mapping[uuid.UUID, Sequence[PhotoView]],
    ) -> None:
        """The « Cas d'usage » menu: a new one, then one sub-menu per use case."""
        menu.clear()
        # The key is only shown: the capture bar owns it (two shortcuts on a key cancel out).
        keys = QKeySequence("Ctrl+Shift+U").toString(QKeySequence.SequenceFormat.NativeText)
        menu.addAction(_("Nouveau cas d'usage…") + f"\t{keys}", self.new_requested.emit)
        if use_cases:
            menu.addSeparator()
        for use_case in use_cases:
            label = menu_text(use_case.title, 60)
            if use_case.territory:
                label += " — " + menu_text(use_case.territory, 40)
            self.fill_one(menu.addMenu(label), use_case, photos.get(use_case.public_id, ()))

    def fill_one(self, menu: QMenu, use_case: UseCaseView, photos: Sequence[PhotoView]) -> None:
        """The actions on one use case."""
        menu.addAction(_("Renommer…"), lambda: self.rename_requested.emit(use_case))
        menu.addAction(_("Territoire…"), lambda: self.territory_requested.emit(use_case))
        menu.addSeparator()
        menu.addAction(_("Joindre une photo…"), lambda: self.attach_requested.emit(use_case))
        shown = menu.addAction(
            _("Voir les photos ({count})").format(count=len(photos)),
            lambda: self.photos_requested.emit(use_case.public_id, 0),
        )
        shown.setEnabled(bool(photos))
        menu.addSeparator()
        menu.addAction(_("Supprimer le cas d'usage"), lambda: self.delete_requested.emit(use_case))

    def fill_photo(
        self, menu: QMenu, use_case_id: uuid.UUID, number: int, photo: PhotoView
    ) -> None:
        """The actions on one photo of a strip."""
        menu.addAction(_("Ouvrir"), lambda: self.photos_requested.emit(use_case_id, number))
        menu.addAction(_("Supprimer la photo"), lambda: self.delete_photo_requested.emit(photo))
