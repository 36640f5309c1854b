"""A damaged store at start: set it aside (never deleted, never overwritten), offer a backup.

``check_at_start`` runs before anything opens the store (``snapshot.read_workshop_list``
included): the WAL check must read ``-shm`` before SQLite resets it. It runs before the first
frame, so what only damage needs (the backups, ``restore``) is imported when damage is found.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from capadesk.core.errors import CorruptStoreError, StoreError
from capadesk.core.storage.probe import probe
from capadesk.core.storage.wal_check import inspect_wal
from capadesk.i18n import _

if TYPE_CHECKING:
    from capadesk.core.storage.backups import BackupInfo

DAMAGED_DIR = "endommagees"  # inside the backups folder; never listed, never thinned
_SUFFIXES = ("-wal", "-shm", "-journal", "")  # the journals first: see set_aside


class StartState(StrEnum):
    """What ``check_at_start`` found."""

    HEALTHY = "healthy"  # open the store as usual
    MISSING = "missing"  # no store file (first start, or it vanished)
    DAMAGED = "damaged"  # quick_check failed: the file was set aside
    JOURNAL_LOST = "journal_lost"  # commits lost with the -wal: the files were set aside


class StartCheck(NamedTuple):
    """The verdict at start, and what to offer the user (read before the window shows)."""

    state: StartState
    message: str = ""  # French, for the dialog; empty when there is nothing to say
    set_aside: tuple[Path, ...] = ()
    offer: BackupInfo | None = None  # the newest backup that passes quick_check

    @property
    def needs_attention(self) -> bool:
        """True when the user must be told (and offered ``offer``) before the store opens."""
        return self.state in (StartState.DAMAGED, StartState.JOURNAL_LOST) or (
            self.state is StartState.MISSING and self.offer is not None
        )


def set_aside(db_path: Path, backups_dir: Path, now: dt.datetime, why: str) -> tuple[Path, ...]:
    """Move the store and its journals into ``<backups>/endommagees/``; return the new paths.

    Never overwrites (a free name is found) and never deletes. The journals move first: a
    ``-wal`` left behind without its database would be replayed into the next store created
    at that path.
    """
    folder = backups_dir / DAMAGED_DIR
    present = [s for s in _SUFFIXES if Path(f"{db_path}{s}").exists()]
    if not present:
        return ()
    stamp = f"{now.astimezone(dt.UTC):%Y%m%dT%H%M%S%fZ}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        base, attempt = folder / f"capadesk-{stamp}-{why}.db", 1
        while any(Path(f"{base}{s}").exists() for s in _SUFFIXES):
            attempt += 1
            base = folder / f"capadesk-{stamp}-{why}-{attempt}.db"
        moved = []
        for suffix in present:
            Path(f"{db_path}{suffix}").rename(f"{base}{suffix}")
            moved.append(Path(f"{base}{suffix}"))
    except OSError as error:
        raise StoreError(
            _(
                "Impossible de mettre de côté la base endommagée ({error})\u00a0; "
                "elle n'a pas été modifiée."
            ).format(error=error),
            db_path,
        ) from error
    return tuple(sorted(moved))


def _offer(backups_dir: Path) -> tuple[BackupInfo | None, str]:
    """The newest good backup, and the sentence that offers it (only needed on damage)."""
    from capadesk.core.storage.backups import content_text, time_text
    from capadesk.core.storage.restore import latest_good_backup

    offer = latest_good_backup(backups_dir)
    if offer is None:
        return None, _("Aucune sauvegarde saine n'est disponible.")
    return offer, _("Dernière sauvegarde saine\u00a0: {time} ({content}).").format(
        time=time_text(offer.taken_at), content=content_text(offer.content)
    )


def check_at_start(
    db_path: Path, backups_dir: Path, now: dt.datetime, *, quick_check: bool = True
) -> StartCheck:
    """Before the store opens: set a damaged store aside and find the backup to offer.

    Other refusals (another application's file, a newer CapaDesk, a locked file) are left to
    ``migrate.open_store``, which reports them without touching the file. With
    ``quick_check=False`` only the WAL is checked (no SQLite connection at all).
    """
    if not db_path.exists() or db_path.stat().st_size == 0:
        moved: tuple[Path, ...] = ()
        if Path(f"{db_path}-wal").exists():  # a WAL without its database: never replay it
            moved = set_aside(db_path, backups_dir, now, "journal-orphelin")
        if not backups_dir.is_dir():  # a first start: nothing to say
            return StartCheck(StartState.MISSING, set_aside=moved)
        offer, offered = _offer(backups_dir)
        message = "" if offer is None else _("La base est introuvable. ") + offered
        return StartCheck(StartState.MISSING, message, moved, offer)
    if inspect_wal(db_path).commits_lost:
        moved = set_aside(db_path, backups_dir, now, "journal-perdu")
        offer, offered = _offer(backups_dir)
        message = _(
            "Après un arrêt brutal, le journal de la base (fichier -wal) manque ou est "
            "abîmé\u00a0: les dernières modifications ne peuvent pas être relues. La base et "
            "son journal ont été mis de côté, sans être modifiés, dans {folder}. "
        ).format(folder=backups_dir / DAMAGED_DIR)
        return StartCheck(StartState.JOURNAL_LOST, message + offered, moved, offer)
    if quick_check:
        try:
            probe(db_path)
        except CorruptStoreError as error:
            moved = set_aside(db_path, backups_dir, now, "endommagee")
            offer, offered = _offer(backups_dir)
            message = _(
                "{problem} Elle a été mise de côté, sans être modifiée, dans {folder}. "
            ).format(problem=error.message, folder=backups_dir / DAMAGED_DIR)
            return StartCheck(StartState.DAMAGED, message + offered, moved, offer)
        except StoreError:
            pass  # not damaged: open_store refuses it with its own message
    return StartCheck(StartState.HEALTHY)
