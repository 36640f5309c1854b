"""The roster's and the group board's questions, behind one object tests replace."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from capadesk.i18n import _

if TYPE_CHECKING:
    from capadesk.core.domain.roster_format import RosterPreview
    from capadesk.core.domain.workshop import WorkshopSummary
    from capadesk.ui.people.proposal_dialog import ProposalSettings


class PeopleDialogs:
    """Modal file choosers and forms. Tests subclass it with canned answers."""

    def open_csv_path(self, parent: QWidget) -> Path | None:
        """The CSV file to import; None when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        name, _chosen = QFileDialog.getOpenFileName(
            parent, _("Importer une liste de participants"), "", _("Fichiers CSV (*.csv *.txt)")
        )
        return Path(name) if name else None

    def save_path(self, parent: QWidget, title: str, suggested: str, suffix: str) -> Path | None:
        """Where to write a file (``suffix`` such as « .csv » added when missing)."""
        from PySide6.QtWidgets import QFileDialog

        filters = {".csv": _("Fichiers CSV (*.csv)"), ".pdf": _("Documents PDF (*.pdf)")}
        name, _chosen = QFileDialog.getSaveFileName(parent, title, suggested, filters[suffix])
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(suffix)

    def confirm_import(self, parent: QWidget, preview: RosterPreview) -> bool | None:
        """Show the preview; None when cancelled, else whether to skip the invalid lines."""
        from capadesk.ui.people.import_dialog import ImportPreviewDialog

        dialog = ImportPreviewDialog(preview, parent)
        if dialog.exec() != ImportPreviewDialog.DialogCode.Accepted:
            return None
        return dialog.skip_invalid

    def choose_workshop(
        self, parent: QWidget, workshops: list[WorkshopSummary]
    ) -> WorkshopSummary | None:
        """The workshop whose roster to copy; None when cancelled."""
        from PySide6.QtWidgets import QInputDialog

        titles = [w.title for w in workshops]
        title, accepted = QInputDialog.getItem(
            parent,
            _("Reprendre une liste"),
            _("Atelier du même programme\u00a0:"),
            titles,
            0,
            False,
        )
        return workshops[titles.index(title)] if accepted and title in titles else None

    def proposal_settings(
        self, parent: QWidget, initial: ProposalSettings, use_cases: bool, challenges: bool
    ) -> ProposalSettings | None:
        """Size or count, seed, choices; None when cancelled."""
        from capadesk.ui.people.proposal_dialog import ProposalDialog

        dialog = ProposalDialog(initial, use_cases, challenges, parent)
        if dialog.exec() != ProposalDialog.DialogCode.Accepted:
            return None
        return dialog.settings()

    def group_name(self, parent: QWidget, title: str, suggested: str) -> str | None:
        """A group's name; None when cancelled or blank."""
        from PySide6.QtWidgets import QInputDialog

        name, accepted = QInputDialog.getText(
            parent, title, _("Nom du groupe\u00a0:"), text=suggested
        )
        return name.strip() if accepted and name.strip() else None

    def challenge_titles(self, parent: QWidget) -> list[str] | None:
        """Défis, one a line, to make one group each; None when cancelled."""
        from PySide6.QtWidgets import QInputDialog

        text, accepted = QInputDialog.getMultiLineText(
            parent, _("Un groupe par défi"), _("Les défis, un par ligne\u00a0:")
        )
        titles = [line.strip() for line in text.splitlines() if line.strip()]
        return titles if accepted and titles else None
