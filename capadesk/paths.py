"""Every directory CapaDesk reads or writes, decided in one place.

Resolution order for the user's data: ``--home DIR``, then ``CAPADESK_HOME``, then portable mode
(a ``capadesk.portable`` marker file next to the executable), then the platform's user dirs.
Tests always pass a home, so they never touch the real one.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

HOME_ENV = "CAPADESK_HOME"
PORTABLE_MARKER = "capadesk.portable"
DB_FILENAME = "capadesk.db"


def bundle_dir() -> Path:
    """Root holding ``resources/`` and ``migrations/``: the PyInstaller bundle or the checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``; refuses absolute and parent-relative parts."""
    for part in parts:
        if Path(part).is_absolute() or ".." in Path(part).parts:
            raise ValueError(f"chemin de ressource refusé : {part!r}")
    return bundle_dir().joinpath("resources", *parts)


def migrations_dir() -> Path:
    """The Alembic script directory."""
    return bundle_dir() / "migrations"


class AppPaths(NamedTuple):
    """The user-writable directories of one CapaDesk installation.

    A NamedTuple rather than a dataclass, like the other records read before the window shows:
    creating a dataclass costs about 2 ms, a NamedTuple a tenth of that.
    """

    data_dir: Path
    config_dir: Path
    cache_dir: Path
    log_dir: Path
    source: str  # "option", "environment", "portable" or "system": shown by `capadesk check`

    @property
    def db_path(self) -> Path:
        """The one store file that holds every workshop."""
        return self.data_dir / DB_FILENAME

    @property
    def backups_dir(self) -> Path:
        """Snapshots taken with the SQLite backup API."""
        return self.data_dir / "backups"

    @property
    def photos_dir(self) -> Path:
        """Photo files referenced by the store (by hash)."""
        return self.data_dir / "photos"

    @property
    def crash_dir(self) -> Path:
        """Crash reports waiting to be shown on the next start."""
        return self.data_dir / "crash"

    def ensure(self) -> AppPaths:
        """Create the directories (private to the user) and return self."""
        for directory in (self.data_dir, self.config_dir, self.cache_dir, self.log_dir):
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self


def _under(home: Path, source: str) -> AppPaths:
    home = home.expanduser().resolve()
    return AppPaths(
        data_dir=home / "data",
        config_dir=home / "config",
        cache_dir=home / "cache",
        log_dir=home / "logs",
        source=source,
    )


def _portable_home() -> Path | None:
    if not getattr(sys, "frozen", False):
        return None
    exe_dir = Path(sys.executable).resolve().parent
    if (exe_dir / PORTABLE_MARKER).is_file():
        return exe_dir / "capadesk-data"
    return None


def resolve(home: str | os.PathLike[str] | None = None) -> AppPaths:
    """Decide where this run keeps its data, without creating anything."""
    if home:
        return _under(Path(home), "option")
    env_home = os.environ.get(HOME_ENV)
    if env_home:
        return _under(Path(env_home), "environment")
    portable = _portable_home()
    if portable is not None:
        return _under(portable, "portable")

    import platformdirs  # imported late: only the real installation pays for it

    dirs = platformdirs.PlatformDirs("CapaDesk", appauthor=False)
    return AppPaths(
        data_dir=Path(dirs.user_data_dir),
        config_dir=Path(dirs.user_config_dir),
        cache_dir=Path(dirs.user_cache_dir),
        log_dir=Path(dirs.user_log_dir),
        source="system",
    )
