"""Shared by the export tests: a small but complete workshop day, and PDFs read back as text."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid
from pathlib import Path
from typing import NamedTuple

from PIL import Image, ImageDraw
from pypdf import PdfReader

from capadesk.core.domain.capture import VotingRules
from capadesk.core.domain.people import ParticipantFields
from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage, ParticipantType
from capadesk.core.runner import FakeClock, Runner
from capadesk.core.services import runner as runner_service
from capadesk.core.services.agenda import apply_protocol
from capadesk.core.services.captures import add_capture
from capadesk.core.services.participants import add_participants
from capadesk.core.services.protocols import find_protocol
from capadesk.core.services.threads import create_thread, move_captures
from capadesk.core.services.use_cases import add_use_case
from capadesk.core.services.votes import keep_top, set_tally, set_voting_rules, vote_step
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.models import Photo, Workshop
from capadesk.core.storage.store import Store

T0 = dt.datetime(2024, 3, 14, 9, 0, tzinfo=dt.UTC)
TITLE = "Atelier «\u00a0Dessine-moi ton cas d'usage\u00a0» <b>Toulon</b> & co"
SPECIAL = "Les «données» du cœur de l'œuvre: 1500 € & <i>plus</i>, pourquoi?"
SPECIAL_PRINTED = "Les « données » du cœur de l'œuvre : 1 500 € & <i>plus</i>, pourquoi ?"
EMOJI = "Parking vélo 🚲 plein"
CONSENTING = "Anne Durand"
SECRET = "Zacharie Secretnom"
ACTION = "Écrire la convention de partage avant l'été"
KEPT_THREAD = "Partager les données de mobilité"
OTHER_THREAD = "Un portail unique"


class Day(NamedTuple):
    """The ids of the workshop built by ``build_day``."""

    workshop_id: uuid.UUID
    use_case_ids: tuple[uuid.UUID, uuid.UUID]
    kept_thread_id: uuid.UUID
    other_thread_id: uuid.UUID
    special_id: uuid.UUID
    secret_id: uuid.UUID


def jpeg(width: int, height: int, colour: str = "#1565c0") -> bytes:
    """A small JPEG photo with something drawn on it."""
    image = Image.new("RGB", (width, height), colour)
    ImageDraw.Draw(image).rectangle((width // 4, height // 4, width // 2, height // 2), "white")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def add_photo(
    store: Store, workshop_id: uuid.UUID, photos_dir: Path, data: bytes | None, caption: str
) -> str:
    """A photo row whose file holds ``data`` (None: the file is missing); its file name."""
    digest = hashlib.sha256(data or caption.encode()).hexdigest()
    file_name = f"{digest}.jpg"
    if data is not None:
        photos_dir.mkdir(parents=True, exist_ok=True)
        (photos_dir / file_name).write_bytes(data)
    with store.write() as session:
        row = session.query(Workshop).filter(Workshop.public_id == workshop_id).one()
        session.add(
            Photo(
                workshop_id=row.id,
                file_name=file_name,
                sha256=digest,
                media_type="image/jpeg",
                size_bytes=len(data or b""),
                caption=caption,
                taken_at=T0,
            )
        )
    return file_name


def run_day(store: Store, workshop_id: uuid.UUID, clock: FakeClock, steps: int) -> None:
    """Start the day and go through ``steps`` steps, each 10 minutes long."""
    runner_service.act(store, workshop_id, clock, Runner.start)
    for _step in range(steps):
        clock.advance(600)
        runner_service.act(store, workshop_id, clock, Runner.next)


def build_day(store: Store, photos_dir: Path | None = None) -> Day:
    """A workshop with a library agenda, two use cases, five participants (one not consenting
    to be named), cards of every kind, two threads with dots (one kept), two steps run and, when
    ``photos_dir`` is given, a photo and a photo whose file is missing."""
    summary, _changes = create_workshop(
        store, TITLE, place="Toulon", day=dt.date(2024, 3, 14), programme="CAPACities 2022"
    )
    wid = summary.public_id
    apply_protocol(store, wid, find_protocol("capacities-1-toulon"))
    mobility, _changes = add_use_case(store, wid, "Mobilité douce", "Métropole TPM")
    energy, _changes = add_use_case(store, wid, "Énergie & <bâtiments>")
    people = [
        (CONSENTING, "Ville de Toulon", ParticipantType.ELECTED, 12.0, True),
        ("Bruno Martin", "ACME", ParticipantType.COMPANY, 800.0, True),
        (SECRET, "Cerema", ParticipantType.PARTNER, 1200.0, False),
        ("Denis Blanc", "Métropole", ParticipantType.AGENT, None, False),
        ("Inès Leroy", "Auxilia", ParticipantType.FACILITATOR, 465.0, True),
    ]
    added, _changes = add_participants(
        store,
        wid,
        [(uuid.uuid4(), ParticipantFields(n, o, t, "", km, c), T0) for n, o, t, km, c in people],
    )
    secret = next(p for p in added if p.name == SECRET)
    special, _changes = add_capture(
        store,
        wid,
        CaptureKind.IRRITANT,
        SPECIAL,
        stage=LifecycleStage.COLLECTION,
        use_case_id=mobility.public_id,
        note="contrat\u00a0: aucun",
    )
    cards = [special.public_id]
    for kind, text, stage, use_case in (
        (CaptureKind.WISH, "Un tableau de bord partagé", LifecycleStage.SHARING, mobility),
        (CaptureKind.IRRITANT, EMOJI, LifecycleStage.USE, mobility),
        (CaptureKind.DATABASE, "Base des arrêts (SIG)", None, mobility),
        (CaptureKind.IRRITANT, "Compteurs ressaisis à la main", None, energy),
        (CaptureKind.WISH, "Des relevés en temps réel", LifecycleStage.COLLECTION, energy),
        (CaptureKind.ACTION, ACTION, None, None),
        (CaptureKind.IDEA, "Ligne 1\nLigne 2", None, None),
    ):
        view, _changes = add_capture(
            store,
            wid,
            kind,
            text,
            stage=stage,
            use_case_id=use_case.public_id if use_case else None,
        )
        cards.append(view.public_id)
    kept, _changes = create_thread(store, wid, KEPT_THREAD)
    other, _changes = create_thread(store, wid, OTHER_THREAD)
    move_captures(store, wid, cards[:2], kept.public_id)
    move_captures(store, wid, cards[4:6], other.public_id)
    step = vote_step(store, wid)
    assert step is not None  # the Toulon day ends with a dot vote
    set_voting_rules(store, step, VotingRules(dots_per_participant=4, kept_threads=1))
    set_tally(store, wid, step, kept.public_id, 9)
    set_tally(store, wid, step, other.public_id, 4)
    keep_top(store, wid, step)
    run_day(store, wid, FakeClock(T0), 2)
    if photos_dir is not None:
        add_photo(store, wid, photos_dir, jpeg(640, 480), "La nappe du groupe mobilité")
        add_photo(store, wid, photos_dir, None, "Photo perdue")
    return Day(
        wid,
        (mobility.public_id, energy.public_id),
        kept.public_id,
        other.public_id,
        special.public_id,
        secret.public_id,
    )


def plain(value: str) -> str:
    """Spaces as pypdf reads them back: non-breaking ones plain, a wrapped line joined."""
    return " ".join(value.replace("\u00a0", " ").replace("\u202f", " ").split())


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text, spaces made plain."""
    return [plain(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def pdf_fonts(data: bytes) -> set[str]:
    """The base names of every font the pages use."""
    reader = PdfReader(io.BytesIO(data))
    fonts: set[str] = set()
    for page in reader.pages:
        resources = page.get("/Resources")
        if resources is None or "/Font" not in resources:
            continue
        for font in resources["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return fonts


def embedded(data: bytes) -> bool:
    """Every font of every page carries its font file (a TrueType subset)."""
    reader = PdfReader(io.BytesIO(data))
    seen = False
    for page in reader.pages:
        resources = page.get("/Resources")
        if resources is None or "/Font" not in resources:
            continue
        for font in resources["/Font"].values():
            descriptor = font.get_object().get("/FontDescriptor")
            if descriptor is None or "/FontFile2" not in descriptor.get_object():
                return False
            seen = True
    return seen
