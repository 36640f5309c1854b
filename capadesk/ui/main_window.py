"""The control window: assembles the pages, menus, undo history and the store banner; owns the
backups' keeper once the store is open, and reopens the store after a restore."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from capadesk import APP_NAME
from capadesk.core.runner.clock import Clock, SystemClock
from capadesk.i18n import _
from capadesk.paths import AppPaths
from capadesk.ui.dialogs.prompts import Prompts
from capadesk.ui.export.actions import EndOfDayActions
from capadesk.ui.operations import Operations
from capadesk.ui.presenters.workshop_list_presenter import WorkshopListPresenter
from capadesk.ui.shortcuts import Shortcuts
from capadesk.ui.views.workshop_list_view import WorkshopListView

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent  # its import builds QEvent's 180-member enum

    from capadesk.core.domain.workshop import WorkshopSummary
    from capadesk.core.storage.store import Store
    from capadesk.ui.backup_keeper import BackupKeeper
    from capadesk.ui.dialogs.backups_dialog import BackupPrompts, BackupsDialog
    from capadesk.ui.presenters.workshop_page_presenter import WorkshopPagePresenter
    from capadesk.ui.views.workshop_view import WorkshopView


class MainWindow(QMainWindow):
    """Stays small: each page has its own view and presenter."""

    def __init__(
        self, app_paths: AppPaths, prompts: Prompts | None = None, *, clock: Clock | None = None
    ) -> None:
        super().__init__()
        self.app_paths = app_paths
        self.clock: Clock = clock or SystemClock()
        self.keeper: BackupKeeper | None = None  # built when the store opens (SQLAlchemy by then)
        self.backup_prompts: BackupPrompts | None = None  # « Sauvegardes »' questions (tests)
        self._banner_lines: dict[str, str] = {}
        self.setWindowTitle(APP_NAME)
        self.prompts = prompts or Prompts()
        self.shortcuts = Shortcuts()
        self.undo_stack = QUndoStack(self)
        self.operations = Operations(self.undo_stack, self.prompts, self)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
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
        self.end_of_day = EndOfDayActions(self)
        for action in self.end_of_day.actions:
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.backups_action = QAction(_("&Sauvegardes…"), self)
        self.backups_action.triggered.connect(self.show_backups)
        file_menu.addAction(self.backups_action)
        self.preferences_action = QAction(_("Préfére&nces…"), self)
        self.shortcuts.assign(self.preferences_action, standard="Preferences")
        self.preferences_action.triggered.connect(self.show_preferences)
        file_menu.addAction(self.preferences_action)
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
        shortcuts_action = QAction(_("&Raccourcis clavier"), self)
        self.shortcuts.assign(shortcuts_action, "F1")
        shortcuts_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(shortcuts_action)
        about = QAction(_("À &propos de CapaDesk"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def show_about(self) -> None:
        """The About box, with the method's credit."""
        from capadesk.ui.dialogs.about_dialog import AboutDialog  # rarely opened: not at start

        AboutDialog(self, self.app_paths).exec()

    def show_shortcuts(self) -> None:
        """Aide › Raccourcis clavier: every key of the app, searchable."""
        from capadesk.ui.dialogs.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self, [self]).exec()

    def show_preferences(self) -> None:
        """Fichier › Préférences…: the projection's look applies at once, the language at the
        next start."""
        from capadesk.ui.dialogs.preferences_dialog import PreferencesDialog
        from capadesk.ui.runner.projection_window import apply_projection_look

        dialog = PreferencesDialog(self, self.app_paths)
        dialog.settings_saved.connect(
            lambda chosen: apply_projection_look(
                chosen.projection_theme, chosen.projection_font_scale
            )
        )
        dialog.exec()

    # --- the banner -------------------------------------------------------------------------

    def show_banner(self, topic: str, message: str) -> None:
        """Keep ``message`` visible above every page, one line per topic (replaced per topic)."""
        self._banner_lines[topic] = message
        self._update_banner()

    def clear_banner(self, topic: str) -> None:
        """Take ``topic``'s line off the banner."""
        if self._banner_lines.pop(topic, None) is not None:
            self._update_banner()

    def _update_banner(self) -> None:
        self.banner.setText("\n".join(self._banner_lines.values()))
        self.banner.setVisible(bool(self._banner_lines))

    def show_store_problem(self, message: str) -> None:
        """Keep a store problem visible above every page."""
        self.show_banner("store", message)

    # --- the store and its backups ----------------------------------------------------------

    def store_ready(self, store: Store) -> None:
        """Work on ``store`` (just opened): list from it, say if it refuses writes, back it up."""
        from capadesk import settings
        from capadesk.ui.runner.projection_window import apply_projection_look

        self.operations.attach(store)
        self.workshops.store_opened()
        self.end_of_day.update()
        chosen = settings.load(self.app_paths)
        apply_projection_look(chosen.projection_theme, chosen.projection_font_scale)
        if not store.writable:
            self.show_store_problem(store.refusal().message)
        self.start_backups(store)

    def start_backups(self, store: Store) -> None:
        """Start (or restart) the periodic, end-of-run and last backups of ``store``."""
        if self.keeper is None:
            from capadesk.ui.backup_keeper import BackupKeeper

            keeper = BackupKeeper(self.app_paths, clock=self.clock, parent=self)
            keeper.failed.connect(lambda message: self.show_banner("backup", message))
            keeper.backup_made.connect(lambda _info: self.clear_banner("backup"))
            # Runner transitions reach Operations too: the page presenter forwards them.
            self.operations.changes_made.connect(keeper.on_changes)
            self.keeper = keeper
        self.keeper.start(store)

    def backups_dialog(self) -> BackupsDialog:
        """« Sauvegardes », wired: its backups count for the keeper, a restore reopens the store."""
        from capadesk.ui.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self, self.app_paths, clock=self.clock, prompts=self.backup_prompts)
        if self.keeper is not None:
            dialog.backup_made.connect(self.keeper.taken)
        dialog.restored.connect(self.reopen_store)
        return dialog

    def show_backups(self) -> None:
        """Fichier › Sauvegardes…: no periodic backup starts while it is open."""
        dialog = self.backups_dialog()
        if self.keeper is not None:
            self.keeper.pause()
        try:
            dialog.exec()
        finally:
            if self.keeper is not None:
                self.keeper.resume()
            dialog.deleteLater()

    def reopen_store(self, _report: object = None) -> bool:
        """After a restore: close the store and open it again (upgrading an older backup).

        The page goes back to the list and the undo history is cleared: both referred to rows
        the restore replaced. Returns whether the store opened.
        """
        from PySide6.QtWidgets import QApplication

        from capadesk.core.errors import KnownError
        from capadesk.core.storage.migrate import open_store

        self.workshops.show_list()
        if self.keeper is not None:
            self.keeper.stop()
        old = self.operations.store
        if old is not None:
            old.close()
        self.undo_stack.clear()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            store, _opened = open_store(self.app_paths.db_path, self.app_paths.backups_dir)
        except KnownError as error:
            self.show_store_problem(error.message)
            self.list_view.show_unavailable(error.message)
            self.prompts.show_error(self, error.message)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.clear_banner("store")
        self.store_ready(store)
        return True

    def shut_down(self) -> None:
        """At quit: a last backup if the store changed, then close the store (watcher first:
        the store's last connection then checkpoints the WAL)."""
        if self.keeper is not None:
            self.keeper.close()
        if self.operations.store is not None:
            self.operations.store.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self._settings.setValue("main_window/geometry", self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)
