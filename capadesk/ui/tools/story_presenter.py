"""Drives the « nous sommes en 2027 » page: per thread, the story and the drawing; the
projection shows the chosen thread's. The first text typed (or drawing joined) for a thread
creates its story document; every edit is one undoable ``PutDocument``.

``ThreadPresenter`` is what this page and the backcast share: the thread chosen, the list kept
up to date with the wall, « Nouveau fil… » as an undoable ``CreateThread``.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget

from capadesk.core.domain import backcast as rules
from capadesk.core.domain.backcast import Story
from capadesk.core.services import backcasts
from capadesk.core.services.thread_commands import CreateThread
from capadesk.core.services.tool_commands import PutDocument, Steps
from capadesk.core.services.tool_documents import ToolDocument
from capadesk.i18n import _
from capadesk.ui.tools.base import ToolPresenter
from capadesk.ui.tools.photos import PhotoPixmaps, pick_photo
from capadesk.ui.tools.story_canvas import StoryCanvas
from capadesk.ui.tools.story_view import StoryView
from capadesk.ui.tools.thread_choice import ThreadChoice


class ThreadPresenter(ToolPresenter):
    """A tool working on one thread at a time (see module docstring)."""

    thread_choice: ThreadChoice

    def connect_threads(self, choice: ThreadChoice) -> None:
        """Follow ``choice``."""
        self.thread_choice = choice
        self.thread_id: uuid.UUID | None = None
        choice.combo.activated.connect(self._on_thread_choice)
        choice.new_button.clicked.connect(self.new_thread)

    def read_threads(self) -> None:
        """List the workshop's threads again, keeping the chosen one."""
        threads = self.guarded(lambda: backcasts.threads_for(self.store, self.workshop_id)) or []
        self.thread_choice.set_threads(threads, self.thread_id)
        self.thread_id = self.thread_choice.current_id

    @Slot(int)
    def _on_thread_choice(self, _index: int) -> None:
        self.thread_id = self.thread_choice.current_id
        self.say("")
        self.reload()

    @Slot()
    def new_thread(self) -> None:
        """« Nouveau fil… »: a thread on the wall, chosen here."""
        title = self.dialogs.text(self.view, _("Nouveau fil commun"), _("Titre du fil\u00a0:"))
        if not title or not title.strip():
            return
        command = CreateThread(self.workshop_id, title)
        if self.run(command):
            self.thread_id = command.public_id
            self.reload()


class StoryPresenter(ThreadPresenter):
    """See module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page = StoryView(self.message)
        self.view = self.page
        self.pixmaps = PhotoPixmaps(self.app_paths)
        self.document: ToolDocument[Story] | None = None
        self.connect_threads(self.page.threads)
        self.page.story.committed.connect(self.set_text)
        self.page.drawing_button.clicked.connect(self.choose_drawing)
        self.reload()

    @property
    def story(self) -> Story:
        """The chosen thread's story (an empty one before it is written)."""
        if self.document is not None:
            return self.document.value
        return backcasts.new_story(self.today())

    def reload(self) -> None:
        self.read_threads()
        thread = self.thread_id
        self.document = (
            self.guarded(lambda: backcasts.story_of(self.store, self.workshop_id, thread))
            if thread is not None
            else None
        )
        page, story = self.page, self.story
        page.heading.setText(story.heading)
        page.story.set_saved(story.text)
        for widget in (page.story, page.drawing_button):
            widget.setEnabled(thread is not None)
        has_drawing = self.document is not None and self.document.photo_id is not None
        page.drawing_label.setText(_("Dessin joint") if has_drawing else _("Pas de dessin joint"))
        page.preview.show_story(page.threads.current_title, story, self._drawing())
        self.update_slides()

    def _drawing(self) -> QPixmap | None:
        if self.document is None:
            return None
        return self.pixmaps.pixmap(self.document.stored.photo_file)

    def _place(self, thread: uuid.UUID) -> Any:
        return backcasts.story_place(self.workshop_id, thread, self.step_id)

    def set_text(self, raw: str) -> None:
        """The story was typed."""
        if self.thread_id is None:
            return
        self.save(
            backcasts.STORY_CODEC,
            self.document,
            self._place(self.thread_id),
            _("Écrire le récit 2027"),
            lambda story: rules.set_story(self._dated(story), raw),
        )
        self.reload()

    def _dated(self, story: Story) -> Story:
        """A new story is told from the default target year of today."""
        return story if self.document is not None else backcasts.new_story(self.today())

    @Slot()
    def choose_drawing(self) -> None:
        """« Joindre le dessin… »."""
        thread = self.thread_id
        if thread is None:
            return
        picked = pick_photo(self, _("Dessin du groupe"))
        if picked is None:
            return
        attach, photo_id = picked
        document = self.document
        put = PutDocument(
            _("Joindre le dessin"),
            self._place(thread),
            document.public_id if document else uuid.uuid4(),
            document.stored.content if document else None,
            backcasts.STORY_CODEC.content(self.story, photo_id),
        )
        self.run(Steps(put.label, [attach, put]) if attach is not None else put)

    # --- projection -------------------------------------------------------------------------

    def make_slide(self) -> QWidget:
        return StoryCanvas()

    def update_slide(self, slide: Any) -> None:
        assert isinstance(slide, StoryCanvas)
        slide.show_story(self.page.threads.current_title, self.story, self._drawing())
