"""What an import did, in numbers and in French."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from capadesk.core.archive.merge import Tally
from capadesk.core.storage.backups import BackupInfo
from capadesk.i18n import N_, _

LABELS = {
    "programme": N_("Programmes"),
    "workshop": N_("Atelier"),
    "step": N_("Étapes"),
    "track": N_("Sous-ateliers"),
    "use_case": N_("Cas d'usage"),
    "participant": N_("Participants"),
    "work_group": N_("Groupes"),
    "group_membership": N_("Membres des groupes"),
    "capture": N_("Saisies"),
    "thread": N_("Fils communs"),
    "thread_capture": N_("Cartes rangées dans les fils"),
    "vote": N_("Votes"),
    "photo": N_("Photos"),
    "step_entry": N_("Réponses des étapes"),
    "document": N_("Outils remplis"),
    "draft": N_("Brouillons"),
    "runner_state": N_("État du déroulé"),
    "track_runner_state": N_("Minuteurs des sous-ateliers"),
    "runner_event": N_("Journal du déroulé"),
}


@dataclass(frozen=True)
class ImportReport:
    """One import: per table (merge order, only those the archive fills), the photo files."""

    source: Path
    workshop_id: uuid.UUID
    workshop_title: str
    counts: Mapping[str, Tally]
    photos_copied: int
    photos_present: int
    backup: BackupInfo

    @property
    def added(self) -> int:
        """Rows added in all."""
        return sum(tally.added for tally in self.counts.values())

    @property
    def updated(self) -> int:
        """Rows replaced by a newer version in all."""
        return sum(tally.updated for tally in self.counts.values())

    def lines(self) -> list[str]:
        """The report for the command line and the dialog."""
        lines = [
            _("Atelier «\u00a0{title}\u00a0» importé depuis {file}.").format(
                title=self.workshop_title, file=self.source.name
            )
        ]
        if not self.added and not self.updated and not self.photos_copied:
            lines.append(_("Rien de nouveau\u00a0: tout était déjà dans la base."))
        for name, tally in self.counts.items():
            lines.append(f"  {_(LABELS[name])}\u00a0: {tally_text(tally)}")
        if self.photos_copied or self.photos_present:
            lines.append(
                _("Fichiers photo\u00a0: {copied} copié(s), {present} déjà présent(s).").format(
                    copied=self.photos_copied, present=self.photos_present
                )
            )
        lines.append(_("Sauvegarde prise avant l'import\u00a0: {id}.").format(id=self.backup.id))
        return lines


def tally_text(tally: Tally) -> str:
    """« 3 ajouts, 1 déjà là, 2 mises à jour » (the counts that are not zero)."""
    parts = []
    if tally.added:
        parts.append((_("{n} ajout") if tally.added < 2 else _("{n} ajouts")).format(n=tally.added))
    if tally.kept:
        parts.append(_("{n} déjà là").format(n=tally.kept))
    if tally.updated:
        text = _("{n} mise à jour") if tally.updated < 2 else _("{n} mises à jour")
        parts.append(text.format(n=tally.updated))
    return ", ".join(parts) or _("rien")
