"""The « Outil » tab: the tool of the step the day is on (an ice-breaker, a method tool, a
matrix, the maturity self-assessment), or one the facilitator opened by hand.

When the runner reaches a step whose activity has a tool, the host drops the open tool (it
saves what it holds when closed) and builds that one; a step without a tool leaves the open
tool in place (the room often finishes the previous exercise). « Ouvrir » opens any tool at
any time — the matrices of parallel tracks, say. The workshop page lends the open tool's
projected page to the projection as the « tool » slide.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.vocabulary import ActivityKind
from capadesk.i18n import _
from capadesk.paths import AppPaths
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


class _MatrixTool(QObject):
    """A matrix step: the grid editor opened on the template the step's activity fills."""

    def __init__(
        self, store: Store, operations: Operations, workshop_id: uuid.UUID, app_paths: AppPaths
    ) -> None:
        super().__init__()
        from capadesk.core.domain.matrix import template_library, user_templates_dir
        from capadesk.ui.matrices import MatrixPresenter

        templates = template_library(user_templates_dir(app_paths))
        self.presenter = MatrixPresenter(store, operations, workshop_id, templates, parent=self)

    @property
    def view(self) -> QWidget:
        return self.presenter.editor

    def slide(self) -> QWidget:
        return self.presenter.matrix_slide()

    def close(self) -> None:
        """Nothing to keep: every cell is saved when it is typed."""


class _MaturityTool(QObject):
    """A maturity step: the self-assessment page and its picture."""

    def __init__(self, store: Store, operations: Operations, workshop_id: uuid.UUID) -> None:
        super().__init__()
        from capadesk.ui.maturity import MaturityPresenter

        self.presenter = MaturityPresenter(store, operations, workshop_id, parent=self)

    @property
    def view(self) -> QWidget:
        return self.presenter.page

    def slide(self) -> QWidget:
        return self.presenter.maturity_slide()

    def close(self) -> None:
        """Nothing to keep: every answer is saved when it is typed."""


class StepToolHost(QObject):
    """Keeps the current step's tool in the « Outil » tab (see module docstring)."""

    def __init__(
        self,
        store: Store,
        operations: Operations,
        workshop_id: uuid.UUID,
        view: WorkshopView,
        app_paths: AppPaths,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store, self._operations, self._workshop_id = store, operations, workshop_id
        self._view, self._app_paths = view, app_paths
        self._matrix_kinds: frozenset[str] | None = None
        self.tool: StepTool | None = None
        self.step: tuple[uuid.UUID, ActivityKind] | None = None
        self.activity: ActivityKind | None = None  # the open tool's
        choice = view.tool_choice
        choice.clear()
        for activity in self.activities():
            choice.addItem(activity.label, activity.value)

    def activities(self) -> list[ActivityKind]:
        """Every activity that has a tool, in the vocabulary's order."""
        from capadesk.ui.icebreakers import is_icebreaker
        from capadesk.ui.tools.factory import has_tool

        return [
            kind
            for kind in ActivityKind
            if is_icebreaker(kind)
            or has_tool(kind)
            or kind is ActivityKind.MATURITY
            or kind.value in self._matrix_activities()
        ]

    def follow(self, current: tuple[uuid.UUID, ActivityKind] | None) -> bool:
        """Open the tool of ``current`` (the day's step) if it has one; True when the open
        tool changed."""
        if current == self.step:
            return False
        self.step = current
        if current is None or current[1] not in self.activities():
            return False
        return self.open(*current)

    def open(self, step_id: uuid.UUID | None, activity: ActivityKind) -> bool:
        """Open the tool of ``activity`` (for ``step_id``, if any) in place of the open one."""
        built = self._build(step_id, activity)
        if built is None:
            return False
        self._drop()
        self.tool, self.activity = built, activity
        self._view.set_tab_content(self._view.tool_tab, built.view)
        self._view.no_tool_page.hide()
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
        self.step = self.activity = None
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

    def _build(self, step_id: uuid.UUID | None, activity: ActivityKind) -> StepTool | None:
        from capadesk.ui.icebreakers import IcebreakerPresenter, is_icebreaker
        from capadesk.ui.tools.factory import has_tool, open_tool

        if is_icebreaker(activity):
            step = step_id or self._first_step_of(activity)
            if step is None:  # answers belong to a step: the agenda has none of this kind
                return None
            return IcebreakerPresenter(
                self._store, self._operations, self._workshop_id, step, activity, self
            )
        if has_tool(activity):
            return open_tool(
                self._store,
                self._operations,
                self._workshop_id,
                step_id,
                activity,
                self._app_paths,
                parent=self,
            )
        if activity is ActivityKind.MATURITY:
            return _MaturityTool(self._store, self._operations, self._workshop_id)
        if activity.value not in self._matrix_activities():
            return None
        matrix = _MatrixTool(self._store, self._operations, self._workshop_id, self._app_paths)
        matrix.presenter.step_id = step_id
        matrix.presenter.choose_for_activity(activity.value)
        return matrix

    def _first_step_of(self, activity: ActivityKind) -> uuid.UUID | None:
        from capadesk.core.services.agenda import read_agenda

        agenda = read_agenda(self._store, self._workshop_id)
        for step_id, step in zip(agenda.step_ids, agenda.protocol.steps, strict=True):
            if step.activity is activity:
                return step_id
        return None

    def _matrix_activities(self) -> frozenset[str]:
        """The activities some matrix template is filled at (read once: the files are small
        but the day moves often)."""
        if self._matrix_kinds is None:
            from capadesk.core.domain.matrix import template_library, user_templates_dir

            library = template_library(user_templates_dir(self._app_paths))
            self._matrix_kinds = frozenset(t.activity for t in library if t.activity)
        return self._matrix_kinds
