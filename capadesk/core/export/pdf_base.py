"""What every CapaDesk PDF shares: embedded fonts, styles, safe text, French dates, the footer.

Fonts: the Bitstream Vera TTF files reportlab ships in its ``fonts`` folder, embedded (they
cover French: é œ € « » and the non-breaking space). A character they lack (an emoji, a CJK
ideogram…) is printed as a highlighted « ? » rather than as an empty box or a failure; invisible
format characters (joiners, variation selectors) and control characters are dropped.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
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
from capadesk.core.export.typography import group_digits, typeset
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
MISSING_GLYPH = "?"
MISSING_MARKUP = '<font backColor="#ffd54f">?</font>'  # a visible box, not a plain « ? »
TEXT_LIMIT = 4_000  # characters of one user text printed; the data exports keep them all
_LINE_BREAKS = frozenset("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


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
        bulletFontName=FONT_BOLD if bold else FONT,  # reportlab's default is Helvetica
        fontSize=size,
        leading=leading or size * 1.25,
        spaceAfter=space_after,
        **extra,
    )


@functools.cache
def covered() -> frozenset[str]:
    """The characters every embedded Vera face can draw."""
    register_fonts()
    faces = [pdfmetrics.getFont(name).face.charToGlyph for name in _FONT_FILES]
    common = set(faces[0]).intersection(*faces[1:])
    return frozenset(chr(code) for code in common if code > 0x1F and code != 0x7F)


def _runs(user_text: str) -> list[tuple[str, bool]]:
    """``user_text`` as runs of drawable text and single missing characters (flag True).

    Line breaks become « \\n », other spaces the font lacks a plain space (the narrow
    no-break space a non-breaking one), control and invisible format characters vanish.
    """
    text = unicodedata.normalize("NFC", user_text)
    drawable = covered()
    if set(text) <= drawable:
        return [(text, False)] if text else []
    runs: list[tuple[str, bool]] = []
    current: list[str] = []
    for char in text:
        if char in drawable:
            current.append(char)
        elif char == "\u202f":
            current.append("\u00a0")
        elif char in _LINE_BREAKS:
            current.append("\n")
        elif char.isspace():
            current.append(" ")
        elif _invisible(char):
            continue
        else:
            if current:
                runs.append(("".join(current), False))
                current = []
            runs.append((char, True))
    if current:
        runs.append(("".join(current), False))
    return runs


def _invisible(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) in ("Cc", "Cf", "Cs")
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
    )


def text(user_text: str) -> str:
    """User text made safe for Paragraph markup: escaped, control characters dropped, the narrow
    non-breaking space (missing from Vera) shown as a plain one, any other character the font
    lacks shown as a highlighted « ? » (``MISSING_MARKUP``)."""
    return "".join(MISSING_MARKUP if missing else escape(run) for run, missing in _runs(user_text))


def plain(user_text: str) -> str:
    """User text for a canvas string or a chart label (no markup): one line, the characters the
    font lacks as « ? »."""
    return "".join(
        MISSING_GLYPH if missing else run.replace("\n", " ") for run, missing in _runs(user_text)
    )


def paragraph_text(user_text: str, *, limit: int = TEXT_LIMIT) -> str:
    """A user text as a printed paragraph's markup: French typography (``typeset``), line
    breaks kept, escaped; past ``limit`` characters it is cut with a note saying so."""
    shown = user_text[:limit]
    markup = text(typeset(shown)).replace("\n", "<br/>")
    if len(user_text) > limit:
        note = _(
            "[…] (texte coupé\u00a0: {count} caractères en tout, le texte entier est dans "
            "l'export des données)"
        ).format(count=group_digits(str(len(user_text))))
        markup += f" <i>{text(note)}</i>"
    return markup


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
