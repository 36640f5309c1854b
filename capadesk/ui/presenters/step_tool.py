"""The « Outil » tab: the tool of the step the day is on (an ice-breaker, a method tool…).

When the runner moves to another step, the host drops the old tool (it saves what it holds
when closed) and builds the new step's one, if its activity has a tool; the workshop page then
lends the tool's projected page to the projection as the « tool » slide.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.vocabulary import ActivityKind
from capadesk.i18n import _
from capadesk.ui.operations import Operations
from capadesk.ui.runner.slides import projection_label
from capadesk.ui.views.workshop_view import WorkshopView

if TYPE_CHECKING:
    from capadesk.core.storage.store import Store


class StepTool(Protocol):
    """What a step's tool gives the page: a control widget, projected pages, a way out."""

    @property
    def view(self) -> QWidget: ...

    def slide(self) -> QWidget: ...

    def close(self) -> None: ...


class StepToolHost(QObject):
    """Keeps the current step's tool in the « Outil » tab (see module docstring)."""

    def __init__(
        self,
        store: Store,
        operations: Operations,
        workshop_id: uuid.UUID,
        view: WorkshopView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store, self._operations, self._workshop_id = store, operations, workshop_id
        self._view = view
        self.tool: StepTool | None = None
        self.step: tuple[uuid.UUID, ActivityKind] | None = None

    def follow(self, current: tuple[uuid.UUID, ActivityKind] | None) -> bool:
        """Show the tool of ``current`` (the day's step); True when the tool changed."""
        if current == self.step:
            return False
        self._drop()
        self.step = current
        if current is not None:
            self.tool = self._build(*current)
        if self.tool is not None:
            self._view.set_tab_content(self._view.tool_tab, self.tool.view)
            self._view.no_tool_page.hide()
        else:
            self._view.no_tool_page.show()
        return True

    def slide(self) -> QWidget:
        """A projected page of the current tool, or a quiet one when the step has none."""
        if self.tool is not None:
            return self.tool.slide()
        quiet = _("Pas d'outil à projeter pour cette étape")
        label = projection_label(quiet)
        label.setText(quiet)
        return label

    def close(self) -> None:
        """The page is left: close the tool (it keeps what was typed)."""
        self._drop()
        self.step = None
        self._view.no_tool_page.show()

    def _drop(self) -> None:
        if self.tool is None:
            return
        self.tool.close()
        widget = self.tool.view
        widget.setParent(None)  # out of the tab at once
        widget.deleteLater()
        if isinstance(self.tool, QObject):
            self.tool.deleteLater()
        self.tool = None

    def _build(self, step_id: uuid.UUID, activity: ActivityKind) -> StepTool | None:
        from capadesk.ui.icebreakers import IcebreakerPresenter, is_icebreaker

        if is_icebreaker(activity):
            return IcebreakerPresenter(
                self._store, self._operations, self._workshop_id, step_id, activity, self
            )
        return None
