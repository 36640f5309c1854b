"""``capadesk backups list | create | restore ID``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from capadesk.cli_output import print_lines
from capadesk.i18n import _
from capadesk.paths import AppPaths

if TYPE_CHECKING:
    from capadesk.core.storage.backups import BackupInfo


def add_parser(subparsers: Any) -> None:
    """Add ``backups`` and its actions to the ``capadesk`` command line.

    ``subparsers`` is what ``ArgumentParser.add_subparsers`` returned (its type is private).
    """
    backups = subparsers.add_parser("backups", help=_("lister, créer ou restaurer les sauvegardes"))
    actions = backups.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser(
        "list",
        help=_(
            "une sauvegarde par ligne, la plus récente d'abord\u00a0: identifiant, date, contenu"
        ),
    )
    actions.add_parser("create", help=_("sauvegarder la base maintenant"))
    restore = actions.add_parser(
        "restore", help=_("remettre une sauvegarde en place (l'état actuel est sauvegardé avant)")
    )
    restore.add_argument("backup_id", metavar="ID")


def run(args: argparse.Namespace, app_paths: AppPaths) -> int:
    """Run one ``backups`` action; return the exit code. KnownError goes to the caller."""
    import datetime as dt

    from capadesk.core.storage.backups import BackupKind, create_backup, list_backups

    now = dt.datetime.now(dt.UTC)
    if args.action == "list":
        print_lines(backup_line(info) for info in list_backups(app_paths.backups_dir))
        return 0
    if args.action == "create":
        info = create_backup(app_paths.db_path, app_paths.backups_dir, BackupKind.MANUAL, now)
        print_lines([backup_line(info)])
        return 0
    from capadesk.core.storage.restore import restore_backup

    report = restore_backup(app_paths.db_path, app_paths.backups_dir, args.backup_id, now)
    lines = [_("Sauvegarde {id} restaurée.").format(id=report.restored.id)]
    if report.safety is not None:
        lines.append(
            _("L'état d'avant est gardé\u00a0: sauvegarde {id}.").format(id=report.safety.id)
        )
    for path in report.set_aside:
        lines.append(_("Fichier endommagé mis de côté\u00a0: {path}").format(path=path))
    if report.needs_upgrade:
        lines.append(_("La base sera mise à jour au prochain lancement de CapaDesk."))
    print_lines(lines)
    return 0


def backup_line(info: BackupInfo) -> str:
    """``<id>\\t<local time>\\t<summary>`` for one ``BackupInfo``."""
    from capadesk.core.storage.backups import summary_text, time_text

    return f"{info.id}\t{time_text(info.taken_at)}\t{summary_text(info)}"
