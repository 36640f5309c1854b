"""Drives the Lego page: the défi groups, the photos of each group's build (one document per
photo), the markers placed on the chosen photo and the story; the projection shows the chosen
photo with its legend.

Adding a photo attaches it (checked first: a damaged or HEIC file is refused, nothing stored)
and creates its document, as one undo step; every other edit is one ``PutDocument``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QListWidgetItem, QWidget

from capadesk.core.domain import lego as rules
from capadesk.core.domain.lego import LegoBuild
from capadesk.core.domain.people import GroupView
from capadesk.core.domain.tool_fields import new_item_id
from capadesk.core.services import lego_builds
from capadesk.core.services.tool_commands import PutDocument, Steps
from capadesk.core.services.tool_documents import ToolDocument
from capadesk.i18n import _
from capadesk.ui.capture.palette import menu_text
from capadesk.ui.tools.base import ToolPresenter
from capadesk.ui.tools.lego_canvas import LegoCanvas, legend_colour
from capadesk.ui.tools.lego_view import THUMBNAIL, LegoView
from capadesk.ui.tools.photos import PhotoPixmaps, pick_photo

ID_ROLE = Qt.ItemDataRole.UserRole


def group_heading(group: GroupView | None) -> str:
    """« Groupe 2 — Défi 4 : un outil commun »."""
    if group is None:
        return ""
    return f"{group.name} — {group.challenge}" if group.challenge else group.name


class LegoPresenter(ToolPresenter):
    """See module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page = LegoView(self.message)
        self.view = self.page
        self.pixmaps = PhotoPixmaps(self.app_paths)
        self.groups: list[GroupView] = []
        self.group_id: uuid.UUID | None = None
        self.builds: list[ToolDocument[LegoBuild]] = []
        self.build_id: uuid.UUID | None = None
        self.spot: tuple[float, float] = (0.5, 0.5)
        page = self.page
        page.groups.activated.connect(self._on_group_choice)
        page.add_photo_button.clicked.connect(self.add_photo)
        page.delete_photo_button.clicked.connect(self.delete_photo)
        page.strip.currentItemChanged.connect(self._on_photo_choice)
        page.photo.spot_chosen.connect(self._on_spot)
        page.photo.moved.connect(self.move_marker)
        page.photo.chosen.connect(self._on_marker_chosen)
        page.photo.edit_requested.connect(self.reword_marker)
        page.photo.remove_requested.connect(self.remove_marker)
        page.annotation.returnPressed.connect(lambda: self.annotate(page.annotation.text()))
        page.markers.currentItemChanged.connect(self._on_marker_row)
        page.markers.itemDoubleClicked.connect(
            lambda item: self.reword_marker(str(item.data(ID_ROLE)))
        )
        page.remove_marker_action.triggered.connect(
            lambda: self.remove_marker(self.page.photo.selected)
        )
        page.story.committed.connect(
            lambda raw: self.edit(_("Écrire le récit"), lambda b: rules.set_story(b, raw))
        )
        self.reload()

    # --- reading ----------------------------------------------------------------------------

    def current(self) -> ToolDocument[LegoBuild] | None:
        """The photo document shown."""
        return next((b for b in self.builds if b.public_id == self.build_id), None)

    @property
    def group(self) -> GroupView | None:
        """The group chosen."""
        return next((g for g in self.groups if g.public_id == self.group_id), None)

    def reload(self) -> None:
        groups = self.guarded(
            lambda: lego_builds.build_groups(self.store, self.workshop_id, self.step_id)
        )
        self.groups = groups or []
        if self.group is None:
            self.group_id = self.groups[0].public_id if self.groups else None
        page = self.page
        page.groups.clear()
        for group in self.groups:
            page.groups.addItem(menu_text(group_heading(group)), group.public_id)
            if group.public_id == self.group_id:
                page.groups.setCurrentIndex(page.groups.count() - 1)
        if not self.groups:
            page.groups.addItem(_("(aucun groupe\u00a0: formez les groupes par défi)"), None)
        group = self.group_id
        found = (
            self.guarded(lambda: lego_builds.builds_of(self.store, self.workshop_id, group))
            if group is not None
            else []
        )
        self.builds = found or []
        if self.current() is None:
            self.build_id = self.builds[-1].public_id if self.builds else None
        page.add_photo_button.setEnabled(group is not None)
        page.delete_photo_button.setEnabled(self.current() is not None)
        self._fill_strip()
        self._show_build()

    def _fill_strip(self) -> None:
        strip = self.page.strip
        strip.blockSignals(True)
        strip.clear()
        for number, build in enumerate(self.builds, start=1):
            item = QListWidgetItem(_("Photo {number}").format(number=number))
            item.setData(ID_ROLE, build.public_id)
            pixmap = self.pixmaps.pixmap(build.stored.photo_file, 360)
            if pixmap is not None:
                item.setIcon(QIcon(pixmap.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio)))
            strip.addItem(item)
            if build.public_id == self.build_id:
                strip.setCurrentItem(item)
        strip.blockSignals(False)

    def _photo(self) -> QPixmap | None:
        document = self.current()
        return self.pixmaps.pixmap(document.stored.photo_file) if document else None

    def _show_build(self) -> None:
        document, page = self.current(), self.page
        build = document.value if document else LegoBuild()
        if page.photo.selected not in {a.id for a in build.annotations}:
            page.photo.selected = ""
        page.photo.show_build(build, self._photo())
        page.markers.blockSignals(True)
        page.markers.clear()
        for number, marker in enumerate(build.annotations, start=1):
            item = QListWidgetItem(f"{number}. {marker.kind.label}\u00a0: {marker.text}")
            item.setData(ID_ROLE, marker.id)
            item.setForeground(QColor(legend_colour(marker.kind)))
            page.markers.addItem(item)
            if marker.id == page.photo.selected:
                page.markers.setCurrentItem(item)
        page.markers.blockSignals(False)
        page.story.set_saved(build.story)
        for widget in (page.annotation, page.story, page.markers):
            widget.setEnabled(document is not None)
        self.update_slides()

    # --- editing ----------------------------------------------------------------------------

    def edit(self, label: str, change: Callable[[LegoBuild], LegoBuild]) -> bool:
        """Save one change of the photo shown."""
        document, group = self.current(), self.group_id
        if document is None or group is None:
            return False
        saved = self.save(
            lego_builds.CODEC,
            document,
            lego_builds.place(self.workshop_id, group, self.step_id),
            label,
            change,
        )
        self._show_build()
        return saved is not None

    @Slot()
    def add_photo(self) -> None:
        """« Ajouter une photo… » of the chosen group's build."""
        group = self.group_id
        if group is None:
            return
        picked = pick_photo(self, _("Photo de la construction"), group_id=group)
        if picked is None:
            return
        attach, photo_id = picked
        public_id = uuid.uuid4()
        put = PutDocument(
            _("Ajouter la photo de la construction"),
            lego_builds.place(self.workshop_id, group, self.step_id),
            public_id,
            None,
            lego_builds.CODEC.content(LegoBuild(), photo_id),
        )
        previous = self.build_id
        self.build_id = public_id
        if not self.run(Steps(put.label, [attach, put]) if attach is not None else put):
            self.build_id = previous
        self.reload()

    @Slot()
    def delete_photo(self) -> None:
        """Take the photo shown (and its markers) off the build (undo brings it back)."""
        document, group = self.current(), self.group_id
        if document is None or group is None:
            return
        if self.dialogs.confirm(
            self.view, _("Retirer la photo"), _("Retirer cette photo et ses annotations\u00a0?")
        ):
            self.put(
                _("Retirer la photo de la construction"),
                lego_builds.place(self.workshop_id, group),
                document.public_id,
                document.stored.content,
                None,
            )

    @Slot(float, float)
    def _on_spot(self, x: float, y: float) -> None:
        self.spot = (x, y)
        self.page.annotation.setFocus()

    def annotate(self, raw: str) -> None:
        """Entrée: a marker of the chosen kind where the photo was last clicked."""
        kind, (x, y), item_id = self.page.kind, self.spot, new_item_id()
        label = _("Annoter la photo")
        if self.edit(label, lambda b: rules.annotate(b, kind, raw, x, y, item_id)):
            self.page.annotation.clear()
            self.page.photo.pending = None
            self.page.photo.select(item_id)
            self._show_build()

    @Slot(str, float, float)
    def move_marker(self, marker_id: str, x: float, y: float) -> None:
        """A marker dragged or nudged."""
        self.edit(_("Déplacer l'annotation"), lambda b: rules.move_annotation(b, marker_id, x, y))

    @Slot(str)
    def reword_marker(self, marker_id: str) -> None:
        """F2 / double click: reword a marker."""
        document = self.current()
        marker = (
            next((a for a in document.value.annotations if a.id == marker_id), None)
            if (document)
            else None
        )
        if marker is None:
            return
        raw = self.dialogs.text(
            self.view, _("Modifier l'annotation"), _("Texte\u00a0:"), marker.text
        )
        if raw is not None:
            self.edit(
                _("Modifier l'annotation"),
                lambda b: rules.edit_annotation(b, marker_id, marker.kind, raw),
            )

    @Slot(str)
    def remove_marker(self, marker_id: str) -> None:
        """Suppr: take a marker off."""
        if marker_id:
            self.edit(_("Retirer l'annotation"), lambda b: rules.remove_annotation(b, marker_id))

    @Slot(str)
    def _on_marker_chosen(self, marker_id: str) -> None:
        self._show_build()

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_marker_row(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.page.photo.select(str(item.data(ID_ROLE)))

    @Slot(int)
    def _on_group_choice(self, index: int) -> None:
        chosen = self.page.groups.itemData(index)
        self.group_id = chosen if isinstance(chosen, uuid.UUID) else None
        self.build_id = None
        self.reload()

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_photo_choice(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.build_id = item.data(ID_ROLE)
            self.spot = (0.5, 0.5)
            self.page.delete_photo_button.setEnabled(True)
            self._show_build()

    # --- projection -------------------------------------------------------------------------

    def make_slide(self) -> QWidget:
        return LegoCanvas()

    def update_slide(self, slide: Any) -> None:
        assert isinstance(slide, LegoCanvas)
        document = self.current()
        slide.show_group(
            group_heading(self.group),
            document.value if document else LegoBuild(),
            self._photo(),
        )
