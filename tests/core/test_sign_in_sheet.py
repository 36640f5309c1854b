"""The sign-in sheet and the groups sheet, read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from pathlib import Path

from pypdf import PdfReader

from capadesk.core.domain.people import ParticipantFields, ParticipantView
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.export.groups_sheet import SheetGroup, write_groups_sheet
from capadesk.core.export.pdf_base import FONT, fonts_dir, french_date, text
from capadesk.core.export.sign_in_sheet import write_sign_in_sheet
from capadesk.core.services import participants
from capadesk.core.services.groups import GroupDraft, replace_groups
from capadesk.core.services.people_sheets import groups_sheet_pdf, sign_in_sheet_pdf
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.store import Store

TITLE = "Atelier «\u00a0Dessine-moi ton cas d'usage\u00a0» — 15\u00a0€ & <b>gras</b>"
TYPES = list(ParticipantType)


def person(n: int, name: str | None = None) -> ParticipantView:
    return ParticipantView(
        public_id=uuid.UUID(int=n + 1),
        workshop_id=uuid.UUID(int=0),
        name=name or f"Participant {n:02d}",
        organisation="Ville de Toulon & associés",
        type=TYPES[n % len(TYPES)],
        territory="",
        km_travelled=None,
        consent_named=False,
        arrived_at=None,
    )


def plain(value: str) -> str:
    """Spaces as pypdf reads them back: non-breaking ones plain, a wrapped line joined."""
    return " ".join(value.replace("\u00a0", " ").split())


def pages_of(data: bytes) -> list[str]:
    return [plain(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def test_sixty_people_on_three_pages_sorted_by_name_with_the_title() -> None:
    people = [person(n) for n in range(60)]
    people.reverse()  # the sheet sorts them itself
    buffer = io.BytesIO()
    write_sign_in_sheet(TITLE, "Toulon", dt.date(2024, 3, 14), people, buffer)
    pages = pages_of(buffer.getvalue())
    assert len(pages) == 3
    first = pages[0]
    assert plain(TITLE) in first  # escaped markup shows as typed, « € » and accents included
    assert "Toulon · jeudi 14 mars 2024" in first
    assert "Feuille d'émargement — 60 inscrit(s)" in first
    everything = "\n".join(pages)
    order = [everything.index(f"Participant {n:02d}") for n in range(60)]
    assert order == sorted(order)
    assert all(
        "Nom Organisation Type Signature" in page for page in pages
    )  # the header row repeats
    assert all(f"Page {n}" in page for n, page in enumerate(pages, start=1))
    assert "Collectivité — élu" in everything and "Usager / habitant" in everything
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
    }
    assert fonts and all("Vera" in name for name in fonts)  # embedded TTF, no standard font


def test_one_page_for_a_small_room_and_blank_lines_for_walk_ins() -> None:
    buffer = io.BytesIO()
    write_sign_in_sheet("Lisieux", "", None, [person(1, "Zoé Œuvre")], buffer, blank_lines=10)
    [page] = pages_of(buffer.getvalue())
    assert "Zoé Œuvre" in page
    assert "Feuille d'émargement — 1 inscrit(s)" in page


def test_user_text_never_reaches_reportlab_as_markup() -> None:
    assert text("<b>A & B</b>\x00\u202f") == "&lt;b&gt;A &amp; B&lt;/b&gt;\u00a0"
    assert french_date(dt.date(2024, 8, 1)) == "jeudi 1\u00a0août 2024"
    assert (fonts_dir() / "Vera.ttf").is_file()
    assert FONT == "CapaVera"


def test_groups_sheet_has_one_block_per_group_with_its_mix() -> None:
    groups = [
        SheetGroup("Mobilité (1)", (person(0, "Anne"), person(2, "Bruno"))),
        SheetGroup("Énergie", (person(3, "Chloé"),)),
    ]
    buffer = io.BytesIO()
    write_groups_sheet("Toulon", "Toulon", None, "Groupes — Dessin", groups, buffer)
    [page] = pages_of(buffer.getvalue())
    for expected in ("Mobilité (1)", "Énergie", "Anne", "Bruno", "Chloé", "Groupes — Dessin"):
        assert expected in page
    assert "2 personne(s) — Public 1 · Privé 1" in page
    assert "1 personne(s) — Partenaires 1" in page


def test_services_write_the_files_from_the_store(store: Store, tmp_path: Path) -> None:
    summary, _changes = create_workshop(
        store, "Toulon <i>", place="Toulon", day=dt.date(2024, 3, 14)
    )
    wid = summary.public_id
    anne, _ = participants.add_participant(
        store, wid, ParticipantFields("Anne", "Toulon", ParticipantType.AGENT)
    )
    participants.add_participant(
        store, wid, ParticipantFields("Bruno", "", ParticipantType.COMPANY)
    )
    replace_groups(store, wid, None, [GroupDraft("Groupe bleu", (anne.public_id,))])
    sheet = tmp_path / "emargement.pdf"
    assert sign_in_sheet_pdf(store, wid, sheet) == 2
    assert "Bruno" in pages_of(sheet.read_bytes())[0]
    groups_file = tmp_path / "groupes.pdf"
    assert groups_sheet_pdf(store, wid, None, groups_file) == 1
    text_of_groups = pages_of(groups_file.read_bytes())[0]
    assert "Groupe bleu" in text_of_groups and "Groupes — Toute la journée" in text_of_groups
    assert "Bruno" not in text_of_groups
