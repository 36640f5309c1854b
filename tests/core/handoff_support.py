"""A workshop with kept threads, dots and actions, published for the handoff tests."""

from __future__ import annotations

import datetime as dt
import http.client
import uuid
from pathlib import Path
from typing import NamedTuple

from capadesk.core.domain.people import ParticipantFields
from capadesk.core.domain.vocabulary import CaptureKind
from capadesk.core.handoff.publication import PDF, OfferedFile, Publication, publish
from capadesk.core.services.captures import add_capture
from capadesk.core.services.participants import add_participant
from capadesk.core.services.threads import create_thread, set_kept
from capadesk.core.services.use_cases import add_use_case
from capadesk.core.services.votes import set_participant_dots, set_tally
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.store import Store

CONSENTING = "Jeanne Consentante"
SECRET_NAME = "Paul Discret"
KEPT = ("Des données de comptage partagées", "Un «\u00a0guichet unique\u00a0» <script>")
NOT_KEPT = "Sujet écarté"
ACTIONS = ("Inventorier les capteurs du port", "Écrire la convention & la signer")
PDF_BYTES = b"%PDF-1.4\n% compte rendu de test\n" + bytes(range(256)) * 64 + b"\n%%EOF\n"


def seed_workshop(store: Store) -> uuid.UUID:
    """« Atelier de Toulon »: two kept threads (5 and 3 dots), one not kept, two actions."""
    workshop, _changes = create_workshop(
        store,
        "Atelier de Toulon",
        place="Toulon",
        day=dt.date(2024, 3, 14),
        programme="CAPACities 2024",
    )
    wid = workshop.public_id
    case, _changes = add_use_case(store, wid, "Mobilité douce", "Toulon")
    threads = [create_thread(store, wid, title)[0] for title in (*KEPT, NOT_KEPT)]
    set_tally(store, wid, None, threads[0].public_id, 4)
    set_tally(store, wid, None, threads[1].public_id, 3)
    set_tally(store, wid, None, threads[2].public_id, 1)
    for name, consent in ((CONSENTING, True), (SECRET_NAME, False)):
        person, _changes = add_participant(
            store, wid, ParticipantFields(name, "Ville de Toulon", consent_named=consent)
        )
        set_participant_dots(store, wid, None, person.public_id, threads[0].public_id, 1)
    set_kept(store, [threads[0].public_id, threads[1].public_id], True)
    add_capture(store, wid, CaptureKind.ACTION, ACTIONS[0], use_case_id=case.public_id)
    add_capture(store, wid, CaptureKind.ACTION, ACTIONS[1])
    add_capture(store, wid, CaptureKind.IRRITANT, "Les données sont ressaisies à la main")
    return wid


def published(store: Store, folder: Path, *, real_pdf: bool = False) -> Publication:
    """The seeded workshop published into ``folder / "out"``: with the export's restitution
    when ``real_pdf``, else with a stand-in PDF offered by the caller (faster)."""
    folder.mkdir(parents=True, exist_ok=True)
    if real_pdf:
        return publish(store, seed_workshop(store), folder / "out", photos_dir=folder / "photos")
    source = folder / "source.pdf"
    source.write_bytes(PDF_BYTES)
    offered = OfferedFile(source, "Télécharger le compte rendu (PDF)", PDF, "compte-rendu.pdf")
    return publish(store, seed_workshop(store), folder / "out", files=[offered])


class Answer(NamedTuple):
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(
    address: str,
    port: int,
    target: str,
    *,
    host: str | None = None,
    cookie: str | None = None,
    method: str = "GET",
) -> Answer:
    """One raw request (``target`` sent as is, no normalisation) on a new connection."""
    connection = http.client.HTTPConnection(address, port, timeout=10)
    try:
        connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host if host is not None else f"{address}:{port}")
        if cookie is not None:
            connection.putheader("Cookie", cookie)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read()
        headers = {k.lower(): v for k, v in response.getheaders()}
        return Answer(response.status, headers, body)
    finally:
        connection.close()
