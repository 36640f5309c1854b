"""Composition root: arguments → paths → crash handler → window → (after the first frame)
logging and the store.

Only this module and ``capadesk.ui`` may import Qt, and this one only once it knows the
window is wanted, so headless commands never load it.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from capadesk import i18n, paths, settings
from capadesk.cli import build_parser, run
from capadesk.crashlog import CrashLog


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window on the user's store."""
    app_paths = paths.resolve(args.home).ensure()
    i18n.install(settings.load(app_paths).language)  # the facilitator's choice, if any
    crash_log = CrashLog(app_paths.crash_dir).install()
    try:
        from capadesk.ui.application import run_application

        return run_application(app_paths, crash_log, measure_startup=args.measure_startup)
    finally:
        crash_log.uninstall()


def main(argv: Sequence[str] | None = None) -> int:
    """The ``capadesk`` command: a headless command when one is given, the window otherwise."""
    i18n.install()  # before the parser: its help texts are translated when it is built
    args = build_parser().parse_args(argv)
    if args.self_test:
        from capadesk.self_test import run_self_test

        return run_self_test()
    if args.command is not None:
        return run(args)
    return run_gui(args)
