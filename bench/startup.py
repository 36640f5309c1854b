"""Startup benchmark: process start to CapaDesk's main window shown, against a bare window.

Both sides run offscreen in child processes of this one, alternately, in the same run. The app
opens a store holding ``STORE_SIZE`` workshops, created here beforehand through the core services.
"""

from __future__ import annotations

import datetime as dt
import shlex
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.harness import Measurement, Result, run_timed

STORE_SIZE = 50
TARGET_RATIO = 1.5  # startup ≤ 1.5 × the bare window (issue 2)
DEFAULT_RUNS = 15
QUICK_RUNS = 3

OFFSCREEN = {"QT_QPA_PLATFORM": "offscreen"}
BARE_KEYS = ("shown_ms",)
APP_KEYS = ("shown_ms", "ready_ms")

_THEMES = (
    "Mobilité douce",
    "Données ouvertes du territoire",
    "Qualité de l'air",
    "Gestion des déchets",
    "Éclairage public intelligent",
    "Accueil des usagers en mairie",
    "Transport à la demande",
    "Inventaire des arbres",
    "Fréquentation des équipements sportifs",
    "Consommation d'énergie des bâtiments",
    "Crues et ruissellement",
    "Stationnement en centre-bourg",
    "Circuits courts alimentaires",
)
_PLACES = (
    "Lyon — Maison des associations",
    "Saint-Étienne, salle des fêtes",
    "Besançon",
    "Aix-en-Provence — Cité du Livre",
    "Île-d'Yeu, mairie annexe",
    "Fort-de-France",
    "Quimper, médiathèque",
    "Châlons-en-Champagne",
    "",  # no place yet
)
_PROGRAMMES = ("CAPACities 2026", "Territoires de données", None)


def store_rows(count: int = STORE_SIZE) -> list[tuple[str, str, dt.date | None, str | None]]:
    """``count`` varied, deterministic (title, place, day, programme) rows in French."""
    first_day = dt.date(2026, 1, 6)
    rows = []
    for n in range(1, count + 1):
        title = f"{_THEMES[n % len(_THEMES)]} — atelier n° {n}"
        place = _PLACES[(n * 5) % len(_PLACES)]
        day = None if n % 11 == 0 else first_day + dt.timedelta(days=(n * 17) % 400)
        programme = _PROGRAMMES[n % len(_PROGRAMMES)]
        rows.append((title, place, day, programme))
    return rows


def populate_store(home: Path, count: int = STORE_SIZE) -> None:
    """Create the store under ``home`` with ``count`` workshops, through the core services."""
    from capadesk import paths
    from capadesk.core.services.workshops import create_workshop
    from capadesk.core.storage.migrate import open_store

    app_paths = paths.resolve(home).ensure()
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        for title, place, day, programme in store_rows(count):
            create_workshop(store, title, place=place, day=day, programme=programme)
    finally:
        store.close()


def app_command(home: Path, template: str | None = None) -> list[str]:
    """The real app (default), or ``template`` with ``{python}`` and ``{home}`` filled in."""
    if template is None:
        return [sys.executable, "-m", "capadesk", "--home", str(home), "--measure-startup"]
    return [part.format(python=sys.executable, home=home) for part in shlex.split(template)]


def bare_command(*, item_view: bool = False) -> list[str]:
    """The baseline: a bare QMainWindow, timed the same way (with a table: the item-view floor)."""
    return [sys.executable, "-m", "bench.bare_window", *(["--item-view"] if item_view else [])]


def precompile() -> None:
    """Write the bytecode of CapaDesk and of the bench, as an installed app has it.

    A pip install or the PyInstaller bundle ships compiled modules; an editable checkout run
    with PYTHONDONTWRITEBYTECODE=1 (set on this project's machines) would otherwise compile every
    CapaDesk module from source at each start, a cost no user pays and the bare window does not
    have. ``compileall`` writes the files whatever that variable says.
    """
    import compileall

    root = Path(__file__).resolve().parent.parent
    for package in ("capadesk", "bench"):
        if not compileall.compile_dir(root / package, quiet=1):
            raise RuntimeError(f"compileall failed for {package}/")


def _ignore(_message: str) -> None:
    pass


def run(
    runs: int = DEFAULT_RUNS,
    *,
    app_template: str | None = None,
    progress: Callable[[str], None] = _ignore,
) -> list[Result]:
    """Warm up once, then alternate bare / app ``runs`` times; return ``startup`` figures."""
    if runs < 1:
        raise ValueError("runs must be at least 1")
    with tempfile.TemporaryDirectory(prefix="capadesk-bench-") as scratch:
        home = Path(scratch) / "home"
        progress(f"startup: creating a store with {STORE_SIZE} workshops in {home}")
        populate_store(home)
        app = app_command(home, app_template)
        bare = bare_command()
        floor = bare_command(item_view=True)
        progress(f"startup: app command: {shlex.join(app)}")

        def once(label: str, command: Sequence[str], keys: Sequence[str]) -> dict[str, float]:
            return run_timed(label, command, keys, env=OFFSCREEN)

        progress("startup: compiling CapaDesk's modules, as an installed app has them")
        precompile()
        progress("startup: warm-up (discarded)")
        once("bare window (warm-up)", bare, BARE_KEYS)
        once("CapaDesk (warm-up)", app, APP_KEYS)

        bare_shown: list[float] = []
        floor_shown: list[float] = []
        app_shown: list[float] = []
        app_ready: list[float] = []
        for n in range(1, runs + 1):
            bare_figures = once(f"bare window (run {n})", bare, BARE_KEYS)
            floor_shown.append(once(f"item-view floor (run {n})", floor, BARE_KEYS)["shown_ms"])
            app_figures = once(f"CapaDesk (run {n})", app, APP_KEYS)
            bare_shown.append(bare_figures["shown_ms"])
            app_shown.append(app_figures["shown_ms"])
            app_ready.append(app_figures["ready_ms"])
            progress(
                f"startup: run {n:>2}/{runs}: bare {bare_figures['shown_ms']:7.1f} ms, "
                f"app shown {app_figures['shown_ms']:7.1f} ms, "
                f"ready {app_figures['ready_ms']:7.1f} ms"
            )

    baseline = Measurement("bare_window", "ms", tuple(bare_shown))
    return [
        Result.compare(
            "startup", Measurement("startup", "ms", tuple(app_shown)), baseline, TARGET_RATIO
        ),
        Result.compare(
            "startup_ready", Measurement("startup_ready", "ms", tuple(app_ready)), baseline
        ),
        Result.compare(
            "startup_floor_item_view",
            Measurement("startup_floor_item_view", "ms", tuple(floor_shown)),
            baseline,
        ),
    ]
