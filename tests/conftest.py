"""Shared fixtures, and the rules that keep every test away from the real home and screen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from capadesk import paths
from capadesk.core.storage.migrate import open_store
from capadesk.core.storage.store import Store

# Before anything can import Qt: GUI tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_QT_FIXTURES = frozenset({"qtbot", "qapp"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses a QApplication as ``gui`` (``-m "not gui"`` runs the core)."""
    for item in items:
        if _QT_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point ``CAPADESK_HOME`` at a temporary dir: no test ever touches the real home."""
    home = tmp_path / "env-home"
    monkeypatch.setenv(paths.HOME_ENV, str(home))
    return home


@pytest.fixture
def app_paths(tmp_path: Path) -> paths.AppPaths:
    """The directories of a CapaDesk home under the test's temporary dir (not created)."""
    return paths.resolve(tmp_path / "home")


@pytest.fixture
def store(app_paths: paths.AppPaths) -> Iterator[Store]:
    """A new, empty store file, closed after the test."""
    opened, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        yield opened
    finally:
        opened.close()
