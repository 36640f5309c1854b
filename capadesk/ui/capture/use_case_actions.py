"""The use-case edits of the capture page (new, rename, territory, delete), each one undoable
command through Operations. Requests come from the capture bar (Ctrl+Shift+U) and the wall's
« Cas d'usage » menus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from capadesk.core.domain.capture import UseCaseView
from capadesk.core.services.use_case_commands import (
    AddUseCase,
    DeleteUseCase,
    RenameUseCase,
    SetUseCaseTerritory,
)

if TYPE_CHECKING:
    from capadesk.ui.capture.presenter import CapturePresenter


class UseCaseActions(QObject):
    """See module docstring."""

    def __init__(self, presenter: CapturePresenter) -> None:
        super().__init__(presenter)
        self.presenter = presenter
        page = presenter.page
        page.bar.new_use_case_requested.connect(self.add)
        menus = page.wall.menus
        menus.new_requested.connect(self.add)
        menus.rename_requested.connect(self.rename)
        menus.territory_requested.connect(self.set_territory)
        menus.delete_requested.connect(self.delete)

    @Slot()
    def add(self) -> None:
        """Ask a title, create the use case, make it the capture bar's current one."""
        presenter = self.presenter
        title = presenter.dialogs.use_case_title(presenter.page)
        if not title:
            return
        command = AddUseCase(presenter.workshop_id, title)
        if presenter.operations.execute(command):  # the bar lists it already (changes_made)
            presenter.page.bar.set_use_case(command.public_id)

    @Slot(object)
    def rename(self, use_case: UseCaseView) -> None:
        """« Renommer… »."""
        presenter = self.presenter
        title = presenter.dialogs.rename_use_case(presenter.page, use_case)
        if title and title != use_case.title:
            presenter.operations.execute(RenameUseCase(use_case, title))

    @Slot(object)
    def set_territory(self, use_case: UseCaseView) -> None:
        """« Territoire… » (an empty answer clears it)."""
        presenter = self.presenter
        territory = presenter.dialogs.use_case_territory(presenter.page, use_case)
        if territory is not None and territory != use_case.territory:
            presenter.operations.execute(SetUseCaseTerritory(use_case, territory))

    @Slot(object)
    def delete(self, use_case: UseCaseView) -> None:
        """« Supprimer le cas d'usage »: its cards go to « Sans cas d'usage » (undo brings it
        back with them)."""
        self.presenter.operations.execute(DeleteUseCase(use_case))
