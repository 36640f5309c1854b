"""Command-line interface; ``capadesk.app.main`` runs it, or opens the window when no command
is given."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from capadesk import APP_NAME, __version__, paths
from capadesk.cli_archive import add_parser as add_archive_parsers
from capadesk.cli_backups import add_parser as add_backup_parsers
from capadesk.cli_captures import add_parsers as add_capture_parsers
from capadesk.cli_demo import add_parser as add_demo_parsers
from capadesk.cli_export import add_parser as add_export_parsers
from capadesk.cli_matrices import add_parser as add_matrix_parsers
from capadesk.cli_output import print_lines
from capadesk.cli_people import add_parser as add_people_parsers
from capadesk.cli_serve import add_parser as add_serve_parsers
from capadesk.i18n import _


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, GUI options included."""
    parser = argparse.ArgumentParser(
        prog="capadesk",
        description=_("CapaDesk\u00a0: le bureau de l'animateur d'ateliers participatifs."),
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--home",
        metavar="DOSSIER",
        help=_("dossier où CapaDesk garde ses données (sinon $CAPADESK_HOME ou le dossier usuel)"),
    )
    # For bench/ and the CI smoke test: print start-up timings and quit once the window shows.
    parser.add_argument("--measure-startup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_("vérifier l'installation (base, migrations, PDF, QR code, partage, Qt) et quitter"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE")

    workshops = commands.add_parser("workshops", help=_("lister ou créer des ateliers"))
    workshop_commands = workshops.add_subparsers(dest="action", metavar="ACTION", required=True)
    workshop_commands.add_parser(
        "list", help=_("un atelier par ligne\u00a0: son identifiant, son titre")
    )
    create = workshop_commands.add_parser("create", help=_("créer un atelier vide"))
    create.add_argument("title", metavar="TITRE")
    create.add_argument("--place", default="", metavar="LIEU")
    create.add_argument("--date", type=_parse_date, metavar="AAAA-MM-JJ")
    create.add_argument("--programme", metavar="PROGRAMME")
    create.add_argument(
        "--protocol", metavar="ID", help=_("déroulé de départ (voir «\u00a0protocols list\u00a0»)")
    )

    protocols = commands.add_parser("protocols", help=_("la bibliothèque de protocoles"))
    protocol_commands = protocols.add_subparsers(dest="action", metavar="ACTION", required=True)
    protocol_commands.add_parser(
        "list", help=_("un protocole par ligne\u00a0: identifiant, titre, durée prévue")
    )
    show = protocol_commands.add_parser(
        "show", help=_("le déroulé d'un protocole, heure par heure")
    )
    show.add_argument("protocol_id", metavar="ID")
    show.add_argument("--start", type=_parse_time, default=dt.time(9, 0), metavar="HH:MM")
    validate = protocol_commands.add_parser(
        "validate", help=_("vérifier un fichier de protocole (code 0 s'il est valide, 2 sinon)")
    )
    validate.add_argument("file", type=Path, metavar="FICHIER")

    add_capture_parsers(commands)
    add_people_parsers(commands)
    add_backup_parsers(commands)
    add_archive_parsers(commands)
    add_export_parsers(commands)
    add_serve_parsers(commands)
    add_matrix_parsers(commands)
    add_demo_parsers(commands)

    commands.add_parser(
        "check", help=_("vérifier la base\u00a0: intégrité, réglages SQLite, version du schéma")
    )
    return parser


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("date invalide {text!r}\u00a0: attendu AAAA-MM-JJ").format(text=text)
        ) from error


def _parse_time(text: str) -> dt.time:
    try:
        return dt.time.fromisoformat(text.replace("h", ":").zfill(5))
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("heure invalide {text!r}\u00a0: attendu HH:MM").format(text=text)
        ) from error


def run(args: argparse.Namespace) -> int:
    """Run a headless command; return the process exit code."""
    from capadesk.core.errors import KnownError

    app_paths = paths.resolve(args.home)
    try:
        if args.command == "check":
            from capadesk.core.storage.health import check_store

            report = check_store(app_paths.db_path)
            for line in report.lines:
                print(line)
            if not report.healthy:
                print(_("Erreur\u00a0: {problem}").format(problem=report.verdict), file=sys.stderr)
            return report.exit_code
        if args.command == "protocols":
            from capadesk.cli_protocols import run_protocols

            return run_protocols(args)
        if args.command in ("capture", "captures"):
            from capadesk import cli_captures

            return cli_captures.run(args, app_paths)
        if args.command in ("participants", "groups"):
            from capadesk import cli_people

            return cli_people.run(args, app_paths)
        if args.command == "backups":
            from capadesk import cli_backups

            return cli_backups.run(args, app_paths)
        if args.command == "import":
            from capadesk import cli_archive

            return cli_archive.run(args, app_paths)
        if args.command == "export":
            from capadesk import cli_export

            return cli_export.run(args, app_paths)
        if args.command == "serve":
            from capadesk import cli_serve

            return cli_serve.run(args, app_paths)
        if args.command == "matrices":
            from capadesk import cli_matrices

            return cli_matrices.run(args, app_paths)
        if args.command == "demo":
            from capadesk import cli_demo

            return cli_demo.run(args, app_paths)
        return _run_workshops(args, app_paths)
    except KnownError as error:
        print(_("Erreur\u00a0: {message}").format(message=error.message), file=sys.stderr)
        return 1


def _run_workshops(args: argparse.Namespace, app_paths: paths.AppPaths) -> int:
    from capadesk.core.services import workshops
    from capadesk.core.storage.migrate import open_store

    app_paths.ensure()
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        if args.action == "create":
            protocol = None
            if args.protocol:
                from capadesk.core.services.protocols import find_protocol

                protocol = find_protocol(args.protocol)  # before creating: a typo creates nothing
            summary, _changes = workshops.create_workshop(
                store, args.title, place=args.place, day=args.date, programme=args.programme
            )
            if protocol is not None:
                from capadesk.core.services.agenda import apply_protocol

                apply_protocol(store, summary.public_id, protocol)
            print(summary.public_id)
        else:
            print_lines(f"{w.public_id}\t{w.title}" for w in workshops.list_workshops(store))
    finally:
        store.close()
    return 0
