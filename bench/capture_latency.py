"""Capture latency: the note-taker presses Enter → the card is committed (and, later, visible).

``python -m bench.capture_latency [--adds N] [--output PATH]``
``python -m bench.capture_latency --profile [--adds N]``: cProfile of the adds instead (where the
time goes inside ``add_capture``), nothing written.

Measured in this process on a store already holding ``STORE_SIZE`` cards: each sample is one
``add_capture`` call (validation, one BEGIN IMMEDIATE … COMMIT with synchronous=FULL), then the
``after_add`` hook if one is given (the UI passes a function that puts the card on the wall and
waits for the paint, so « Enter to visible » is timed in the same span). The baseline is a raw
``sqlite3`` INSERT + COMMIT into the same ``capture`` table of a copy of the same store, under
the same pragmas; samples of both sides alternate, so a busy patch of the machine hits both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from bench.harness import RESULTS_PATH, Measurement, Result, format_table

if TYPE_CHECKING:
    from capadesk.core.domain.capture import CaptureView

STORE_SIZE = 10_000
DEFAULT_ADDS = 300
QUICK_ADDS = 100
TARGET_RATIO = 3.0  # median add ≤ 3 × a raw insert + commit (issue 4)
TARGET_MEDIAN_MS = 5.0  # and ≤ 5 ms in absolute terms

AfterAdd = Callable[["CaptureView"], None]

_WORDS = (
    "données ressaisies à la main",
    "pas d'accès aux comptages",
    "un tableau de bord partagé",
    "«\u00a0open data\u00a0» pas à jour",
    "contrat avec le prestataire",
    "silo du service voirie",
    "capteurs sans inventaire",
)


def _text(rng: random.Random) -> str:
    return " ; ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 6)))


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Seeded(NamedTuple):
    """The seeded workshop, and the use case and group the timed cards belong to."""

    workshop_id: uuid.UUID
    use_case_id: uuid.UUID
    group_id: uuid.UUID


def seed_store(db_path: Path, backups: Path, count: int) -> Seeded:
    """A store with one workshop holding ``count`` cards (written in one transaction)."""
    from sqlalchemy import insert, select

    from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
    from capadesk.core.services.use_cases import add_use_case
    from capadesk.core.services.workshops import create_workshop
    from capadesk.core.storage.migrate import open_store
    from capadesk.core.storage.models import Capture, WorkGroup, Workshop, utc_now

    store, _report = open_store(db_path, backups)
    try:
        workshop, _changes = create_workshop(store, "Atelier de Toulon — banc d'essai")
        use_case, _changes = add_use_case(store, workshop.public_id, "Mobilité douce")
        group_id = uuid.uuid4()
        rng = random.Random(4)
        kinds, stages = list(CaptureKind), [None, *LifecycleStage]
        with store.write() as session:
            row = session.scalars(
                select(Workshop.id).where(Workshop.public_id == workshop.public_id)
            ).one()
            session.add(WorkGroup(public_id=group_id, workshop_id=row, name="Groupe A"))
            now = utc_now()
            session.execute(
                insert(Capture),
                [
                    {
                        "public_id": uuid.uuid4(),
                        "workshop_id": row,
                        "kind": rng.choice(kinds).value,
                        "text": _text(rng),
                        "lifecycle_stage": (s.value if (s := rng.choice(stages)) else None),
                        "note": "",
                        "sort_order": n,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for n in range(count)
                ],
            )
    finally:
        store.close()  # checkpoints: the file alone holds everything, ready to be copied
    return Seeded(workshop.public_id, use_case.public_id, group_id)


def raw_connection(db_path: Path) -> sqlite3.Connection:
    """The baseline's connection: the store's pragmas, autocommit at the driver level."""
    from capadesk.core.storage.engine import apply_pragmas

    connection = sqlite3.connect(db_path, isolation_level=None)
    problems = apply_pragmas(connection)  # the very same WAL, synchronous=FULL, foreign keys…
    if problems:
        raise RuntimeError(f"baseline pragmas not applied: {problems}")
    return connection


def raw_rows(connection: sqlite3.Connection) -> tuple[int, int, int]:
    """The rows of the seeded workshop, use case and group, looked up once for the baseline."""
    return (
        connection.execute("SELECT id FROM workshop").fetchone()[0],
        connection.execute("SELECT id FROM use_case").fetchone()[0],
        connection.execute("SELECT id FROM work_group").fetchone()[0],
    )


def raw_insert(
    connection: sqlite3.Connection, rows: tuple[int, int, int], text: str, order: int
) -> None:
    """One raw INSERT + COMMIT of a card row (the rows it points at and its order known)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(" ")
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(
        "INSERT INTO capture (public_id, workshop_id, use_case_id, group_id, kind, text,"
        " lifecycle_stage, note, author, sort_order, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, 'irritant', ?, 'partage', '', '', ?, ?, ?)",
        (uuid.uuid4().hex, *rows, text, order, now, now),
    )
    connection.execute("COMMIT")


def p99(samples: Sequence[float]) -> float:
    """The 99th percentile (inclusive method: within the samples' range)."""
    return statistics.quantiles(samples, n=100, method="inclusive")[98]


def measure(
    adds: int = DEFAULT_ADDS,
    *,
    after_add: AfterAdd | None = None,
    progress: Callable[[str], None] = _progress,
) -> tuple[Measurement, Measurement]:
    """``adds`` timed adds through the service and as many raw inserts, alternated (ms)."""
    from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
    from capadesk.core.services.captures import add_capture
    from capadesk.core.storage.store import Store

    with tempfile.TemporaryDirectory(prefix="capadesk-bench-capture-") as scratch:
        directory = Path(scratch)
        progress(f"capture_latency: seeding a store with {STORE_SIZE} cards in {directory}")
        app_db = directory / "capadesk.db"
        seeded = seed_store(app_db, directory / "backups", STORE_SIZE)
        workshop = seeded.workshop_id
        raw_db = directory / "raw.db"
        shutil.copyfile(app_db, raw_db)

        store = Store(app_db)
        raw = raw_connection(raw_db)
        try:
            rows = raw_rows(raw)
            rng = random.Random(7)
            for _warm_up in range(10):  # first statements compile, caches fill: not measured
                add_capture(store, workshop, CaptureKind.IRRITANT, _text(rng))
                raw_insert(raw, rows, _text(rng), STORE_SIZE)
            app_ms: list[float] = []
            raw_ms: list[float] = []
            for n in range(adds):
                text = _text(rng)
                start = time.perf_counter()
                view, _changes = add_capture(  # a typical Enter: kind, stage, use case, group
                    store,
                    workshop,
                    CaptureKind.IRRITANT,
                    text,
                    stage=LifecycleStage.SHARING,
                    use_case_id=seeded.use_case_id,
                    group_id=seeded.group_id,
                )
                if after_add is not None:
                    after_add(view)
                app_ms.append((time.perf_counter() - start) * 1000.0)

                start = time.perf_counter()
                raw_insert(raw, rows, text, STORE_SIZE + n)
                raw_ms.append((time.perf_counter() - start) * 1000.0)
                if (n + 1) % 100 == 0:
                    progress(f"capture_latency: {n + 1}/{adds} adds")
        finally:
            raw.close()
            store.close()
    return (
        Measurement("capture_latency", "ms", tuple(app_ms)),
        Measurement("raw_insert_commit", "ms", tuple(raw_ms)),
    )


def results(app: Measurement, raw: Measurement) -> list[Result]:
    """The median against the raw median (target ≤ 3×), and the p99 against the raw p99."""
    app_p99, raw_p99 = p99(app.samples), p99(raw.samples)
    tail = Result(
        name="capture_latency_p99",
        value=app_p99,
        unit="ms",
        baseline=raw_p99,
        ratio=app_p99 / raw_p99,
        low=app.low,
        high=app.high,
        baseline_low=raw.low,
        baseline_high=raw.high,
        runs=len(app.samples),
    )
    return [Result.compare("capture_latency", app, raw, TARGET_RATIO), tail]


def run(
    adds: int = DEFAULT_ADDS,
    *,
    after_add: AfterAdd | None = None,
    progress: Callable[[str], None] = _progress,
) -> list[Result]:
    """Measure and compare: what ``python -m bench`` calls, like ``startup.run``."""
    app, raw = measure(adds, after_add=after_add, progress=progress)
    return results(app, raw)


def merge_results(new: Sequence[Result], path: Path = RESULTS_PATH) -> None:
    """Write ``new`` into results.json, replacing entries of the same name, keeping the others."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        entries = []
    names = {r.name for r in new}
    kept = [e for e in entries if isinstance(e, dict) and e.get("name") not in names]
    text = json.dumps([*kept, *(r.to_json() for r in new)], indent=2, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(path.name + ".tmp")
    scratch.write_text(text, encoding="utf-8")
    scratch.replace(path)


def profile(adds: int, *, top: int = 30, progress: Callable[[str], None] = _progress) -> str:
    """The cProfile of ``adds`` typical adds on the seeded store (cumulative time, ``top``
    lines), then the median of an empty write and of a write that only asks SQLite for its
    connection: what ``Store.write()`` itself costs, outside ``add_capture``'s reach."""
    import cProfile
    import io
    import pstats

    from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
    from capadesk.core.services.captures import add_capture
    from capadesk.core.storage.store import Store

    with tempfile.TemporaryDirectory(prefix="capadesk-bench-profile-") as scratch:
        directory = Path(scratch)
        progress(f"capture_latency: seeding a store with {STORE_SIZE} cards in {directory}")
        seeded = seed_store(directory / "capadesk.db", directory / "backups", STORE_SIZE)
        store = Store(directory / "capadesk.db")
        rng = random.Random(7)

        def add() -> None:
            add_capture(
                store,
                seeded.workshop_id,
                CaptureKind.IRRITANT,
                _text(rng),
                stage=LifecycleStage.SHARING,
                use_case_id=seeded.use_case_id,
                group_id=seeded.group_id,
            )

        def touch() -> None:
            with store.write() as session:
                session.connection().exec_driver_sql("SELECT 1")

        try:
            for _warm_up in range(10):
                add()
            profiler = cProfile.Profile()
            profiler.enable()
            for _n in range(adds):
                add()
            profiler.disable()
            floors = []
            for step in (add, touch):
                samples = []
                for _n in range(adds):
                    start = time.perf_counter()
                    step()
                    samples.append((time.perf_counter() - start) * 1000.0)
                floors.append(statistics.median(samples))
        finally:
            store.close()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    out.write(
        f"median add_capture {floors[0]:.3f} ms; "
        f"median Store.write() with one trivial statement (no fsync) {floors[1]:.3f} ms\n"
    )
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print the table and the verdicts, merge the figures into results.json."""
    parser = argparse.ArgumentParser(prog="python -m bench.capture_latency", description=__doc__)
    parser.add_argument("--adds", type=int, default=DEFAULT_ADDS, metavar="N")
    parser.add_argument("--quick", dest="adds", action="store_const", const=QUICK_ADDS)
    parser.add_argument("--output", type=Path, default=RESULTS_PATH, metavar="PATH")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the adds")
    args = parser.parse_args(argv)
    if args.adds < 2:
        parser.error("--adds must be at least 2")
    if args.profile:
        print(profile(args.adds))
        return 0
    figures = run(args.adds)
    merge_results(figures, args.output)

    print()
    print(f"{args.adds} adds on a store of {STORE_SIZE} cards, alternated with raw inserts")
    print(format_table(figures))
    print()
    median, tail = figures
    ratio_met = "met" if median.met else "NOT met"
    median_met = "met" if median.value <= TARGET_MEDIAN_MS else "NOT met"
    print(
        f"capture_latency: median {median.value:.2f} ms (target ≤ {TARGET_MEDIAN_MS:.0f} ms: "
        f"{median_met}), p99 {tail.value:.2f} ms"
    )
    print(
        f"capture_latency: {median.ratio:.2f}× a raw insert + commit "
        f"(target ≤ {TARGET_RATIO:.0f}×: {ratio_met})"
    )
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
