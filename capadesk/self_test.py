"""``capadesk --self-test``: prove an installation works, without touching the user's data.

Made for the frozen bundle, where a module or data file left out only shows at run time: each
check exercises a part the bundle must carry (the migration scripts, reportlab's fonts, the QR
encoder, waitress, Qt's plugins and translations) in a temporary home, prints one line, and the
first failure ends the run with its French message and exit code 1.
"""

from __future__ import annotations

import http.client
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TextIO

from capadesk import APP_NAME, __version__, paths
from capadesk.i18n import N_, _

TITLE = "Atelier d'essai «\u00a0œ € é\u00a0»"
QR_TEXT = "https://capadesk.invalid/essai"


class SelfTestError(Exception):
    """A check found something wrong; ``str()`` is the French message."""


class Context(NamedTuple):
    """The temporary home the checks share."""

    home: Path
    app_paths: paths.AppPaths


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestError(message)


def check_store(context: Context) -> str:
    """Create the store (tables and stamp), write a workshop and read it back."""
    from capadesk.core.services.workshops import create_workshop, list_workshops
    from capadesk.core.storage.migrate import open_store

    app_paths = context.app_paths
    store, report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        create_workshop(store, TITLE, place="Toulon")
        titles = [w.title for w in list_workshops(store)]
    finally:
        store.close()
    _check(report.created, _("la base n'a pas été créée"))
    _check(titles == [TITLE], _("l'atelier écrit n'a pas été relu"))
    return _("base créée, atelier écrit puis relu")


def check_migrations(context: Context) -> str:
    """Run every migration script from an empty file up to the head this build expects."""
    from alembic import command

    from capadesk.core.storage.engine import StoreHealth, make_engine
    from capadesk.core.storage.migrate import Migrations, known_revisions
    from capadesk.core.storage.probe import SCHEMA_HEAD, probe

    migrations = Migrations()
    path = context.home / "migrated.db"
    engine = make_engine(path, StoreHealth(), pooled=False)
    try:
        with engine.begin() as connection:
            config = migrations.config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()
    revision = probe(path).revision
    _check(
        revision == SCHEMA_HEAD,
        _("révision {found} au lieu de {head}").format(found=revision, head=SCHEMA_HEAD),
    )
    count = len(known_revisions(migrations))
    return _("{count} migrations jouées jusqu'à {head}").format(count=count, head=SCHEMA_HEAD)


def check_pdf(context: Context) -> str:
    """A one-page PDF in the app's embedded fonts."""
    from reportlab.platypus import Paragraph, SimpleDocTemplate  # type: ignore[import-untyped]

    from capadesk.core.export.pdf_base import PAGE_SIZE, paragraph_text, style

    path = context.home / "essai.pdf"
    document = SimpleDocTemplate(str(path), pagesize=PAGE_SIZE, title=APP_NAME)
    document.build([Paragraph(paragraph_text(TITLE), style("essai", 14, bold=True))])
    data = path.read_bytes()
    _check(data.startswith(b"%PDF-"), _("le fichier écrit n'est pas un PDF"))
    _check(b"/FontFile2" in data, _("les polices ne sont pas incorporées au PDF"))
    _check(document.page == 1, _("le PDF compte {pages} pages").format(pages=document.page))
    return _("une page, polices incorporées, {size}\u00a0octets").format(size=len(data))


def check_qr(context: Context) -> str:
    """A QR code as a module matrix and as PNG."""
    from capadesk.core.handoff.qr import qr_matrix, qr_png

    matrix = qr_matrix(QR_TEXT)
    png = qr_png(QR_TEXT)
    _check(png.startswith(b"\x89PNG"), _("l'image du QR code n'est pas un PNG"))
    _check(len(matrix) >= 21 and any(any(row) for row in matrix), _("le QR code est vide"))
    return _("{size}×{size} modules, PNG de {bytes}\u00a0octets").format(
        size=len(matrix), bytes=len(png)
    )


def check_handoff(context: Context) -> str:
    """Publish the test workshop, serve it on loopback, fetch its page, stop."""
    from capadesk.core.handoff.access import COOKIE_NAME
    from capadesk.core.handoff.publication import publish
    from capadesk.core.handoff.server import HandoffServer
    from capadesk.core.services.workshops import list_workshops
    from capadesk.core.storage.store import Store

    store = Store(context.app_paths.db_path)
    try:
        workshop = list_workshops(store)[0]
        publication = publish(store, workshop.public_id, context.home / "partage")
    finally:
        store.close()
    server = HandoffServer(publication, "127.0.0.1", minutes=5)
    server.start()
    try:
        first = _get(server.port, f"/?t={server.access.token}", server.host)
        _check(
            first[0] == 303, _("le lien du QR code est refusé ({status})").format(status=first[0])
        )
        page = _get(server.port, "/", server.host, f"{COOKIE_NAME}={server.access.token}")
        _check(page[0] == 200, _("la page est refusée ({status})").format(status=page[0]))
        _check("Atelier d" in page[1], _("la page ne montre pas l'atelier"))
    finally:
        server.stop()
    _check(server.wait(5) and not server.running, _("le serveur ne s'est pas arrêté"))
    return _("servi sur 127.0.0.1:{port} puis arrêté").format(port=server.port)


def _get(port: int, target: str, host: str, cookie: str | None = None) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {"Host": host} | ({"Cookie": cookie} if cookie else {})
        connection.request("GET", target, headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def check_qt(context: Context) -> str:
    """Qt's libraries, a platform plugin and the French translation of Qt's own dialogs."""
    # Offscreen unless told otherwise: the self-test must run on a machine without a display,
    # where Qt would otherwise abort the process.
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([APP_NAME])
    platform = QGuiApplication.platformName()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    _check(
        translator.load("qtbase_fr", folder),
        _("traduction de Qt introuvable dans {folder}").format(folder=folder),
    )
    del app
    return _("plateforme {platform}, traduction française de Qt chargée").format(platform=platform)


Check = Callable[[Context], str]
CHECKS: tuple[tuple[str, Check], ...] = (
    (N_("Base de données"), check_store),
    (N_("Migrations"), check_migrations),
    (N_("PDF"), check_pdf),
    (N_("QR code"), check_qr),
    (N_("Partage local"), check_handoff),
    (N_("Qt"), check_qt),
)


def run_self_test(out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run every check in a temporary home; 0 when all pass, 1 at the first failure."""
    out = out or sys.stdout
    err = err or sys.stderr
    print(_("{app} {version} — autotest").format(app=APP_NAME, version=__version__), file=out)
    # ignore_cleanup_errors: on Windows a file a failed check left open cannot be removed yet.
    with tempfile.TemporaryDirectory(
        prefix="capadesk-autotest-", ignore_cleanup_errors=True
    ) as tmp:
        home = Path(tmp)
        context = Context(home, paths.resolve(home / "home").ensure())
        for name, check in CHECKS:
            try:
                detail = check(context)
            except Exception as error:  # any failure is the verdict, reported, never raised
                message = getattr(error, "message", None) or str(error) or type(error).__name__
                print(
                    _("ÉCHEC  {name}\u00a0: {message}").format(name=_(name), message=message),
                    file=err,
                )
                return 1
            print(_("ok     {name}\u00a0: {detail}").format(name=_(name), detail=detail), file=out)
    print(_("Autotest réussi."), file=out)
    return 0
