"""The end-of-day restitution PDF, read back with pypdf."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from capadesk.core.export.files import ExportCancelledError
from capadesk.core.export.restitution import (
    EXTENSION_POINT,
    SECTIONS,
    Section,
    compose,
    default_name,
    restitution_pdf,
    write_restitution,
)
from capadesk.core.export.store_reader import read_restitution, read_timings
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.models import Photo
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from tests.core.export_support import (
    ACTION,
    CONSENTING,
    KEPT_THREAD,
    OTHER_THREAD,
    SECRET,
    SPECIAL_PRINTED,
    TITLE,
    add_photo,
    build_day,
    embedded,
    jpeg,
    pdf_fonts,
    pdf_pages,
    plain,
)

SECTION_TITLES = (
    "Déroulé de la journée : prévu et réel",
    "Qui était là",
    "Cas d'usage : irritants et souhaits",
    "Fils communs et vote",
    "Fils retenus",
    "Photos",
    "Actions et suites",
    "Règles de collaboration",
    "Méthode et crédits",
)


def images_of(data: bytes) -> list[Any]:
    """Every image drawn in the PDF (once each)."""
    found: dict[int, Any] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        resources: Any = page["/Resources"]
        xobjects = resources.get("/XObject") or {}
        for reference in xobjects.values():
            xobject = reference.get_object()
            if xobject["/Subtype"] == "/Image":
                found[reference.idnum] = xobject
    return list(found.values())


@pytest.fixture
def pdf(store: Store, app_paths: AppPaths, tmp_path: Path) -> bytes:
    day = build_day(store, app_paths.photos_dir)
    path = tmp_path / "restitution.pdf"
    pages = restitution_pdf(store, day.workshop_id, path, app_paths.photos_dir)
    data = path.read_bytes()
    assert pages == len(PdfReader(io.BytesIO(data)).pages)
    return data


def test_cover_contents_and_every_section_in_order(pdf: bytes) -> None:
    pages = pdf_pages(pdf)
    cover, contents = pages[0], pages[1]
    assert plain(TITLE) in cover  # user markup shows as typed
    assert "Toulon · jeudi 14 mars 2024" in cover and "Programme : CAPACities 2022" in cover
    assert "5 participant(s)" in cover
    assert "Sommaire" in contents
    for title in (*SECTION_TITLES, "Mobilité douce", "Énergie & <bâtiments>", KEPT_THREAD):
        assert title in contents, title
    body = "\n".join(pages[2:])
    positions = [body.index(title) for title in SECTION_TITLES]
    assert positions == sorted(positions)
    assert all(f"Page {n}" in page for n, page in enumerate(pages, start=1))
    entries: list[Any] = PdfReader(io.BytesIO(pdf)).outline
    titles = [str(entry["/Title"]) for entry in entries if not isinstance(entry, list)]
    assert [title.replace("\u00a0", " ") for title in titles] == list(SECTION_TITLES)


def test_fonts_are_embedded_vera_only(pdf: bytes) -> None:
    fonts = pdf_fonts(pdf)
    assert fonts and all("BitstreamVera" in name for name in fonts), fonts
    assert embedded(pdf)


def test_french_text_survives_and_missing_glyphs_show(pdf: bytes) -> None:
    text = "\n".join(pdf_pages(pdf))
    assert SPECIAL_PRINTED in text  # « », œ, €, grouped digits, escaped markup, « ? » spaced
    assert "contrat : aucun" in text  # the card's note
    assert "Parking vélo ? plein" in text  # the bicycle emoji, replaced visibly
    assert "Ligne 1 Ligne 2" in text
    assert "« Écoutons pour comprendre »" in text and "« Soyons présent »" in text
    assert "Chronos × Auxilia Conseil × Cerema" in text and "Creative Commons BY-NC" in text


def test_names_only_with_consent(pdf: bytes) -> None:
    text = "\n".join(pdf_pages(pdf))
    assert CONSENTING in text and "Inès Leroy (Auxilia)" in text
    assert "Zacharie" not in text and SECRET not in text
    assert "2 autre(s) participant(s) n'apparaissent pas nommément" in text
    assert "Partenaire institutionnel 1 1" in text  # still counted by type


def test_agenda_votes_kept_threads_actions_and_photos(pdf: bytes) -> None:
    text = "\n".join(pdf_pages(pdf))
    assert "09:00 Accueil 30 min 10 min −20 min" in text  # planned against the runner's log
    assert "09:30 Mot d'introduction 10 min 10 min à l'heure" in text
    assert "Dessiner les cas d'usage 1 h — —" in text  # never reached
    assert f"1 {KEPT_THREAD} 9 oui" in text and f"2 {OTHER_THREAD} 4" in text
    kept = text[text.index("Fils retenus", text.index("Fils communs et vote")) :]
    assert f"{KEPT_THREAD} 9 gommette(s), rang 1" in kept
    assert "[Irritant · Mobilité douce]" in kept
    assert ACTION in text
    assert "La nappe du groupe mobilité" in text
    assert "Photo non reproduite (fichier introuvable)" in text and "Photo perdue" in text
    [image] = images_of(pdf)
    assert image["/Width"] == 640 and image["/Filter"] == ["/DCTDecode"]  # the JPEG as is


def test_big_unreadable_and_unsafe_photos(
    store: Store, app_paths: AppPaths, tmp_path: Path
) -> None:
    summary, _changes = create_workshop(store, "Photos")
    wid = summary.public_id
    add_photo(store, wid, app_paths.photos_dir, jpeg(3000, 2000), "Grande")
    add_photo(store, wid, app_paths.photos_dir, b"pas une image", "Cassée")
    with store.write() as session:
        outside = session.query(Photo).filter(Photo.caption == "Grande").one()
        session.add(
            Photo(
                workshop_id=outside.workshop_id,
                file_name="../../secret.jpg",
                sha256="0",
                media_type="image/jpeg",
                size_bytes=1,
                caption="Ailleurs",
            )
        )
    (tmp_path / "secret.jpg").write_bytes(jpeg(10, 10))
    path = tmp_path / "photos.pdf"
    restitution_pdf(store, wid, path, app_paths.photos_dir)
    data = path.read_bytes()
    text = "\n".join(pdf_pages(data))
    assert "Photo non reproduite (fichier illisible)" in text
    assert "Photo non reproduite (nom de fichier refusé) : ../../secret.jpg" in text
    assert [(image["/Width"], image["/Height"]) for image in images_of(data)] == [
        (1500, 1000)
    ]  # decoded at half size (≤ 1600 px), proportions kept
    assert len(data) < 600_000


def test_an_empty_workshop_still_gets_its_restitution(store: Store, tmp_path: Path) -> None:
    summary, _changes = create_workshop(store, "Atelier vide")
    path = tmp_path / "vide.pdf"
    restitution_pdf(store, summary.public_id, path, tmp_path / "photos")
    text = "\n".join(pdf_pages(path.read_bytes()))
    for expected in (
        "Le déroulé de cet atelier est vide.",
        "Aucun participant n'est inscrit.",
        "Aucun fil commun n'a été tiré.",
        "Aucune photo n'a été prise.",
        "Aucune action n'a été notée.",
    ):
        assert expected in text


def test_progress_goes_forward_and_cancelling_writes_nothing(
    store: Store, app_paths: AppPaths, tmp_path: Path
) -> None:
    day = build_day(store, app_paths.photos_dir)
    seen: list[tuple[int, int, str]] = []
    path = tmp_path / "r.pdf"
    restitution_pdf(
        store, day.workshop_id, path, app_paths.photos_dir, progress=lambda *a: seen.append(a)
    )
    done = [d for d, _t, _l in seen[1:]]
    assert done == sorted(done) and seen[-1][0] == seen[-1][1] and seen[-1][2] == "Terminé"
    assert any(label == "Photo 1 sur 2" for _d, _t, label in seen)

    previous = path.read_bytes()

    def cancel(done: int, total: int, label: str) -> None:
        if label.startswith("Photo"):
            raise ExportCancelledError()

    with pytest.raises(ExportCancelledError):
        restitution_pdf(store, day.workshop_id, path, app_paths.photos_dir, progress=cancel)
    assert path.read_bytes() == previous
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_timings_come_from_the_stored_log_alone(store: Store, app_paths: AppPaths) -> None:
    day = build_day(store, app_paths.photos_dir)
    first = read_timings(store, day.workshop_id)
    again = read_timings(store, day.workshop_id)
    assert first is not None and first == again
    assert [row.actual_seconds for row in first.rows[:3]] == [600.0, 600.0, 0.0]


def test_a_later_tool_adds_its_section_after_the_kept_threads(
    store: Store, app_paths: AppPaths
) -> None:
    from reportlab.platypus import Paragraph  # type: ignore[import-untyped]

    from capadesk.core.export.pdf_document import styles

    matrices = Section(
        "matrices", "Matrices remplies", lambda data, context: [Paragraph("ACB", styles().body)]
    )
    responsible = Section(
        "responsible",
        "Numérique responsable",
        lambda data, context: [Paragraph("NR", styles().body)],
    )
    keys = [s.key for s in compose([matrices, responsible])]
    assert keys.index("kept-threads") + 1 == keys.index("matrices")
    assert keys.index("matrices") + 1 == keys.index("responsible") == keys.index("photos") - 1
    assert [s.key for s in compose()] == [s.key for s in SECTIONS]
    with pytest.raises(ValueError, match="unknown"):
        compose([matrices._replace(after="nowhere")])
    with pytest.raises(ValueError, match="already"):
        compose([matrices._replace(key="photos")])
    assert matrices.after == EXTENSION_POINT

    day = build_day(store, app_paths.photos_dir)
    buffer = io.BytesIO()
    write_restitution(
        read_restitution(store, day.workshop_id, app_paths.photos_dir),
        buffer,
        extra_sections=[matrices],
    )
    pages = pdf_pages(buffer.getvalue())
    assert "Matrices remplies" in pages[1]  # in the contents
    body = "\n".join(pages[2:])
    order = [body.index(t) for t in ("Fils retenus", "Matrices remplies", "ACB", "Photos")]
    assert order == sorted(order)
    assert (
        default_name("Atelier de Toulon — «Jour 1»") == "restitution-atelier-de-toulon-jour-1.pdf"
    )
