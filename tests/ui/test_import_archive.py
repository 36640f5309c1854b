"""« Importer une archive… »: an archive from another store lands in the list; a bad one is
refused with its French message and the store is unchanged."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from capadesk import paths
from capadesk.core.archive.writer import export_archive
from capadesk.core.storage.migrate import open_store
from capadesk.ui.export.import_dialog import ImportArchiveDialog
from capadesk.ui.main_window import MainWindow
from tests.core.handoff_support import seed_workshop

from .helpers import listed_titles, store_titles
from .test_export_dialog import FakeChoosers


def archive_from_another_store(tmp_path: Path) -> Path:
    """« Atelier de Toulon », exported from a store of another home."""
    other_paths = paths.resolve(tmp_path / "autre")
    other, _report = open_store(other_paths.db_path, other_paths.backups_dir)
    try:
        target = tmp_path / "toulon.capadesk"
        export_archive(other, seed_workshop(other), target, other_paths.photos_dir)
    finally:
        other.close()
    return target


def start_import(window: MainWindow, source: Path) -> ImportArchiveDialog:
    window.end_of_day.choosers = FakeChoosers(archive=source)
    window.end_of_day.import_action.trigger()
    dialog = window.end_of_day.dialog
    assert isinstance(dialog, ImportArchiveDialog)
    return dialog


def test_an_imported_archive_shows_up_in_the_list(
    qtbot: QtBot, ready: MainWindow, tmp_path: Path
) -> None:
    source = archive_from_another_store(tmp_path)
    assert listed_titles(ready) == []

    dialog = start_import(ready, source)
    with qtbot.waitSignal(dialog.imported, timeout=60_000):
        pass

    qtbot.waitUntil(lambda: listed_titles(ready) == ["Atelier de Toulon"])
    report = dialog.report.toPlainText()  # QPlainTextEdit gives non-breaking spaces as spaces
    assert "Atelier « Atelier de Toulon » importé depuis toulon.capadesk" in report
    assert "Sauvegarde prise avant l'import" in report
    assert dialog.close_button.isEnabled()


def test_a_bad_archive_shows_its_message_and_changes_nothing(
    qtbot: QtBot, ready: MainWindow, tmp_path: Path
) -> None:
    source = tmp_path / "abime.capadesk"
    source.write_bytes(b"ceci n'est pas une archive zip")
    store = ready.operations.store
    assert store is not None

    dialog = start_import(ready, source)
    with qtbot.waitSignal(dialog.failed, timeout=60_000) as failed:
        pass

    message = str(failed.args[0])
    assert "abime.capadesk" in message
    assert dialog.report.toPlainText() == message.replace("\u00a0", " ")
    assert store_titles(store) == []
    assert listed_titles(ready) == []
