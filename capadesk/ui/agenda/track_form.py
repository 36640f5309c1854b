"""The form beside the tree when a parallel track is selected: its title, and how its steps
fit in the slot of their step.

Signals:
    apply_requested(): « Appliquer » clicked, Ctrl+Entrée, or the focus left a changed form.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.protocol import ProtocolStep, ProtocolTrack, minutes_label
from capadesk.core.domain.protocol_format import MAX_TITLE
from capadesk.i18n import _
from capadesk.ui.agenda.step_model import overrun_text


class TrackForm(QWidget):
    """See module docstring."""

    apply_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._track: ProtocolTrack | None = None
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(MAX_TITLE)
        self.title_edit.setAccessibleName(_("Titre de l'atelier en parallèle"))
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName(_("Durée de l'atelier"))
        self.help_label = QLabel(
            _(
                "Sélectionnez une étape de l'atelier pour la modifier. «\u00a0Ajouter\u00a0» "
                "(Inser) ajoute une étape à la fin de l'atelier."
            )
        )
        self.help_label.setWordWrap(True)
        self.apply_button = QPushButton(_("Appli&quer"))
        self.apply_button.setToolTip(_("Renommer l'atelier (Ctrl+Entrée)"))
        self.apply_button.setShortcut("Ctrl+Return")
        self.apply_button.clicked.connect(self.apply_requested)
        fields = QFormLayout()
        fields.addRow(_("&Titre\u00a0:"), self.title_edit)
        layout = QVBoxLayout(self)  # wrapped labels get their height here, not in a form row
        layout.addLayout(fields)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.help_label)
        layout.addWidget(self.apply_button)
        layout.addStretch(1)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def show_track(self, track: ProtocolTrack | None, step: ProtocolStep | None = None) -> None:
        """Fill the form with ``track`` of ``step`` (None: an empty, disabled form)."""
        self._track = track
        self.setEnabled(track is not None)
        self.title_edit.setText(track.title if track is not None else "")
        self.title_edit.setCursorPosition(0)
        if track is None or step is None:
            self.summary_label.clear()
            return
        summary = _("{count} étape(s), {length} sur les {slot} de l'étape.").format(
            count=len(track.steps),
            length=minutes_label(track.planned_minutes),
            slot=minutes_label(step.duration.planned),
        )
        over = overrun_text(step, track)
        self.summary_label.setText(f"{summary}\n{over}" if over else summary)

    def edited_title(self) -> str | None:
        """The title typed; None when no track is shown."""
        return self.title_edit.text().strip() if self._track is not None else None

    def is_changed(self) -> bool:
        """True when the title differs from the shown track's."""
        return self._track is not None and self.edited_title() != self._track.title

    @Slot(QWidget, QWidget)
    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        leaving = old is not None and self.isAncestorOf(old)
        if leaving and not (new is not None and self.isAncestorOf(new)) and self.is_changed():
            self.apply_requested.emit()
