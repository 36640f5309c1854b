"""The persona card for the room: picture and identity on the left, the four lists in coloured
boxes on the right, the « Comment pourrions-nous … ? » question in a yellow band at the bottom.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from capadesk.core.domain import persona as rules
from capadesk.core.domain.persona import HowMightWe, Persona
from capadesk.i18n import _
from capadesk.ui.runner.style import current_theme
from capadesk.ui.tools.painting import INK, POST_IT, Canvas

BOX_COLOURS = {
    "interests": "#90CAF9",
    "expectations": "#A5D6A7",
    "frustrations": "#FF8A80",
    "motivations": "#CE93D8",
}


def bulleted(items: tuple[str, ...]) -> str:
    """« • a\\n• b »."""
    return "\n".join(f"• {item}" for item in items)


def details(card: Persona) -> str:
    """The identity lines under the name."""
    age = "" if card.age is None else _("{age}\u00a0ans").format(age=card.age)
    lines = [", ".join(p for p in (age, card.profession) if p), card.family, card.home]
    if card.personality:
        lines.append(card.personality)
    return "\n".join(line for line in lines if line)


class PersonaCanvas(Canvas):
    """See module docstring."""

    def __init__(self, *, projected: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(_("Persona projeté"), projected=projected, parent=parent)
        self.card = Persona()
        self.photo: QPixmap | None = None
        self.question: HowMightWe | None = None

    def show_persona(
        self, card: Persona, photo: QPixmap | None, question: HowMightWe | None
    ) -> None:
        """Show ``card`` with its picture and one of its questions (None: no band)."""
        self.card, self.photo, self.question = card, photo, question
        self.update()

    def paint(self, painter: QPainter) -> None:
        m = self.px(50)
        band = self.px(190) if self.question else 0
        body = QRect(m, m, self.width() - 2 * m, self.height() - 2 * m - band)
        left = QRect(body.left(), body.top(), int(body.width() * 0.3), body.height())
        self._identity(painter, left)
        gap = self.px(24)
        right = QRect(
            left.right() + gap * 2, body.top(), body.right() - left.right() - gap * 2, body.height()
        )
        self._boxes(painter, right, gap)
        if self.question:
            box = QRect(m, self.height() - m - band + gap, self.width() - 2 * m, band - gap)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(POST_IT))
            painter.drawRoundedRect(QRectF(box), self.px(10), self.px(10))
            pad = self.px(18)
            self.text(
                painter,
                box.adjusted(pad, pad, -pad, -pad),
                self.question.question,
                60,
                colour=INK,
                bold=True,
            )

    def _identity(self, painter: QPainter, box: QRect) -> None:
        top = box.top()
        side = min(box.width(), int(box.height() * 0.5))
        if self.photo is not None:
            picture = QRect(box.left(), top, box.width(), side)
            scaled = self.photo.scaled(
                picture.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            x = picture.left() + (picture.width() - scaled.width()) // 2
            painter.drawPixmap(x, top, scaled)
            top += scaled.height() + self.px(20)
        name_box = QRect(box.left(), top, box.width(), self.px(110))
        self.text(
            painter,
            name_box,
            self.card.display_name,
            80,
            40,
            bold=True,
            align=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
        )
        top = name_box.bottom() + self.px(10)
        self.text(
            painter,
            QRect(box.left(), top, box.width(), box.bottom() - top),
            details(self.card),
            44,
            colour=current_theme().secondary if self.projected else None,
            align=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
        )

    def _boxes(self, painter: QPainter, area: QRect, gap: int) -> None:
        filled = [(k, label) for k, label in rules.LIST_FIELDS if getattr(self.card, k)]
        if not filled:
            self.text(
                painter,
                area,
                _("Remplissez la fiche du persona"),
                48,
                colour=current_theme().secondary,
            )
            return
        columns = 1 if len(filled) == 1 else 2
        rows = (len(filled) + columns - 1) // columns
        width = (area.width() - gap * (columns - 1)) // columns
        height = (area.height() - gap * (rows - 1)) // rows
        for index, (key, label) in enumerate(filled):
            row, column = divmod(index, columns)
            box = QRect(
                area.left() + column * (width + gap),
                area.top() + row * (height + gap),
                width,
                height,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(BOX_COLOURS[key]))
            painter.drawRoundedRect(QRectF(box), self.px(10), self.px(10))
            pad = self.px(16)
            head = QRect(box.left() + pad, box.top() + pad // 2, box.width() - 2 * pad, self.px(60))
            self.text(
                painter,
                head,
                _(label),
                40,
                colour=INK,
                bold=True,
                align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            )
            inner = QRect(
                head.left(),
                head.bottom() + self.px(4),
                head.width(),
                box.bottom() - head.bottom() - pad,
            )
            self.text(
                painter,
                inner,
                bulleted(getattr(self.card, key)),
                44,
                colour=INK,
                align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            )
