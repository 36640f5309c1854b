"""``capadesk check``: integrity, schema revision and pragmas, without changing the file."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from capadesk.core.errors import StoreError
from capadesk.core.storage.engine import REQUIRED_PRAGMAS, apply_pragmas
from capadesk.core.storage.probe import SCHEMA_HEAD, probe
from capadesk.core.storage.wal_check import inspect_wal
from capadesk.i18n import _

EXIT_HEALTHY = 0
EXIT_PROBLEM = 1
EXIT_MISSING = 3


@dataclass
class HealthReport:
    """Lines to print, and the verdict."""

    lines: list[str] = field(default_factory=list)
    verdict: str = ""
    exit_code: int = EXIT_HEALTHY

    @property
    def healthy(self) -> bool:
        """True when every check passed."""
        return self.exit_code == EXIT_HEALTHY


def pragma_problems_in(folder: Path) -> list[str]:
    """Whether the store's safety settings hold in ``folder``, tried on a scratch database.

    The settings depend on the file system (a network share may refuse WAL), not on the store,
    so checking them never needs to write to the store itself.
    """
    handle, name = tempfile.mkstemp(prefix=".capadesk-check-", suffix=".db", dir=folder)
    scratch = Path(name)
    try:
        with closing(sqlite3.connect(scratch)) as connection:
            connection.isolation_level = None
            return apply_pragmas(connection)
    finally:
        os.close(handle)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{scratch}{suffix}").unlink(missing_ok=True)


def check_store(db_path: Path) -> HealthReport:
    """Check the store at ``db_path`` without writing to it."""
    report = HealthReport(lines=[_("Base\u00a0: {path}").format(path=db_path)])
    if not db_path.is_file():
        report.verdict = _("aucune base à cet emplacement (elle est créée au premier lancement).")
        report.exit_code = EXIT_MISSING
        return report
    # Before any SQLite connection: the first one would reset -shm, the proof of a lost WAL.
    wal = inspect_wal(db_path)
    if wal.commits_lost:
        report.verdict = _(
            "le journal de la base (fichier -wal) manque ou est abîmé après un arrêt brutal\u00a0: "
            "des modifications enregistrées ({count} pages) ne peuvent pas être relues. Rien n'a "
            "été modifié\u00a0; au prochain lancement, CapaDesk met ces fichiers de côté et "
            "propose la dernière sauvegarde."
        ).format(count=wal.pending_frames - wal.readable_frames)
        report.exit_code = EXIT_PROBLEM
        return report
    try:
        found = probe(db_path, full_check=True)
    except StoreError as error:
        report.verdict, report.exit_code = error.message, EXIT_PROBLEM
        return report
    report.lines.append(_("Intégrité\u00a0: ok"))
    if found.revision == SCHEMA_HEAD:
        report.lines.append(_("Schéma\u00a0: révision {rev} (à jour)").format(rev=found.revision))
    elif found.is_blank:
        report.lines.append(_("Schéma\u00a0: base vide, initialisée au prochain lancement"))
    else:
        from capadesk.core.storage.migrate import Migrations, known_revisions

        if found.revision not in known_revisions(Migrations()):
            report.verdict = _(
                "la base a été écrite par une version plus récente de CapaDesk (révision {rev})."
            ).format(rev=found.revision)
            report.exit_code = EXIT_PROBLEM
            return report
        report.lines.append(
            _("Schéma\u00a0: révision {rev}, mise à jour vers {head} au prochain lancement").format(
                rev=found.revision, head=SCHEMA_HEAD
            )
        )
    if found.journal_mode != "wal":
        report.lines.append(
            _("Journal\u00a0: {mode} (passe en WAL à la prochaine ouverture)").format(
                mode=found.journal_mode
            )
        )
    problems = pragma_problems_in(db_path.parent)
    if problems:
        report.verdict, report.exit_code = "; ".join(problems), EXIT_PROBLEM
        return report
    settings = ", ".join(f"{p.name}={p.value}" for p in REQUIRED_PRAGMAS)
    report.lines.append(_("Réglages SQLite\u00a0: {settings}").format(settings=settings))
    report.lines.append(_("La base est saine."))
    return report
