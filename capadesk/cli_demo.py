"""``capadesk [--home D] demo --out DIR [--seed N] [--small]``.

Builds a realistic demo day from the Toulon protocol (in a temporary home, or in ``--home``),
runs it on a fake clock, and writes every export into DIR, one printed line per file.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from capadesk.cli_output import print_lines
from capadesk.i18n import _
from capadesk.paths import AppPaths, resolve


def add_parser(subparsers: Any) -> None:
    """Add ``demo`` to the ``capadesk`` command line.

    ``subparsers`` is what ``ArgumentParser.add_subparsers`` returned (its type is private).
    """
    from capadesk.core.demo.builder import DEFAULT_SEED

    demo = subparsers.add_parser(
        "demo",
        help=_("créer une journée de démonstration et écrire tous ses exports dans un dossier"),
    )
    demo.add_argument(
        "--out", required=True, type=Path, metavar="DOSSIER", help=_("dossier où écrire")
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        metavar="N",
        help=_("graine\u00a0: la même graine donne la même journée (défaut\u00a0: {seed})").format(
            seed=DEFAULT_SEED
        ),
    )
    demo.add_argument(
        "--small",
        action="store_true",
        help=_("une petite journée (12 participants, 40 cartes), pour essayer vite"),
    )


def run(args: argparse.Namespace, app_paths: AppPaths) -> int:
    """Build the day and write its files; return the exit code.

    Without ``--home`` the day lives in a temporary home, removed at the end: only DIR stays.
    KnownError goes to the caller (``capadesk.cli.run`` prints it, exit code 1).
    """
    if getattr(args, "home", None):
        return _run_in(args, app_paths)
    with tempfile.TemporaryDirectory(prefix="capadesk-demo-home-") as home:
        return _run_in(args, resolve(home))


def _run_in(args: argparse.Namespace, app_paths: AppPaths) -> int:
    from capadesk.core.demo.builder import DemoSize, build_demo
    from capadesk.core.demo.outputs import write_outputs
    from capadesk.core.storage.migrate import open_store

    size = DemoSize(participants=12, captures=40, photos=2) if args.small else DemoSize()
    app_paths.ensure()
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        day = build_demo(store, app_paths.photos_dir, seed=args.seed, size=size)
        written = write_outputs(store, day.workshop_id, args.out, app_paths.photos_dir)
    finally:
        store.close()
    lines = [
        _(
            "Journée de démonstration\u00a0: {participants} participants, {cards} cartes, "
            "{threads} fils, {dots} gommettes, {matrices} matrices, {photos} photos"
        ).format(
            participants=day.participants,
            cards=day.captures,
            threads=day.threads,
            dots=day.dots,
            matrices=day.matrices,
            photos=day.photos,
        )
    ]
    lines += [_("Écrit\u00a0: {path} — {what}").format(path=w.path, what=w.what) for w in written]
    print_lines(lines)
    return 0
