"""The form beside the tree: every field of the selected step (of the day or of a track),
with the settings of its activity's tool (a dot vote's dots and kept threads).

Signals:
    apply_requested(): « Appliquer » clicked, Ctrl+Entrée, or the focus left a changed form.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from capadesk.core.domain.protocol import (
    SETTING_RULES,
    Duration,
    ProtocolStep,
    SettingRule,
    Settings,
    setting_rules,
)
from capadesk.core.domain.protocol_format import MAX_STEP_MINUTES, MAX_TITLE
from capadesk.core.domain.vocabulary import ActivityKind, StepFormat
from capadesk.i18n import _


def _minutes_box(name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, MAX_STEP_MINUTES)
    box.setSuffix("\u00a0min")
    box.setAccessibleName(name)
    return box


def _choices(name: str, kinds: type[StepFormat] | type[ActivityKind]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for kind in kinds:
        combo.addItem(kind.label, kind.value)
    return combo


def _text_of(edit: QPlainTextEdit) -> str:
    """The text typed, non-breaking spaces kept (``toPlainText`` turns them into plain ones,
    which would undo the French typography of every instruction the form touches)."""
    raw = edit.document().toRawText()
    return raw.replace("\u2029", "\n").replace("\u2028", "\n")


def _setting_label(rule: SettingRule) -> str:
    # Alt-letters free on the builder's page (the others are taken by its fields and buttons).
    known = {
        "dots_per_participant": _("&Gommettes par participant\u00a0:"),
        "kept_threads": _("Fils rete&nus au plus\u00a0:"),
    }
    return known.get(rule.key, rule.label + "\u00a0:")


class StepForm(QWidget):
    """See module docstring."""

    apply_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._step: ProtocolStep | None = None
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(MAX_TITLE)
        self.title_edit.setAccessibleName(_("Titre de l'étape"))
        self.minimum_box = _minutes_box(_("Durée minimale"))
        self.maximum_box = _minutes_box(_("Durée maximale"))
        self.minimum_box.valueChanged.connect(self._minimum_changed)
        self.maximum_box.valueChanged.connect(self._maximum_changed)
        durations = QHBoxLayout()
        durations.addWidget(self.minimum_box)
        durations.addWidget(QLabel(_("à")))
        durations.addWidget(self.maximum_box)
        self.format_choice = _choices(_("Format de l'étape"), StepFormat)
        self.activity_choice = _choices(_("Type d'activité"), ActivityKind)
        self.instructions_edit = QPlainTextEdit()
        self.instructions_edit.setAccessibleName(_("Consignes"))
        self.materials_edit = QPlainTextEdit()
        self.materials_edit.setAccessibleName(_("Matériel, un par ligne"))
        self.materials_edit.setPlaceholderText(_("Un élément par ligne"))
        self.setting_boxes: dict[str, QSpinBox] = {}
        self._setting_labels: dict[str, QLabel] = {}
        for rule in (rule for rules in SETTING_RULES.values() for rule in rules):
            box = QSpinBox()
            box.setRange(rule.minimum, rule.maximum)
            box.setAccessibleName(rule.label)
            label = QLabel(_setting_label(rule))
            label.setBuddy(box)
            self.setting_boxes[rule.key], self._setting_labels[rule.key] = box, label
        self.activity_choice.currentIndexChanged.connect(self._show_settings)
        self.tracks_note = QLabel()
        self.tracks_note.setWordWrap(True)
        self.apply_button = QPushButton(_("Appli&quer"))
        self.apply_button.setToolTip(_("Appliquer les modifications de l'étape (Ctrl+Entrée)"))
        self.apply_button.setShortcut("Ctrl+Return")
        self.apply_button.clicked.connect(self.apply_requested)

        layout = QFormLayout(self)
        layout.addRow(_("&Titre\u00a0:"), self.title_edit)
        duration_label = QLabel(_("D&urée\u00a0:"))
        duration_label.setBuddy(self.minimum_box)
        layout.addRow(duration_label, durations)
        layout.addRow(_("F&ormat\u00a0:"), self.format_choice)
        layout.addRow(_("Acti&vité\u00a0:"), self.activity_choice)
        layout.addRow(_("&Consignes\u00a0:"), self.instructions_edit)
        layout.addRow(_("Maté&riel\u00a0:"), self.materials_edit)
        for key, box in self.setting_boxes.items():
            layout.addRow(self._setting_labels[key], box)
        layout.addRow(self.tracks_note)
        layout.addRow(self.apply_button)
        self._layout = layout
        self.show_step(None)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def show_step(self, step: ProtocolStep | None, note: str = "") -> None:
        """Fill the form with ``step`` (None: an empty, disabled form); ``note`` below it."""
        self._step = step
        self.setEnabled(step is not None)
        shown = step or ProtocolStep("", Duration(0, 0), StepFormat.PLENARY, ActivityKind.FREE)
        self.title_edit.setText(shown.title)
        self.title_edit.setCursorPosition(0)  # a long title shows its beginning
        self.minimum_box.setValue(0)  # so that neither box pushes the other
        self.maximum_box.setValue(shown.duration.maximum)
        self.minimum_box.setValue(shown.duration.minimum)
        self.format_choice.setCurrentIndex(self.format_choice.findData(shown.format.value))
        self.activity_choice.setCurrentIndex(self.activity_choice.findData(shown.activity.value))
        self.instructions_edit.setPlainText(shown.instructions)
        self.materials_edit.setPlainText("\n".join(shown.materials))
        for key, box in self.setting_boxes.items():
            try:
                box.setValue(shown.setting(key))
            except KeyError:  # not a setting of this activity: its default, if it changes
                box.setValue(self._rule(key).default)
        self._show_settings()
        self.tracks_note.setText(note)
        self.tracks_note.setVisible(bool(note))

    @staticmethod
    def _rule(key: str) -> SettingRule:
        return next(rule for rules in SETTING_RULES.values() for rule in rules if rule.key == key)

    @Slot()
    def _show_settings(self) -> None:
        """Only the settings of the chosen activity are shown."""
        wanted = {rule.key for rule in setting_rules(self._activity())}
        for key, box in self.setting_boxes.items():
            self._layout.setRowVisible(box, key in wanted)

    def _activity(self) -> ActivityKind:
        return ActivityKind(self.activity_choice.currentData() or ActivityKind.FREE.value)

    def _settings(self, activity: ActivityKind) -> Settings:
        """The form's settings: a value stays stated once stated, and is stated once changed."""
        assert self._step is not None
        stated = dict(self._step.settings) if activity is self._step.activity else {}
        return tuple(
            (rule.key, self.setting_boxes[rule.key].value())
            for rule in setting_rules(activity)
            if rule.key in stated or self.setting_boxes[rule.key].value() != rule.default
        )

    def edited_step(self) -> ProtocolStep | None:
        """The shown step with the form's values (its tracks kept); None when none is shown."""
        if self._step is None:
            return None
        lines = _text_of(self.materials_edit).splitlines()
        activity = self._activity()
        return dataclasses.replace(
            self._step,
            title=self.title_edit.text().strip(),
            duration=Duration(self.minimum_box.value(), self.maximum_box.value()),
            format=StepFormat(self.format_choice.currentData()),
            activity=activity,
            instructions=_text_of(self.instructions_edit).strip(),
            materials=tuple(line.strip() for line in lines if line.strip()),
            settings=self._settings(activity),
        )

    def is_changed(self) -> bool:
        """True when the form differs from the shown step."""
        return self._step is not None and self.edited_step() != self._step

    @Slot(int)
    def _minimum_changed(self, value: int) -> None:
        if self.maximum_box.value() < value:
            self.maximum_box.setValue(value)

    @Slot(int)
    def _maximum_changed(self, value: int) -> None:
        if self.minimum_box.value() > value:
            self.minimum_box.setValue(value)

    @Slot(QWidget, QWidget)
    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        leaving = old is not None and self.isAncestorOf(old)
        if leaving and not (new is not None and self.isAncestorOf(new)) and self.is_changed():
            self.apply_requested.emit()
