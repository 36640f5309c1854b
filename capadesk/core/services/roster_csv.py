"""Import a roster from a CSV file (preview first, nothing saved until accepted) and export it.

The parsing rules are in ``capadesk.core.domain.roster_format``. A file is read only when it is
a regular file of at most 5 MB, and never more than that many bytes even if it grows meanwhile.
"""

from __future__ import annotations

import io
import uuid
from pathlib import Path

from capadesk.core.domain.people import ParticipantView, identity_key
from capadesk.core.domain.roster_format import (
    MAX_BYTES,
    RosterPreview,
    accepted,
    parse_roster,
    too_big_message,
    write_roster,
)
from capadesk.core.errors import ValidationError
from capadesk.core.files import write_atomically
from capadesk.core.runner.clock import Clock, SystemClock
from capadesk.core.services.changes import Changes
from capadesk.core.services.participants import add_participants, list_participants
from capadesk.core.storage.store import Store
from capadesk.i18n import _


def read_roster_bytes(path: Path) -> bytes:
    """The bytes of a roster file, refused (French message) when missing, special or too big."""
    try:
        if not path.is_file():
            raise ValidationError(
                _("«\u00a0{name}\u00a0» n'est pas un fichier.").format(name=path.name)
            )
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ValidationError(too_big_message(size))
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise ValidationError(
            _("Le fichier «\u00a0{name}\u00a0» ne peut pas être lu\u00a0: {error}").format(
                name=path.name, error=error.strerror or error
            )
        ) from error
    if len(data) > MAX_BYTES:  # it grew since stat()
        raise ValidationError(too_big_message(len(data)))
    return data


def preview_roster(
    store: Store, workshop_id: uuid.UUID, path: Path, clock: Clock | None = None
) -> RosterPreview:
    """What importing ``path`` into the workshop would do; lines already on the roster are
    refused as duplicates. Raises ValidationError for a file that cannot be read at all."""
    data = read_roster_bytes(path)
    existing = [identity_key(p.name, p.organisation) for p in list_participants(store, workshop_id)]
    return parse_roster(data, now=(clock or SystemClock()).now(), existing=existing)


def import_roster(
    store: Store, workshop_id: uuid.UUID, preview: RosterPreview, *, skip_invalid: bool = False
) -> tuple[list[ParticipantView], Changes]:
    """Save a preview's lines, or nothing at all when a line is invalid and not ``skip_invalid``."""
    lines = accepted(preview, skip_invalid=skip_invalid)
    entries = [(uuid.uuid4(), line.fields, line.arrived_at) for line in lines]
    return add_participants(store, workshop_id, entries)


def export_roster(store: Store, workshop_id: uuid.UUID, path: Path) -> int:
    """Write the roster to ``path`` (replaced whole, never half-written); return the count."""
    people = list_participants(store, workshop_id)
    buffer = io.BytesIO()
    write_roster(people, buffer)
    write_file_atomically(path, buffer.getvalue())
    return len(people)


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` next to ``path`` then rename it over: a crash leaves the old file intact."""
    try:
        write_atomically(path, data, suffix=".tmp")
    except OSError as error:
        raise ValidationError(
            _("Le fichier «\u00a0{name}\u00a0» n'a pas pu être écrit\u00a0: {error}").format(
                name=path.name, error=error.strerror or error
            )
        ) from error
