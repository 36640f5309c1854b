"""A Lego build's photo with its numbered markers, for the room and for the editor.

``LegoCanvas`` is the room's page: the group and its défi on top, the photo on the left with
round numbered markers in the colour of their kind, the legend by kind on the right.
``PhotoMarkers`` is the editor's photo: a click on the photo chooses where the next marker
goes, a marker can be dragged elsewhere or nudged with the arrows (Ctrl: ten times more), F2
rewords it, Suppr removes it. Positions are relative to the photo (0 to 1), so they stay on
the same brick at any size.

Signals (editor):
    spot_chosen(float, float): where the next marker goes.
    chosen(str): a marker was selected.
    moved(str, float, float): a marker dropped (or nudged) at a new place.
    edit_requested(str), remove_requested(str).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.lego import Annotation, AnnotationKind, LegoBuild
from capadesk.i18n import _
from capadesk.ui.runner.style import current_theme
from capadesk.ui.tools.painting import Canvas

KIND_COLOURS = {
    AnnotationKind.ACTOR: "#1E88E5",
    AnnotationKind.USER: "#43A047",
    AnnotationKind.BRAKE: "#E53935",
    AnnotationKind.LEVER: "#FB8C00",
}


class PhotoArea(Canvas):
    """What both pages share: the photo fitted in a box, and the markers on it."""

    def __init__(self, name: str, *, projected: bool, parent: QWidget | None = None) -> None:
        super().__init__(name, projected=projected, parent=parent)
        self.build = LegoBuild()
        self.photo: QPixmap | None = None
        self.selected = ""
        self.pending: tuple[float, float] | None = None

    def show_build(self, build: LegoBuild, photo: QPixmap | None) -> None:
        """Draw ``build`` on ``photo``."""
        self.build, self.photo = build, photo
        self.update()

    def photo_box(self) -> QRect:
        """Where the photo is drawn (empty without one)."""
        return QRect()

    def fitted(self, area: QRect) -> QRect:
        """The photo's rectangle fitted and centred in ``area``."""
        if self.photo is None or self.photo.isNull():
            return QRect()
        size = self.photo.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        left = area.left() + (area.width() - size.width()) // 2
        top = area.top() + (area.height() - size.height()) // 2
        return QRect(left, top, size.width(), size.height())

    def marker_radius(self) -> int:
        """The radius of a marker."""
        return max(9, self.px(30))

    def point_of(self, x: float, y: float) -> QPointF:
        """A relative position on the photo, in the widget."""
        box = self.photo_box()
        return QPointF(box.left() + x * box.width(), box.top() + y * box.height())

    def paint_photo(self, painter: QPainter) -> None:
        """The photo, then the markers numbered in placing order, then the pending spot."""
        box = self.photo_box()
        if box.isEmpty() or self.photo is None:
            self.text(
                painter,
                self.rect(),
                _("Pas de photo de la construction"),
                40,
                colour=current_theme().secondary if self.projected else None,
            )
            return
        painter.drawPixmap(box, self.photo)
        radius = self.marker_radius()
        for number, marker in enumerate(self.build.annotations, start=1):
            centre = self.point_of(marker.x, marker.y)
            painter.setPen(QPen(QColor("#FFFFFF"), max(2, radius // 6)))
            if marker.id == self.selected:
                painter.setPen(QPen(QColor("#FFEB3B"), max(3, radius // 3)))
            painter.setBrush(QColor(KIND_COLOURS[marker.kind]))
            painter.drawEllipse(centre, radius, radius)
            label = QRect(
                int(centre.x() - radius), int(centre.y() - radius), 2 * radius, 2 * radius
            )
            self.text(painter, label, str(number), 34, 10, colour="#FFFFFF", bold=True)
        if self.pending is not None:
            centre = self.point_of(*self.pending)
            painter.setPen(QPen(QColor("#FFFFFF"), 2, Qt.PenStyle.DashLine))
            painter.setBrush(QColor(255, 255, 255, 60))
            painter.drawEllipse(centre, radius, radius)


class LegoCanvas(PhotoArea):
    """See module docstring."""

    def __init__(self, *, projected: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(_("Construction Lego projetée"), projected=projected, parent=parent)
        self.heading = ""

    def show_group(self, heading: str, build: LegoBuild, photo: QPixmap | None) -> None:
        """Draw the build of the group named ``heading`` (its name and défi)."""
        self.heading = heading
        self.show_build(build, photo)

    def photo_box(self) -> QRect:
        m = self.px(36)
        top = m + self.px(90)
        area = QRect(m, top, int(self.width() * 0.64) - m, self.height() - top - m)
        return self.fitted(area)

    def paint(self, painter: QPainter) -> None:
        m = self.px(36)
        self.text(
            painter,
            QRect(m, m // 2, self.width() - 2 * m, self.px(90)),
            self.heading,
            54,
            24,
            bold=True,
        )
        self.paint_photo(painter)
        left = int(self.width() * 0.64) + self.px(20)
        self._legend(
            painter,
            QRect(
                left, m + self.px(90), self.width() - left - m, self.height() - 2 * m - self.px(90)
            ),
        )

    def _legend(self, painter: QPainter, area: QRect) -> None:
        """The markers by kind, then the story in what room is left."""
        groups = [(kind, self.build.of_kind(kind)) for kind in AnnotationKind]
        groups = [(kind, markers) for kind, markers in groups if markers]
        top = self._kinds(painter, area, groups) if groups else area.top()
        story = QRect(
            area.left(), top + self.px(20), area.width(), area.bottom() - top - self.px(20)
        )
        if self.build.story and story.height() > self.px(60):
            self.text(
                painter,
                story,
                self.build.story,
                34,
                18,
                colour=current_theme().secondary,
                align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            )

    def _kinds(
        self,
        painter: QPainter,
        area: QRect,
        groups: list[tuple[AnnotationKind, tuple[tuple[int, Annotation], ...]]],
    ) -> int:
        lines = sum(1 + len(markers) for _kind, markers in groups)
        line = min(self.px(58), area.height() // max(1, lines))
        top = area.top()
        for kind, markers in groups:
            head = QRect(area.left(), top, area.width(), line)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(KIND_COLOURS[kind]))
            painter.drawRoundedRect(QRectF(head), self.px(6), self.px(6))
            self.text(
                painter,
                head.adjusted(self.px(10), 0, -self.px(10), 0),
                kind.plural,
                36,
                14,
                colour="#FFFFFF",
                bold=True,
                align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            )
            top += line
            for number, marker in markers:
                row = QRect(area.left() + self.px(10), top, area.width() - self.px(10), line)
                self.text(
                    painter,
                    row,
                    f"{number}. {marker.text}",
                    34,
                    14,
                    align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                )
                top += line
        return top


class PhotoMarkers(PhotoArea):
    """See module docstring."""

    spot_chosen = Signal(float, float)
    chosen = Signal(str)
    moved = Signal(str, float, float)
    edit_requested = Signal(str)
    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Photo de la construction"), projected=True, parent=parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._dragging = False

    def photo_box(self) -> QRect:
        return self.fitted(self.rect().adjusted(4, 4, -4, -4))

    def paint(self, painter: QPainter) -> None:
        self.paint_photo(painter)

    def relative(self, point: QPoint | QPointF) -> tuple[float, float] | None:
        """``point`` as a position on the photo, None outside it."""
        box = self.photo_box()
        if box.isEmpty() or not QRectF(box).contains(QPointF(point)):
            return None
        x = (point.x() - box.left()) / max(1, box.width())
        y = (point.y() - box.top()) / max(1, box.height())
        return (min(1.0, max(0.0, x)), min(1.0, max(0.0, y)))

    def marker_at(self, point: QPoint) -> str:
        """The marker under ``point``, "" when none (the last drawn wins)."""
        radius = self.marker_radius()
        for marker in reversed(self.build.annotations):
            centre = self.point_of(marker.x, marker.y)
            if (QPointF(point) - centre).manhattanLength() <= radius * 1.4:
                return marker.id
        return ""

    def select(self, marker_id: str) -> None:
        """Make ``marker_id`` the selected marker."""
        if marker_id != self.selected:
            self.selected = marker_id
            self.chosen.emit(marker_id)
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        self.setFocus()
        point = event.position().toPoint()
        found = self.marker_at(point)
        if found:
            self.select(found)
            self._dragging = True
            return
        spot = self.relative(point)
        if spot is not None:
            self.select("")
            self.pending = spot
            self.spot_chosen.emit(*spot)
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if self._dragging and self.selected:
            self.pending = self.relative(event.position())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if self._dragging and self.selected:
            spot = self.relative(event.position())
            marker = next((a for a in self.build.annotations if a.id == self.selected), None)
            if spot is not None and marker is not None and spot != (marker.x, marker.y):
                self.moved.emit(self.selected, *spot)
        self._dragging = False
        self.pending = None
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        found = self.marker_at(event.position().toPoint())
        if found:
            self.edit_requested.emit(found)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        marker = next((a for a in self.build.annotations if a.id == self.selected), None)
        key = event.key()
        steps = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if marker is None:
            super().keyPressEvent(event)
            return
        if key in steps:
            step = 0.05 if event.modifiers() & Qt.KeyboardModifier.ControlModifier else 0.005
            dx, dy = steps[Qt.Key(key)]
            x = min(1.0, max(0.0, marker.x + dx * step))
            y = min(1.0, max(0.0, marker.y + dy * step))
            self.moved.emit(marker.id, x, y)
        elif key == Qt.Key.Key_F2:
            self.edit_requested.emit(marker.id)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_requested.emit(marker.id)
        else:
            super().keyPressEvent(event)


def legend_colour(kind: AnnotationKind) -> str:
    """The colour of a kind, for chips and list entries."""
    return KIND_COLOURS[kind]
