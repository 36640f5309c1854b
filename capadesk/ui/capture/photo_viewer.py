"""A use case's photos, one at a time, large: ← and → (or the buttons) go through them.

Not modal: the facilitator can keep it open beside the wall. The picture is read at the size of
the screen at most (a 12-million-pixel photo is decoded at a fraction of it) and fitted to the
window as it is resized.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.capture import PhotoView
from capadesk.i18n import _
from capadesk.ui.capture.palette import shown_text
from capadesk.ui.capture.photo_strip import ThumbnailCache, read_scaled

_READ_SIZE = QSize(2048, 2048)


def photo_details(photo: PhotoView) -> str:
    """« 4032 × 3024 · 3,2 Mo · prise le 14/03/2024 à 10:30 »."""
    parts = []
    if photo.width and photo.height:
        parts.append(f"{photo.width}\u00a0×\u00a0{photo.height}")
    size = f"{photo.size_bytes / (1024 * 1024):.1f}".replace(".", ",")
    parts.append(f"{size}\u00a0Mo")
    if photo.taken_at is not None:
        local = photo.taken_at.astimezone()
        parts.append(
            _("prise le {day} à {time}").format(
                day=local.strftime("%d/%m/%Y"), time=local.strftime("%H:%M")
            )
        )
    return " · ".join(parts)


class PhotoViewer(QDialog):
    """See module docstring."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        photos: Sequence[PhotoView],
        index: int,
        thumbnails: ThumbnailCache,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Photos de «\u00a0{title}\u00a0»").format(title=title[:80]))
        self.photos = list(photos)
        self.thumbnails = thumbnails
        self.index = 0
        self._picture = QPixmap()
        self.picture_label = QLabel()
        self.picture_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.picture_label.setMinimumSize(320, 240)
        self.picture_label.setStyleSheet("QLabel { background: #202124; color: white; }")
        self.caption_label = QLabel()
        self.caption_label.setTextFormat(Qt.TextFormat.PlainText)
        self.caption_label.setWordWrap(True)
        self.details_label = QLabel()
        self.position_label = QLabel()
        self.previous_button = QPushButton(_("← Précédente"))
        self.previous_button.clicked.connect(lambda: self.show_photo(self.index - 1))
        self.next_button = QPushButton(_("Suivante →"))
        self.next_button.clicked.connect(lambda: self.show_photo(self.index + 1))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        steps = QHBoxLayout()
        steps.addWidget(self.previous_button)
        steps.addWidget(self.position_label, 1, Qt.AlignmentFlag.AlignCenter)
        steps.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture_label, 1)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.details_label)
        layout.addLayout(steps)
        layout.addWidget(buttons)
        self.resize(960, 760)
        self._keys()
        self.show_photo(index)

    def show_photo(self, index: int) -> None:
        """Show the photo at ``index`` (kept within the list)."""
        if not self.photos:
            return
        self.index = max(0, min(index, len(self.photos) - 1))
        photo = self.photos[self.index]
        path = self.thumbnails.path(photo)
        image = read_scaled(path, _READ_SIZE) if path is not None else None
        self._picture = QPixmap.fromImage(image) if image is not None else QPixmap()
        if self._picture.isNull():
            self.picture_label.setText(_("Le fichier de cette photo est introuvable."))
        self.caption_label.setText(shown_text(photo.caption))
        self.caption_label.setVisible(bool(photo.caption))
        self.details_label.setText(photo_details(photo))
        self.position_label.setText(
            _("Photo {number} sur {count}").format(number=self.index + 1, count=len(self.photos))
        )
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.photos) - 1)
        self._fit()

    def _fit(self) -> None:
        if self._picture.isNull():
            self.picture_label.setPixmap(QPixmap())
            return
        self.picture_label.setPixmap(
            self._picture.scaled(
                self.picture_label.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit()

    def _keys(self) -> None:
        # Actions, not keyPressEvent: the focused button would take the arrows for itself.
        for key, step in ((Qt.Key.Key_Left, -1), (Qt.Key.Key_Right, 1)):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, s=step: self.show_photo(self.index + s))
            self.addAction(action)
