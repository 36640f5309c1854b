"""The wall's questions (a thread's title, a new use case, a card's fields), behind one
replaceable object: tests subclass it with canned answers."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QWidget

from capadesk.core.domain.capture import CaptureView, UseCaseView
from capadesk.i18n import _


class CaptureDialogs:
    """Modal questions of the capture page."""

    def thread_title(self, parent: QWidget, heading: str, suggested: str = "") -> str | None:
        """A thread's title (a short sentence); None when cancelled."""
        return self._text(parent, heading, _("Titre du fil (une phrase courte)\u00a0:"), suggested)

    def use_case_title(self, parent: QWidget) -> str | None:
        """The title of a new use case; None when cancelled."""
        return self._text(parent, _("Nouveau cas d'usage"), _("Titre du cas d'usage\u00a0:"), "")

    def edit_capture(
        self,
        parent: QWidget,
        capture: CaptureView,
        use_cases: Sequence[UseCaseView],
        check: Callable[[CaptureView], None],
    ) -> CaptureView | None:
        """The card with its fields edited; None when cancelled. ``check`` raises a KnownError
        with a French message when the fields cannot be saved (the dialog then stays open)."""
        from capadesk.ui.capture.edit_dialog import CaptureEditDialog

        dialog = CaptureEditDialog(parent, capture, use_cases, check)
        return dialog.edited() if dialog.exec() == CaptureEditDialog.DialogCode.Accepted else None

    @staticmethod
    def _text(parent: QWidget, heading: str, label: str, suggested: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        text, accepted = QInputDialog.getText(parent, heading, label, text=suggested)
        return text.strip() if accepted and text.strip() else None
