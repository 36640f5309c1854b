"""``capadesk serve WORKSHOP [--bind ADDRESS] [--port N] [--minutes M] [--qr FILE.png]``.

Publishes the workshop (restitution PDF, CSV files, the day's summary) into a temporary folder,
serves it on the local network until Ctrl-C or the expiry, and prints the URL to scan. The URL
holds the session's token: it is printed for the facilitator, never logged.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from capadesk.i18n import _
from capadesk.paths import AppPaths

EXIT_INVALID = 2


def add_parser(subparsers: Any) -> None:
    """Add ``serve`` to the ``capadesk`` command line.

    ``subparsers`` is what ``ArgumentParser.add_subparsers`` returned (its type is private).
    """
    serve = subparsers.add_parser(
        "serve",
        help=_("partager le compte rendu avec les téléphones de la salle (réseau local)"),
    )
    serve.add_argument("workshop", metavar="ATELIER", help=_("identifiant ou titre"))
    serve.add_argument(
        "--bind",
        metavar="ADRESSE",
        help=_("adresse IPv4 de l'ordinateur à utiliser (par défaut\u00a0: celle du réseau local)"),
    )
    serve.add_argument(
        "--port",
        type=_port,
        default=0,
        metavar="N",
        help=_("port (par défaut\u00a0: un port libre)"),
    )
    serve.add_argument(
        "--minutes",
        type=_minutes,
        default=120,
        metavar="M",
        help=_("durée du partage en minutes (par défaut\u00a0: 120)"),
    )
    serve.add_argument(
        "--qr",
        type=Path,
        metavar="FICHIER.png",
        help=_("écrire le QR code de la page dans ce fichier"),
    )


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(_("port invalide\u00a0: {value}").format(value=value))
    return value


def _minutes(text: str) -> float:
    from capadesk.core.handoff.access import MAX_MINUTES

    value = float(text.replace(",", "."))
    if not 0 < value <= MAX_MINUTES:
        raise argparse.ArgumentTypeError(
            _("durée invalide\u00a0: entre 1 et {limit} minutes").format(limit=MAX_MINUTES)
        )
    return value


def run(args: argparse.Namespace, app_paths: AppPaths) -> int:
    """Publish, serve until Ctrl-C or the expiry; return the exit code.

    KnownError goes to the caller (``capadesk.cli.run`` prints it, exit code 1).
    """
    from capadesk.core.handoff.interfaces import (
        list_interfaces,
        no_private_address_advice,
        proposed,
    )
    from capadesk.core.services.workshops import find_workshop
    from capadesk.core.storage.migrate import open_store

    address = args.bind
    if address is None:
        interfaces = list_interfaces()
        choice = proposed(interfaces)
        if choice is None:
            _error(no_private_address_advice())
            _error(_("Adresses de cet ordinateur\u00a0:"))
            for interface in interfaces:
                _error(f"  {interface.label}")
            _error(_("Pour essayer sur cet ordinateur\u00a0: --bind 127.0.0.1"))
            return EXIT_INVALID
        address = choice.address

    app_paths.ensure()
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        workshop = find_workshop(store, args.workshop)
        with tempfile.TemporaryDirectory(prefix="capadesk-partage-") as scratch:
            from capadesk.core.domain.matrix import user_templates_dir
            from capadesk.core.handoff.publication import publish

            print(_("Préparation du compte rendu…"), file=sys.stderr)
            publication = publish(
                store,
                workshop.public_id,
                Path(scratch),
                photos_dir=app_paths.photos_dir,
                matrix_templates_dir=user_templates_dir(app_paths),
            )
            return _serve(publication, address, args)
    finally:
        store.close()


def _serve(publication: Any, address: str, args: argparse.Namespace) -> int:
    from capadesk.core.handoff.qr import qr_png
    from capadesk.core.handoff.server import HandoffServer

    server = HandoffServer(publication, address, port=args.port, minutes=args.minutes)
    try:
        server.start()
    except OSError as error:
        _error(
            _("Impossible d'ouvrir le partage sur {address}\u00a0: {error}").format(
                address=address, error=error.strerror or error
            )
        )
        return EXIT_INVALID
    try:
        if args.qr is not None:
            from capadesk.core.export.files import write_atomically

            args.qr.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(args.qr, qr_png(server.url))
            print(_("QR code écrit dans {file}").format(file=args.qr), file=sys.stderr)
        print(server.url, flush=True)
        closes = server.access.expires_at.astimezone().strftime("%H:%M")
        print(
            _("Partage ouvert jusqu'à {time}. Ctrl-C pour l'arrêter.").format(time=closes),
            file=sys.stderr,
        )
        while not server.wait(1.0):  # short waits: Ctrl-C is seen on every platform
            pass
        print(_("Le partage a expiré."), file=sys.stderr)
    except KeyboardInterrupt:
        print(_("Partage arrêté."), file=sys.stderr)
    finally:
        server.stop()
    return 0


def _error(message: str) -> None:
    sys.stderr.write(message + "\n")
