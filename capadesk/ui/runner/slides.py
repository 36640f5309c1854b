"""The projection's pages: large white type on black, laid out in proportion to the window.

Every page places its labels itself on resize (no layout): the type scales with the projected
window, from a 1280 × 720 test window to a 4K wall, and long texts shrink to fit their box.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from capadesk.core.domain.countdown import CountdownLevel
from capadesk.i18n import N_, _
from capadesk.ui.runner.style import (
    PROJECTION_SECONDARY,
    PROJECTION_TEXT,
    STANDARD,
    ProjectionTheme,
    coloured,
    current_font_scale,
    current_theme,
    scaled_font,
)

RULES = (
    N_("Écoutons pour comprendre"),
    N_("Parler avec intention"),
    N_("Acceptons l'incertitude"),
    N_("Soyons bienveillant envers les autres"),
    N_("Soyons présent"),
)
_DAYS = (
    *(N_("lundi"), N_("mardi"), N_("mercredi"), N_("jeudi")),
    *(N_("vendredi"), N_("samedi"), N_("dimanche")),
)
_MONTHS = (
    *(N_("janvier"), N_("février"), N_("mars"), N_("avril"), N_("mai"), N_("juin")),
    *(N_("juillet"), N_("août"), N_("septembre"), N_("octobre"), N_("novembre"), N_("décembre")),
)


def french_date(day: dt.date) -> str:
    """« jeudi 14 mars 2024 » (independent of the machine's locale)."""
    return f"{_(_DAYS[day.weekday()])} {day.day} {_(_MONTHS[day.month - 1])} {day.year}"


# A label's role names its colour in every theme (given by its standard colour).
ROLE = "projection_role"
_ROLES = {
    STANDARD.text: "text",
    STANDARD.secondary: "secondary",
    STANDARD.levels[CountdownLevel.WARNING]: "warning",
}


def role_colour(role: str, theme: ProjectionTheme) -> str:
    """The colour of a label's ``role`` (« text », « secondary », « warning ») in ``theme``."""
    if role == "warning":
        return theme.levels[CountdownLevel.WARNING]
    return theme.secondary if role == "secondary" else theme.text


def recolour(labels: Iterable[QLabel], theme: ProjectionTheme) -> None:
    """Give each of ``labels`` made by ``projection_label`` its role's colour in ``theme``."""
    for label in labels:
        role = label.property(ROLE)
        if isinstance(role, str):
            label.setStyleSheet(coloured("QLabel", role_colour(role, theme)))


def projection_label(name: str, colour: str = PROJECTION_TEXT, *, bold: bool = False) -> QLabel:
    """A label of the projection: plain text, word-wrapped, centred, ``colour`` (a standard
    theme's colour, followed into the current theme) on black."""
    label = QLabel()
    role = _ROLES.get(colour)
    if role is not None:
        label.setProperty(ROLE, role)
        colour = role_colour(role, current_theme())
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setAccessibleName(name)
    label.setStyleSheet(coloured("QLabel", colour))
    font = QFont(label.font())
    font.setBold(bold)
    label.setFont(font)
    return label


class ProjectedPage(QWidget):
    """A page that lays its labels out in proportion to its size (see module docstring), in
    the current theme and font scale (``apply_look`` changes them)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = current_theme()
        self.font_scale = current_font_scale()

    def apply_look(self, theme: ProjectionTheme, font_scale: float) -> None:
        """Recolour and re-size the page's type for ``theme`` and ``font_scale``."""
        self.theme, self.font_scale = theme, font_scale
        recolour(self.findChildren(QLabel), theme)
        self.arrange()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.arrange()

    def arrange(self) -> None:
        """Place and size the labels for the current size."""

    def margin(self) -> int:
        """The empty border around the page's text: 5 % of its smaller side."""
        return int(min(self.width(), self.height()) * 0.05)

    @staticmethod
    def place(
        label: QLabel,
        box: QRect,
        largest: float,
        smallest: float,
        *,
        wrap: bool = True,
        scale: float = 1.0,
    ) -> None:
        """Give ``label`` the ``box`` and the largest type (pixels) at which its text fits,
        at the projection's font ``scale`` (see ``style.scaled_font``)."""
        label.setGeometry(box)
        label.setFont(
            scaled_font(
                label.font(), label.text(), box, int(largest), int(smallest), scale, wrap=wrap
            )
        )

    def fit(self, label: QLabel, box: QRect, largest: float, smallest: float) -> None:
        """``place`` at the page's font scale."""
        self.place(label, box, largest, smallest, scale=self.font_scale)


class WelcomeSlide(ProjectedPage):
    """« Bienvenue », the workshop's title, place and date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Diapositive d'accueil"))
        self.greeting_label = projection_label(_("Bienvenue"), PROJECTION_SECONDARY)
        self.greeting_label.setParent(self)
        self.greeting_label.setText(_("Bienvenue"))
        self.title_label = projection_label(_("Titre de l'atelier"), bold=True)
        self.title_label.setParent(self)
        self.details_label = projection_label(_("Lieu et date"), PROJECTION_SECONDARY)
        self.details_label.setParent(self)

    def set_workshop(self, title: str, place: str, day: dt.date | None) -> None:
        """Show ``title``, ``place`` and ``day`` (either may be missing)."""
        self.title_label.setText(title)
        self.details_label.setText(
            "\n".join(p for p in (place, french_date(day) if day else "") if p)
        )
        self.arrange()

    def arrange(self) -> None:
        w, h, m = self.width(), self.height(), self.margin()
        inner = w - 2 * m
        self.fit(self.greeting_label, QRect(m, m, inner, int(h * 0.16)), h * 0.08, h * 0.04)
        self.fit(
            self.title_label, QRect(m, int(h * 0.24), inner, int(h * 0.40)), h * 0.12, h * 0.05
        )
        self.fit(
            self.details_label, QRect(m, int(h * 0.68), inner, int(h * 0.24)), h * 0.065, h * 0.035
        )


class RulesSlide(ProjectedPage):
    """The five collaboration rules of the CAPACities workshops."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Règles de collaboration"))
        self.heading_label = projection_label(_("Nos règles de collaboration"), bold=True)
        self.heading_label.setParent(self)
        self.heading_label.setText(_("Nos règles de collaboration"))
        self.rules_label = projection_label(_("Les cinq règles"))
        self.rules_label.setParent(self)
        self.rules_label.setText("\n".join(_(rule) for rule in RULES))

    def arrange(self) -> None:
        w, h, m = self.width(), self.height(), self.margin()
        inner = w - 2 * m
        self.fit(self.heading_label, QRect(m, m, inner, int(h * 0.18)), h * 0.09, h * 0.045)
        top = m + int(h * 0.24)
        self.fit(self.rules_label, QRect(m, top, inner, h - top - m), h * 0.085, h * 0.035)
