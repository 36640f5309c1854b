"""The vote panel's reading and edits: the roster to pick voters from, the dots entered (the wall's
tallies or one participant's), and each vote as one undoable command through Operations.

A participant's vote past their budget is checked before it is tried, so the refusal shows in
French above the table (and the box goes back to what is stored) rather than only in a dialog.
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from capadesk.core.errors import KnownError
from capadesk.core.services import participants, votes
from capadesk.core.services.vote_commands import KeepTop, SetParticipantDots, SetTally
from capadesk.ui.capture.vote_panel import VoteMode

if TYPE_CHECKING:
    from capadesk.ui.capture.presenter import CapturePresenter

_log = logging.getLogger(__name__)


class VoteActions(QObject):
    """See module docstring."""

    def __init__(self, presenter: CapturePresenter) -> None:
        super().__init__(presenter)
        self.presenter = presenter
        self.panel = presenter.page.votes
        self.panel.tally_changed.connect(self.set_tally)
        self.panel.participant_dots_changed.connect(self.set_participant_dots)
        self.panel.voter_changed.connect(self.show_entered)
        self.panel.keep_top_requested.connect(self.keep_top)

    # --- reading ----------------------------------------------------------------------------

    def load_participants(self) -> None:
        """Read the roster again, and who has voted."""
        presenter = self.presenter
        roster = participants.list_participants(presenter.store, presenter.workshop_id)
        totals = votes.participant_totals(
            presenter.store, presenter.workshop_id, presenter.vote_step_id
        )
        self.panel.set_participants(roster, totals)

    @Slot()
    def show_entered(self) -> None:
        """Show the dots entered the current way: the wall's tallies or the chosen person's."""
        presenter = self.presenter
        store, workshop, step = presenter.store, presenter.workshop_id, presenter.vote_step_id
        try:
            if self.panel.mode is VoteMode.WALL:
                self.panel.set_entered(votes.tallies(store, workshop, step))
                return
            participant = self.panel.participant_id
            if participant is None:
                self.panel.set_entered({})
                return
            self.panel.set_entered(votes.participant_dots(store, workshop, step, participant))
        except KnownError as error:  # the participant was just removed from the roster
            _log.info("votes not shown: %s", error.message)
            self.panel.set_entered({})

    def refresh(self) -> None:
        """The votes changed: the dots entered and who has voted."""
        self.show_entered()
        if self.panel.mode is VoteMode.PARTICIPANT:
            self.load_participants()

    # --- edits ------------------------------------------------------------------------------

    @Slot(object, int)
    def set_tally(self, thread_id: uuid.UUID, dots: int) -> None:
        """The dots counted on the paper wall for one thread."""
        presenter = self.presenter
        self.panel.show_message("")
        if not presenter.operations.execute(
            SetTally(presenter.workshop_id, presenter.vote_step_id, thread_id, dots)
        ):
            self.show_entered()  # the box shows the stored count again

    @Slot(object, object, int)
    def set_participant_dots(
        self, participant_id: uuid.UUID, thread_id: uuid.UUID, dots: int
    ) -> None:
        """One participant's dots on one thread; past their budget, refused with a message."""
        presenter = self.presenter
        workshop, step = presenter.workshop_id, presenter.vote_step_id
        self.panel.show_message("")
        try:
            votes.check_participant_dots(
                presenter.store, workshop, step, participant_id, thread_id, dots
            )
        except KnownError as error:
            self.panel.show_message(error.message)
            self.show_entered()
            return
        command = SetParticipantDots(workshop, step, participant_id, thread_id, dots)
        if not presenter.operations.execute(command):
            self.show_entered()

    @Slot()
    def keep_top(self) -> None:
        """« Retenir les N premiers »."""
        presenter = self.presenter
        presenter.operations.execute(KeepTop(presenter.workshop_id, presenter.vote_step_id))
