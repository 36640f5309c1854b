"""Drives an ice-breaker step: builds its tools, reads the step's answers from the store, shows
them on the control widget and on every projected page, and re-reads after any change.

The tools follow the step's activity: « Placez-vous en ligne », Dixit, the yarn, the Lego
tower. A Dixit step also gets the yarn (the Lisieux protocol plays both in one step); its two
tools are tabs, and the projected page shows the tab that is open.

The presenter re-reads when a change names its workshop's entries, roster, groups or agenda.
"""

from __future__ import annotations

import logging
import random
import uuid

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from capadesk.core.domain.vocabulary import ActivityKind
from capadesk.core.errors import KnownError
from capadesk.core.services.changes import Changes
from capadesk.core.services.commands import Command
from capadesk.core.services.icebreakers import IcebreakerData, read_icebreaker
from capadesk.core.storage.store import Store
from capadesk.i18n import _
from capadesk.ui.icebreakers.dixit import DixitTool
from capadesk.ui.icebreakers.lego import LegoTool
from capadesk.ui.icebreakers.line_up import LineUpTool
from capadesk.ui.icebreakers.tool import Tool, ToolContext
from capadesk.ui.icebreakers.widgets import MessageLine
from capadesk.ui.icebreakers.yarn import YarnTool
from capadesk.ui.operations import Operations
from capadesk.ui.runner.style import ProjectionTheme, current_font_scale, current_theme

ICEBREAKERS = frozenset(
    {
        ActivityKind.ICEBREAKER_LINE_UP,
        ActivityKind.ICEBREAKER_DIXIT,
        ActivityKind.ICEBREAKER_YARN,
        ActivityKind.ICEBREAKER_LEGO_TOWER,
    }
)
_log = logging.getLogger(__name__)


def is_icebreaker(activity: ActivityKind) -> bool:
    """True for the activities this package has a tool for."""
    return activity in ICEBREAKERS


class IcebreakerView(QWidget):
    """The step's title, then its tool (or its tools as tabs)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Brise-glace"))
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title_label.setFont(font)
        self.tabs = QTabWidget()
        self.tabs.setTabBarAutoHide(True)  # one tool: no tab bar
        self.tabs.setDocumentMode(True)
        self.status = MessageLine()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)


class IcebreakerSlide(QStackedWidget):
    """The projected page of the tool whose tab is open (one page per tool)."""

    def __init__(self, pages: list[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Brise-glace projeté"))
        self.apply_look(current_theme(), current_font_scale())
        for page in pages:
            self.addWidget(page)

    def apply_look(self, theme: ProjectionTheme, font_scale: float) -> None:
        """Follow the projection's ``theme`` (the pages read it when they paint)."""
        del font_scale
        self.setStyleSheet(f"IcebreakerSlide {{ background: {theme.background}; }}")


class IcebreakerPresenter(QObject):
    """See module docstring. ``view`` is the control widget; ``slide()`` a projected page."""

    def __init__(
        self,
        store: Store,
        operations: Operations,
        workshop_id: uuid.UUID,
        step_id: uuid.UUID,
        activity: ActivityKind,
        parent: QObject | None = None,
        *,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(parent)
        if not is_icebreaker(activity):
            raise ValueError(f"not an ice-breaker: {activity}")
        self.store, self.operations = store, operations
        self.workshop_id, self.step_id, self.activity = workshop_id, step_id, activity
        self.view = IcebreakerView()
        context = ToolContext(workshop_id, step_id, self._execute)
        self.tools: list[Tool] = []
        if activity is ActivityKind.ICEBREAKER_LINE_UP:
            self.tools.append(LineUpTool(context, self, rng))
        if activity is ActivityKind.ICEBREAKER_DIXIT:
            self.tools.append(DixitTool(context, self))
        if activity in (ActivityKind.ICEBREAKER_DIXIT, ActivityKind.ICEBREAKER_YARN):
            self.tools.append(YarnTool(context, self))
        if activity is ActivityKind.ICEBREAKER_LEGO_TOWER:
            self.tools.append(LegoTool(context, self))
        for tool in self.tools:
            self.view.tabs.addTab(tool.view, _(tool.TITLE))
        self.view.tabs.currentChanged.connect(self._tab_changed)
        self.view.setFocusProxy(self.tool.view)
        self.slides: list[IcebreakerSlide] = []
        self.data: IcebreakerData | None = None
        self._closed = False
        operations.changes_made.connect(self._on_changes_made)
        self.reload()

    @property
    def tool(self) -> Tool:
        """The tool whose tab is open."""
        return self.tools[max(0, self.view.tabs.currentIndex())]

    def show_tool(self, index: int) -> None:
        """Open the ``index``-th tool's tab (0: the first)."""
        self.view.tabs.setCurrentIndex(index)

    def slide(self) -> IcebreakerSlide:
        """A new projected page that follows the answers and the open tab."""
        page = IcebreakerSlide([tool.slide() for tool in self.tools])
        page.setCurrentIndex(self.view.tabs.currentIndex())
        self.slides.append(page)
        page.destroyed.connect(lambda: self.slides.remove(page))
        return page

    def reload(self) -> None:
        """Read the step's answers again and show them."""
        try:
            self.data = read_icebreaker(self.store, self.workshop_id, self.step_id)
        except KnownError as error:  # the step was removed from the agenda, say
            self.view.status.show_message(error.message, error=True)
            self.view.tabs.setEnabled(False)
            return
        self.view.tabs.setEnabled(True)
        self.view.status.show_message("")
        self.view.title_label.setText(self.data.step_title)
        for tool in self.tools:
            tool.show(self.data)

    def close(self) -> None:
        """The page goes away: stop listening."""
        if not self._closed:
            self._closed = True
            self.operations.changes_made.disconnect(self._on_changes_made)

    def _execute(self, command: Command) -> bool:
        return self.operations.execute(command)

    @Slot(object)
    def _on_changes_made(self, changes: Changes) -> None:
        if not self._closed and self._concerns(changes):
            self.reload()

    def _concerns(self, changes: Changes) -> bool:
        named = (
            changes.participants
            | changes.groups
            | changes.agendas
            | changes.workshops
            | changes.entries
        )
        return self.workshop_id in named

    @Slot(int)
    def _tab_changed(self, index: int) -> None:
        self.view.setFocusProxy(self.tool.view)
        for page in self.slides:
            page.setCurrentIndex(index)
