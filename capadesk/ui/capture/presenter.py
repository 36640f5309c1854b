"""Drives the capture page: reads the wall from the services, runs every edit as one undoable
command through Operations, and refreshes only what a ``Changes`` names.

``Changes.captures`` → those cards are read again (``get_captures``) and inserted, updated or
removed one by one; ``threads`` → the threads, their cards' grouping, the ranking and the dots
entered; ``use_cases`` → the use cases of the bar and the cards, and the photos (photo changes
are reported as use-case changes); ``agendas`` → the vote step and its rules; ``participants``
→ the roster the vote panel picks voters from.

Photos live in ``photos_dir`` (``AppPaths.photos_dir``; by default the ``photos`` folder next to
the store file, which is where AppPaths puts it).
The presenter listens to ``Operations.changes_made`` itself, so an undo from the main window's
menu shows at once; ``refresh`` is public for changes made outside Operations.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.capture import (
    CaptureView,
    PhotoView,
    RankedThread,
    ThreadView,
    UseCaseView,
    VotingRules,
)
from capadesk.core.errors import KnownError, ValidationError
from capadesk.core.services import captures, drafts, photos, threads, use_cases, votes
from capadesk.core.services.capture_commands import AddCapture, DeleteCapture, UpdateCapture
from capadesk.core.services.changes import Changes
from capadesk.core.storage.store import Store
from capadesk.i18n import _
from capadesk.ui.capture.batch import Batch
from capadesk.ui.capture.dialogs import CaptureDialogs
from capadesk.ui.capture.page import CapturePage
from capadesk.ui.capture.photo_actions import PhotoActions
from capadesk.ui.capture.photo_strip import ThumbnailCache
from capadesk.ui.capture.slides import VoteSlide, WallSlide
from capadesk.ui.capture.use_case_actions import UseCaseActions
from capadesk.ui.capture.vote_actions import VoteActions
from capadesk.ui.capture.wall_actions import WallActions
from capadesk.ui.capture.wall_layout import Grouping, WallFilter
from capadesk.ui.capture.wall_model import WallModel
from capadesk.ui.operations import Operations

DRAFT_CONTEXT = "capture-bar"
_log = logging.getLogger(__name__)


class CapturePresenter(QObject):
    """See module docstring."""

    def __init__(
        self,
        store: Store,
        operations: Operations,
        workshop_id: uuid.UUID,
        *,
        dialogs: CaptureDialogs | None = None,
        photos_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.workshop_id = store, workshop_id
        self.operations = operations
        self.dialogs = dialogs or CaptureDialogs()
        self.photos_dir = photos_dir or store.path.parent / "photos"
        self.thumbnails = ThumbnailCache(self.photos_dir, self)
        self.photos: list[PhotoView] = []
        self.step_id: uuid.UUID | None = None  # the step new cards belong to (set by the day)
        self.model = WallModel(self)
        self.page = CapturePage(self.model)
        self.use_cases: list[UseCaseView] = []
        self.threads: list[ThreadView] = []
        self.ranked: list[RankedThread] = []
        self.vote_step_id: uuid.UUID | None = None
        self.rules = VotingRules()
        self.wall_slides: list[WallSlide] = []
        self.vote_slides: list[VoteSlide] = []
        self._closed = False
        self._draft_kept = False  # a draft row may exist: clear it after the next save
        self.actions = WallActions(self)
        self.vote_actions = VoteActions(self)
        self.use_case_actions = UseCaseActions(self)
        self.photo_actions = PhotoActions(self)
        bar = self.page.bar
        bar.submitted.connect(self.add_capture)
        bar.draft_changed.connect(self._save_draft)
        wall = self.page.wall
        wall.edit_requested.connect(self.edit_capture)
        wall.delete_requested.connect(self.delete_captures)
        wall.settings_changed.connect(self._wall_settings_changed)
        operations.changes_made.connect(self.refresh)
        self.load()
        self._restore_draft()

    # --- reading ----------------------------------------------------------------------------

    def load(self) -> None:
        """Read everything the page shows (opening it)."""
        self._load_use_cases()
        self._load_rules()
        self.vote_actions.load_participants()
        self._load_threads()
        self.model.reset(captures.list_captures(self.store, self.workshop_id))

    def _load_use_cases(self) -> None:
        self.use_cases = use_cases.list_use_cases(self.store, self.workshop_id)
        self.page.bar.set_use_cases(self.use_cases)
        self.model.set_context(self.use_cases, None)
        self.photos = photos.list_photos(self.store, self.workshop_id)
        by_use_case = self.photos_by_use_case()
        for view in (self.page.wall.view, *(s.view for s in self.wall_slides)):
            view.set_photos(by_use_case, self.thumbnails)

    def photos_by_use_case(self) -> dict[uuid.UUID, list[PhotoView]]:
        """The photos attached to a use case, by use case, in the order they were attached."""
        found: dict[uuid.UUID, list[PhotoView]] = {}
        for photo in self.photos:
            if photo.use_case_id is not None:
                found.setdefault(photo.use_case_id, []).append(photo)
        return found

    def photos_of(self, use_case_id: uuid.UUID) -> Sequence[PhotoView]:
        """One use case's photos, as its strip shows them."""
        return [p for p in self.photos if p.use_case_id == use_case_id]

    def _load_rules(self) -> None:
        self.vote_step_id = votes.vote_step(self.store, self.workshop_id)
        self.rules = votes.voting_rules(self.store, self.vote_step_id)
        self.page.votes.set_rules(self.rules, has_step=self.vote_step_id is not None)
        for slide in self.vote_slides:
            slide.set_rules(self.rules)

    def _load_threads(self) -> None:
        self.threads = threads.list_threads(self.store, self.workshop_id)
        self.ranked = votes.ranking(self.store, self.workshop_id, self.vote_step_id)
        self.model.set_context(None, self.threads)
        self.page.threads.set_threads(self.threads)
        self.page.votes.set_votes(self.threads, self.ranked)
        self.vote_actions.refresh()
        for slide in self.vote_slides:
            slide.set_ranking(self.ranked)

    def refresh_votes(self) -> None:
        """Read the threads and the ranking again."""
        self._load_threads()

    @Slot(object)
    def refresh(self, changes: Changes) -> None:
        """Show what ``changes`` says changed, and only that (see module docstring)."""
        if self._closed:
            return
        mine = self.workshop_id
        if mine in changes.use_cases:
            self._load_use_cases()
        if mine in changes.agendas:
            self._load_rules()
        if mine in changes.participants:
            self.vote_actions.load_participants()
        if mine in changes.threads or mine in changes.agendas:
            self._load_threads()
        if changes.captures:
            found = captures.get_captures(self.store, changes.captures)
            ours = {
                i: c if c is not None and c.workshop_id == mine else None for i, c in found.items()
            }
            added = self.model.apply(ours)
            if added:
                self._show_added(added[-1])

    def _show_added(self, capture_id: uuid.UUID) -> None:
        row = self.model.row_of(capture_id)
        if row is None:
            return
        view = self.page.wall.view
        view.scrollTo(self.model.index(row, 0))
        if row not in view.geometry_now().where:
            self.page.bar.show_message(
                _("Carte enregistrée, masquée par les filtres du mur."), error=False
            )
        for slide in self.wall_slides:
            slide.show_card(row)

    # --- the capture bar --------------------------------------------------------------------

    @Slot(str)
    def add_capture(self, text: str) -> None:
        """Enter: save the bar's text as a card of the bar's kind, use case and stage."""
        bar = self.page.bar
        try:
            captures.check_capture_text(text)
        except ValidationError as error:
            bar.show_message(error.message)  # the text stays, to be fixed
            return
        command = AddCapture(
            self.workshop_id, bar.kind, text, bar.stage, bar.use_case_id, None, self.step_id
        )
        if self.operations.execute(command):
            bar.clear_after_save()
            self._clear_draft()

    def _restore_draft(self) -> None:
        text = drafts.read_drafts(self.store, self.workshop_id).get(DRAFT_CONTEXT, "")
        if text:
            self._draft_kept = True
            self.page.bar.restore(text)

    @Slot(str)
    def _save_draft(self, text: str) -> None:
        try:
            drafts.save_draft(self.store, self.workshop_id, DRAFT_CONTEXT, text)
            self._draft_kept = bool(text)
        except KnownError as error:  # a read-only store: the banner says why; keep typing
            _log.warning("draft not saved: %s", error.message)

    def _clear_draft(self) -> None:
        if not self._draft_kept:  # nothing stored: spare the Enter a second transaction
            return
        try:
            drafts.clear_draft(self.store, self.workshop_id, DRAFT_CONTEXT)
            self._draft_kept = False
        except KnownError as error:
            _log.warning("draft not cleared: %s", error.message)

    @Slot()
    def add_use_case(self) -> None:
        """Ctrl+Shift+U: ask a title, create the use case (undoable), make it the bar's own."""
        self.use_case_actions.add()

    # --- cards ------------------------------------------------------------------------------

    @Slot(object)
    def edit_capture(self, capture: CaptureView) -> None:
        """F2 / double click: edit a card in a dialog, saved as one UpdateCapture."""
        edited = self.dialogs.edit_capture(self.page, capture, self.use_cases, check_card)
        if edited is not None and edited != capture:
            self.operations.execute(UpdateCapture(capture, edited))

    @Slot(list)
    def delete_captures(self, chosen: list[CaptureView]) -> None:
        """Suppr: delete the selected cards (one undo brings them all back)."""
        if len(chosen) == 1:
            self.operations.execute(DeleteCapture(chosen[0]))
        elif chosen:
            label = _("Supprimer {count} cartes").format(count=len(chosen))
            self.operations.execute(Batch(label, [DeleteCapture(c) for c in chosen]))

    # --- projection -------------------------------------------------------------------------

    def wall_slide(self) -> WallSlide:
        """A new projected wall showing this page's cards, grouped and filtered like it."""
        slide = WallSlide(self.model)
        view = self.page.wall.view
        slide.set_grouping(view.grouping)
        slide.set_filter(view.wall_filter)
        slide.view.set_photos(self.photos_by_use_case(), self.thumbnails)
        self.wall_slides.append(slide)
        slide.destroyed.connect(lambda: self.wall_slides.remove(slide))
        return slide

    def vote_slide(self) -> VoteSlide:
        """A new projected vote chart, kept up to date with the votes."""
        slide = VoteSlide()
        slide.set_rules(self.rules)
        slide.set_ranking(self.ranked)
        self.vote_slides.append(slide)
        slide.destroyed.connect(lambda: self.vote_slides.remove(slide))
        return slide

    @Slot(object, object)
    def _wall_settings_changed(self, grouping: object, wall_filter: object) -> None:
        assert isinstance(grouping, Grouping) and isinstance(wall_filter, WallFilter)
        for slide in self.wall_slides:
            slide.set_grouping(grouping)
            slide.set_filter(wall_filter)

    def close(self) -> None:
        """The page goes away: save the draft being typed now, stop listening."""
        if self._closed:
            return
        if self.page.bar.draft_timer.isActive():
            self.page.bar.flush_draft()
        self._closed = True
        self.operations.changes_made.disconnect(self.refresh)


def check_card(capture: CaptureView) -> None:
    """Raise ValidationError (French) when the card's text or note cannot be saved."""
    captures.check_capture_text(capture.text)
    captures.check_note(capture.note)
