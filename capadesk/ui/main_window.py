"""The control window: assembles the pages, menus, undo history and the store banner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from capadesk import APP_NAME
from capadesk.i18n import _
from capadesk.paths import AppPaths
from capadesk.ui.dialogs.prompts import Prompts
from capadesk.ui.operations import Operations
from capadesk.ui.presenters.workshop_list_presenter import WorkshopListPresenter
from capadesk.ui.shortcuts import Shortcuts
from capadesk.ui.views.workshop_list_view import WorkshopListView

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent  # its import builds QEvent's 180-member enum

    from capadesk.core.domain.workshop import WorkshopSummary
    from capadesk.ui.presenters.workshop_page_presenter import WorkshopPagePresenter
    from capadesk.ui.views.workshop_view import WorkshopView


class MainWindow(QMainWindow):
    """Stays small: each page has its own view and presenter."""

    def __init__(self, app_paths: AppPaths, prompts: Prompts | None = None) -> None:
        super().__init__()
        self.app_paths = app_paths
        self.setWindowTitle(APP_NAME)
        self.prompts = prompts or Prompts()
        self.shortcuts = Shortcuts()
        self.undo_stack = QUndoStack(self)
        self.operations = Operations(self.undo_stack, self.prompts, self)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setObjectName("storeBanner")
        self.banner.setStyleSheet(
            "#storeBanner { background: #fdecea; color: #611a15; padding: 8px;"
            " border: 1px solid #f5c2c0; }"
        )
        self.banner.setAccessibleName(_("Avertissement sur la base de données"))
        self.banner.hide()

        self.pages = QStackedWidget()
        self.list_view = WorkshopListView()
        self.pages.addWidget(self.list_view)
        self.workshops = WorkshopListPresenter(
            self.pages,
            self.list_view,
            self.operations,
            self.prompts,
            self.shortcuts,
            self,
        )
        self.workshops.workshop_opened.connect(self._show_title_of)
        self.workshops.workshop_opened.connect(self._open_page)
        self.workshops.opened_changed.connect(self._show_title_of)
        self.workshops.list_shown.connect(self._leave_page)
        self._page: WorkshopPagePresenter | None = None
        self.workshops.list_shown.connect(lambda: self.setWindowTitle(APP_NAME))

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._settings = QSettings(
            str(app_paths.config_dir / "interface.ini"), QSettings.Format.IniFormat
        )
        geometry = self._settings.value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 720)

    def _open_page(self, workshop: WorkshopSummary) -> None:
        if self._page is None:  # built on first use, like the page itself
            from capadesk.ui.presenters.workshop_page_presenter import WorkshopPagePresenter

            self._page = WorkshopPagePresenter(
                self.workshop_view, self.operations, self.prompts, self.app_paths, self
            )
        self._page.open(workshop)

    def _leave_page(self) -> None:
        if self._page is not None:
            self._page.leave()

    @property
    def page(self) -> WorkshopPagePresenter | None:
        """The opened workshop's page presenter, once a workshop was opened."""
        return self._page

    def _show_title_of(self, workshop: WorkshopSummary) -> None:
        self.setWindowTitle(f"{workshop.title} — {APP_NAME}")

    @property
    def workshop_view(self) -> WorkshopView:
        """The opened-workshop page (built on first use)."""
        return self.workshops.workshop_view

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&Fichier"))
        presenter = self.workshops
        for action in (presenter.new_action, presenter.open_action, presenter.duplicate_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quitter"), self)
        self.shortcuts.assign(quit_action, "Ctrl+Q")
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = bar.addMenu(_("É&dition"))
        self.undo_action = self.undo_stack.createUndoAction(self, _("Annuler"))
        self.shortcuts.assign(self.undo_action, standard="Undo")
        self.redo_action = self.undo_stack.createRedoAction(self, _("Rétablir"))
        self.shortcuts.assign(self.redo_action, "Ctrl+Shift+Z", "Ctrl+Y")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        for action in (presenter.edit_action, presenter.delete_action, presenter.find_action):
            edit_menu.addAction(action)

        view_menu = bar.addMenu(_("&Affichage"))
        view_menu.addAction(presenter.back_action)

        help_menu = bar.addMenu(_("Aid&e"))
        about = QAction(_("À &propos de CapaDesk"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def show_about(self) -> None:
        """The About box, with the method's credit."""
        from capadesk.ui.dialogs.about_dialog import AboutDialog  # rarely opened: not at start

        AboutDialog(self, self.app_paths).exec()

    def show_store_problem(self, message: str) -> None:
        """Keep a store problem visible above every page."""
        self.banner.setText(message)
        self.banner.show()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self._settings.setValue("main_window/geometry", self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)
