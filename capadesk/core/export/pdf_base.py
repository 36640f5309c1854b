"""What every CapaDesk PDF shares: embedded fonts, styles, safe text, French dates, the footer.

Fonts: the Bitstream Vera TTF files reportlab ships in its ``fonts`` folder, embedded (they
cover French: é œ € « » and the non-breaking space).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

# No stubs for reportlab: its names are typed Any here.
import reportlab  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from capadesk import APP_NAME
from capadesk.i18n import N_, _

FONT = "CapaVera"
FONT_BOLD = "CapaVera-Bold"
MARGIN = 15 * mm
PAGE_SIZE = A4
CREDIT = N_("Méthode CAPACities — Chronos × Auxilia × Cerema (CC BY-NC)")
_FONT_FILES = {
    FONT: "Vera.ttf",
    FONT_BOLD: "VeraBd.ttf",
    "CapaVera-Italic": "VeraIt.ttf",
    "CapaVera-BoldItalic": "VeraBI.ttf",
}
_DAYS = (
    N_("lundi"),
    N_("mardi"),
    N_("mercredi"),
    N_("jeudi"),
    N_("vendredi"),
    N_("samedi"),
    N_("dimanche"),
)
_MONTHS = (
    N_("janvier"),
    N_("février"),
    N_("mars"),
    N_("avril"),
    N_("mai"),
    N_("juin"),
    N_("juillet"),
    N_("août"),
    N_("septembre"),
    N_("octobre"),
    N_("novembre"),
    N_("décembre"),
)
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def fonts_dir() -> Path:
    """The folder of the TTF files reportlab ships."""
    return Path(reportlab.__file__).resolve().parent / "fonts"


@functools.cache
def register_fonts() -> None:
    """Register the Vera family once per process."""
    from reportlab.lib.fonts import addMapping  # type: ignore[import-untyped]

    for name, file_name in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(fonts_dir() / file_name)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, "CapaVera-Italic")
    addMapping(FONT, 1, 1, "CapaVera-BoldItalic")


def style(
    name: str,
    size: float,
    *,
    bold: bool = False,
    leading: float | None = None,
    space_after: float = 0,
    colour: Any = None,
) -> ParagraphStyle:
    """A paragraph style in the embedded font."""
    register_fonts()
    extra: dict[str, Any] = {"textColor": colour} if colour is not None else {}
    return ParagraphStyle(
        name,
        fontName=FONT_BOLD if bold else FONT,
        fontSize=size,
        leading=leading or size * 1.25,
        spaceAfter=space_after,
        **extra,
    )


def text(user_text: str) -> str:
    """User text made safe for Paragraph markup: escaped, control characters dropped, the narrow
    non-breaking space (missing from Vera) shown as a plain one."""
    return escape(_UNSAFE.sub("", user_text).replace("\u202f", "\u00a0"))


def french_date(day: dt.date | None) -> str:
    """« jeudi 14 mars 2024 », or the empty string."""
    if day is None:
        return ""
    return f"{_(_DAYS[day.weekday()])} {day.day}\u00a0{_(_MONTHS[day.month - 1])} {day.year}"


def draw_footer(canvas: Canvas, document: Any) -> None:
    """Page number and the method's credit, at the foot of every page."""
    register_fonts()
    canvas.saveState()
    canvas.setFont(FONT, 7.5)
    canvas.setFillGray(0.35)
    width, _height = PAGE_SIZE
    canvas.drawString(MARGIN, 9 * mm, f"{APP_NAME} · {_(CREDIT)}")
    page = _("Page {number}").format(number=canvas.getPageNumber())
    canvas.drawRightString(width - MARGIN, 9 * mm, page)
    canvas.restoreState()
