"""« Nous sommes en 2027 » for the room: the year in large amber type, the thread under it, the
story on the left and the group's drawing on the right."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.backcast import Story
from capadesk.i18n import _
from capadesk.ui.runner.style import current_theme
from capadesk.ui.tools.painting import Canvas

YEAR_COLOUR = "#FFC400"


class StoryCanvas(Canvas):
    """See module docstring."""

    def __init__(self, *, projected: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(_("Projection 2027 projetée"), projected=projected, parent=parent)
        self.story = Story()
        self.thread_title = ""
        self.drawing: QPixmap | None = None

    def show_story(self, thread: str, story: Story, drawing: QPixmap | None) -> None:
        """Show ``story`` told for the thread titled ``thread``, with its drawing."""
        self.thread_title, self.story, self.drawing = thread, story, drawing
        self.update()

    def paint(self, painter: QPainter) -> None:
        m = self.px(50)
        width = self.width() - 2 * m
        self.text(
            painter,
            QRect(m, m // 2, width, self.px(120)),
            self.story.heading,
            96,
            40,
            colour=YEAR_COLOUR,
            bold=True,
        )
        self.text(
            painter,
            QRect(m, m // 2 + self.px(120), width, self.px(70)),
            self.thread_title,
            44,
            22,
            colour=current_theme().secondary if self.projected else None,
        )
        top = m // 2 + self.px(210)
        body = QRect(m, top, width, self.height() - top - m)
        text_box = body
        if self.drawing is not None:
            split = int(body.width() * 0.52)
            text_box = QRect(body.left(), body.top(), split - self.px(30), body.height())
            frame = QRect(body.left() + split, body.top(), body.width() - split, body.height())
            scaled = self.drawing.scaled(
                frame.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            painter.drawPixmap(
                frame.left() + (frame.width() - scaled.width()) // 2,
                frame.top() + (frame.height() - scaled.height()) // 2,
                scaled,
            )
        self.text(
            painter,
            text_box,
            self.story.text or _("Racontez le succès vu de {year}").format(year=self.story.year),
            52,
            colour=None if self.story.text else current_theme().secondary,
            align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        )
