"""The printable groups: one block per group with its members and its public / private /
partner mix, to pin on the wall or hand to each table. A4 portrait."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, BinaryIO, NamedTuple

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from capadesk.core.domain.people import ParticipantView, by_name, mix_label
from capadesk.core.export.pdf_base import draw_footer, style, text
from capadesk.core.export.sign_in_sheet import document, heading
from capadesk.i18n import _

COLUMN_WIDTHS = (70 * mm, 65 * mm, 45 * mm)


class SheetGroup(NamedTuple):
    """A group as printed: its name and its members."""

    name: str
    members: tuple[ParticipantView, ...]


def write_groups_sheet(
    title: str,
    place: str,
    day: dt.date | None,
    subject: str,
    groups: Sequence[SheetGroup],
    stream: BinaryIO,
) -> None:
    """Write the groups of a step (``subject`` says which) to ``stream``."""
    name_style = style("group", 13, bold=True, space_after=1)
    mix_style = style("mix", 9, colour=colors.Color(0.3, 0.3, 0.3), space_after=3)
    cell = style("cell", 9.5)
    flowables: list[Any] = heading(title, place, day, subject)
    for group in groups:
        block: list[Any] = [
            Paragraph(text(group.name), name_style),
            Paragraph(
                text(
                    _("{count} personne(s) — {mix}").format(
                        count=len(group.members), mix=mix_label(m.type for m in group.members)
                    )
                ),
                mix_style,
            ),
        ]
        rows = [
            [
                Paragraph(text(m.name), cell),
                Paragraph(text(m.organisation), cell),
                Paragraph(text(m.type.label), cell),
            ]
            for m in by_name(group.members)
        ]
        if rows:
            table = Table(rows, colWidths=COLUMN_WIDTHS)
            table.setStyle(
                TableStyle(
                    [
                        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.Color(0.75, 0.75, 0.75)),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            block.append(table)
        block.append(Spacer(0, 6 * mm))
        flowables.append(KeepTogether(block))
    if not groups:
        flowables.append(Paragraph(text(_("Aucun groupe n'est encore formé.")), cell))
    document(stream, _("Groupes — {title}").format(title=title)).build(
        flowables, onFirstPage=draw_footer, onLaterPages=draw_footer
    )
