"""Drives the rétroplanning page: per thread, the timeline of post-its from today to 2027, moved
by drag and drop or keyboard, read back as the roadmap; the projection draws the timeline.

The first post-it of a thread creates its backcast, starting at today's quarter; every edit is
one undoable ``PutDocument``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from capadesk.core.domain import backcast as rules
from capadesk.core.domain.backcast import Backcast, Period
from capadesk.core.domain.tool_fields import new_item_id
from capadesk.core.services import backcasts
from capadesk.core.services.tool_documents import ToolDocument
from capadesk.i18n import _
from capadesk.ui.tools.backcast_view import BackcastView
from capadesk.ui.tools.story_presenter import ThreadPresenter
from capadesk.ui.tools.timeline import TimelineCanvas


class BackcastPresenter(ThreadPresenter):
    """See module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page = BackcastView(self.message)
        self.view = self.page
        self.document: ToolDocument[Backcast] | None = None
        self.connect_threads(self.page.threads)
        page = self.page
        page.note.returnPressed.connect(lambda: self.add_notes(page.note.text()))
        page.granularity.activated.connect(self._granularity_chosen)
        page.target.editingFinished.connect(self._target_typed)
        page.timeline.moved.connect(self.move_note)
        page.timeline.edit_requested.connect(self.reword_note)
        page.timeline.remove_requested.connect(self.remove_note)
        page.edit_button.clicked.connect(lambda: self.reword_note(page.timeline.selected))
        page.remove_button.clicked.connect(lambda: self.remove_note(page.timeline.selected))
        page.earlier_action.triggered.connect(lambda: self._step_period(-1))
        page.later_action.triggered.connect(lambda: self._step_period(+1))
        self.reload()

    @property
    def backcast(self) -> Backcast:
        """The chosen thread's backcast (a new one from today before its first post-it)."""
        if self.document is not None:
            return self.document.value
        return rules.new_backcast(self.today())

    def reload(self) -> None:
        self.read_threads()
        thread = self.thread_id
        self.document = (
            self.guarded(lambda: backcasts.backcast_of(self.store, self.workshop_id, thread))
            if thread is not None
            else None
        )
        page, backcast = self.page, self.backcast
        for widget in (page.note, page.period, page.timeline, page.granularity, page.target):
            widget.setEnabled(thread is not None)
        page.granularity.setCurrentIndex(page.granularity.findData(backcast.granularity))
        page.target.setValue(backcast.target_year)
        chosen = page.period.currentText()
        page.period.clear()
        for period in backcast.periods():
            page.period.addItem(period.label, period)
        index = page.period.findText(chosen) if chosen else -1
        page.period.setCurrentIndex(index if index >= 0 else 0)
        if page.timeline.selected not in {n.id for n in backcast.notes}:
            page.timeline.selected = ""
        page.timeline.show_backcast(page.threads.current_title, backcast)
        page.roadmap.clear()
        for item in rules.roadmap(backcast):
            page.roadmap.addItem(f"{item.period.label} — {item.text}")
        self.update_slides()

    def edit(self, label: str, change: Callable[[Backcast], Backcast]) -> bool:
        """Save one change of the chosen thread's backcast (creating it on the first)."""
        thread = self.thread_id
        if thread is None:
            return False
        start = self.backcast
        saved = self.save(
            backcasts.CODEC,
            self.document,
            backcasts.backcast_place(self.workshop_id, thread, self.step_id),
            label,
            lambda value: change(value if self.document is not None else start),
        )
        self.reload()
        return saved is not None

    def add_notes(self, raw: str) -> None:
        """Entrée: the typed idea (one post-it per line) at the bottom of the chosen period."""
        period = self.page.period.currentData()
        if not isinstance(period, Period):
            return
        ids = tuple(new_item_id() for _line in raw.splitlines() or [raw])
        if self.edit(_("Ajouter le post-it"), lambda b: rules.add_notes(b, raw, period, ids)):
            self.page.note.clear()
            self.page.timeline.selected = ids[-1]
            self.page.timeline.update()

    @Slot(str, object, int)
    def move_note(self, note_id: str, period: object, index: int) -> None:
        """A post-it dropped (or moved by keyboard) in ``period`` at ``index``."""
        assert isinstance(period, Period)
        if self.edit(
            _("Déplacer le post-it"), lambda b: rules.move_note(b, note_id, period, index)
        ):
            self.page.timeline.select(note_id)

    @Slot(str)
    def reword_note(self, note_id: str) -> None:
        """F2: reword a post-it."""
        note = next((n for n in self.backcast.notes if n.id == note_id), None)
        if note is None:
            return
        raw = self.dialogs.text(self.view, _("Reformuler le post-it"), _("Idée\u00a0:"), note.text)
        if raw is not None:
            self.edit(_("Reformuler le post-it"), lambda b: rules.edit_note(b, note_id, raw))

    @Slot(str)
    def remove_note(self, note_id: str) -> None:
        """Suppr: take a post-it off."""
        if note_id:
            self.edit(_("Retirer le post-it"), lambda b: rules.remove_note(b, note_id))

    @Slot(int)
    def _granularity_chosen(self, index: int) -> None:
        granularity = str(self.page.granularity.itemData(index))
        if granularity != self.backcast.granularity:
            self.edit(
                _("Changer le pas de la frise"), lambda b: rules.set_granularity(b, granularity)
            )

    @Slot()
    def _target_typed(self) -> None:
        year = self.page.target.value()
        if year != self.backcast.target_year:
            self.edit(_("Changer l'horizon"), lambda b: rules.set_target(b, year))

    def _step_period(self, step: int) -> None:
        combo = self.page.period
        combo.setCurrentIndex(max(0, min(combo.currentIndex() + step, combo.count() - 1)))

    # --- projection -------------------------------------------------------------------------

    def make_slide(self) -> QWidget:
        return TimelineCanvas()

    def update_slide(self, slide: Any) -> None:
        assert isinstance(slide, TimelineCanvas)
        slide.show_backcast(self.page.threads.current_title, self.backcast)
