"""The thread edits of the capture page, each one undoable command through Operations.

Requests come from the threads panel and the wall (drops, context menu); what cannot be done
(no card selected, cards of another thread) is said in French under the panel.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

from capadesk.core.domain.capture import ThreadView
from capadesk.core.domain.vocabulary import LifecycleStage
from capadesk.core.services.commands import Command
from capadesk.core.services.thread_commands import (
    CreateThread,
    DeleteThread,
    MergeThreads,
    MoveToThread,
    RenameThread,
    SplitThread,
    TagThread,
)
from capadesk.i18n import _

if TYPE_CHECKING:
    from capadesk.ui.capture.presenter import CapturePresenter


class WallActions(QObject):
    """See module docstring."""

    def __init__(self, presenter: CapturePresenter) -> None:
        super().__init__(presenter)
        self.presenter = presenter
        page = presenter.page
        panel = page.threads
        panel.new_requested.connect(self.new_thread)
        panel.rename_requested.connect(self.rename)
        panel.delete_requested.connect(self.delete)
        panel.merge_requested.connect(self.merge)
        panel.split_requested.connect(self.split)
        panel.take_out_requested.connect(self.take_out)
        panel.stages_chosen.connect(self.tag)
        panel.captures_dropped.connect(self.dropped_on_panel)
        page.wall.move_requested.connect(self.move)
        page.wall.new_thread_requested.connect(self.new_thread)
        page.wall.view.captures_dropped.connect(self.move)

    def _run(self, command: Command) -> bool:
        self.presenter.page.threads.show_message("")
        return self.presenter.operations.execute(command)

    def _say(self, message: str) -> None:
        self.presenter.page.threads.show_message(message)

    # --- threads ----------------------------------------------------------------------------

    @Slot()
    def new_thread(self, capture_ids: Sequence[uuid.UUID] | None = None) -> None:
        """Ctrl+T: a new thread, with the wall's selected cards (or ``capture_ids``)."""
        ids = (
            list(capture_ids)
            if capture_ids is not None
            else self.presenter.page.wall.selected_ids()
        )
        heading = (
            _("Nouveau fil avec {count} carte(s)").format(count=len(ids))
            if ids
            else _("Nouveau fil")
        )
        title = self.presenter.dialogs.thread_title(self.presenter.page, heading)
        if not title:
            return
        command = CreateThread(self.presenter.workshop_id, title, tuple(ids))
        if self._run(command):
            self.presenter.page.threads.select_thread(command.public_id)

    @Slot(object)
    def rename(self, thread: ThreadView) -> None:
        """F2 on a thread."""
        title = self.presenter.dialogs.thread_title(
            self.presenter.page, _("Renommer le fil"), thread.title
        )
        if title and title != thread.title:
            self._run(RenameThread(thread, title))

    @Slot(object)
    def delete(self, thread: ThreadView) -> None:
        """Suppr on a thread: its cards go back out of any thread (undo restores it)."""
        self._run(DeleteThread(thread))

    @Slot(object, list)
    def merge(self, target: ThreadView, sources: list[ThreadView]) -> None:
        """« Fusionner »: the other selected threads into the current one."""
        ids = [s.public_id for s in sources if s.public_id != target.public_id]
        if ids:
            self._run(MergeThreads(self.presenter.workshop_id, target.public_id, ids))

    @Slot(object)
    def split(self, thread: ThreadView) -> None:
        """« Séparer… »: the wall's selected cards of ``thread`` start a new thread."""
        model = self.presenter.model
        ids = [
            i
            for i in self.presenter.page.wall.selected_ids()
            if model.thread_of(i) == thread.public_id
        ]
        if not ids:
            self._say(
                _(
                    "Sélectionnez sur le mur les cartes du fil «\u00a0{title}\u00a0» à séparer."
                ).format(title=thread.title[:80])
            )
            return
        if len(ids) == len(thread.capture_ids):
            self._say(_("Gardez au moins une carte dans le fil d'origine."))
            return
        title = self.presenter.dialogs.thread_title(self.presenter.page, _("Séparer le fil"))
        if title:
            self._run(SplitThread(self.presenter.workshop_id, thread.public_id, ids, title))

    @Slot()
    def take_out(self) -> None:
        """« Retirer du fil »: the wall's selected cards leave their threads."""
        model = self.presenter.model
        ids = [i for i in self.presenter.page.wall.selected_ids() if model.thread_of(i)]
        if not ids:
            self._say(_("Sélectionnez sur le mur des cartes rangées dans un fil."))
            return
        self._run(MoveToThread(self.presenter.workshop_id, ids, None))

    @Slot(object, list)
    def tag(self, thread: ThreadView, stages: list[LifecycleStage]) -> None:
        """The stages ticked in the « Étapes » menu."""
        if tuple(stages) != thread.stages:
            self._run(TagThread(thread, stages))

    @Slot(object, list)
    def dropped_on_panel(self, thread_id: uuid.UUID | None, capture_ids: list[uuid.UUID]) -> None:
        """Cards dropped on a thread of the panel, or below the threads: a new thread."""
        if thread_id is None:
            # Asked after the drop is over: a modal question inside a drop event would run
            # while the drag still holds the mouse.
            ids = list(capture_ids)
            QTimer.singleShot(0, self, lambda: self.new_thread(ids))
        else:
            self.move(thread_id, capture_ids)

    @Slot(object, list)
    def move(self, thread_id: uuid.UUID | None, capture_ids: list[uuid.UUID]) -> None:
        """Cards moved into a thread (None: out of their threads)."""
        model = self.presenter.model
        moving = [
            i
            for i in capture_ids
            if model.row_of(i) is not None and model.thread_of(i) != thread_id
        ]
        if moving:
            self._run(MoveToThread(self.presenter.workshop_id, moving, thread_id))
