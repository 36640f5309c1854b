"""Shared fixtures and helpers of the capture, wall, threads and voting tests (no test here).

``desk`` opens the capture page of a Toulon workshop (its agenda has the dot-vote step) on the
main window's Operations, shown in its own window and focused, with canned dialog answers.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from capadesk.core.domain.capture import CaptureView, PhotoView, UseCaseView
from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.core.services import captures
from capadesk.core.services.agenda import apply_protocol
from capadesk.core.services.protocols import find_protocol
from capadesk.core.storage.store import Store
from capadesk.ui.capture import CaptureDialogs, CapturePresenter
from capadesk.ui.capture.photo_strip import ThumbnailCache
from capadesk.ui.main_window import MainWindow

from .helpers import seed


class FakeCaptureDialogs(CaptureDialogs):
    """Queued answers instead of modal dialogs; an unexpected question fails the test. The
    photo viewer is the real one (not modal), recorded in ``shown``."""

    def __init__(self) -> None:
        self.titles: deque[str | None] = deque()
        self.edits: deque[Callable[[CaptureView], CaptureView] | None] = deque()
        self.territories: deque[str | None] = deque()
        self.files: deque[list[Path]] = deque()
        self.headings: list[str] = []
        self.shown: list[QWidget] = []

    def thread_title(self, parent: QWidget, heading: str, suggested: str = "") -> str | None:
        self.headings.append(heading)
        assert self.titles, f"a title was asked ({heading!r}) that the test did not expect"
        return self.titles.popleft()

    def use_case_title(self, parent: QWidget) -> str | None:
        return self.thread_title(parent, "use case")

    def rename_use_case(self, parent: QWidget, use_case: UseCaseView) -> str | None:
        return self.thread_title(parent, f"rename {use_case.title}")

    def use_case_territory(self, parent: QWidget, use_case: UseCaseView) -> str | None:
        assert self.territories, "a territory was asked that the test did not expect"
        return self.territories.popleft()

    def photo_files(self, parent: QWidget, use_case: UseCaseView) -> list[Path]:
        assert self.files, "the file dialog opened without queued files"
        return self.files.popleft()

    def show_photos(
        self,
        parent: QWidget,
        title: str,
        photos: Sequence[PhotoView],
        index: int,
        thumbnails: ThumbnailCache,
    ) -> QWidget:
        viewer = super().show_photos(parent, title, photos, index, thumbnails)
        self.shown.append(viewer)
        return viewer

    def edit_capture(
        self,
        parent: QWidget,
        capture: CaptureView,
        use_cases: Sequence[UseCaseView],
        check: Callable[[CaptureView], None],
    ) -> CaptureView | None:
        assert self.edits, "the edit dialog opened without a queued answer"
        change = self.edits.popleft()
        if change is None:
            return None
        edited = change(capture)
        check(edited)
        return edited


class Desk:
    """The page under test and what the tests read it with."""

    def __init__(self, window: MainWindow, store: Store, workshop_id: uuid.UUID) -> None:
        self.window, self.store, self.workshop_id = window, store, workshop_id
        self.dialogs = FakeCaptureDialogs()
        self.photos_dir = store.path.parent / "desk-photos"
        self.presenter = CapturePresenter(
            store, window.operations, workshop_id, dialogs=self.dialogs, photos_dir=self.photos_dir
        )
        self.page = self.presenter.page
        self.bar = self.page.bar
        self.model = self.presenter.model
        self.view = self.page.wall.view
        self.threads = self.page.threads

    def stored(self) -> list[CaptureView]:
        return captures.list_captures(self.store, self.workshop_id)

    def texts(self) -> list[str]:
        """The texts of the cards in the wall's model, in order."""
        return [c.text for c in self.model.captures]

    def add(
        self,
        text: str,
        kind: CaptureKind = CaptureKind.IRRITANT,
        *,
        stage: LifecycleStage | None = None,
        use_case_id: uuid.UUID | None = None,
    ) -> CaptureView:
        """A card saved through the service (set-up), shown through the presenter's refresh."""
        view, changes = captures.add_capture(
            self.store, self.workshop_id, kind, text, stage=stage, use_case_id=use_case_id
        )
        self.presenter.refresh(changes)
        return view

    def undo(self) -> None:
        self.window.undo_stack.undo()

    def redo(self) -> None:
        self.window.undo_stack.redo()

    def select(self, *capture_ids: uuid.UUID) -> None:
        """Select exactly these cards on the wall."""
        from PySide6.QtCore import QItemSelectionModel

        selection = self.view.selectionModel()
        selection.clearSelection()
        for capture_id in capture_ids:
            row = self.model.row_of(capture_id)
            assert row is not None
            selection.select(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select)


@pytest.fixture(name="desk")
def desk_fixture(qtbot: QtBot, ready: MainWindow, store: Store) -> Desk:
    """The capture page of a Toulon workshop, shown and focused (import ``desk_fixture``)."""
    workshop = seed(store, "Dessine-moi ton cas d'usage", place="Toulon", day=dt.date(2024, 3, 14))
    apply_protocol(store, workshop.public_id, find_protocol("capacities-1-toulon"))
    opened = Desk(ready, store, workshop.public_id)
    page = opened.page
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.setFocus()
    return opened


def drop(widget: QWidget, point: QPoint, data: QMimeData) -> bool:
    """Deliver a whole drag-and-drop of ``data`` at ``point`` of ``widget`` (what QDrag does);
    True when the drop was accepted."""
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, actions, data, buttons, keys)
    QApplication.sendEvent(widget, enter)
    move = QDragMoveEvent(point, actions, data, buttons, keys)
    QApplication.sendEvent(widget, move)
    if not move.isAccepted():
        return False
    dropped = QDropEvent(QPointF(point), actions, data, buttons, keys)
    QApplication.sendEvent(widget, dropped)
    return dropped.isAccepted()


def type_unicode(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key into ``widget``, any character (QTest's key clicks take ASCII
    only)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for character in text:
        key = Qt.Key.Key_Space if character == " " else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, character)
            QApplication.sendEvent(widget, event)


def screenshots(tmp_path: Path) -> Path:
    """Where screenshots go: $CAPADESK_SCREENSHOTS, else a temporary folder."""
    folder = Path(os.environ.get("CAPADESK_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
