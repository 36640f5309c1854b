"""``import_archive``: check an archive in a staging folder, back the store up, merge it.

Nothing outside the staging folder is touched until the whole archive has passed
(``staging``, ``data``). Then, in order: a backup of the store (``avant-import``), the photo
files copied into the photos folder by hash, and the merge in one transaction (``merge``). If
the merge fails, the transaction is rolled back and the photo files it brought are removed.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import NamedTuple, Protocol

from sqlalchemy.exc import IntegrityError

from capadesk.core.archive.data import parse_data
from capadesk.core.archive.errors import ArchiveError
from capadesk.core.archive.files import photo_file_name, sha256_file
from capadesk.core.archive.format import LIMITS, ArchiveLimits
from capadesk.core.archive.merge import merge
from capadesk.core.archive.report import ImportReport
from capadesk.core.archive.staging import Progress, stage
from capadesk.core.files import copy_atomically
from capadesk.core.storage.backup import is_disk_full
from capadesk.core.storage.backups import BackupKind, create_backup
from capadesk.core.storage.probe import SCHEMA_HEAD
from capadesk.core.storage.store import Store
from capadesk.i18n import _


class ImportPlaces(Protocol):
    """Where an import writes besides the store (``AppPaths`` is one)."""

    @property
    def photos_dir(self) -> Path: ...

    @property
    def backups_dir(self) -> Path: ...


class ImportPaths(NamedTuple):
    """``ImportPlaces`` given by hand."""

    photos_dir: Path
    backups_dir: Path


def known_revision(revision: str) -> bool:
    """A schema revision this CapaDesk knows (Alembic is read only for an older one)."""
    if revision == SCHEMA_HEAD:
        return True
    from capadesk.core.storage.migrate import Migrations, known_revisions

    return revision in known_revisions(Migrations())


def import_archive(
    store: Store,
    source: Path,
    places: ImportPlaces,
    now: dt.datetime,
    *,
    limits: ArchiveLimits = LIMITS,
    staging_parent: Path | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the workshop archive ``source`` into ``store``; say what it added.

    Raises ArchiveError (French, naming the file) for a bad archive, with the store untouched;
    ``progress`` is told the bytes unpacked; what it raises to cancel goes through as it is,
    and it is only called before the backup, so the store and its backups are then untouched.
    """
    try:
        with tempfile.TemporaryDirectory(prefix="capadesk-import-", dir=staging_parent) as folder:
            staged = stage(source, Path(folder), known_revision, limits=limits, progress=progress)
            data = parse_data(staged.data, staged.manifest, staged.photos.keys())
            if not store.writable:
                raise store.refusal()
            backup = create_backup(store.path, places.backups_dir, BackupKind.BEFORE_IMPORT, now)
            created: list[Path] = []
            try:
                copied, present = _install_photos(staged.photos, places.photos_dir, created)
                with store.write() as session:
                    counts = merge(session, data)
            except BaseException:
                _remove(created)
                raise
    except IntegrityError as error:
        reason = _("l'archive contredit les données de cette base ({detail}).")
        raise ArchiveError(reason.format(detail=error.orig), source) from error
    except OSError as error:  # the staging folder or the photos folder
        if is_disk_full(error):
            reason = _("le disque est plein ({error}).")
        else:
            reason = _("lecture ou écriture impossible ({error}).")
        raise ArchiveError(reason.format(error=error), source) from error
    except ArchiveError as error:
        if error.source is not None:
            raise
        raise type(error)(error.reason, source) from error
    return ImportReport(
        source=source,
        workshop_id=data.workshop_id,
        workshop_title=str(data.tables["workshop"][0]["title"]),
        counts=counts,
        photos_copied=copied,
        photos_present=present,
        backup=backup,
    )


def _install_photos(
    staged: dict[str, Path], photos_dir: Path, created: list[Path]
) -> tuple[int, int]:
    """Copy each photo to ``photos_dir/ab/ab….ext`` unless there already, checked by hash.

    Adds the files and folders it creates to ``created`` (removed if the merge fails); returns
    how many it copied and how many were there already.
    """
    copied = present = 0
    for name, path in sorted(staged.items()):
        sha, _dot, extension = Path(name).name.partition(".")
        target = photos_dir / photo_file_name(sha, extension)
        if target.is_file() and sha256_file(target) == sha:
            present += 1
            continue
        for folder in (photos_dir, target.parent):
            if not folder.exists():
                folder.mkdir(parents=True)
                created.append(folder)
        if not target.exists():
            created.append(target)
        copy_atomically(path, target)  # a damaged copy already there is replaced
        copied += 1
    return copied, present


def _remove(created: list[Path]) -> None:
    for path in reversed(created):
        if not path.is_dir():
            path.unlink(missing_ok=True)
        elif not any(path.iterdir()):
            path.rmdir()
