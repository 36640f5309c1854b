"""Pieces the ice-breakers' control widgets share: a name field that completes from the roster,
a list of recorded answers that Suppr deletes, the newcomer's type, a message line, and the
layout that puts them together (``lay_out_answers``).

Keyboard first: Enter in a field moves to the next one, Enter in the last one records
(``chain_fields``); a list's Suppr emits the selected answers' ids.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.icebreakers import PersonName, match_person
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.errors import ValidationError
from capadesk.i18n import _

KEY_ROLE = Qt.ItemDataRole.UserRole
ERROR_COLOUR = "#B00020"
HINT_COLOUR = "#5F6368"


class PersonField(QLineEdit):
    """A name, completed from the roster's names (any part of the name, accents kept)."""

    def __init__(self, name: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)

    def set_names(self, names: Sequence[str]) -> None:
        """Complete from ``names``."""
        if self._names.stringList() != list(names):
            self._names.setStringList(list(names))


def newcomer_hint(typed: str, people: Sequence[PersonName]) -> tuple[str, bool]:
    """What a typed name will do: (message, is_error). Empty for someone on the roster."""
    if not typed.strip():
        return "", False
    try:
        found = match_person(typed, people)
    except ValidationError as error:
        return error.message, True
    if found is not None:
        return "", False
    return (
        _("Nouveau\u00a0: «\u00a0{name}\u00a0» sera ajouté à la liste des participants.").format(
            name=typed.strip()
        ),
        False,
    )


class TypeChoice(QComboBox):
    """The type a newcomer gets on the roster (to be corrected there if need be)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Type d'un nouveau participant"))
        self.setToolTip(_("Le type donné à une personne qui n'est pas encore dans la liste"))
        for kind in ParticipantType:
            self.addItem(kind.label, kind)
        self.setCurrentIndex(self.findData(ParticipantType.AGENT))

    @property
    def chosen(self) -> ParticipantType:
        """The type chosen."""
        data = self.currentData()  # Qt hands the enum back as its plain string value
        try:
            return ParticipantType(data)
        except ValueError:
            return ParticipantType.AGENT


class EntryList(QListWidget):
    """Recorded answers, one a line, each with a key (the answer's id, or a question's text);
    Suppr (or Retour arrière) asks to delete the selected ones.

    Signals:
        delete_requested(list): the keys of the selected rows.
    """

    delete_requested = Signal(list)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.setToolTip(_("Suppr\u00a0: supprimer la ligne choisie"))

    def show_rows(self, rows: Sequence[tuple[object, str]]) -> None:
        """Show ``rows`` (key, text), keeping the selection and scrolling to the last one added."""
        chosen = self.selected_keys()
        before = self.count()
        self.clear()
        for key, text in rows:
            item = QListWidgetItem(text)
            item.setData(KEY_ROLE, key)
            self.addItem(item)
            item.setSelected(key is not None and key in chosen)
        if self.count() > before:
            self.scrollToBottom()

    def selected_keys(self) -> list[object]:
        """The keys of the selected rows, in list order."""
        rows = sorted(self.row(item) for item in self.selectedItems())
        keys = [self.item(row).data(KEY_ROLE) for row in rows]
        return [key for key in keys if key is not None]

    def texts(self) -> list[str]:
        """The rows' texts, in order."""
        return [self.item(row).text() for row in range(self.count())]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected_keys():
            event.accept()
            self.delete_requested.emit(self.selected_keys())
            return
        super().keyPressEvent(event)


class MessageLine(QLabel):
    """One line under a form: an error in red, or a hint in grey."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(_("Message"))

    def show_message(self, text: str, *, error: bool = False) -> None:
        """Show ``text`` (empty: nothing)."""
        self.setStyleSheet(f"QLabel {{ color: {ERROR_COLOUR if error else HINT_COLOUR}; }}")
        self.setText(text)


def chain_fields(fields: Sequence[QLineEdit], submit: Callable[[], None]) -> None:
    """Enter moves from each field to the next; Enter in the last one calls ``submit``."""
    for field, following in itertools.pairwise(fields):
        field.returnPressed.connect(following.setFocus)
    fields[-1].returnPressed.connect(submit)


def lay_out_answers(
    owner: QWidget,
    names: Sequence[tuple[str, QLineEdit]],
    answer: tuple[str, QLineEdit, QPushButton],
    type_choice: TypeChoice,
    below: tuple[MessageLine, EntryList, QLabel],
) -> None:
    """Lay out ``owner`` as a form (the name fields, the answer beside its button, the
    newcomer's type « Si nouveau ») over the message line, the answers list and a footer."""
    form = QFormLayout()
    for label, field in names:
        form.addRow(label, field)
    answer_label, answer_field, button = answer
    row = QHBoxLayout()
    row.addWidget(answer_field, 1)
    row.addWidget(button)
    form.addRow(answer_label, row)
    form.addRow(_("Si nouveau"), type_choice)
    message, answers, footer = below
    column = QVBoxLayout(owner)
    column.addLayout(form)
    column.addWidget(message)
    column.addWidget(answers, 1)
    column.addWidget(footer)
