"""The restitution's sections from the wall: use cases (irritants and wishes by life-cycle stage),
threads and their votes, the kept threads, the actions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Paragraph, Spacer, Table  # type: ignore[import-untyped]

from capadesk.core.domain.capture import CaptureView, UseCaseView
from capadesk.core.domain.vocabulary import CaptureKind
from capadesk.core.export.pdf_base import paragraph_text, text
from capadesk.core.export.pdf_document import FRAME_WIDTH, heading, styles, table_style
from capadesk.core.export.vote_chart import vote_chart
from capadesk.core.export.workshop_data import RestitutionData, WorkshopData, by_stage
from capadesk.i18n import _

DRAWING_KINDS = (
    CaptureKind.DATABASE,
    CaptureKind.APPLICATION,
    CaptureKind.DATA_FLOW,
    CaptureKind.IDEA,
    CaptureKind.NOTE,
)
RANKING_WIDTHS = (22 * mm, 110 * mm, 26 * mm, 22 * mm)


def card(capture: CaptureView, *, context: str = "") -> Paragraph:
    """One card as a bulleted paragraph: red for an irritant, green for a wish; its note after."""
    s = styles()
    chosen = {CaptureKind.IRRITANT: s.irritant, CaptureKind.WISH: s.wish}.get(capture.kind, s.card)
    markup = paragraph_text(capture.text)
    if context:
        markup = f"<font size=8>{text(context)}</font> " + markup
    if capture.note.strip():
        markup += f" <i>— {paragraph_text(capture.note)}</i>"
    return Paragraph(markup, chosen, bulletText="•")


def stage_blocks(captures: Sequence[CaptureView]) -> list[Any]:
    """Irritants and wishes grouped by life-cycle stage: the stage, then its cards."""
    s = styles()
    flowables: list[Any] = []
    for stage, cards in by_stage(captures):
        label = stage.label if stage else _("Sans étape du cycle de vie")
        flowables.append(Paragraph(text(label), s.h3))
        for kind in (CaptureKind.IRRITANT, CaptureKind.WISH):
            flowables.extend(card(c) for c in cards if c.kind == kind)
    return flowables


def _use_case_key(use_case_id: uuid.UUID | None) -> str:
    return f"use-case-{use_case_id or 'none'}"


def use_cases(restitution: RestitutionData) -> list[Any]:
    """Per use case, its irritants (red) and wishes (green) by life-cycle stage, then the other
    cards of the drawing."""
    data = restitution.data
    s = styles()
    flowables: list[Any] = []
    places: list[tuple[UseCaseView | None, str]] = [(u, u.title) for u in data.use_cases]
    if data.captures_of(use_case_id=None):
        places.append((None, _("Hors cas d'usage")))
    for use_case, title in places:
        use_case_id = use_case.public_id if use_case else None
        flowables.append(heading(title, 1, _use_case_key(use_case_id)))
        if use_case and use_case.territory:
            flowables.append(Paragraph(text(use_case.territory), s.note))
        voiced = data.captures_of(
            use_case_id=use_case_id, kinds=(CaptureKind.IRRITANT, CaptureKind.WISH)
        )
        if voiced:
            flowables.extend(stage_blocks(voiced))
        else:
            flowables.append(Paragraph(text(_("Ni irritant ni souhait noté.")), s.note))
        flowables.extend(_drawing(data, use_case_id))
        flowables.append(Spacer(0, 4 * mm))
    if not places:
        flowables.append(Paragraph(text(_("Aucun cas d'usage ni carte.")), s.body))
    return flowables


def _drawing(data: WorkshopData, use_case_id: uuid.UUID | None) -> list[Any]:
    """The use case's other cards (databases, applications, flows, ideas, notes), by kind."""
    s = styles()
    flowables: list[Any] = []
    for kind in DRAWING_KINDS:
        cards = data.captures_of(use_case_id=use_case_id, kinds=(kind,))
        if cards:
            flowables.append(Paragraph(text(kind.label), s.h3))
            flowables.extend(card(c) for c in cards)
    return flowables


def threads(restitution: RestitutionData) -> list[Any]:
    """The vote's chart and the ranking of every thread."""
    data = restitution.data
    s = styles()
    if not data.ranking:
        return [Paragraph(text(_("Aucun fil commun n'a été tiré.")), s.body)]
    rules = data.voting_rules
    flowables: list[Any] = [
        Paragraph(
            text(
                _(
                    "{dots} gommettes par participant, {kept} fils retenus au plus. "
                    "En foncé, les fils retenus."
                ).format(dots=rules.dots_per_participant, kept=rules.kept_threads)
            ),
            s.note,
        ),
        vote_chart(data.ranking, FRAME_WIDTH),
        Spacer(0, 4 * mm),
    ]
    header = [_("Rang"), _("Fil"), _("Gommettes"), _("Retenu")]
    rows: list[list[Any]] = [[Paragraph(text(h), s.cell_bold) for h in header]]
    for ranked in data.ranking:
        place = f"{ranked.rank}" + (" " + _("ex æquo") if ranked.tied else "")
        rows.append(
            [
                Paragraph(text(place), s.cell),
                Paragraph(text(ranked.title), s.cell),
                Paragraph(str(ranked.dots), s.cell),
                Paragraph(text(_("oui") if ranked.kept else ""), s.cell_bold),
            ]
        )
    table = Table(rows, colWidths=RANKING_WIDTHS, repeatRows=1)
    table.setStyle(table_style())
    flowables.append(table)
    return flowables


def kept_threads(restitution: RestitutionData) -> list[Any]:
    """Each kept thread, in vote order: its stages, its dots and the cards gathered in it."""
    data = restitution.data
    s = styles()
    by_id = {t.public_id: t for t in data.threads}
    captures = data.captures_by_id()
    use_case_titles = data.use_case_titles()
    kept = [r for r in data.ranking if r.kept and r.thread_id in by_id]
    if not kept:
        return [Paragraph(text(_("Aucun fil n'a encore été retenu.")), s.body)]
    flowables: list[Any] = []
    for ranked in kept:
        thread = by_id[ranked.thread_id]
        flowables.append(heading(thread.title, 1, f"thread-{thread.public_id}"))
        facts = [_("{dots} gommette(s), rang {rank}").format(dots=ranked.dots, rank=ranked.rank)]
        if thread.stages:
            facts.append(", ".join(stage.label for stage in thread.stages))
        if not thread.from_this_workshop:
            facts.append(_("fil ouvert lors d'un atelier précédent"))
        flowables.append(Paragraph(text(" · ".join(facts)), s.note))
        cards = [captures[c] for c in thread.capture_ids if c in captures]
        for capture in cards:
            context = " · ".join(
                part
                for part in (
                    capture.kind.label,
                    use_case_titles.get(capture.use_case_id) if capture.use_case_id else "",
                )
                if part
            )
            flowables.append(card(capture, context=f"[{context}]"))
        if not cards:
            flowables.append(Paragraph(text(_("Aucune carte de cet atelier.")), s.note))
    return flowables


def actions(restitution: RestitutionData) -> list[Any]:
    """The cards of kind « action », by use case: what comes next."""
    data = restitution.data
    s = styles()
    found = [c for c in data.captures if c.kind == CaptureKind.ACTION]
    if not found:
        return [Paragraph(text(_("Aucune action n'a été notée.")), s.body)]
    titles = data.use_case_titles()
    flowables: list[Any] = []
    places: list[uuid.UUID | None] = [u.public_id for u in data.use_cases]
    places.append(None)
    for place in places:
        cards = [c for c in found if c.use_case_id == place]
        if not cards:
            continue
        label = titles.get(place, "") if place else _("Pour tous")
        flowables.append(Paragraph(text(label), s.h3))
        flowables.extend(card(c) for c in cards)
    return flowables
