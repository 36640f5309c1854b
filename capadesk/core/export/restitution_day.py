"""The restitution's first sections: the cover, the agenda « prévu / réel », who came."""

from __future__ import annotations

from collections import Counter
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Paragraph, Spacer, Table  # type: ignore[import-untyped]

from capadesk.core.domain.people import by_name
from capadesk.core.domain.protocol import minutes_label
from capadesk.core.domain.vocabulary import CaptureKind, ParticipantType
from capadesk.core.export.pdf_base import french_date, paragraph_text, text
from capadesk.core.export.pdf_document import RED, styles, table_style
from capadesk.core.export.typography import group_digits
from capadesk.core.export.workshop_data import RestitutionData
from capadesk.core.runner.timings import StepTiming, Timings
from capadesk.i18n import _

AGENDA_WIDTHS = (17 * mm, 95 * mm, 21 * mm, 21 * mm, 26 * mm)  # 180 mm
ATTENDANCE_WIDTHS = (90 * mm, 30 * mm, 30 * mm)


def cover(restitution: RestitutionData) -> list[Any]:
    """The first page: the workshop, where, when, its programme, the day in figures."""
    data = restitution.data
    workshop = data.workshop
    s = styles()
    flowables: list[Any] = [
        Spacer(0, 35 * mm),
        Paragraph(text(_("Restitution de l'atelier")), s.subtitle),
        Paragraph(text(workshop.title), s.title),
    ]
    details = " · ".join(part for part in (workshop.place, french_date(workshop.day)) if part)
    if details:
        flowables.append(Paragraph(text(details), s.subtitle))
    if workshop.programme_title:
        flowables.append(
            Paragraph(
                text(_("Programme\u00a0: {title}").format(title=workshop.programme_title)),
                s.subtitle,
            )
        )
    flowables.append(Spacer(0, 15 * mm))
    kinds = Counter(c.kind for c in data.captures)
    came = [p for p in data.participants if p.arrived_at is not None] or data.participants
    figures = [
        _("{count} participant(s)").format(count=len(came)),
        _("{count} carte(s) dont {irritants} irritant(s) et {wishes} souhait(s)").format(
            count=len(data.captures),
            irritants=kinds[CaptureKind.IRRITANT],
            wishes=kinds[CaptureKind.WISH],
        ),
        _("{count} fil(s) commun(s), {kept} retenu(s)").format(
            count=len(data.threads), kept=sum(1 for t in data.threads if t.kept)
        ),
        _("{count} action(s) à suivre").format(count=kinds[CaptureKind.ACTION]),
    ]
    flowables.append(Paragraph(text(_("La journée en bref")), s.h3))
    flowables.extend(Paragraph(text(line), s.body, bulletText="•") for line in figures)
    return flowables


def _minutes(seconds: float) -> str:
    return minutes_label(round(seconds / 60))


def _drift(row: StepTiming) -> str:
    drift = row.drift_seconds
    if drift is None:
        return "—"
    minutes = round(drift / 60)
    if minutes == 0:
        return _("à l'heure")
    sign = "+" if minutes > 0 else "\u2212"
    return f"{sign}{minutes_label(abs(minutes))}"


def _actual(row: StepTiming) -> str:
    if row.skipped:
        return _("sautée")
    if not row.visited:
        return "—"
    shown = _minutes(row.actual_seconds)
    return _("{minutes} (en cours)").format(minutes=shown) if row.in_progress else shown


def agenda(restitution: RestitutionData) -> list[Any]:
    """The day's steps, planned against actual, from the runner's log."""
    s = styles()
    timings: Timings = restitution.timings
    flowables: list[Any] = []
    if restitution.actuals_lost:
        flowables.append(
            Paragraph(
                text(
                    _(
                        "Le journal du minuteur ne correspond plus au déroulé (modifié "
                        "depuis)\u00a0: seul le prévu est indiqué."
                    )
                ),
                s.note,
            )
        )
    if not timings.rows:
        flowables.append(Paragraph(text(_("Le déroulé de cet atelier est vide.")), s.body))
        return flowables
    header = [_("Heure"), _("Étape"), _("Prévu"), _("Réel"), _("Écart")]
    rows: list[list[Any]] = [[Paragraph(text(h), s.cell_bold) for h in header]]
    overran: list[int] = []
    for row in timings.rows:
        title = row.title if row.track is None else f"{row.track} — {row.title}"
        cell = s.cell if row.track is None else s.small
        rows.append(
            [
                Paragraph(text(row.planned_start.strftime("%H:%M")), cell),
                Paragraph(text(title), cell),
                Paragraph(text(minutes_label(row.planned_minutes)), cell),
                Paragraph(text(_actual(row)), cell),
                Paragraph(text(_drift(row)), cell),
            ]
        )
        if row.overran:
            overran.append(len(rows) - 1)
    rows.append(
        [
            "",
            Paragraph(text(_("Journée")), s.cell_bold),
            Paragraph(text(_minutes(timings.planned_seconds)), s.cell_bold),
            Paragraph(text(_minutes(timings.actual_seconds)), s.cell_bold),
            Paragraph(text(_signed(timings.drift_seconds)), s.cell_bold),
        ]
    )
    table = Table(rows, colWidths=AGENDA_WIDTHS, repeatRows=1)
    table.setStyle(table_style(*(("TEXTCOLOR", (4, i), (4, i), RED) for i in overran)))
    flowables.append(table)
    flowables.append(
        Paragraph(
            text(
                _(
                    "Durées réelles en temps de déroulé (pauses et temps morts exclus), "
                    "lues dans le journal du minuteur."
                )
            ),
            s.small,
        )
    )
    return flowables


def _signed(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes == 0:
        return _("à l'heure")
    return ("+" if minutes > 0 else "\u2212") + minutes_label(abs(minutes))


def attendance(restitution: RestitutionData) -> list[Any]:
    """Who came: counts by type; names only of those who agreed to be named."""
    s = styles()
    people = restitution.data.participants
    if not people:
        return [Paragraph(text(_("Aucun participant n'est inscrit.")), s.body)]
    checked_in = any(p.arrived_at is not None for p in people)
    registered = Counter(p.type for p in people)
    present = Counter(p.type for p in people if p.arrived_at is not None)
    header = [_("Type de participant"), _("Inscrits"), _("Présents")]
    rows: list[list[Any]] = [[Paragraph(text(h), s.cell_bold) for h in header]]
    for kind in ParticipantType:
        if registered[kind]:
            shown = str(present[kind]) if checked_in else "—"
            rows.append(
                [
                    Paragraph(text(kind.label), s.cell),
                    Paragraph(str(registered[kind]), s.cell),
                    Paragraph(shown, s.cell),
                ]
            )
    total_present = str(sum(present.values())) if checked_in else "—"
    rows.append(
        [
            Paragraph(text(_("Total")), s.cell_bold),
            Paragraph(str(len(people)), s.cell_bold),
            Paragraph(total_present, s.cell_bold),
        ]
    )
    table = Table(rows, colWidths=ATTENDANCE_WIDTHS, hAlign="LEFT")
    table.setStyle(table_style())
    flowables: list[Any] = [table, Spacer(0, 3 * mm)]
    if not checked_in:
        flowables.append(Paragraph(text(_("Les arrivées n'ont pas été pointées.")), s.small))
    came = [p for p in people if p.arrived_at is not None] if checked_in else list(people)
    km = [p.km_travelled for p in came if p.km_travelled is not None]
    if km:
        total = group_digits(str(round(sum(km))))
        flowables.append(
            Paragraph(
                text(
                    _("Distance parcourue pour venir\u00a0: {km}\u00a0km au total.").format(
                        km=total
                    )
                ),
                s.body,
            )
        )
    named = by_name(p for p in came if p.consent_named)
    if named:
        flowables.append(Paragraph(text(_("Participants nommés (avec leur accord)")), s.h3))
        names = ", ".join(
            f"{p.name} ({p.organisation})" if p.organisation else p.name for p in named
        )
        flowables.append(Paragraph(paragraph_text(names), s.body))
    unnamed = len(came) - len(named)
    if unnamed:
        flowables.append(
            Paragraph(
                text(
                    _(
                        "{count} autre(s) participant(s) n'apparaissent pas nommément "
                        "(sans accord enregistré)."
                    ).format(count=unnamed)
                ),
                s.small if named else s.body,
            )
        )
    return flowables
