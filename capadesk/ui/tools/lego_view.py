"""The Lego page of the control window: the défi group chosen, the photos of its build, the
photo chosen with its markers, what each marker names, and the story the group tells.

Keyboard first: Alt+1 … Alt+4 choose the kind (acteur, usager, frein, levier); type what the
marker names and Entrée puts it where the photo was last clicked (the middle otherwise); the
photo takes the arrows to nudge the selected marker. Layout only; LegoPresenter connects it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.lego import AnnotationKind
from capadesk.i18n import _
from capadesk.ui.tools.fields import CommitText
from capadesk.ui.tools.lego_canvas import PhotoMarkers, legend_colour

THUMBNAIL = QSize(120, 90)


class LegoView(QWidget):
    """See module docstring."""

    def __init__(self, message: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Construction Lego"))
        self.groups = QComboBox()
        self.groups.setAccessibleName(_("Groupe du défi"))
        self.add_photo_button = QPushButton(_("Ajouter une photo…"))
        self.delete_photo_button = QPushButton(_("Retirer la photo"))
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Groupe\u00a0:")))
        top.addWidget(self.groups, 1)
        top.addWidget(self.add_photo_button)
        top.addWidget(self.delete_photo_button)
        self.strip = QListWidget()
        self.strip.setAccessibleName(_("Photos de la construction"))
        self.strip.setViewMode(QListView.ViewMode.IconMode)
        self.strip.setFlow(QListView.Flow.LeftToRight)
        self.strip.setWrapping(False)
        self.strip.setIconSize(THUMBNAIL)
        self.strip.setFixedHeight(THUMBNAIL.height() + 28)
        self.photo = PhotoMarkers()
        self.photo.setMinimumSize(480, 360)
        self.kinds = QButtonGroup(self)
        kinds = QHBoxLayout()
        self.kind_actions: list[QAction] = []
        for number, kind in enumerate(AnnotationKind, start=1):
            button = QPushButton(f"{number} {kind.label}")
            button.setCheckable(True)
            button.setToolTip(_("Alt+{number}").format(number=number))
            colour = legend_colour(kind)
            button.setStyleSheet(
                f"QPushButton:checked {{ background: {colour}; color: white; font-weight: bold; }}"
            )
            self.kinds.addButton(button, number - 1)
            kinds.addWidget(button)
            action = QAction(kind.label, self)
            action.setShortcut(QKeySequence(f"Alt+{number}"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(button.click)
            self.addAction(action)
            self.kind_actions.append(action)
        first = self.kinds.button(0)
        if first is not None:
            first.setChecked(True)
        self.annotation = QLineEdit()
        self.annotation.setAccessibleName(_("Nouvelle annotation"))
        self.annotation.setPlaceholderText(
            _("Ce que montre le repère (Entrée pour le poser où vous avez cliqué)")
        )
        self.markers = QListWidget()
        self.markers.setAccessibleName(_("Annotations de la photo"))
        self.markers.setWordWrap(True)
        self.remove_marker_action = QAction(_("Retirer l'annotation"), self.markers)
        self.remove_marker_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_marker_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.markers.addAction(self.remove_marker_action)
        self.story = CommitText(
            _("Récit de la construction"), _("L'histoire que le groupe raconte"), lines=5
        )
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addLayout(kinds)
        side_layout.addWidget(self.annotation)
        side_layout.addWidget(self.markers, 1)
        side_layout.addWidget(QLabel(_("Récit\u00a0:")))
        side_layout.addWidget(self.story)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.photo)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 480])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(message)
        layout.addWidget(self.strip)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.annotation)

    @property
    def kind(self) -> AnnotationKind:
        """The kind of the next marker."""
        return list(AnnotationKind)[max(0, self.kinds.checkedId())]
