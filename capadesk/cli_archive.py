"""``capadesk import FILE.capadesk``: merge a workshop archive into the store.

The store is backed up first (``avant-import``); a bad archive changes nothing and ends with
code 2 and the reason in French.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from capadesk.cli_output import print_lines
from capadesk.i18n import _
from capadesk.paths import AppPaths

EXIT_INVALID = 2


def add_parser(subparsers: Any) -> None:
    """Add ``import`` to the ``capadesk`` command line.

    ``subparsers`` is what ``ArgumentParser.add_subparsers`` returned (its type is private).
    """
    importing = subparsers.add_parser(
        "import",
        help=_(
            "importer une archive d'atelier (.capadesk)\u00a0: ajoute ce qui manque, "
            "après une sauvegarde de la base"
        ),
    )
    importing.add_argument("file", type=Path, metavar="FICHIER.capadesk")


def run(args: argparse.Namespace, app_paths: AppPaths) -> int:
    """Import ``args.file``; return the exit code (2 for a refused archive).

    Other KnownErrors (a store that cannot be opened…) go to the caller, like every command.
    """
    from capadesk.core.archive.errors import ArchiveError
    from capadesk.core.archive.importer import import_archive
    from capadesk.core.storage.migrate import open_store

    app_paths.ensure()
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        report = import_archive(store, args.file, app_paths, dt.datetime.now(dt.UTC))
    except ArchiveError as error:
        sys.stderr.write(_("Erreur\u00a0: {message}").format(message=error.message) + "\n")
        return EXIT_INVALID
    finally:
        store.close()
    print_lines(report.lines())
    return 0
