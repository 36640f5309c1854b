"""Which display the projection goes on: a pure choice, so it is tested with fake screens."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

Screen = TypeVar("Screen")


def projection_screen(screens: Sequence[Screen], control: Screen | None) -> Screen | None:
    """The screen to project on, fullscreen: one that is not ``control`` (the control window's).

    None when there is only one screen: the projection is then a window the facilitator
    toggles. When ``control`` is unknown (None, or not in ``screens``) the first screen — Qt
    lists the primary one first, the laptop's own as a rule — is taken as the control's.
    """
    if len(screens) < 2:
        return None
    reference = control if control in screens else screens[0]
    return next((screen for screen in screens if screen != reference), None)
