"""What the room sees: the Wi-Fi to join, then the page's QR with its address in large print,
or the summary as a text QR when the phones cannot reach the laptop.

A plain widget: the dialog shows it as its own full-screen window, and the projection window can
host it as a page instead (``show_slide`` picks what it shows).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QStackedLayout, QVBoxLayout, QWidget

from capadesk.i18n import _
from capadesk.ui.handoff.qr_view import QrView
from capadesk.ui.runner.style import ProjectionTheme, coloured, current_theme

SLIDES = ("wifi", "page", "text")


class _Slide(QWidget):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.title = _label(bold=True)
        self.qr = QrView(name)
        self.caption = _label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addWidget(self.title)
        layout.addWidget(self.qr, 1)
        layout.addWidget(self.caption)

    def fill(self, title: str, data: str, caption: str) -> None:
        self.title.setText(title)
        self.qr.set_data(data)
        self.caption.setText(caption)


def _label(*, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet(coloured("QLabel", current_theme().text))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    font = QFont(label.font())
    font.setPixelSize(44 if bold else 36)
    font.setBold(bold)
    label.setFont(font)
    return label


class HandoffProjection(QWidget):
    """The handoff's slides, white type on black around large QR codes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Partage — projection"))
        self.setAutoFillBackground(True)
        self.setStyleSheet(f"HandoffProjection {{ background: {current_theme().background}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.wifi = _Slide(_("QR code du Wi-Fi à rejoindre"))
        self.page = _Slide(_("QR code de la page du compte rendu"))
        self.text = _Slide(_("QR code du résumé, à lire sans réseau"))
        self._stack = QStackedLayout(self)
        for slide in (self.wifi, self.page, self.text):
            self._stack.addWidget(slide)
        self.slide = "page"

    def apply_look(self, theme: ProjectionTheme, font_scale: float) -> None:
        """Follow the projection's ``theme`` (the QR codes stay black on white)."""
        del font_scale  # fixed sizes around the codes
        self.setStyleSheet(f"HandoffProjection {{ background: {theme.background}; }}")
        for slide in (self.wifi, self.page, self.text):
            for label in (slide.title, slide.caption):
                label.setStyleSheet(coloured("QLabel", theme.text))

    def set_wifi(self, payload: str, ssid: str) -> None:
        self.wifi.fill(
            _("1. Rejoignez le Wi-Fi"),
            payload,
            _("Réseau\u00a0: {name}").format(name=ssid) if ssid else "",
        )

    def set_page(self, url: str) -> None:
        """The page's code, and its URL in large print under it (for a phone with no camera)."""
        self.page.fill(_("2. Scannez pour lire le compte rendu"), url, url)

    def set_text(self, text: str) -> None:
        self.text.fill(
            _("Sans réseau\u00a0: scannez pour lire le résumé"),
            text,
            _("Le résumé s'affiche directement sur le téléphone."),
        )

    def show_slide(self, slide: str) -> None:
        """One of ``SLIDES``."""
        self.slide = slide
        self._stack.setCurrentIndex(SLIDES.index(slide))
