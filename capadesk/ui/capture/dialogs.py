"""The wall's questions (a thread's title, a use case's title or territory, a card's fields,
photo files) and the photo viewer, behind one replaceable object: tests subclass it with canned
answers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QWidget

from capadesk.core.domain.capture import CaptureView, PhotoView, UseCaseView
from capadesk.i18n import _
from capadesk.ui.capture.photo_strip import ThumbnailCache


class CaptureDialogs:
    """Modal questions of the capture page."""

    def thread_title(self, parent: QWidget, heading: str, suggested: str = "") -> str | None:
        """A thread's title (a short sentence); None when cancelled."""
        return self._text(parent, heading, _("Titre du fil (une phrase courte)\u00a0:"), suggested)

    def use_case_title(self, parent: QWidget) -> str | None:
        """The title of a new use case; None when cancelled."""
        return self._text(parent, _("Nouveau cas d'usage"), _("Titre du cas d'usage\u00a0:"), "")

    def rename_use_case(self, parent: QWidget, use_case: UseCaseView) -> str | None:
        """A use case's new title; None when cancelled."""
        return self._text(
            parent, _("Renommer le cas d'usage"), _("Titre du cas d'usage\u00a0:"), use_case.title
        )

    def use_case_territory(self, parent: QWidget, use_case: UseCaseView) -> str | None:
        """The local authority or territory bringing the use case ("" clears it); None when
        cancelled."""
        from PySide6.QtWidgets import QInputDialog

        text, accepted = QInputDialog.getText(
            parent,
            _("Territoire du cas d'usage"),
            _("Collectivité ou territoire de «\u00a0{title}\u00a0»\u00a0:").format(
                title=use_case.title[:80]
            ),
            text=use_case.territory,
        )
        return text.strip() if accepted else None

    def photo_files(self, parent: QWidget, use_case: UseCaseView) -> list[Path]:
        """Image files to attach to ``use_case``; empty when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        names, _filter = QFileDialog.getOpenFileNames(
            parent,
            _("Joindre des photos à «\u00a0{title}\u00a0»").format(title=use_case.title[:80]),
            "",
            _("Photos (*.jpg *.jpeg *.png *.webp *.heic *.heif);;Tous les fichiers (*)"),
        )
        return [Path(name) for name in names]

    def show_photos(
        self,
        parent: QWidget,
        title: str,
        photos: Sequence[PhotoView],
        index: int,
        thumbnails: ThumbnailCache,
    ) -> QWidget:
        """Open the larger view of ``photos`` at ``index`` (not modal); returns the window."""
        from PySide6.QtCore import Qt

        from capadesk.ui.capture.photo_viewer import PhotoViewer

        viewer = PhotoViewer(parent, title, photos, index, thumbnails)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()
        return viewer

    def edit_capture(
        self,
        parent: QWidget,
        capture: CaptureView,
        use_cases: Sequence[UseCaseView],
        check: Callable[[CaptureView], None],
    ) -> CaptureView | None:
        """The card with its fields edited; None when cancelled. ``check`` raises a KnownError
        with a French message when the fields cannot be saved (the dialog then stays open)."""
        from capadesk.ui.capture.edit_dialog import CaptureEditDialog

        dialog = CaptureEditDialog(parent, capture, use_cases, check)
        return dialog.edited() if dialog.exec() == CaptureEditDialog.DialogCode.Accepted else None

    @staticmethod
    def _text(parent: QWidget, heading: str, label: str, suggested: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        text, accepted = QInputDialog.getText(parent, heading, label, text=suggested)
        return text.strip() if accepted and text.strip() else None
