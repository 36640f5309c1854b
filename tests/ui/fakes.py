"""Test doubles for the UI: canned answers instead of modal dialogs."""

from __future__ import annotations

import datetime as dt
from collections import deque

from PySide6.QtWidgets import QWidget

from capadesk.core.domain.workshop import WorkshopSummary
from capadesk.ui.dialogs.prompts import Prompts
from capadesk.ui.dialogs.workshop_dialog import WorkshopFields


class UnexpectedPromptError(AssertionError):
    """The UI asked a question the test did not queue an answer for."""


class FakePrompts(Prompts):
    """Answers from queues, and a record of every question asked and error shown.

    An unqueued question raises, which pytest-qt reports as a failure of the test (the UI asked
    something the test did not expect).
    """

    def __init__(
        self,
        fields: list[WorkshopFields | None] | None = None,
        confirms: list[bool] | None = None,
    ) -> None:
        self.field_answers: deque[WorkshopFields | None] = deque(fields or [])
        self.confirm_answers: deque[bool] = deque(confirms or [])
        self.fields_asked: list[tuple[WorkshopSummary | None, list[str]]] = []
        self.confirms_asked: list[WorkshopSummary] = []
        self.errors: list[str] = []

    # --- queueing ---------------------------------------------------------------------------

    def answer(
        self,
        title: str,
        place: str = "",
        day: dt.date | None = None,
        programme: str | None = None,
    ) -> FakePrompts:
        """Queue the answer to the next « Nouvel atelier » / « Modifier l'atelier » form."""
        self.field_answers.append(WorkshopFields(title, place, day, programme))
        return self

    def cancel(self) -> FakePrompts:
        """Queue a cancelled form."""
        self.field_answers.append(None)
        return self

    def confirm(self, answer: bool) -> FakePrompts:
        """Queue the answer to the next « Supprimer l'atelier ? »."""
        self.confirm_answers.append(answer)
        return self

    @property
    def pending(self) -> int:
        """Answers queued but not asked for."""
        return len(self.field_answers) + len(self.confirm_answers)

    # --- Prompts ----------------------------------------------------------------------------

    def workshop_fields(
        self, parent: QWidget, initial: WorkshopSummary | None, programmes: list[str]
    ) -> WorkshopFields | None:
        self.fields_asked.append((initial, list(programmes)))
        if not self.field_answers:
            raise UnexpectedPromptError(f"workshop form opened without a queued answer: {initial}")
        return self.field_answers.popleft()

    def confirm_delete(self, parent: QWidget, workshop: WorkshopSummary) -> bool:
        self.confirms_asked.append(workshop)
        if not self.confirm_answers:
            raise UnexpectedPromptError(f"delete confirmation without a queued answer: {workshop}")
        return self.confirm_answers.popleft()

    def show_error(self, parent: QWidget, message: str) -> None:
        self.errors.append(message)
