"""The log file of a GUI session (headless commands log to stderr only)."""

from __future__ import annotations

from capadesk.paths import AppPaths


def setup_logging(app_paths: AppPaths) -> None:
    """Log to a rotating file in the log dir.

    Called once the window is on screen: ``logging`` and its handlers are not worth delaying
    the first frame for, and nothing before it logs (a crash there writes a crash report).
    """
    import logging
    import logging.handlers

    handler = logging.handlers.RotatingFileHandler(
        app_paths.log_dir / "capadesk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
