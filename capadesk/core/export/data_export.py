"""The workshop's data for other tools: one JSON document, or CSV files for a spreadsheet.

Both hold every card, thread, vote entry, participant and use case of the workshop (deleted ones
left out), texts exactly as typed. Names appear only for participants who agreed to be named,
unless ``full`` (the organiser's own copy); participants' private notes only with ``full``.

The order is fixed by the data alone (positions, times, then ids as text), never by row numbers
or the export's time, so exporting the same workshop twice — or after an archive round trip —
gives the same document byte for byte.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from capadesk import APP_NAME, __version__
from capadesk.core.domain.capture import CaptureView, ThreadView
from capadesk.core.domain.people import ParticipantView, by_name
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.domain.workshop import folded
from capadesk.core.errors import ValidationError
from capadesk.core.export.files import Progress, report, write_atomically
from capadesk.core.export.store_reader import read_workshop
from capadesk.core.export.workshop_data import VoteRow, WorkshopData
from capadesk.core.storage.store import Store
from capadesk.i18n import _

FORMAT_NAME = "capadesk-data"
FORMAT_VERSION = 1
CSV_SEPARATOR = ";"
CSV_ENCODING = "utf-8-sig"  # the BOM tells Excel the file is UTF-8
# A cell starting with one of these is a formula to a spreadsheet: it gets a leading apostrophe.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TYPES = list(ParticipantType)


def _id(value: uuid.UUID | None) -> str | None:
    return str(value) if value is not None else None


def ordered_captures(captures: Iterable[CaptureView]) -> list[CaptureView]:
    """Wall order, ids (as text) breaking ties."""
    return sorted(captures, key=lambda c: (c.sort_order, c.created_at, str(c.public_id)))


def ordered_threads(threads: Iterable[ThreadView]) -> list[ThreadView]:
    """Wall order, ids (as text) breaking ties."""
    return sorted(threads, key=lambda t: (t.position, str(t.public_id)))


def ordered_votes(votes: Iterable[VoteRow]) -> list[VoteRow]:
    """Oldest first, ids (as text) breaking ties."""
    return sorted(votes, key=lambda v: (v.created_at, str(v.public_id)))


def ordered_participants(
    participants: Iterable[ParticipantView], *, full: bool
) -> list[ParticipantView]:
    """By name in a full export; else by type and organisation, so the order tells no names."""
    if full:
        return by_name(participants)
    return sorted(
        participants,
        key=lambda p: (_TYPES.index(p.type), folded(p.organisation), str(p.public_id)),
    )


def shown_name(participant: ParticipantView, *, full: bool) -> str | None:
    """The participant's name when it may be shown, else None."""
    return participant.name if full or participant.consent_named else None


def json_document(data: WorkshopData, *, full: bool = False) -> dict[str, Any]:
    """The export as a JSON-ready dict (pure: the same data gives the same dict)."""
    workshop = data.workshop
    dots = data.dots_of()
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "generator": f"{APP_NAME} {__version__}",
        "full": full,
        "workshop": {
            "id": str(workshop.public_id),
            "title": workshop.title,
            "place": workshop.place,
            "day": workshop.day.isoformat() if workshop.day else None,
            "programme": workshop.programme_title,
        },
        "use_cases": [
            {
                "id": str(u.public_id),
                "title": u.title,
                "territory": u.territory,
                "colour": u.colour,
                "position": u.position,
            }
            for u in sorted(data.use_cases, key=lambda u: (u.position, str(u.public_id)))
        ],
        "participants": [
            _participant(p, full=full) for p in ordered_participants(data.participants, full=full)
        ],
        "captures": [_capture(c) for c in ordered_captures(data.captures)],
        "threads": [
            {
                "id": str(t.public_id),
                "title": t.title,
                "stages": [s.value for s in t.stages],
                "kept": t.kept,
                "position": t.position,
                "from_this_workshop": t.from_this_workshop,
                "dots": dots[t.public_id].dots if t.public_id in dots else 0,
                "capture_ids": [str(c) for c in t.capture_ids],
            }
            for t in ordered_threads(data.threads)
        ],
        "votes": [_vote(v) for v in ordered_votes(data.votes)],
    }


def _participant(p: ParticipantView, *, full: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": str(p.public_id),
        "name": shown_name(p, full=full),
        "organisation": p.organisation,
        "type": p.type.value,
        "territory": p.territory,
        "km_travelled": p.km_travelled,
        "consent_named": p.consent_named,
        "arrived_at": p.arrived_at.isoformat() if p.arrived_at else None,
    }
    if full:
        entry["notes"] = p.notes
    return entry


def _capture(c: CaptureView) -> dict[str, Any]:
    return {
        "id": str(c.public_id),
        "kind": c.kind.value,
        "text": c.text,
        "stage": c.stage.value if c.stage else None,
        "use_case_id": _id(c.use_case_id),
        "group_id": _id(c.group_id),
        "step_id": _id(c.step_id),
        "thread_id": _id(c.thread_id),
        "note": c.note,
        "created_at": c.created_at.isoformat(),
        "sort_order": c.sort_order,
    }


def _vote(v: VoteRow) -> dict[str, Any]:
    return {
        "id": str(v.public_id),
        "thread_id": str(v.thread_id),
        "step_id": _id(v.step_id),
        "participant_id": _id(v.participant_id),
        "dots": v.dots,
        "created_at": v.created_at.isoformat(),
    }


def export_json(store: Store, workshop_id: uuid.UUID, *, full: bool = False) -> dict[str, Any]:
    """The workshop's data as a JSON-ready dict, with no export time in it (see module doc)."""
    return json_document(read_workshop(store, workshop_id), full=full)


def json_bytes(document: dict[str, Any]) -> bytes:
    """The document as UTF-8 JSON text, keys in a fixed order, accents as they are."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_json(
    store: Store,
    workshop_id: uuid.UUID,
    path: Path,
    *,
    full: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Write the JSON export to ``path`` (replaced whole, never half-written)."""
    report(progress, 0, 2, _("Lecture de l'atelier"))
    data = json_bytes(export_json(store, workshop_id, full=full))
    report(progress, 1, 2, _("Écriture du fichier"))
    write_atomically(path, data)
    report(progress, 2, 2, _("Terminé"))
    return path


# -- CSV ---------------------------------------------------------------------------------------


def safe_cell(value: object) -> str:
    """A cell's text: numbers and booleans as such, None empty, and a text that a spreadsheet
    would run as a formula given a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")  # the decimal comma of a French spreadsheet
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A CSV file as Excel and LibreOffice in French open it: UTF-8 with BOM, « ; », CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_SEPARATOR, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue().encode(CSV_ENCODING, errors="replace")


def csv_files(data: WorkshopData, *, full: bool = False) -> dict[str, bytes]:
    """Each CSV file of the export by its file name (pure)."""
    use_cases = data.use_case_titles()
    thread_titles = {t.public_id: t.title for t in data.threads}
    dots = data.dots_of()
    people = {p.public_id: p for p in data.participants}
    return {
        "cartes.csv": csv_bytes(
            (
                _("identifiant"),
                _("type"),
                _("texte"),
                _("étape du cycle de vie"),
                _("cas d'usage"),
                _("fil"),
                _("note"),
                _("créée le"),
                _("ordre"),
                _("identifiant du cas d'usage"),
                _("identifiant du groupe"),
                _("identifiant de l'étape"),
                _("identifiant du fil"),
            ),
            (
                (
                    c.public_id,
                    c.kind.label,
                    c.text,
                    c.stage.label if c.stage else None,
                    use_cases.get(c.use_case_id) if c.use_case_id else None,
                    thread_titles.get(c.thread_id) if c.thread_id else None,
                    c.note,
                    c.created_at.isoformat(),
                    c.sort_order,
                    c.use_case_id,
                    c.group_id,
                    c.step_id,
                    c.thread_id,
                )
                for c in ordered_captures(data.captures)
            ),
        ),
        "fils.csv": csv_bytes(
            (
                _("identifiant"),
                _("titre"),
                _("étapes du cycle de vie"),
                _("gommettes"),
                _("rang"),
                _("retenu"),
                _("nombre de cartes"),
                _("de cet atelier"),
                _("position"),
            ),
            (
                (
                    t.public_id,
                    t.title,
                    ", ".join(s.label for s in t.stages),
                    dots[t.public_id].dots if t.public_id in dots else 0,
                    dots[t.public_id].rank if t.public_id in dots else None,
                    t.kept,
                    len(t.capture_ids),
                    t.from_this_workshop,
                    t.position,
                )
                for t in ordered_threads(data.threads)
            ),
        ),
        "votes.csv": csv_bytes(
            (
                _("identifiant"),
                _("fil"),
                _("gommettes"),
                _("participant"),
                _("créé le"),
                _("identifiant du fil"),
                _("identifiant du participant"),
                _("identifiant de l'étape"),
            ),
            (
                (
                    v.public_id,
                    thread_titles.get(v.thread_id),
                    v.dots,
                    _voter(people.get(v.participant_id) if v.participant_id else None, full),
                    v.created_at.isoformat(),
                    v.thread_id,
                    v.participant_id,
                    v.step_id,
                )
                for v in ordered_votes(data.votes)
            ),
        ),
        "participants.csv": csv_bytes(
            (
                _("identifiant"),
                _("nom"),
                _("organisation"),
                _("type"),
                _("territoire"),
                _("km parcourus"),
                _("accepte d'être nommé"),
                _("arrivé le"),
                *((_("notes"),) if full else ()),
            ),
            (
                (
                    p.public_id,
                    shown_name(p, full=full),
                    p.organisation,
                    p.type.label,
                    p.territory,
                    p.km_travelled,
                    p.consent_named,
                    p.arrived_at.isoformat() if p.arrived_at else None,
                    *((p.notes,) if full else ()),
                )
                for p in ordered_participants(data.participants, full=full)
            ),
        ),
        "cas-d-usage.csv": csv_bytes(
            (_("identifiant"), _("titre"), _("territoire"), _("position")),
            (
                (u.public_id, u.title, u.territory, u.position)
                for u in sorted(data.use_cases, key=lambda u: (u.position, str(u.public_id)))
            ),
        ),
    }


def _voter(person: ParticipantView | None, full: bool) -> str:
    if person is None:
        return _("décompte au mur")
    return shown_name(person, full=full) or _("participant non nommé")


def write_csv(
    store: Store,
    workshop_id: uuid.UUID,
    folder: Path,
    *,
    full: bool = False,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the CSV files into ``folder`` (created if needed), each replaced whole."""
    report(progress, 0, 1, _("Lecture de l'atelier"))
    files = csv_files(read_workshop(store, workshop_id), full=full)
    make_folder(folder)
    written: list[Path] = []
    for done, (name, content) in enumerate(files.items(), start=1):
        report(progress, done, len(files) + 1, _("Écriture de {name}").format(name=name))
        write_atomically(folder / name, content)
        written.append(folder / name)
    report(progress, len(files) + 1, len(files) + 1, _("Terminé"))
    return written


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents), or say in French why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ValidationError(
            _("Le dossier «\u00a0{name}\u00a0» ne peut pas être créé\u00a0: {error}").format(
                name=folder, error=error.strerror or error
            )
        ) from error
