"""The sign-in sheet (feuille d'émargement): one line per person, sorted by name, a column to
sign. A4 portrait; the header row repeats on every page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, BinaryIO

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from capadesk import APP_NAME
from capadesk.core.domain.people import ParticipantView, by_name
from capadesk.core.export.pdf_base import (
    FONT,
    FONT_BOLD,
    MARGIN,
    PAGE_SIZE,
    draw_footer,
    french_date,
    style,
    text,
)
from capadesk.i18n import _

COLUMN_WIDTHS = (52 * mm, 48 * mm, 38 * mm, 42 * mm)  # 180 mm: A4 less two 15 mm margins


def heading(title: str, place: str, day: dt.date | None, subject: str) -> list[Any]:
    """The top of a sheet: the workshop's title, where and when, and what the sheet is."""
    details = " · ".join(part for part in (place, french_date(day)) if part)
    flowables: list[Any] = [Paragraph(text(title), style("title", 18, bold=True, space_after=4))]
    if details:
        flowables.append(Paragraph(text(details), style("details", 11, space_after=6)))
    flowables.append(Paragraph(text(subject), style("subject", 13, bold=True, space_after=8)))
    return flowables


def document(stream: BinaryIO, title: str) -> Any:
    """An A4 document with CapaDesk's margins and metadata."""
    return SimpleDocTemplate(
        stream,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,  # room for the footer
        title=title,
        author=APP_NAME,
        creator=APP_NAME,
        # reportlab's default (Helvetica, not embedded) would be named on every page.
        initialFontName=FONT,
    )


def write_sign_in_sheet(
    title: str,
    place: str,
    day: dt.date | None,
    participants: Sequence[ParticipantView],
    stream: BinaryIO,
    *,
    blank_lines: int = 0,
) -> None:
    """Write the sign-in sheet of a workshop to ``stream`` (``blank_lines`` for walk-ins)."""
    cell = style("cell", 9.5)
    small = style("small", 8.5)
    head = style("head", 9.5, bold=True)
    rows: list[list[Any]] = [
        [Paragraph(text(h), head) for h in (_("Nom"), _("Organisation"), _("Type"), _("Signature"))]
    ]
    for person in by_name(participants):
        rows.append(
            [
                Paragraph(text(person.name), cell),
                Paragraph(text(person.organisation), cell),
                Paragraph(text(person.type.label), small),
                "",
            ]
        )
    rows.extend([["", "", "", ""] for _line in range(max(0, blank_lines))])
    table = Table(rows, colWidths=COLUMN_WIDTHS, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT_BOLD),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.Color(0.6, 0.6, 0.6)),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.9, 0.94)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 1), (-1, -1), 9),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 9),
            ]
        )
    )
    count = len(participants)
    subject = _("Feuille d'émargement — {count} inscrit(s)").format(count=count)
    flowables = [*heading(title, place, day, subject), Spacer(0, 2 * mm), table]
    document(stream, _("Émargement — {title}").format(title=title)).build(
        flowables, onFirstPage=draw_footer, onLaterPages=draw_footer
    )
