"""Several commands undone and redone as one (« Supprimer 3 cartes »): the core
``CommandGroup`` under the name the capture views use."""

from __future__ import annotations

from capadesk.core.services.commands import CommandGroup

Batch = CommandGroup
