"""Drawing for the tools' projected pages (and their previews): text fitted to a box, post-its,
a black page that scales with the window.

Projected pages are read from 10 m: white or black type on saturated colours, sizes in
proportion to the page's height (designed at 1080 px), never smaller than ``MIN_TEXT`` pixels
at that height. Each canvas records the texts it drew last (``drawn``), as drawn (cut with « … »
when they did not fit): what the room actually sees.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from capadesk.ui.capture.palette import shown_text
from capadesk.ui.runner.style import current_font_scale, current_theme, cut_to_fit, scaled_font

DESIGN_HEIGHT = 1080
DESIGN_WIDTH = 1920
MIN_TEXT = 26  # pixels at 1080: about 2 cm on a 2 m high projected image
POST_IT = "#FFF176"
POST_IT_KEPT = "#69F0AE"
INK = "#111111"
_FIT_CACHE_SIZE = 2048


class FitCache:
    """Fonts already fitted to a (text, box, sizes) — a repaint does not measure again."""

    def __init__(self) -> None:
        self._fonts: OrderedDict[tuple[str, int, int, int, int, bool, float], tuple[QFont, str]] = (
            OrderedDict()
        )

    def fit(
        self,
        base: QFont,
        text: str,
        box: QRect,
        largest: int,
        smallest: int,
        bold: bool,
        scale: float = 1.0,
    ) -> tuple[QFont, str]:
        """The font and the (possibly cut) text that fit ``box``, at font ``scale`` (see
        ``style.scaled_font``)."""
        key = (text, box.width(), box.height(), largest, smallest, bold, scale)
        found = self._fonts.get(key)
        if found is not None:
            self._fonts.move_to_end(key)
            return found
        font = QFont(base)
        font.setBold(bold)
        font = scaled_font(font, text, box, largest, smallest, scale)
        shown = cut_to_fit(font, text, box)
        self._fonts[key] = (font, shown)
        if len(self._fonts) > _FIT_CACHE_SIZE:
            self._fonts.popitem(last=False)
        return font, shown


class Canvas(QWidget):
    """A painted page: black for the projection, or the palette's base for a preview."""

    def __init__(self, name: str, *, projected: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.projected = projected
        self.drawn: list[str] = []
        self._fits = FitCache()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 160)

    @property
    def scale(self) -> float:
        """Pixels per design pixel (the design page is 1920 × 1080; a narrower page, as a
        preview in a side panel, scales with its width)."""
        return max(0.25, min(self.height() / DESIGN_HEIGHT, self.width() / DESIGN_WIDTH))

    def px(self, design: float) -> int:
        """A design size in this page's pixels."""
        return max(1, round(design * self.scale))

    @property
    def ink(self) -> QColor:
        """The page's text colour."""
        return QColor(current_theme().text if self.projected else self.palette().text().color())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        self.drawn = []
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        # The theme is read at every paint: a change of look shows at the next repaint.
        background = current_theme().background if self.projected else self.palette().base().color()
        painter.fillRect(self.rect(), QColor(background))
        self.paint(painter)
        painter.end()

    def paint(self, painter: QPainter) -> None:
        """Draw the page."""

    def text(
        self,
        painter: QPainter,
        box: QRect,
        text: str,
        largest: float,
        smallest: float = MIN_TEXT,
        *,
        colour: QColor | str | None = None,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
        pixels: int | None = None,
    ) -> None:
        """Draw ``text`` (design sizes ``largest`` to ``smallest``, or exactly ``pixels``)
        wrapped in ``box``."""
        if not text or box.width() < 4 or box.height() < 4:
            return
        shown = shown_text(text)
        high = pixels or self.px(largest)
        low = pixels or min(self.px(smallest), self.px(largest))
        font_scale = current_font_scale() if self.projected and pixels is None else 1.0
        font, shown = self._fits.fit(self.font(), shown, box, high, low, bold, font_scale)
        painter.setFont(font)
        painter.setPen(QColor(colour) if colour is not None else self.ink)
        painter.drawText(box, int(align | Qt.TextFlag.TextWordWrap), shown)
        self.drawn.append(shown)

    def fitted_pixels(
        self, text: str, box: QRect, largest: float, smallest: float, *, bold: bool = False
    ) -> int:
        """The pixel size at which ``text`` fits ``box`` (for one size shared by several)."""
        low = min(self.px(smallest), self.px(largest))
        font, _shown = self._fits.fit(
            self.font(), shown_text(text), box, self.px(largest), low, bold
        )
        return font.pixelSize()

    def note_text_box(self, box: QRect) -> QRect:
        """The part of a post-it that holds its text."""
        pad = self.px(10)
        return box.adjusted(pad, pad, -pad, -pad)

    def post_it(
        self,
        painter: QPainter,
        box: QRect,
        text: str,
        *,
        fill: str = POST_IT,
        largest: float = 40,
        smallest: float = MIN_TEXT,
        selected: bool = False,
        pixels: int | None = None,
    ) -> None:
        """A post-it: a soft shadow, a coloured square, dark text."""
        radius = self.px(6)
        shadow = QRectF(box).translated(self.px(3), self.px(4))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 90))
        painter.drawRoundedRect(shadow, radius, radius)
        painter.setBrush(QColor(fill))
        if selected:
            painter.setPen(QPen(QColor("#1A73E8"), max(2, self.px(5))))
        painter.drawRoundedRect(QRectF(box), radius, radius)
        self.text(
            painter,
            self.note_text_box(box),
            text,
            largest,
            smallest,
            colour=INK,
            pixels=pixels,
        )
