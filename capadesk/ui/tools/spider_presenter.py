"""Drives the Spider Web page: boards of the workshop, the problem, constraints, ideas and dots;
the projection draws the chosen board.

A new board starts with as many dots as people marked arrived (else on the roster); the first
thing typed on a blank page creates the board. Every edit is one undoable ``PutDocument``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QTreeWidgetItem, QWidget

from capadesk.core.domain import spider_web as rules
from capadesk.core.domain.spider_web import SpiderWeb
from capadesk.core.domain.tool_fields import new_item_id
from capadesk.core.services import spider_webs
from capadesk.core.services.tool_documents import ToolDocument
from capadesk.i18n import _
from capadesk.ui.capture.palette import menu_text
from capadesk.ui.tools.base import ToolPresenter
from capadesk.ui.tools.spider_canvas import WebCanvas
from capadesk.ui.tools.spider_view import SpiderView

ID_ROLE = Qt.ItemDataRole.UserRole


class SpiderPresenter(ToolPresenter):
    """See module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page = SpiderView(self.message)
        self.view = self.page
        self.documents: list[ToolDocument[SpiderWeb]] = []
        self.current_id: uuid.UUID | None = None
        page = self.page
        page.boards.activated.connect(self._on_board_choice)
        page.new_button.clicked.connect(self.new_board)
        page.delete_button.clicked.connect(self.delete_board)
        page.problem.committed.connect(
            lambda raw: self.edit(_("Écrire le problème"), lambda w: rules.set_problem(w, raw))
        )
        for ring, field in page.constraints.items():
            field.committed.connect(lambda raw, ring=ring: self.set_constraint(ring, raw))
        page.participants.editingFinished.connect(self._participants_typed)
        page.keep.editingFinished.connect(self._keep_typed)
        page.idea.returnPressed.connect(lambda: self.add_idea(page.idea.text()))
        page.dot_action.triggered.connect(lambda: self.dot(+1))
        page.undot_action.triggered.connect(lambda: self.dot(-1))
        page.rename_action.triggered.connect(self.rename_idea)
        page.remove_action.triggered.connect(self.remove_idea)
        page.ideas.currentItemChanged.connect(lambda *_args: self._show_web())
        for ring, action in zip(rules.RINGS, page.ring_actions, strict=True):
            action.triggered.connect(lambda _c=False, ring=ring: self.choose_ring(ring))
        self.reload()
        if self.documents:
            self.current_id = self.documents[-1].public_id
            self.reload()

    # --- reading ----------------------------------------------------------------------------

    def current(self) -> ToolDocument[SpiderWeb] | None:
        """The board on the page; None for a blank page."""
        return next((d for d in self.documents if d.public_id == self.current_id), None)

    @property
    def web(self) -> SpiderWeb:
        """The board shown."""
        found = self.current()
        return found.value if found else SpiderWeb()

    def selected_idea(self) -> str:
        """The id of the idea selected in the list, "" when none."""
        item = self.page.ideas.currentItem()
        return str(item.data(0, ID_ROLE)) if item is not None else ""

    def reload(self) -> None:
        found = self.guarded(lambda: spider_webs.list_webs(self.store, self.workshop_id))
        self.documents = found if found is not None else []
        page, web = self.page, self.web
        page.boards.clear()
        for number, document in enumerate(self.documents, start=1):
            title = document.value.problem or _("Toile {number}").format(number=number)
            page.boards.addItem(menu_text(title), document.public_id)
            if document.public_id == self.current_id:
                page.boards.setCurrentIndex(page.boards.count() - 1)
        if self.current() is None:
            page.boards.addItem(_("(nouvelle toile)"), None)
            page.boards.setCurrentIndex(page.boards.count() - 1)
        page.delete_button.setEnabled(self.current() is not None)
        page.problem.set_saved(web.problem)
        for ring, field in page.constraints.items():
            field.set_saved(web.constraint_of(ring))
        page.constraints[3].setEnabled(bool(web.constraints[0]))
        page.participants.setValue(web.participants)
        page.keep.setValue(web.keep)
        selected = self.selected_idea()
        page.ideas.clear()
        kept = {i.id for i in rules.kept_ideas(web)}
        for idea in web.ideas:
            mark = " ✓" if idea.id in kept else ""
            item = QTreeWidgetItem([idea.text + mark, str(idea.ring), str(idea.dots)])
            item.setData(0, ID_ROLE, idea.id)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignCenter)
            page.ideas.addTopLevelItem(item)
            if idea.id == selected:
                page.ideas.setCurrentItem(item)
        page.dots_label.setText(
            _("Gommettes\u00a0: {used} posées, {left} en main").format(
                used=web.dots_used, left=web.dots_left
            )
        )
        self._show_web()

    def _show_web(self) -> None:
        self.page.preview.show_web(self.web, self.selected_idea())
        self.update_slides()

    # --- editing ----------------------------------------------------------------------------

    def edit(self, label: str, change: Callable[[SpiderWeb], SpiderWeb]) -> bool:
        """Save one change of the board (a blank page creates it)."""
        document = self.current()
        if document is None:
            voters = self.guarded(lambda: spider_webs.voters(self.store, self.workshop_id)) or 0
            first = change
            change = lambda web: first(replace(web, participants=voters))  # noqa: E731
        saved = self.save(
            spider_webs.CODEC,
            document,
            spider_webs.place(self.workshop_id, self.step_id),
            label,
            change,
        )
        if saved is not None and saved != self.current_id:
            self.current_id = saved
            self.reload()
        if saved is None:
            self.reload()  # the fields show the stored values again
        return saved is not None

    def set_constraint(self, ring: int, raw: str) -> None:
        """A constraint typed for ring 2 or 3."""
        self.edit(
            _("Poser la contrainte du cercle {ring}").format(ring=ring),
            lambda web: rules.set_constraint(web, ring, raw),
        )

    @Slot()
    def _participants_typed(self) -> None:
        count = self.page.participants.value()
        if count != self.web.participants:
            self.edit(_("Nombre de participants"), lambda w: rules.set_participants(w, count))

    @Slot()
    def _keep_typed(self) -> None:
        keep = self.page.keep.value()
        if keep != self.web.keep:
            self.edit(_("Idées retenues"), lambda w: rules.set_keep(w, keep))

    def choose_ring(self, ring: int) -> None:
        """Alt+1 … Alt+3: the ring of the next idea."""
        self.page.ring.setCurrentIndex(ring - 1)
        self.page.idea.setFocus()

    def add_idea(self, raw: str) -> None:
        """Entrée: the typed idea on the chosen ring."""
        ring = int(self.page.ring.currentData())
        item_id = new_item_id()
        label = _("Ajouter l'idée")
        if self.edit(label, lambda web: rules.add_idea(web, ring, raw, item_id)):
            self.page.idea.clear()

    def dot(self, step: int) -> None:
        """« + » / « - » on the selected idea."""
        idea = self.selected_idea()
        if not idea:
            return
        if step > 0:
            self.edit(_("Poser une gommette"), lambda web: rules.add_dot(web, idea))
        else:
            self.edit(_("Retirer une gommette"), lambda web: rules.remove_dot(web, idea))

    @Slot()
    def rename_idea(self) -> None:
        """F2: reword the selected idea."""
        idea_id = self.selected_idea()
        idea = next((i for i in self.web.ideas if i.id == idea_id), None)
        if idea is None:
            return
        raw = self.dialogs.text(self.view, _("Reformuler l'idée"), _("Idée\u00a0:"), idea.text)
        if raw is not None:
            self.edit(_("Reformuler l'idée"), lambda web: rules.edit_idea(web, idea_id, raw))

    @Slot()
    def remove_idea(self) -> None:
        """Suppr: take the selected idea off."""
        idea = self.selected_idea()
        if idea:
            self.edit(_("Retirer l'idée"), lambda web: rules.remove_idea(web, idea))

    @Slot()
    def new_board(self) -> None:
        """A blank board: the first thing typed creates it."""
        self.current_id = None
        self.reload()
        self.page.problem.setFocus()

    @Slot()
    def delete_board(self) -> None:
        """Delete the chosen board (undo brings it back)."""
        document = self.current()
        if document is None:
            return
        if self.dialogs.confirm(
            self.view, _("Supprimer la toile"), _("Supprimer cette toile\u00a0?")
        ):
            self.put(
                _("Supprimer la toile"),
                spider_webs.place(self.workshop_id),
                document.public_id,
                document.stored.content,
                None,
            )

    @Slot(int)
    def _on_board_choice(self, index: int) -> None:
        chosen = self.page.boards.itemData(index)
        self.current_id = chosen if isinstance(chosen, uuid.UUID) else None
        self.reload()

    # --- projection -------------------------------------------------------------------------

    def make_slide(self) -> QWidget:
        return WebCanvas()

    def update_slide(self, slide: Any) -> None:
        assert isinstance(slide, WebCanvas)
        slide.show_web(self.web)
