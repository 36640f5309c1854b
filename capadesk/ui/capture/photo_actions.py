"""The photos of the use cases: attach files (from the file dialog, or dropped on a use case's
heading or strip), delete one, open the larger view. Attaching and deleting are undoable
commands through Operations; several files dropped at once are one « Joindre N photos ».

Each file is checked before anything is copied: a file that is not a usable photo is named in
French above the wall and left out, the others are attached.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.capture import PhotoView, UseCaseView
from capadesk.core.errors import KnownError
from capadesk.core.services.commands import Command
from capadesk.core.services.photo_commands import AttachPhoto, DeletePhoto
from capadesk.core.services.photo_files import check_photo_file
from capadesk.i18n import _
from capadesk.ui.capture.batch import Batch

if TYPE_CHECKING:
    from capadesk.ui.capture.presenter import CapturePresenter


class PhotoActions(QObject):
    """See module docstring."""

    def __init__(self, presenter: CapturePresenter) -> None:
        super().__init__(presenter)
        self.presenter = presenter
        self.viewer: QWidget | None = None  # the last larger view opened
        wall = presenter.page.wall
        wall.view.files_dropped.connect(self._dropped)
        wall.view.photo_activated.connect(self.show)
        wall.menus.attach_requested.connect(self.choose_files)
        wall.menus.photos_requested.connect(self.show)
        wall.menus.delete_photo_requested.connect(self.delete)

    @Slot(object, list)
    def _dropped(self, use_case_id: uuid.UUID, files: list[Path]) -> None:
        # Attached after the drop is over: an error dialog inside a drop event would run while
        # the drag still holds the mouse.
        QTimer.singleShot(0, self, lambda: self.attach(use_case_id, files))

    @Slot(object)
    def choose_files(self, use_case: UseCaseView) -> None:
        """« Joindre une photo… »: pick files in a dialog."""
        presenter = self.presenter
        files = presenter.dialogs.photo_files(presenter.page, use_case)
        if files:
            self.attach(use_case.public_id, files)

    @Slot(object, list)
    def attach(self, use_case_id: uuid.UUID, files: Sequence[Path]) -> None:
        """Attach these files to the use case (see module docstring)."""
        presenter = self.presenter
        wall = presenter.page.wall
        wall.show_message("")
        refused: list[str] = []
        commands: list[Command] = []
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for path in dict.fromkeys(files):
                try:
                    check_photo_file(path)
                except KnownError as error:
                    refused.append(error.message)
                    continue
                commands.append(
                    AttachPhoto(
                        presenter.photos_dir,
                        presenter.workshop_id,
                        path,
                        use_case_id=use_case_id,
                        step_id=presenter.step_id,
                    )
                )
            if len(commands) == 1:
                presenter.operations.execute(commands[0])
            elif commands:
                label = _("Joindre {count} photos").format(count=len(commands))
                presenter.operations.execute(Batch(label, commands))
        finally:
            QGuiApplication.restoreOverrideCursor()
        wall.show_message("\n".join(refused))

    @Slot(object)
    def delete(self, photo: PhotoView) -> None:
        """« Supprimer la photo » (undo brings it back)."""
        presenter = self.presenter
        presenter.operations.execute(DeletePhoto(presenter.photos_dir, photo))

    @Slot(object, int)
    def show(self, use_case_id: uuid.UUID, number: int) -> None:
        """The larger view of a use case's photos, at its ``number``-th."""
        presenter = self.presenter
        photos = presenter.photos_of(use_case_id)
        use_case = presenter.model.context.use_cases.get(use_case_id)
        if not photos or use_case is None:
            return
        self.viewer = presenter.dialogs.show_photos(
            presenter.page,
            use_case.title,
            photos,
            min(number, len(photos) - 1),
            presenter.thumbnails,
        )
