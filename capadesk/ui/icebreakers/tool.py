"""What every ice-breaker tool has: a control widget, the projected pages it keeps up to date,
and a way to run commands. The presenter reads the step and hands the data to each tool."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.icebreakers import EntryDraft, PersonName, clean_draft, match_person
from capadesk.core.errors import ValidationError
from capadesk.core.services.commands import Command
from capadesk.core.services.icebreaker_commands import DeleteEntries
from capadesk.core.services.icebreakers import IcebreakerData
from capadesk.ui.icebreakers.widgets import MessageLine


class ToolContext(NamedTuple):
    """The step a tool records for, and the road to the store (``Operations.execute``)."""

    workshop_id: uuid.UUID
    step_id: uuid.UUID
    execute: Callable[[Command], bool]


class Tool(QObject):
    """Base of the four tools; subclasses build ``view`` and fill it and their slides."""

    TITLE = ""  # marked with N_, translated where shown

    def __init__(self, context: ToolContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.data: IcebreakerData | None = None
        self.slides: list[QWidget] = []

    @property
    def view(self) -> QWidget:
        """The control widget."""
        raise NotImplementedError

    def show(self, data: IcebreakerData) -> None:
        """Show ``data`` on the control widget and every slide."""
        self.data = data
        self.fill(data)
        for slide in self.slides:
            self.paint(slide, data)

    def slide(self) -> QWidget:
        """A new projected page, kept up to date until it is destroyed."""
        page = self.new_slide()
        self.slides.append(page)
        page.destroyed.connect(lambda: self.slides.remove(page))
        if self.data is not None:
            self.paint(page, self.data)
        return page

    def fill(self, data: IcebreakerData) -> None:
        """Show ``data`` on the control widget."""

    def new_slide(self) -> QWidget:
        """Build a projected page."""
        raise NotImplementedError

    def paint(self, slide: QWidget, data: IcebreakerData) -> None:
        """Show ``data`` on one of this tool's pages."""

    @property
    def people(self) -> tuple[PersonName, ...]:
        """The roster's names as last read."""
        return self.data.people if self.data is not None else ()

    def checked(self, draft: EntryDraft, message: MessageLine) -> bool:
        """True when ``draft`` can be saved; otherwise say why under the form (nothing is
        cleared, to be fixed)."""
        try:
            clean_draft(draft)
            for name in (draft.person, draft.other):
                match_person(name, self.people)
        except ValidationError as error:
            message.show_message(error.message, error=True)
            return False
        message.show_message("")
        return True

    @Slot(list)
    def delete(self, keys: list[object]) -> None:
        """Suppr in a list of answers: delete the selected ones (one undo for them all)."""
        ids = [key for key in keys if isinstance(key, uuid.UUID)]
        if ids:
            self.context.execute(DeleteEntries(ids))
