"""The groups for the projection: one card per group with its name, its mix of public, private
and partner participants in their colours, and its members' first names, each after a dot of
their family's colour (the colour is never alone: the mix line says the words).

``GroupsSlidePresenter`` reads a step's groups (the group board's step when it ``follow``s the
board) and keeps every slide it made up to date as groups and the roster change.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, Qt, Slot
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.icebreakers import short_names
from capadesk.core.domain.people import FAMILY_OF, Family, family_counts
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.domain.workshop import folded
from capadesk.core.errors import KnownError
from capadesk.core.services.changes import Changes
from capadesk.core.storage.store import Store
from capadesk.i18n import _
from capadesk.ui.icebreakers.canvas import BRIGHT, CanvasSlide, draw_text, pixel_font
from capadesk.ui.operations import Operations
from capadesk.ui.runner.style import current_theme

if TYPE_CHECKING:
    from capadesk.ui.people.group_presenter import GroupBoardPresenter

# The families' colours made bright for a black background (``colours.FAMILY_COLOURS`` are
# dark, for the laptop's light one); same hues.
PROJECTED_FAMILY_COLOURS: dict[Family, str] = {
    Family.PUBLIC: "#64B5F6",
    Family.PRIVATE: "#FFB74D",
    Family.PARTNER: "#81C784",
    Family.FACILITATOR: "#BDBDBD",
}
CARD_BACKGROUND = "#1A1A1A"


class SlideGroup(NamedTuple):
    """A group as the slide shows it: members by first name, with their types."""

    name: str
    colour: str
    members: tuple[str, ...]
    types: tuple[ParticipantType, ...]


def grid_shape(count: int, width: float, height: float) -> tuple[int, int]:
    """(columns, rows) giving ``count`` cards the most room, cards a little taller than wide."""
    best_room, best = -1.0, (1, max(1, count))
    for columns in range(1, count + 1):
        rows = math.ceil(count / columns)
        room = min(width / columns, height / rows * 0.9)
        if room > best_room:
            best_room, best = room, (columns, rows)
    return best


class GroupsSlide(CanvasSlide):
    """See module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Les groupes"), parent)
        self.groups: list[SlideGroup] = []

    def show_groups(self, groups: Sequence[SlideGroup], subtitle: str = "") -> None:
        """Show ``groups`` under « Les groupes » and ``subtitle`` (the step's title)."""
        self.groups = list(groups)
        self.subheading = subtitle
        self.setAccessibleDescription(
            "\n".join(f"{g.name}\u00a0: {', '.join(g.members)}" for g in self.groups)
        )
        self.update()

    def paint_body(self, painter: QPainter, box: QRect) -> None:
        if not self.groups:
            self.paint_empty(painter, box, _("Pas encore de groupes pour cette étape."))
            return
        columns, rows = grid_shape(len(self.groups), box.width(), box.height())
        gap = int(self.height() * 0.02)
        width = (box.width() - gap * (columns - 1)) / columns
        height = (box.height() - gap * (rows - 1)) / rows
        for index, group in enumerate(self.groups):
            row, column = divmod(index, columns)
            card = QRect(
                int(box.left() + column * (width + gap)),
                int(box.top() + row * (height + gap)),
                int(width),
                int(height),
            )
            self._card(painter, card, group, BRIGHT[index % len(BRIGHT)])

    def _card(self, painter: QPainter, card: QRect, group: SlideGroup, fallback: str) -> None:
        h = self.height()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(CARD_BACKGROUND))
        radius = h * 0.012
        painter.drawRoundedRect(card, radius, radius)
        colour = group.colour if QColor.isValidColorName(group.colour) else fallback
        band = max(4, int(h * 0.012))
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(QRect(card.left(), card.top(), band * 2, card.height()), 3, 3)
        pad = max(6, int(min(card.width(), card.height()) * 0.06))
        inner = card.adjusted(band * 2 + pad, pad, -pad, -pad)
        name_box = QRect(inner.left(), inner.top(), inner.width(), int(inner.height() * 0.2))
        draw_text(
            painter,
            name_box,
            group.name,
            largest=h * 0.06,
            smallest=h * 0.025,
            bold=True,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            wrap=False,
        )
        mix_top = name_box.bottom() + int(pad * 0.3)
        mix_bottom = self._mix(painter, inner.left(), mix_top, inner.width(), group.types)
        members = QRect(inner.left(), mix_bottom + int(pad * 0.8), inner.width(), 0)
        members.setBottom(inner.bottom())
        self._members(painter, members, group)

    def _mix(
        self, painter: QPainter, left: int, top: int, width: int, types: Sequence[ParticipantType]
    ) -> int:
        """« ● Public 2 ● Privé 1 ● Partenaires 1 », wrapped as the card's width asks; return
        the bottom of the last line."""
        counts = family_counts(types)
        parts = [f"{family.label}\u00a0{counts[family]}" for family in Family if counts[family]]
        families = [family for family in Family if counts[family]]
        if not parts:
            parts, families = [_("personne")], [Family.FACILITATOR]
        size = max(12.0, self.height() * 0.034)
        font = pixel_font(painter.font(), size)
        metrics = QFontMetrics(font)
        line = metrics.height()
        dot = size * 0.55
        painter.setFont(font)
        x, y = float(left), float(top)
        for family, text in zip(families, parts, strict=True):
            advance = dot + size * 0.3 + metrics.horizontalAdvance(text)
            if x > left and x + advance > left + width:
                x, y = float(left), y + line
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(PROJECTED_FAMILY_COLOURS[family]))
            painter.drawEllipse(QPointF(x + dot / 2, y + line / 2), dot / 2, dot / 2)
            painter.setPen(QColor(current_theme().secondary))
            room = max(1, int(left + width - x - dot - size * 0.3))
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            text_box = QRectF(x + dot + size * 0.3, y, room, line)
            painter.drawText(text_box, int(align), shown)
            x += advance + size * 0.9
        return int(y + line)

    def _members(self, painter: QPainter, box: QRect, group: SlideGroup) -> None:
        names = group.members
        if not names or box.height() <= 0:
            return
        h = self.height()
        columns = 2 if len(names) > 5 and box.width() > box.height() * 0.9 else 1
        rows = math.ceil(len(names) / columns)
        line = min(box.height() / rows, h * 0.075)
        font = pixel_font(painter.font(), line * 0.72)
        metrics = QFontMetrics(font)
        width = box.width() / columns
        dot = line * 0.28
        for index, (name, kind) in enumerate(zip(names, group.types, strict=True)):
            column, row = divmod(index, rows)
            left = box.left() + column * width
            top = box.top() + row * line
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(PROJECTED_FAMILY_COLOURS[FAMILY_OF[kind]]))
            painter.drawEllipse(QPointF(left + dot, top + line / 2), dot, dot)
            text_left = left + dot * 3.2
            room = int(width - dot * 3.2 - 4)
            shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, room)
            painter.setFont(font)
            painter.setPen(QColor(current_theme().text))
            align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(QRectF(text_left, top, room, line), int(align), shown)


class GroupsSlidePresenter(QObject):
    """Feeds groups slides from the store (see module docstring)."""

    def __init__(
        self,
        store: Store,
        operations: Operations,
        workshop_id: uuid.UUID,
        step_id: uuid.UUID | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.operations, self.workshop_id = store, operations, workshop_id
        self.step_id = step_id
        self.slides: list[GroupsSlide] = []
        self.groups: list[SlideGroup] = []
        self.subtitle = ""
        self._board: GroupBoardPresenter | None = None
        self._closed = False
        operations.changes_made.connect(self._on_changes_made)
        self.reload()

    def slide(self) -> GroupsSlide:
        """A new projected page of the groups, kept up to date."""
        page = GroupsSlide()
        page.show_groups(self.groups, self.subtitle)
        self.slides.append(page)
        page.destroyed.connect(lambda: self.slides.remove(page))
        return page

    def set_step(self, step_id: uuid.UUID | None) -> None:
        """Show the groups of ``step_id`` (None: the day's own groups)."""
        if step_id != self.step_id:
            self.step_id = step_id
            self.reload()

    def follow(self, board: GroupBoardPresenter) -> None:
        """Show the step the group board shows, whenever it changes."""
        self._board = board
        board.view.step_choice.currentIndexChanged.connect(self._board_step_changed)
        self.set_step(board.step_id)

    @Slot(int)
    def _board_step_changed(self, _index: int) -> None:
        if self._board is not None:
            self.set_step(self._board.step_id)

    def reload(self) -> None:
        """Read the groups and the roster again; show them on every slide."""
        from capadesk.core.services import groups, participants
        from capadesk.core.services.agenda import read_agenda

        try:
            people = {
                p.public_id: p for p in participants.list_participants(self.store, self.workshop_id)
            }
            stored = groups.list_groups(self.store, self.workshop_id, self.step_id)
            agenda = read_agenda(self.store, self.workshop_id)
        except KnownError:  # the workshop or the step is gone: show nothing rather than fail
            stored, people, agenda = [], {}, None
        seated = [pid for g in stored for pid in g.member_ids if pid in people]
        shown = dict(zip(seated, short_names([people[pid].name for pid in seated]), strict=True))
        self.groups = []
        for group in stored:
            members = sorted(
                ((shown[pid], people[pid].type) for pid in group.member_ids if pid in people),
                key=lambda member: folded(member[0]),
            )
            names = tuple(name for name, _type in members)
            types = tuple(kind for _name, kind in members)
            self.groups.append(SlideGroup(group.name, group.colour, names, types))
        self.subtitle = ""
        if agenda is not None and self.step_id in agenda.step_ids:
            self.subtitle = agenda.protocol.steps[agenda.step_ids.index(self.step_id)].title
        for page in self.slides:
            page.show_groups(self.groups, self.subtitle)

    def close(self) -> None:
        """Stop listening (the page goes away)."""
        if not self._closed:
            self._closed = True
            self.operations.changes_made.disconnect(self._on_changes_made)

    @Slot(object)
    def _on_changes_made(self, changes: Changes) -> None:
        mine = self.workshop_id
        if not self._closed and mine in changes.groups | changes.participants | changes.agendas:
            self.reload()
