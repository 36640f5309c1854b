"""Which method tool a step opens, built from what the workshop page has at hand.

``open_tool(store, operations, workshop_id, step_id, activity, app_paths)`` returns the tool's
presenter: ``.view`` goes in the control window, ``.slide()`` makes a projection page kept up to
date, ``.close()`` stops it listening. It returns None for an activity that has no method tool
here (the capture page, the ice-breakers… open theirs).
"""

from __future__ import annotations

import datetime as dt
import importlib
import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject

from capadesk.core.domain.vocabulary import ActivityKind
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from capadesk.ui.operations import Operations
from capadesk.ui.tools.base import ToolDialogs, ToolPresenter

# Each tool's module is imported when first opened: none is needed to show the first frame.
_PRESENTERS = {
    ActivityKind.PERSONA.value: ("persona_presenter", "PersonaPresenter"),
    ActivityKind.SPIDER_WEB.value: ("spider_presenter", "SpiderPresenter"),
    ActivityKind.JOURNEY_MAP.value: ("journey_presenter", "JourneyPresenter"),
    ActivityKind.PROJECTION_2027.value: ("story_presenter", "StoryPresenter"),
    ActivityKind.BACKCAST.value: ("backcast_presenter", "BackcastPresenter"),
    ActivityKind.LEGO_BUILD.value: ("lego_presenter", "LegoPresenter"),
}
TOOL_ACTIVITIES = frozenset(_PRESENTERS)


def has_tool(activity: ActivityKind | str) -> bool:
    """Whether ``activity`` opens one of the method tools."""
    return str(activity) in TOOL_ACTIVITIES


def open_tool(
    store: Store,
    operations: Operations,
    workshop_id: uuid.UUID,
    step_id: uuid.UUID | None,
    activity: ActivityKind | str,
    app_paths: AppPaths,
    *,
    dialogs: ToolDialogs | None = None,
    today: Callable[[], dt.date] = dt.date.today,
    parent: QObject | None = None,
) -> ToolPresenter | None:
    """The tool of ``activity`` for that workshop and step (see module docstring)."""
    found = _PRESENTERS.get(str(activity))
    if found is None:
        return None
    module, name = found
    presenter: type[ToolPresenter] = getattr(
        importlib.import_module(f"capadesk.ui.tools.{module}"), name
    )
    return presenter(
        store,
        operations,
        workshop_id,
        step_id,
        app_paths,
        dialogs=dialogs,
        today=today,
        parent=parent,
    )
