"""Keyboard shortcuts of the control window, bound once its first frame is on screen.

Binding the first QKeySequence makes PySide6 build its ``Qt`` enum namespace (about a hundred
Python enums, ≈ 60 ms on the project's machine). Nobody presses a key in the first frame, so
actions get their keys on the next event-loop turn and the window shows that much sooner.
The registry is also the one list of shortcuts, for menus and a future help panel.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QAction


class Binding(NamedTuple):
    """The keys of one action: portable key texts and, optionally, a platform standard key."""

    action: QAction
    keys: tuple[str, ...]
    standard: str | None


class Shortcuts:
    """Collects key bindings, applies them all at ``bind()`` and at once afterwards."""

    def __init__(self) -> None:
        self.bindings: list[Binding] = []
        self.bound = False

    def assign(self, action: QAction, *keys: str, standard: str | None = None) -> QAction:
        """Give ``action`` its keys: texts like "Ctrl+D" or "F2", and/or ``standard``, the name
        of a QKeySequence.StandardKey ("New", "Undo"…) whose keys differ per platform."""
        binding = Binding(action, keys, standard)
        self.bindings.append(binding)
        if self.bound:
            self._apply(binding)
        return action

    def bind(self) -> None:
        """Apply every binding (idempotent)."""
        if self.bound:
            return
        self.bound = True
        for binding in self.bindings:
            self._apply(binding)

    @staticmethod
    def _apply(binding: Binding) -> None:
        from PySide6.QtGui import QKeySequence  # importing it builds its enums: not at start

        sequences = []
        if binding.standard is not None:
            standard = getattr(QKeySequence.StandardKey, binding.standard)
            sequences.extend(QKeySequence.keyBindings(standard))
        sequences.extend(QKeySequence(key) for key in binding.keys)
        binding.action.setShortcuts(sequences)
