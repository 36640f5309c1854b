"""Preferences: saved whole, read back checked, defaults for anything missing or wrong."""

from __future__ import annotations

import json

import pytest

from capadesk import settings
from capadesk.paths import AppPaths
from capadesk.settings import Settings


def test_defaults_without_a_file(app_paths: AppPaths) -> None:
    assert settings.load(app_paths) == Settings()


def test_saved_preferences_are_read_back(app_paths: AppPaths) -> None:
    chosen = Settings(language="en", projection_theme="high-contrast", projection_font_scale=1.5)

    settings.save(app_paths, chosen)

    assert settings.load(app_paths) == chosen
    assert not list(settings.settings_path(app_paths).parent.glob(".settings-*"))


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[1, 2]",
        json.dumps({"language": "klingon", "projection_theme": 3, "projection_font_scale": 9}),
        json.dumps({"projection_font_scale": True}),
    ],
)
def test_a_bad_file_gives_defaults_for_what_is_wrong(app_paths: AppPaths, content: str) -> None:
    path = settings.settings_path(app_paths)
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")

    assert settings.load(app_paths) == Settings()
