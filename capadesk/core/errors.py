"""Errors the user can act on, each carrying a French message meant to be shown as is.

Anything that is not a ``KnownError`` is a bug and goes to the crash handler.
"""

from __future__ import annotations

from pathlib import Path


class KnownError(Exception):
    """An environment or input problem with a message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreError(KnownError):
    """The store file cannot be used as asked."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class NotAStoreError(StoreError):
    """The file is not a SQLite database, or not one written by CapaDesk."""


class CorruptStoreError(StoreError):
    """SQLite reports damage in the file."""


class StoreTooNewError(StoreError):
    """The file was written by a newer CapaDesk; it is left untouched."""


class StoreInUseError(StoreError):
    """Another program holds the store locked; nothing is wrong with the file."""


class MigrationError(StoreError):
    """An upgrade failed; the file was restored from the backup taken just before."""


class StoreReadOnlyError(StoreError):
    """Writing is refused because the store could not be opened safely."""


class ValidationError(KnownError):
    """The user's input breaks a rule; nothing was changed."""


class NotFoundError(KnownError):
    """The object asked for does not exist (or no longer)."""
