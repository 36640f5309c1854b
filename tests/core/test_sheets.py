"""The synthesis sheets: one page per use case, then one per thread, always one page each."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.core.export.sheets import MAX_CARDS, default_name, sheets_pdf, write_sheets
from capadesk.core.export.store_reader import read_workshop
from capadesk.core.services.captures import add_capture
from capadesk.core.services.threads import create_thread, move_captures
from capadesk.core.services.use_cases import add_use_case
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.store import Store
from tests.core.export_support import (
    KEPT_THREAD,
    OTHER_THREAD,
    SECRET,
    SPECIAL_PRINTED,
    build_day,
    embedded,
    pdf_fonts,
    pdf_pages,
)


def test_one_page_per_use_case_then_per_thread_in_vote_order(store: Store, tmp_path: Path) -> None:
    day = build_day(store)
    path = tmp_path / "fiches.pdf"
    assert sheets_pdf(store, day.workshop_id, path) == 4
    data = path.read_bytes()
    pages = pdf_pages(data)
    assert len(pages) == 4
    mobility, energy, kept, other = pages
    assert "Fiche de synthèse — cas d'usage" in mobility and "Mobilité douce" in mobility
    assert "Irritants (2) Souhaits (1)" in mobility
    assert SPECIAL_PRINTED in mobility and "Parking vélo ? plein" in mobility
    assert "Base des arrêts (SIG)" in mobility
    assert f"{KEPT_THREAD} (9 gommette(s) · retenu)" in mobility
    assert "Énergie & <bâtiments>" in energy and "Compteurs ressaisis à la main" in energy
    assert "Fiche de synthèse — fil commun" in kept
    assert f"{KEPT_THREAD} 9 gommette(s) · rang 1 · fil retenu" in kept
    assert f"{OTHER_THREAD} 4 gommette(s) · rang 2 · fil non retenu" in other
    assert "[Irritant] Compteurs ressaisis à la main" in other
    assert all(f"Page {n}" in page for n, page in enumerate(pages, start=1))
    assert SECRET not in "\n".join(pages)
    assert all("BitstreamVera" in font for font in pdf_fonts(data)) and embedded(data)


def test_a_crowded_sheet_still_fits_its_page(store: Store) -> None:
    summary, _changes = create_workshop(store, "Atelier chargé")
    wid = summary.public_id
    use_case, _changes = add_use_case(store, wid, "Mobilité")
    thread, _changes = create_thread(store, wid, "Tout")
    ids = []
    for number in range(MAX_CARDS + 15):
        kind = (CaptureKind.IRRITANT, CaptureKind.WISH, CaptureKind.IDEA)[number % 3]
        card, _changes = add_capture(
            store,
            wid,
            kind,
            f"Carte {number} " + "longue phrase de la nappe " * 60,
            stage=list(LifecycleStage)[number % 6],
            use_case_id=use_case.public_id,
        )
        ids.append(card.public_id)
    move_captures(store, wid, ids, thread.public_id)
    buffer = io.BytesIO()
    assert write_sheets(read_workshop(store, wid), buffer) == 2
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    assert len(reader.pages) == 2
    first = pdf_pages(buffer.getvalue())[0]
    assert "… et 15 autre(s) carte(s)" in first
    assert "Carte 0 " in first and f"Carte {MAX_CARDS + 1} " not in first


def test_a_workshop_with_nothing_yet_gets_one_page(store: Store) -> None:
    summary, _changes = create_workshop(store, "Vide")
    buffer = io.BytesIO()
    seen: list[str] = []
    pages = write_sheets(
        read_workshop(store, summary.public_id),
        buffer,
        progress=lambda d, t, label: seen.append(label),
    )
    assert pages == 1
    assert "Aucun cas d'usage ni fil commun" in pdf_pages(buffer.getvalue())[0]
    assert seen[-1] == "Terminé"
    assert default_name("Atelier de Lisieux") == "fiches-atelier-de-lisieux.pdf"


def test_cards_without_use_case_are_listed_on_their_thread(store: Store) -> None:
    summary, _changes = create_workshop(store, "Sans cas")
    wid = summary.public_id
    card, _changes = add_capture(store, wid, CaptureKind.WISH, "Une plateforme commune")
    thread, _changes = create_thread(store, wid, "Espace commun")
    move_captures(store, wid, [card.public_id], thread.public_id)
    buffer = io.BytesIO()
    write_sheets(read_workshop(store, wid), buffer)
    [page] = pdf_pages(buffer.getvalue())
    assert "Hors cas d'usage" in page and "[Souhait] Une plateforme commune" in page
    assert "0 gommette(s)" in page
