"""The wall on the laptop: grouping switch, filters by kind and stage, search, and the cards.

F2 (or a double click) edits the current card, Suppr deletes the selected ones; the context menu
also moves them to a thread or takes them out. The « Cas d'usage » button (and a right click on a
use case's heading or photos) manages use cases and their photos (``menus``). Filters and
grouping are the view's own business; edits go out as signals for the presenter.

Signals:
    edit_requested(object): the CaptureView to edit.
    delete_requested(list): the CaptureViews to delete.
    move_requested(object, list): a thread id (None: out of any thread) and capture ids.
    new_thread_requested(): « Nouveau fil avec ces cartes ».
    settings_changed(object, object): the Grouping and the WallFilter now applied.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.capture import CaptureView
from capadesk.core.domain.vocabulary import LifecycleStage
from capadesk.i18n import _
from capadesk.ui.capture.keys import KeyClaim
from capadesk.ui.capture.palette import KINDS, STAGES, menu_text
from capadesk.ui.capture.use_case_menu import UseCaseMenus
from capadesk.ui.capture.wall_layout import Grouping, WallFilter
from capadesk.ui.capture.wall_model import WallModel
from capadesk.ui.capture.wall_view import WallView

_NO_STAGE = "none"


def grouping_labels() -> dict[Grouping, str]:
    """The grouping switch's choices."""
    return {
        Grouping.USE_CASE: _("Par cas d'usage"),
        Grouping.THREAD: _("Par fil commun"),
        Grouping.NONE: _("Sans regroupement"),
    }


class WallPanel(QWidget):
    """See module docstring."""

    edit_requested = Signal(object)
    delete_requested = Signal(list)
    move_requested = Signal(object, list)
    new_thread_requested = Signal()
    settings_changed = Signal(object, object)

    def __init__(self, model: WallModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = WallView(model)
        self.view.setAccessibleName(_("Mur des cartes"))
        self.view.setAccessibleDescription(
            _("F2 modifie la carte, Suppr la supprime, glisser-déposer vers un fil.")
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(self._edit_index)
        self.view.laid_out.connect(self._show_count)

        self.grouping_choice = QComboBox()
        self.grouping_choice.setAccessibleName(_("Regrouper les cartes"))
        for grouping, label in grouping_labels().items():
            self.grouping_choice.addItem(label, grouping.value)
        self.grouping_choice.currentIndexChanged.connect(self._grouping_chosen)
        self.kinds_button = QPushButton(_("Tous les types"))
        self.kinds_button.setAccessibleName(_("Filtrer par type"))
        kinds_menu = QMenu(self.kinds_button)
        self.kind_actions: dict[str, QAction] = {}
        for kind in KINDS:
            action = kinds_menu.addAction(kind.label)
            action.setCheckable(True)
            action.toggled.connect(self._filter_changed)
            self.kind_actions[kind.value] = action
        self.kinds_button.setMenu(kinds_menu)
        self.stage_choice = QComboBox()
        self.stage_choice.setAccessibleName(_("Filtrer par étape"))
        self.stage_choice.addItem(_("Toutes les étapes"), "")
        for stage in STAGES:
            self.stage_choice.addItem(stage.label, stage.value)
        self.stage_choice.addItem(_("Sans étape"), _NO_STAGE)
        self.stage_choice.currentIndexChanged.connect(self._filter_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Rechercher dans les cartes…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Rechercher dans les cartes"))
        self.search.textChanged.connect(self._filter_changed)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(_("Nombre de cartes"))
        self.menus = UseCaseMenus(self)
        self.use_cases_button = QPushButton(_("Cas d'usage"))
        self.use_cases_button.setAccessibleName(_("Cas d'usage et photos"))
        self.use_cases_button.setToolTip(
            _("Renommer, territoire, photos ou suppression d'un cas d'usage")
        )
        self.use_case_menu = QMenu(self.use_cases_button)
        self.use_case_menu.aboutToShow.connect(self.fill_use_case_menu)
        self.use_cases_button.setMenu(self.use_case_menu)
        self.message_label = QLabel()
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("QLabel { color: #B00020; }")
        self.message_label.setAccessibleName(_("Message du mur"))
        self.message_label.hide()

        self.edit_action = self._view_key(_("Modifier la carte…"), "F2", self.edit_current)
        self.delete_action = self._view_key(_("Supprimer"), "Del", self.delete_selected)
        self.keys = KeyClaim(
            self.view, {Qt.Key.Key_F2: self.edit_current, Qt.Key.Key_Delete: self.delete_selected}
        )
        self.take_out_action = QAction(_("Retirer du fil"), self)
        self.take_out_action.triggered.connect(lambda: self._move_selected(None))
        self._lay_out()

    def _view_key(self, text: str, keys: str, slot: object) -> QAction:
        # The key itself is claimed by the view (KeyClaim); the action shows it in the menu.
        action = QAction(
            f"{text}\t{QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)}", self
        )
        action.triggered.connect(slot)
        return action

    def _lay_out(self) -> None:
        tools = QHBoxLayout()
        tools.addWidget(self.grouping_choice)
        tools.addWidget(self.kinds_button)
        tools.addWidget(self.stage_choice)
        tools.addWidget(self.search, 1)
        tools.addWidget(self.count_label)
        tools.addWidget(self.use_cases_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.message_label)
        layout.addWidget(self.view, 1)

    def show_message(self, message: str) -> None:
        """A French error above the wall (empty hides it)."""
        self.message_label.setText(message)
        self.message_label.setVisible(bool(message))

    def fill_use_case_menu(self) -> None:
        """Fill the « Cas d'usage » menu with the use cases as they are now."""
        use_cases = sorted(self.model.context.use_cases.values(), key=lambda u: u.position)
        self.menus.fill_all(self.use_case_menu, use_cases, self.view.photos)

    # --- grouping and filters -------------------------------------------------------------------

    def set_grouping(self, grouping: Grouping) -> None:
        """Switch the grouping (as the combo box does)."""
        self.grouping_choice.setCurrentIndex(self.grouping_choice.findData(grouping.value))

    def _grouping_chosen(self) -> None:
        self.view.set_grouping(Grouping(self.grouping_choice.currentData()))
        self.settings_changed.emit(self.view.grouping, self.view.wall_filter)

    def wall_filter(self) -> WallFilter:
        """The filter the controls describe."""
        kinds = frozenset(k for k in KINDS if self.kind_actions[k.value].isChecked())
        stage = self.stage_choice.currentData()
        stages: frozenset[LifecycleStage | None] = frozenset()
        if stage == _NO_STAGE:
            stages = frozenset({None})
        elif stage:
            stages = frozenset({LifecycleStage(stage)})
        return WallFilter(kinds, stages, self.search.text())

    def _filter_changed(self) -> None:
        wall_filter = self.wall_filter()
        shown = [k.label for k in KINDS if k in wall_filter.kinds]
        self.kinds_button.setText(", ".join(shown) if shown else _("Tous les types"))
        self.view.set_filter(wall_filter)
        self.settings_changed.emit(self.view.grouping, wall_filter)

    def _show_count(self, shown: int, total: int) -> None:
        if shown == total:
            self.count_label.setText(_("{count} carte(s)").format(count=total))
        else:
            self.count_label.setText(
                _("{shown} sur {total} cartes").format(shown=shown, total=total)
            )

    # --- selection and actions -------------------------------------------------------------------

    def selected(self) -> list[CaptureView]:
        """The selected cards, in wall order."""
        rows = sorted(index.row() for index in self.view.selectionModel().selectedIndexes())
        return [self.model.capture(row) for row in rows]

    def selected_ids(self) -> list[uuid.UUID]:
        """The selected cards' ids, in wall order."""
        return [capture.public_id for capture in self.selected()]

    def _edit_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_requested.emit(self.model.capture(index.row()))

    def edit_current(self) -> None:
        """F2: edit the current card."""
        self._edit_index(self.view.currentIndex())

    def delete_selected(self) -> None:
        """Suppr: delete the selected cards."""
        chosen = self.selected()
        if chosen:
            self.delete_requested.emit(chosen)

    def _move_selected(self, thread_id: uuid.UUID | None) -> None:
        ids = self.selected_ids()
        if ids:
            self.move_requested.emit(thread_id, ids)

    def _move_to_chosen(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self._move_selected(uuid.UUID(str(action.data())))

    def _context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if not index.isValid():
            self._use_case_context_menu(point)
            return
        if not self.view.selectionModel().isSelected(index):
            self.view.setCurrentIndex(index)  # a right click acts on the card under it
        menu = QMenu(self)
        menu.addAction(self.edit_action)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(_("Nouveau fil avec ces cartes…"), self.new_thread_requested.emit)
        move = menu.addMenu(_("Déplacer vers le fil"))
        threads = sorted(self.model.context.threads.values(), key=lambda t: t.position)
        for thread in threads:
            action = move.addAction(menu_text(thread.title))
            action.setData(str(thread.public_id))
            action.triggered.connect(self._move_to_chosen)
        move.setEnabled(bool(threads))
        ids = self.selected_ids()
        self.take_out_action.setEnabled(any(self.model.thread_of(i) for i in ids))
        menu.addAction(self.take_out_action)
        menu.exec(self.view.viewport().mapToGlobal(point))

    def _use_case_context_menu(self, point: QPoint) -> None:
        """A right click on a use case's photo, or on its heading."""
        menu = QMenu(self)
        photo = self.view.photo_at(point)
        use_case_id = photo[0] if photo is not None else self.view.use_case_at(point)
        use_case = self.model.context.use_cases.get(use_case_id) if use_case_id else None
        if use_case is None:
            return
        photos = self.view.photos.get(use_case.public_id, [])
        if photo is not None and photo[1] < len(photos):
            self.menus.fill_photo(menu, use_case.public_id, photo[1], photos[photo[1]])
        else:
            self.menus.fill_one(menu, use_case, photos)
        menu.exec(self.view.viewport().mapToGlobal(point))
