"""The synthesis sheets (fiches de synthèse): one A4 page per use case, then one per thread.

A sheet is a summary to pin on a wall or hand to a group, so it always fits its page: each card
is cut at ``CARD_LIMIT`` characters, at most ``MAX_CARDS`` cards are listed, and what is left
is shrunk to the page (the restitution and the data exports hold everything).
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    KeepInFrame,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from capadesk.core.domain.capture import CaptureView, ThreadView, UseCaseView
from capadesk.core.domain.vocabulary import CaptureKind
from capadesk.core.export.files import Progress, report, slug, write_atomically
from capadesk.core.export.pdf_base import MARGIN, PAGE_SIZE, french_date, paragraph_text, text
from capadesk.core.export.pdf_document import build, long_document, styles, table_style
from capadesk.core.export.store_reader import read_workshop
from capadesk.core.export.workshop_data import WorkshopData, by_stage
from capadesk.core.storage.store import Store
from capadesk.i18n import _

CARD_LIMIT = 280  # a post-it, not a page
MAX_CARDS = 30
COLUMN = (PAGE_SIZE[0] - 2 * MARGIN) / 2
SHEET_HEIGHT = PAGE_SIZE[1] - 2 * MARGIN - 8 * mm  # the frame, less the footer's room


def _card(capture: CaptureView, context: str = "") -> Paragraph:
    s = styles()
    chosen = {CaptureKind.IRRITANT: s.irritant, CaptureKind.WISH: s.wish}.get(capture.kind, s.card)
    markup = paragraph_text(capture.text, limit=CARD_LIMIT)
    if context:
        markup = f"<font size=8>{text(context)}</font> " + markup
    return Paragraph(markup, chosen, bulletText="•")


def _by_stage(cards: Sequence[CaptureView]) -> list[Any]:
    s = styles()
    flowables: list[Any] = []
    for stage, staged in by_stage(cards):
        flowables.append(Paragraph(text(stage.label if stage else _("Sans étape")), s.h3))
        flowables.extend(_card(c) for c in staged)
    return flowables or [Paragraph(text(_("Aucun.")), s.note)]


def _capped(cards: list[CaptureView]) -> tuple[list[CaptureView], int]:
    return cards[:MAX_CARDS], max(0, len(cards) - MAX_CARDS)


def _more(left_out: int) -> list[Any]:
    if not left_out:
        return []
    message = _("… et {count} autre(s) carte(s), dans la restitution et l'export des données.")
    return [Paragraph(text(message.format(count=left_out)), styles().note)]


def _heading(data: WorkshopData, kind: str, title: str) -> list[Any]:
    s = styles()
    workshop = data.workshop
    where = " · ".join(p for p in (workshop.title, workshop.place, french_date(workshop.day)) if p)
    return [
        Paragraph(text(where), s.small),
        Paragraph(text(kind), s.note),
        Paragraph(text(title), s.title),
    ]


def _two_columns(left: list[Any], right: list[Any], titles: tuple[str, str]) -> Table:
    s = styles()
    table = Table(
        [
            [Paragraph(text(titles[0]), s.cell_bold), Paragraph(text(titles[1]), s.cell_bold)],
            [left, right],
        ],
        colWidths=(COLUMN, COLUMN),
    )
    table.setStyle(table_style())
    return table


def use_case_sheet(data: WorkshopData, use_case: UseCaseView) -> list[Any]:
    """The sheet of one use case: irritants beside wishes by stage, the drawing, the actions,
    the threads its cards went into."""
    s = styles()
    cards, left_out = _capped(data.captures_of(use_case_id=use_case.public_id))
    irritants = [c for c in cards if c.kind == CaptureKind.IRRITANT]
    wishes = [c for c in cards if c.kind == CaptureKind.WISH]
    flowables = _heading(data, _("Fiche de synthèse — cas d'usage"), use_case.title)
    if use_case.territory:
        flowables.append(Paragraph(text(use_case.territory), s.subtitle))
    flowables.append(
        _two_columns(
            _by_stage(irritants),
            _by_stage(wishes),
            (
                _("Irritants ({count})").format(count=len(irritants)),
                _("Souhaits ({count})").format(count=len(wishes)),
            ),
        )
    )
    for kind in (
        CaptureKind.DATABASE,
        CaptureKind.APPLICATION,
        CaptureKind.DATA_FLOW,
        CaptureKind.IDEA,
        CaptureKind.ACTION,
        CaptureKind.NOTE,
    ):
        of_kind = [c for c in cards if c.kind == kind]
        if of_kind:
            flowables.append(Paragraph(text(kind.label), s.h3))
            flowables.extend(_card(c) for c in of_kind)
    flowables.extend(_more(left_out))
    mine = {c.public_id for c in data.captures_of(use_case_id=use_case.public_id)}
    threads = [t for t in data.threads if mine.intersection(t.capture_ids)]
    if threads:
        dots = data.dots_of()
        flowables.append(Paragraph(text(_("Fils communs où figurent ses cartes")), s.h3))
        for thread in threads:
            ranked = dots.get(thread.public_id)
            facts = _("{dots} gommette(s)").format(dots=ranked.dots if ranked else 0)
            if thread.kept:
                facts += " · " + _("retenu")
            flowables.append(Paragraph(text(f"{thread.title} ({facts})"), s.body, bulletText="•"))
    return flowables


def thread_sheet(data: WorkshopData, thread: ThreadView) -> list[Any]:
    """The sheet of one thread: its vote, its stages, its cards by use case."""
    s = styles()
    ranked = data.dots_of().get(thread.public_id)
    facts = [
        _("{dots} gommette(s)").format(dots=ranked.dots if ranked else 0),
        _("rang {rank}").format(rank=ranked.rank) if ranked else "",
        _("fil retenu") if thread.kept else _("fil non retenu"),
    ]
    if thread.stages:
        facts.append(", ".join(stage.label for stage in thread.stages))
    if not thread.from_this_workshop:
        facts.append(_("ouvert lors d'un atelier précédent"))
    flowables = _heading(data, _("Fiche de synthèse — fil commun"), thread.title)
    flowables.append(Paragraph(text(" · ".join(f for f in facts if f)), s.subtitle))
    by_id = data.captures_by_id()
    cards, left_out = _capped([by_id[c] for c in thread.capture_ids if c in by_id])
    titles = data.use_case_titles()
    places: list[uuid.UUID | None] = [u.public_id for u in data.use_cases]
    places.append(None)
    for place in places:
        here = [c for c in cards if c.use_case_id == place]
        if not here:
            continue
        label = titles.get(place, "") if place else _("Hors cas d'usage")
        flowables.append(Paragraph(text(label), s.h2))
        flowables.extend(_card(c, f"[{c.kind.label}]") for c in here)
    if not cards:
        flowables.append(Paragraph(text(_("Aucune carte de cet atelier dans ce fil.")), s.note))
    flowables.extend(_more(left_out))
    return flowables


def sheet_threads(data: WorkshopData) -> list[ThreadView]:
    """The threads in vote order (most dots first), those the vote did not rank after."""
    order = {r.thread_id: index for index, r in enumerate(data.ranking)}
    return sorted(data.threads, key=lambda t: (order.get(t.public_id, len(order)), t.position))


def write_sheets(data: WorkshopData, stream: BinaryIO, *, progress: Progress | None = None) -> int:
    """Write the synthesis sheets to ``stream``; return the number of pages (one per sheet)."""
    pages: list[list[Any]] = [use_case_sheet(data, u) for u in data.use_cases]
    threads = sheet_threads(data)
    total = len(data.use_cases) + len(threads) + 1
    for number, thread in enumerate(threads, start=len(pages)):
        report(
            progress,
            number,
            total,
            _("Fiche du fil «\u00a0{title}\u00a0»").format(title=thread.title),
        )
        pages.append(thread_sheet(data, thread))
    if not pages:
        pages.append(
            [
                *_heading(data, _("Fiches de synthèse"), data.workshop.title),
                Paragraph(
                    text(_("Aucun cas d'usage ni fil commun pour l'instant.")), styles().body
                ),
            ]
        )
    flowables: list[Any] = []
    for index, content in enumerate(pages):
        if index:
            flowables.append(PageBreak())
        flowables.append(
            KeepInFrame(COLUMN * 2, SHEET_HEIGHT, [*content, Spacer(0, 1)], mode="shrink")
        )
    report(progress, total - 1, total, _("Assemblage des pages"))
    document = long_document(
        stream,
        _("Fiches de synthèse — {title}").format(title=data.workshop.title),
        subject=_("Fiches de synthèse"),
    )
    build(document, flowables)
    report(progress, total, total, _("Terminé"))
    return int(document.page)


def default_name(title: str) -> str:
    """« fiches-atelier-de-toulon.pdf »."""
    return f"fiches-{slug(title)}.pdf"


def sheets_pdf(
    store: Store, workshop_id: uuid.UUID, path: Path, *, progress: Progress | None = None
) -> int:
    """Read the workshop and write its synthesis sheets to ``path``; return the page count."""
    report(progress, 0, 1, _("Lecture de l'atelier"))
    data = read_workshop(store, workshop_id)
    buffer = io.BytesIO()
    pages = write_sheets(data, buffer, progress=progress)
    write_atomically(path, buffer.getvalue())
    return pages
