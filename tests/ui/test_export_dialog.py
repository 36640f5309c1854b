"""« Exporter l'atelier »: a restitution written through the dialog, a cancel that leaves no
file, the « export complet » behind its confirmation."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QWidget

from capadesk.core.export import restitution
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from capadesk.ui.export.choosers import ExportChoosers
from capadesk.ui.export.dialog import ExportDialog
from capadesk.ui.export.kinds import ExportKind
from tests.core.handoff_support import seed_workshop

from .helpers import click


class FakeChoosers(ExportChoosers):
    """Canned paths and answers instead of modal dialogs; records what was asked."""

    def __init__(
        self, target: Path | None = None, archive: Path | None = None, confirm: bool = True
    ) -> None:
        self.target, self.archive, self.confirm = target, archive, confirm
        self.suggested: list[str] = []
        self.confirms = 0
        self.opened: list[Path] = []
        self.errors: list[str] = []

    def save_file(self, parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
        self.suggested.append(suggested)
        return self.target

    def folder(self, parent: QWidget, title: str, suggested: str) -> Path | None:
        self.suggested.append(suggested)
        return self.target

    def archive_to_import(self, parent: QWidget) -> Path | None:
        return self.archive

    def confirm_full_export(self, parent: QWidget) -> bool:
        self.confirms += 1
        return self.confirm

    def show_error(self, parent: QWidget, message: str) -> None:
        self.errors.append(message)

    def open_folder(self, folder: Path) -> None:
        self.opened.append(folder)


def make_dialog(
    qtbot: QtBot, store: Store, app_paths: AppPaths, choosers: FakeChoosers
) -> ExportDialog:
    app_paths.ensure()
    wid = seed_workshop(store)
    dialog = ExportDialog(None, store, wid, "Atelier de Toulon", app_paths, choosers=choosers)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_restitution_is_exported_then_its_folder_opened(
    qtbot: QtBot, store: Store, app_paths: AppPaths, tmp_path: Path
) -> None:
    out = tmp_path / "sortie"
    out.mkdir()
    choosers = FakeChoosers(target=out / "restitution")  # no suffix typed: « .pdf » added
    dialog = make_dialog(qtbot, store, app_paths, choosers)
    assert dialog.chosen() is ExportKind.RESTITUTION  # the default

    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        click(qtbot, dialog.export_button)

    written = out / "restitution.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert choosers.suggested == [restitution.default_name("Atelier de Toulon")]
    assert "Restitution écrite" in dialog.status.text()
    assert dialog.open_folder_button.isVisibleTo(dialog)
    click(qtbot, dialog.open_folder_button)
    assert choosers.opened == [out]


def test_cancelling_mid_way_leaves_no_file(
    qtbot: QtBot,
    store: Store,
    app_paths: AppPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "sortie"
    out.mkdir()
    dialog = make_dialog(qtbot, store, app_paths, FakeChoosers(target=out / "r.pdf"))
    cancelled = threading.Event()
    real = restitution.restitution_pdf

    def held(*args: Any, progress: Callable[[int, int, str], None], **kwargs: Any) -> int:
        def step(done: int, total: int, label: str) -> None:
            progress(done, total, label)  # the dialog hears of the first step…
            cancelled.wait(30)  # …and the export waits there until « Annuler » is clicked

        return real(*args, progress=step, **kwargs)

    monkeypatch.setattr(restitution, "restitution_pdf", held)

    def cancel_once(*_args: object) -> None:
        if not cancelled.is_set():
            click(qtbot, dialog.progress.cancel_button)
            cancelled.set()

    dialog.progress.progressed.connect(cancel_once)
    with qtbot.waitSignal(dialog.failed, timeout=60_000) as failed:
        click(qtbot, dialog.export_button)

    assert "annulé" in str(failed.args[0])
    assert list(out.iterdir()) == []
    assert not dialog.working
    assert dialog.export_button.isEnabled()


def test_the_full_export_asks_first_and_a_no_writes_nothing(
    qtbot: QtBot, store: Store, app_paths: AppPaths, tmp_path: Path
) -> None:
    choosers = FakeChoosers(target=tmp_path / "csv", confirm=False)
    dialog = make_dialog(qtbot, store, app_paths, choosers)
    assert not dialog.full_box.isEnabled()  # the restitution never carries every name
    dialog.choose(ExportKind.CSV)
    assert dialog.full_box.isEnabled()
    dialog.full_box.setChecked(True)

    click(qtbot, dialog.export_button)

    assert choosers.confirms == 1
    assert not dialog.working
    assert not (tmp_path / "csv").exists()


def test_a_csv_folder_is_filled_whole(
    qtbot: QtBot, store: Store, app_paths: AppPaths, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, store, app_paths, FakeChoosers(target=tmp_path / "csv"))
    dialog.choose(ExportKind.CSV)

    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        click(qtbot, dialog.export_button)

    names = sorted(p.name for p in (tmp_path / "csv").iterdir())
    assert names and all(name.endswith(".csv") for name in names)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".capadesk-csv-")]
    assert dialog.result_folder == tmp_path / "csv"
