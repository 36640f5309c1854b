"""What every method tool's presenter shares: the store, the undo road, the photo folders, the
projected slides it keeps up to date, and the questions it asks (behind ``ToolDialogs``).

A presenter reads its documents from the services, shows them in ``view`` (the control
window's page) and in every slide made by ``slide()``, and turns each edit into one
``PutDocument`` (or ``Steps``) run through ``Operations``: undo and redo come from there. It
re-reads when a ``Changes`` names its workshop (documents report there until ``Changes`` has a
field of their own), its threads or its groups.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QLabel, QWidget

from capadesk.core.errors import KnownError, ValidationError
from capadesk.core.services.changes import Changes
from capadesk.core.services.commands import Command
from capadesk.core.services.tool_commands import PutDocument
from capadesk.core.services.tool_documents import Codec, Content, DocumentPlace, ToolDocument
from capadesk.core.storage.store import Store
from capadesk.i18n import _
from capadesk.paths import AppPaths
from capadesk.ui.operations import Operations

T = TypeVar("T")
KEEP = object()  # ``save``: keep the document's photo
ERROR_STYLE = "QLabel { color: #B00020; font-weight: bold; }"
INFO_STYLE = "QLabel { color: palette(window-text); }"


class ToolDialogs:
    """The tools' modal questions; tests subclass it with canned answers."""

    def photo_file(self, parent: QWidget, title: str) -> Path | None:
        """An image file to attach (JPEG, PNG, WebP); None when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getOpenFileName(
            parent,
            title,
            str(Path.home()),
            _("Images (*.jpg *.jpeg *.png *.webp *.heic *.heif);;Tous les fichiers (*)"),
        )
        return Path(name) if name else None

    def text(self, parent: QWidget, title: str, label: str, initial: str = "") -> str | None:
        """One line of text; None when cancelled."""
        from PySide6.QtWidgets import QInputDialog

        value, accepted = QInputDialog.getText(parent, title, label, text=initial)
        return value if accepted else None

    def confirm(self, parent: QWidget, title: str, question: str) -> bool:
        """A yes / no question whose default answer is no."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            parent,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


def message_label() -> QLabel:
    """The line under a tool's entry fields saying why an input was refused."""
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(_("Message"))
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


class ToolPresenter(QObject):
    """See module docstring. Subclasses build ``view`` and implement ``reload`` and
    ``make_slide``."""

    def __init__(
        self,
        store: Store,
        operations: Operations,
        workshop_id: uuid.UUID,
        step_id: uuid.UUID | None,
        app_paths: AppPaths,
        *,
        dialogs: ToolDialogs | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.operations = store, operations
        self.workshop_id, self.step_id = workshop_id, step_id
        self.app_paths = app_paths
        self.dialogs = dialogs or ToolDialogs()
        self.today = today
        self.view: QWidget = QWidget()
        self.slides: list[Any] = []
        self.message: QLabel = message_label()
        self._closed = False
        operations.changes_made.connect(self._on_changes)

    # --- to implement -----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the documents again and show them (view and slides)."""

    def make_slide(self) -> QWidget:
        """A new projected page of this tool."""
        raise NotImplementedError

    def update_slide(self, slide: Any) -> None:
        """Show the current document on ``slide``."""

    # --- shared -----------------------------------------------------------------------------

    def slide(self) -> QWidget:
        """A new projection page, kept up to date with the tool until it is destroyed."""
        page = self.make_slide()
        self.slides.append(page)
        page.destroyed.connect(lambda: self.slides.remove(page) if page in self.slides else None)
        self.update_slide(page)
        return page

    def update_slides(self) -> None:
        """Show the current document on every slide."""
        for page in list(self.slides):
            self.update_slide(page)

    def wants(self, changes: Changes) -> bool:
        """Whether ``changes`` may concern what this tool shows."""
        mine = self.workshop_id
        return (
            mine in changes.documents
            or mine in changes.workshops
            or mine in changes.threads
            or mine in changes.groups
            or mine in changes.use_cases
        )

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        if not self._closed and self.wants(changes):
            self.reload()

    def put(
        self,
        label: str,
        place: DocumentPlace,
        public_id: uuid.UUID,
        before: Content | None,
        after: Content | None,
    ) -> bool:
        """Write one edit of a document through the undo stack; True when it was saved."""
        return self.run(PutDocument(label, place, public_id, before, after))

    def save(
        self,
        codec: Codec[T],
        document: ToolDocument[T] | None,
        place: DocumentPlace,
        label: str,
        change: Callable[[T], T],
        *,
        photo_id: uuid.UUID | object | None = KEEP,
    ) -> uuid.UUID | None:
        """Apply the domain rule ``change`` to ``document``'s value (a new one when None) and
        save it as one undoable edit; the document's id, or None when refused (the message
        line says why) or unreadable. An edit that changes nothing saves nothing."""
        if document is not None and document.problem:
            self.say(document.problem, error=True)
            return None
        value = document.value if document is not None else codec.empty()
        changed = self.attempt(lambda: change(value))
        if changed is None:
            return None
        photo = (document.photo_id if document else None) if photo_id is KEEP else photo_id
        assert photo is None or isinstance(photo, uuid.UUID)
        if document is not None and changed == document.value and photo == document.photo_id:
            return document.public_id
        public_id = document.public_id if document is not None else uuid.uuid4()
        before = document.stored.content if document is not None else None
        if self.put(label, place, public_id, before, codec.content(changed, photo)):
            return public_id
        return None

    def run(self, command: Command) -> bool:
        """Run ``command`` through Operations (which shows a refusal); True when saved."""
        self.say("")
        return self.operations.execute(command)

    def attempt(self, change: Callable[[], Any]) -> Any:
        """Call ``change`` (a domain rule); on ValidationError say why and return None."""
        try:
            return change()
        except ValidationError as error:
            self.say(error.message, error=True)
            return None

    def say(self, text: str, *, error: bool = False) -> None:
        """Show (or, with "", hide) the tool's message line."""
        self.message.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def guarded(self, action: Callable[[], Any]) -> Any:
        """Run a read that may fail (a deleted workshop, a damaged store): say why."""
        try:
            return action()
        except KnownError as error:
            self.say(error.message, error=True)
            return None

    def close(self) -> None:
        """The page goes away: stop listening."""
        if self._closed:
            return
        self._closed = True
        self.operations.changes_made.disconnect(self._on_changes)
