"""``capadesk export WORKSHOP --format restitution|sheets|csv|json|archive --out PATH [--full]``.

WORKSHOP is a workshop's id (as ``workshops list`` prints it) or its exact title, case and
accents aside. ``--out`` is the file to write; for ``csv`` a folder (created if needed); for a
PDF or the JSON an existing folder gets a file with a default name. Files are written whole or
not at all.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from capadesk.cli_output import print_lines
from capadesk.i18n import _
from capadesk.paths import AppPaths

if TYPE_CHECKING:
    from capadesk.core.domain.workshop import WorkshopSummary
    from capadesk.core.storage.store import Store

EXIT_INVALID = 2
FORMATS = ("restitution", "sheets", "csv", "json", "archive")
ARCHIVE_MODULE = "capadesk.core.archive.writer"

ArchiveWriter = Callable[["Store", Any, Path, Path], Path]


def add_parser(subparsers: Any) -> None:
    """Add ``export`` to the ``capadesk`` command line.

    ``subparsers`` is what ``ArgumentParser.add_subparsers`` returned (its type is private).
    """
    export = subparsers.add_parser(
        "export", help=_("exporter un atelier\u00a0: restitution, fiches, données, archive")
    )
    export.add_argument("workshop", metavar="ATELIER", help=_("identifiant ou titre"))
    export.add_argument(
        "--format",
        required=True,
        choices=FORMATS,
        help=_(
            "restitution (PDF), sheets (fiches de synthèse, PDF), csv (un dossier de fichiers), "
            "json, archive (.capadesk)"
        ),
    )
    export.add_argument(
        "--out", required=True, type=Path, metavar="CHEMIN", help=_("fichier ou dossier à écrire")
    )
    export.add_argument(
        "--full",
        action="store_true",
        help=_("csv et json\u00a0: tous les noms, même sans accord (copie de l'organisateur)"),
    )
    export.add_argument("--quiet", action="store_true", help=_("ne pas afficher la progression"))


def run(args: argparse.Namespace, app_paths: AppPaths) -> int:
    """Run one export; return the exit code.

    KnownError goes to the caller (``capadesk.cli.run`` prints it, exit code 1).
    """
    from capadesk.core.services.workshops import find_workshop
    from capadesk.core.storage.migrate import open_store

    writer: ArchiveWriter | None = None
    if args.format == "archive":
        writer = archive_writer()
        if writer is None:
            _error(
                _(
                    "L'export en archive .capadesk n'est pas encore disponible dans cette "
                    "version de CapaDesk."
                )
            )
            return EXIT_INVALID
    app_paths.ensure()
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        workshop = find_workshop(store, args.workshop)
        progress = None if args.quiet else _progress
        written = _export(store, workshop, args, app_paths, writer, progress)
    finally:
        store.close()
    print_lines([written])
    return 0


def archive_writer() -> ArchiveWriter | None:
    """``export_archive`` of the archive module, or None when this build has none yet."""
    try:
        module = importlib.import_module(ARCHIVE_MODULE)
    except ModuleNotFoundError as error:
        if error.name and ARCHIVE_MODULE.startswith(error.name):
            return None
        raise
    found = getattr(module, "export_archive", None)
    return cast(ArchiveWriter, found) if callable(found) else None


def _export(
    store: Store,
    workshop: WorkshopSummary,
    args: argparse.Namespace,
    app_paths: AppPaths,
    writer: ArchiveWriter | None,
    progress: Callable[[int, int, str], None] | None,
) -> str:
    """Write the export; return what to tell the user."""
    from capadesk.core.export import data_export, restitution, sheets
    from capadesk.core.export.files import slug, target_file

    out: Path = args.out
    wid = workshop.public_id
    if args.format == "restitution":
        path = target_file(out, restitution.default_name(workshop.title))
        from capadesk.core.domain.matrix import user_templates_dir

        pages = restitution.restitution_pdf(
            store,
            wid,
            path,
            app_paths.photos_dir,
            matrix_templates_dir=user_templates_dir(app_paths),
            progress=progress,
        )
        return _("Restitution écrite\u00a0: {path} ({pages} pages)").format(path=path, pages=pages)
    if args.format == "sheets":
        path = target_file(out, sheets.default_name(workshop.title))
        pages = sheets.sheets_pdf(store, wid, path, progress=progress)
        return _("Fiches de synthèse écrites\u00a0: {path} ({pages} pages)").format(
            path=path, pages=pages
        )
    if args.format == "csv":
        files = data_export.write_csv(store, wid, out, full=args.full, progress=progress)
        return _("{count} fichiers CSV écrits dans {folder}").format(count=len(files), folder=out)
    if args.format == "json":
        path = target_file(out, f"donnees-{slug(workshop.title)}.json")
        data_export.write_json(store, wid, path, full=args.full, progress=progress)
        return _("Données écrites\u00a0: {path}").format(path=path)
    assert writer is not None  # checked before the store was opened
    path = target_file(out, f"{slug(workshop.title)}.capadesk")
    written = writer(store, wid, path, app_paths.photos_dir)
    return _("Archive écrite\u00a0: {path}").format(path=written)


def _progress(done: int, total: int, label: str) -> None:
    sys.stderr.write(f"[{done}/{total}] {label}\n")


def _error(message: str) -> None:
    sys.stderr.write(message + "\n")
