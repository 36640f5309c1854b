"""The facilitator's preferences, kept in ``<config dir>/settings.json``.

Read before the first frame (the language decides every label), so stdlib only. A missing,
unreadable or hand-mangled file gives the defaults for what it lacks: a preference is never a
reason not to start.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

from capadesk.core.files import write_atomically
from capadesk.paths import AppPaths

FILE_NAME = "settings.json"
LANGUAGES = ("fr", "en")
PROJECTION_THEMES = ("standard", "high-contrast")
FONT_SCALE_RANGE = (0.8, 2.0)


class Settings(NamedTuple):
    """The preferences; ``language`` None follows the system."""

    language: str | None = None
    projection_theme: str = "standard"
    projection_font_scale: float = 1.0


def settings_path(app_paths: AppPaths) -> Path:
    """Where the preferences live."""
    return app_paths.config_dir / FILE_NAME


def load(app_paths: AppPaths) -> Settings:
    """The saved preferences, each one checked (a bad value gives its default)."""
    try:
        data = json.loads(settings_path(app_paths).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    defaults = Settings()
    language = data.get("language")
    theme = data.get("projection_theme")
    scale = data.get("projection_font_scale")
    low, high = FONT_SCALE_RANGE
    return Settings(
        language=language if language in LANGUAGES else defaults.language,
        projection_theme=theme if theme in PROJECTION_THEMES else defaults.projection_theme,
        projection_font_scale=(
            float(scale)
            if isinstance(scale, int | float)
            and not isinstance(scale, bool)
            and low <= scale <= high
            else defaults.projection_font_scale
        ),
    )


def save(app_paths: AppPaths, settings: Settings) -> None:
    """Write the preferences whole (a crash leaves the old file, never half a new one)."""
    target = settings_path(app_paths)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(settings._asdict(), indent=2, ensure_ascii=False) + "\n"
    write_atomically(target, text.encode("utf-8"), prefix=".settings-", suffix=".tmp")
