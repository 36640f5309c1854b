"""The note-taker's capture bar: type, pick kind / use case / stage by key, Enter saves.

Keys (shown under the field): Ctrl+1…Ctrl+8 the kind, Ctrl+U the next use case, Ctrl+Shift+U a
new use case, Alt+1…Alt+6 the life-cycle stage and Alt+0 none; Enter saves, Shift+Enter starts
a new line. The current kind, use case and stage are coloured chips (menus for the mouse).
The text is offered for saving as a draft 400 ms after the last keystroke.

Signals:
    submitted(str): Enter with the field's text (the presenter clears it once saved).
    draft_changed(str): the text to keep as a draft (debounced).
    new_use_case_requested(): Ctrl+Shift+U or the chip's « Nouveau cas d'usage… ».
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.capture import UseCaseView
from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.i18n import _
from capadesk.ui.capture.palette import (
    KIND_COLOURS,
    KINDS,
    NEUTRAL_COLOUR,
    STAGE_COLOUR,
    STAGES,
    chip_style,
    menu_text,
    valid_colour,
)

DRAFT_DELAY_MS = 400
_RAW_BREAKS = str.maketrans({"\u2029": "\n", "\u2028": "\n"})


def plain_text(edit: QPlainTextEdit) -> str:
    """The field's text exactly as typed. Not ``toPlainText``: it turns no-break spaces
    (French « » and « : ») into plain spaces."""
    return edit.document().toRawText().translate(_RAW_BREAKS)


class CaptureField(QPlainTextEdit):
    """A multi-line field where Enter submits and Shift+Enter breaks the line.

    Signals:
        enter_pressed(): Enter or Return without Shift.
    """

    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            event.accept()
            self.enter_pressed.emit()
            return
        if enter:  # a real line break, not the U+2028 QPlainTextEdit puts for Shift+Enter
            self.insertPlainText("\n")
            return
        super().keyPressEvent(event)


def _chip(name: str) -> QToolButton:
    chip = QToolButton()
    chip.setAccessibleName(name)
    chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the text field keeps the keyboard
    chip.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    chip.setMenu(QMenu(chip))
    return chip


class CaptureBar(QWidget):
    """See module docstring. ``key_actions`` are added to the page, so the keys work from the
    wall and the panels too."""

    submitted = Signal(str)
    draft_changed = Signal(str)
    new_use_case_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Barre de saisie"))
        self.kind = CaptureKind.IRRITANT
        self.stage: LifecycleStage | None = None
        self.use_case_id: uuid.UUID | None = None
        self.use_cases: list[UseCaseView] = []

        self.field = CaptureField()
        self.field.setAccessibleName(_("Texte de la carte"))
        self.field.setPlaceholderText(
            _("Tapez ce qui est dit, puis Entrée (Maj+Entrée\u00a0: nouvelle ligne)")
        )
        self.field.setTabChangesFocus(True)
        line = self.field.fontMetrics().lineSpacing()
        self.field.setFixedHeight(line * 3 + 14)
        self.field.enter_pressed.connect(self.submit)
        self.field.textChanged.connect(self._text_changed)
        self.add_button = QPushButton(_("Ajouter"))
        self.add_button.setToolTip(_("Enregistrer la carte (Entrée)"))
        self.add_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_button.clicked.connect(self.submit)

        self.kind_chip = _chip(_("Type de carte"))
        self.use_case_chip = _chip(_("Cas d'usage"))
        self.stage_chip = _chip(_("Étape du cycle de vie"))
        self.hint_label = QLabel(
            _(
                "Ctrl+1…8\u00a0: type · Ctrl+U\u00a0: cas d'usage suivant · Ctrl+Maj+U\u00a0: "
                "nouveau cas d'usage · Alt+1…6\u00a0: étape, Alt+0\u00a0: aucune"
            )
        )
        self.hint_label.setStyleSheet("QLabel { color: palette(placeholder-text); }")
        self.message_label = QLabel()
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName(_("Message de la barre de saisie"))
        self.message_label.hide()

        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_DELAY_MS)
        self.draft_timer.timeout.connect(self.flush_draft)

        self.key_actions: list[QAction] = []
        self._build_keys()
        self._lay_out()
        self._show_chips()

    # --- keys -----------------------------------------------------------------------------------

    def _key(self, keys: str, slot: object, text: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.key_actions.append(action)
        return action

    def _build_keys(self) -> None:
        for number, kind in enumerate(KINDS, start=1):
            self._key(f"Ctrl+{number}", lambda _c=False, k=kind: self.set_kind(k), kind.label)
        for number, stage in enumerate(STAGES, start=1):
            self._key(f"Alt+{number}", lambda _c=False, s=stage: self.set_stage(s), stage.label)
        self._key("Alt+0", lambda: self.set_stage(None), _("Sans étape"))
        self._key("Ctrl+U", self.next_use_case, _("Cas d'usage suivant"))
        self._key("Ctrl+Shift+U", self.new_use_case_requested.emit, _("Nouveau cas d'usage…"))
        self.addActions(self.key_actions)

    def _lay_out(self) -> None:
        chips = QHBoxLayout()
        chips.setSpacing(6)
        for chip in (self.kind_chip, self.use_case_chip, self.stage_chip):
            chips.addWidget(chip)
        chips.addSpacing(12)
        chips.addWidget(self.hint_label, 1)
        entry = QHBoxLayout()
        entry.addWidget(self.field, 1)
        entry.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(chips)
        layout.addLayout(entry)
        layout.addWidget(self.message_label)

    # --- state ------------------------------------------------------------------------------

    def set_kind(self, kind: CaptureKind) -> None:
        """The kind of the next card."""
        self.kind = kind
        self._show_chips()

    def set_stage(self, stage: LifecycleStage | None) -> None:
        """The life-cycle stage of the next card (None: none)."""
        self.stage = stage
        self._show_chips()

    def set_use_case(self, use_case_id: uuid.UUID | None) -> None:
        """The use case of the next card (None: none)."""
        known = {u.public_id for u in self.use_cases}
        self.use_case_id = use_case_id if use_case_id in known else None
        self._show_chips()

    def set_use_cases(self, use_cases: Sequence[UseCaseView]) -> None:
        """The use cases to choose from (the current one is kept when it still exists)."""
        self.use_cases = list(use_cases)
        self.set_use_case(self.use_case_id)

    def next_use_case(self) -> None:
        """Ctrl+U: none → first → … → last → none."""
        ids: list[uuid.UUID | None] = [None, *(u.public_id for u in self.use_cases)]
        at = ids.index(self.use_case_id) if self.use_case_id in ids else 0
        self.set_use_case(ids[(at + 1) % len(ids)])

    def _show_chips(self) -> None:
        kind_keys = f"Ctrl+{KINDS.index(self.kind) + 1}"
        self.kind_chip.setText(f"{self.kind.label}")
        self.kind_chip.setToolTip(_("Type de la carte ({keys})").format(keys=kind_keys))
        self.kind_chip.setStyleSheet(chip_style(KIND_COLOURS[self.kind].accent))
        self._fill_menu(
            self.kind_chip,
            [(k.label, f"Ctrl+{n}", k) for n, k in enumerate(KINDS, 1)],
            self.kind,
            self.set_kind,
        )
        use_case = next((u for u in self.use_cases if u.public_id == self.use_case_id), None)
        self.use_case_chip.setText(
            menu_text(use_case.title, 50) if use_case else _("Sans cas d'usage")
        )
        self.use_case_chip.setToolTip(_("Cas d'usage (Ctrl+U\u00a0; Ctrl+Maj+U pour en créer un)"))
        colour = valid_colour(use_case.colour) if use_case else NEUTRAL_COLOUR
        self.use_case_chip.setStyleSheet(chip_style(colour))
        choices: list[tuple[str, str, object]] = [(_("Sans cas d'usage"), "", None)]
        choices += [(menu_text(u.title), "", u.public_id) for u in self.use_cases]
        menu = self._fill_menu(self.use_case_chip, choices, self.use_case_id, self.set_use_case)
        menu.addSeparator()
        menu.addAction(_("Nouveau cas d'usage…"), self.new_use_case_requested.emit)
        self.stage_chip.setText(self.stage.label if self.stage else _("Sans étape"))
        self.stage_chip.setToolTip(_("Étape du cycle de vie de la donnée (Alt+1…6, Alt+0)"))
        self.stage_chip.setStyleSheet(chip_style(STAGE_COLOUR if self.stage else NEUTRAL_COLOUR))
        stages: list[tuple[str, str, object]] = [(_("Sans étape"), "Alt+0", None)]
        stages += [(s.label, f"Alt+{n}", s) for n, s in enumerate(STAGES, 1)]
        self._fill_menu(self.stage_chip, stages, self.stage, self.set_stage)

    @staticmethod
    def _fill_menu(
        chip: QToolButton, choices: list[tuple[str, str, object]], current: object, choose: object
    ) -> QMenu:
        menu = chip.menu()
        menu.clear()
        for text, keys, value in choices:
            action = menu.addAction(f"{text}\t{keys}" if keys else text)
            action.setCheckable(True)
            action.setChecked(value == current)
            action.triggered.connect(lambda _c=False, v=value: choose(v))  # type: ignore[operator]
        return menu

    # --- text -------------------------------------------------------------------------------

    def text(self) -> str:
        """The field's text, exactly."""
        return plain_text(self.field)

    def submit(self) -> None:
        """Offer the text for saving (the presenter checks and saves it)."""
        self.submitted.emit(self.text())

    def clear_after_save(self) -> None:
        """The card is saved: empty the field, forget the draft and any message."""
        self.draft_timer.stop()
        self.field.blockSignals(True)
        self.field.clear()
        self.field.blockSignals(False)
        self.show_message("")

    def restore(self, text: str) -> None:
        """Put back a draft left by an interruption, with a discreet note saying so."""
        self.field.blockSignals(True)
        self.field.setPlainText(text)
        self.field.blockSignals(False)
        self.field.moveCursor(QTextCursor.MoveOperation.End)
        self.show_message(_("Texte récupéré après une interruption"), error=False)

    def show_message(self, message: str, *, error: bool = True) -> None:
        """A French message under the field (an error in red); empty hides it."""
        self.message_label.setText(message)
        colour = "#B00020" if error else "palette(placeholder-text)"
        style = "" if error else " font-style: italic;"
        self.message_label.setStyleSheet(f"QLabel {{ color: {colour};{style} }}")
        self.message_label.setVisible(bool(message))

    def _text_changed(self) -> None:
        self.draft_timer.start()
        if self.message_label.isVisible():
            self.show_message("")

    def flush_draft(self) -> None:
        """Offer the current text as a draft now (timer expired, or the page closes)."""
        self.draft_timer.stop()
        self.draft_changed.emit(self.text())
