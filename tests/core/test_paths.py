"""capadesk.paths: who decides where data lives, and what may be read from the bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs
import pytest

from capadesk import paths


def test_home_option_wins_over_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "from-env"))

    resolved = paths.resolve(tmp_path / "from-option")

    assert resolved.source == "option"
    assert resolved.data_dir == (tmp_path / "from-option" / "data").resolve()
    assert resolved.db_path == (tmp_path / "from-option" / "data" / "capadesk.db").resolve()


def test_environment_wins_over_system_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "from-env"))

    resolved = paths.resolve()

    assert resolved.source == "environment"
    home = (tmp_path / "from-env").resolve()
    assert (resolved.data_dir, resolved.config_dir, resolved.cache_dir, resolved.log_dir) == (
        home / "data",
        home / "config",
        home / "cache",
        home / "logs",
    )


def test_system_dirs_without_option_or_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.HOME_ENV, raising=False)

    resolved = paths.resolve()

    expected = platformdirs.PlatformDirs("CapaDesk", appauthor=False)
    assert resolved.source == "system"
    assert resolved.data_dir == Path(expected.user_data_dir)
    assert resolved.config_dir == Path(expected.user_config_dir)


def test_empty_environment_variable_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.HOME_ENV, "")

    assert paths.resolve().source == "system"


def test_portable_marker_next_to_frozen_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    executable = tmp_path / "bundle" / "capadesk"
    executable.parent.mkdir()
    executable.touch()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))

    assert paths.resolve().source == "system"  # frozen, but no marker yet

    (executable.parent / paths.PORTABLE_MARKER).touch()
    resolved = paths.resolve()

    assert resolved.source == "portable"
    assert resolved.data_dir == (executable.parent / "capadesk-data" / "data").resolve()


def test_environment_wins_over_portable_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    executable = tmp_path / "capadesk"
    executable.touch()
    (tmp_path / paths.PORTABLE_MARKER).touch()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "env"))

    assert paths.resolve().source == "environment"


def test_resolve_creates_nothing_and_ensure_creates_private_dirs(tmp_path: Path) -> None:
    home = tmp_path / "home"

    resolved = paths.resolve(home)

    assert not home.exists()
    assert resolved.ensure() is resolved
    for directory in (
        resolved.data_dir,
        resolved.config_dir,
        resolved.cache_dir,
        resolved.log_dir,
    ):
        assert directory.is_dir()
        if os.name == "posix":
            assert directory.stat().st_mode & 0o077 == 0
    assert not resolved.backups_dir.exists()  # made by whoever writes a backup


def test_derived_paths_live_in_the_data_dir(app_paths: paths.AppPaths) -> None:
    assert app_paths.db_path.name == paths.DB_FILENAME
    for derived in (
        app_paths.db_path,
        app_paths.backups_dir,
        app_paths.photos_dir,
        app_paths.crash_dir,
    ):
        assert derived.parent == app_paths.data_dir


def test_the_tests_never_use_the_real_home(app_paths: paths.AppPaths, tmp_path: Path) -> None:
    assert paths.resolve().data_dir.is_relative_to(tmp_path)
    assert app_paths.data_dir.is_relative_to(tmp_path)


def test_resource_path_under_resources() -> None:
    assert paths.resource_path("locale", "fr") == paths.bundle_dir() / "resources" / "locale" / "fr"
    assert paths.migrations_dir() == paths.bundle_dir() / "migrations"
    assert (paths.migrations_dir() / "env.py").is_file()


@pytest.mark.parametrize(
    "parts",
    [
        ("..", "secret"),
        ("locale", "../../etc/passwd"),
        ("icons/../../x",),
        ("/etc/passwd",),
        ("locale", "/tmp/x"),
    ],
)
def test_resource_path_refuses_escaping_parts(parts: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="chemin de ressource refusé"):
        paths.resource_path(*parts)


def test_bundle_dir_of_a_frozen_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert paths.bundle_dir() == tmp_path
    assert paths.resource_path("icons") == tmp_path / "resources" / "icons"
