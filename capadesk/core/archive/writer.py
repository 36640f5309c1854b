"""``export_archive``: one workshop as a ``.capadesk`` file, written atomically.

The same store content and the same ``now`` give the same bytes: members in a fixed order
(manifest, data, photos by name), canonical JSON, zip entries stamped with ``now``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from capadesk import __version__
from capadesk.core.archive.collect import PhotoRef, collect
from capadesk.core.archive.errors import ArchiveError
from capadesk.core.archive.files import CHUNK, sha256_file, stored_photo
from capadesk.core.archive.format import (
    DATA,
    FORMAT_VERSION,
    MANIFEST,
    SHA256,
    Manifest,
    MemberEntry,
    dump_json,
    manifest_data,
    photo_member,
)
from capadesk.core.files import atomic_write
from capadesk.core.storage.backup import is_disk_full
from capadesk.core.storage.probe import SCHEMA_HEAD
from capadesk.core.storage.store import Store
from capadesk.i18n import _

log = logging.getLogger(__name__)

# (bytes done, bytes in all, what is being done), as for the other exports; it cancels by
# raising (``capadesk.core.export.files.ExportCancelledError``), which goes through as it is.
Progress = Callable[[int, int, str], None]


class _PhotoFile(NamedTuple):
    member: str
    path: Path
    size: int
    sha256: str


def export_archive(
    store: Store,
    workshop_id: uuid.UUID,
    target: Path,
    photos_dir: Path,
    *,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the workshop's archive at ``target`` (replaced only once complete); return it.

    A photo row whose file is missing or does not match its hash travels without its file
    (logged). Raises NotFoundError for an unknown workshop, ArchiveError (French) when the
    file cannot be written; whatever ``progress`` raises (to cancel) goes through, and then
    nothing was written either.
    """
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    with store.read() as session:  # one read transaction: one consistent snapshot
        collected = collect(session, workshop_id)
    data = dump_json(collected.tables)
    photos = _photo_files(collected.photos, photos_dir)
    members = [MemberEntry(DATA, len(data), hashlib.sha256(data).hexdigest())]
    members += [MemberEntry(photo.member, photo.size, photo.sha256) for photo in photos]
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        app_version=__version__,
        schema_revision=SCHEMA_HEAD,
        created_at=moment,
        workshop_id=collected.workshop_id,
        workshop_title=collected.title,
        members=tuple(members),
    )
    ticker = _Ticker(sum(entry.size for entry in members), progress)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(target) as stream, zipfile.ZipFile(stream, "w") as archive:
            _write_bytes(archive, MANIFEST, dump_json(manifest_data(manifest)), moment)
            _write_bytes(archive, DATA, data, moment)
            ticker.advance(len(data))
            for photo in photos:
                _write_photo(archive, photo, moment, ticker)
    except OSError as error:
        if is_disk_full(error):
            reason = _("Archive non écrite\u00a0: le disque est plein ({path}).")
        else:
            reason = _("Archive non écrite ({path})\u00a0: {error}")
        raise ArchiveError(reason.format(path=target, error=error)) from error
    return target


class _Ticker:
    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self._progress = total, 0, progress

    def advance(self, count: int) -> None:
        self.done += count
        if self._progress is not None:
            self._progress(self.done, self.total, _("Écriture de l'archive"))


def _photo_files(refs: list[PhotoRef], photos_dir: Path) -> list[_PhotoFile]:
    found: dict[str, _PhotoFile] = {}
    for ref in refs:
        member = photo_member(ref.sha256, ref.extension)
        if member in found:
            continue
        path = stored_photo(photos_dir, ref.file_name)
        if path is None or SHA256.match(ref.sha256) is None or sha256_file(path) != ref.sha256:
            log.warning("photo %s sans fichier valide : exportée sans son fichier", ref.file_name)
            continue
        found[member] = _PhotoFile(member, path, path.stat().st_size, ref.sha256)
    return [found[member] for member in sorted(found)]


def _entry(name: str, moment: dt.datetime, size: int, compress: int) -> zipfile.ZipInfo:
    stamp = max(moment, dt.datetime(1980, 1, 1, tzinfo=dt.UTC))  # zip dates start in 1980
    info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
    info.compress_type = compress
    info.create_system = 3  # Unix, whatever writes it: same bytes on every system
    info.external_attr = 0o100644 << 16
    info.file_size = size
    return info


def _write_bytes(archive: zipfile.ZipFile, name: str, data: bytes, moment: dt.datetime) -> None:
    archive.writestr(_entry(name, moment, len(data), zipfile.ZIP_DEFLATED), data)


def _write_photo(
    archive: zipfile.ZipFile, photo: _PhotoFile, moment: dt.datetime, ticker: _Ticker
) -> None:
    # Photos are compressed already: stored as they are.
    info = _entry(photo.member, moment, photo.size, zipfile.ZIP_STORED)
    digest = hashlib.sha256()
    with photo.path.open("rb") as source, archive.open(info, "w") as member:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            member.write(chunk)
            ticker.advance(len(chunk))
    if digest.hexdigest() != photo.sha256:
        raise ArchiveError(
            _("Archive non écrite\u00a0: la photo {path} a changé pendant l'export.").format(
                path=photo.path
            )
        )
