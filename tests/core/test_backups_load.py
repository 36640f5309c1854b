"""A backup of a live store of a few MB never stalls a writer committing at 20 Hz (T-BAK-01)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

from capadesk.core.storage.backups import BackupKind, create_backup
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from tests.core.backups_support import add_captures, integrity, read_texts

MAX_STALL = 0.250
PERIOD = 0.050  # 20 Hz
T0 = dt.datetime(2024, 3, 14, 9, 0, tzinfo=dt.UTC)


class Writer(threading.Thread):
    """Commits one numbered capture every 50 ms and times each transaction."""

    def __init__(self, store: Store) -> None:
        super().__init__(name="writer-20hz")
        self.store = store
        self.stop = threading.Event()
        self.first_commit = threading.Event()
        self.latencies: list[float] = []
        self.committed = 0  # the last number whose commit returned
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                number = self.committed + 1
                started = time.perf_counter()
                add_captures_fast(self.store, f"n{number:06d}")
                self.latencies.append(time.perf_counter() - started)
                self.committed = number
                self.first_commit.set()
                self.stop.wait(PERIOD)  # pacing only: nothing waits on this
        except BaseException as error:
            self.error = error
            self.first_commit.set()


def add_captures_fast(store: Store, text: str) -> None:
    """One capture, one transaction (the workshop exists: id 1)."""
    from capadesk.core.storage.models import Capture

    with store.write() as session:
        session.add(Capture(workshop_id=1, kind="note", text=text))


def test_backups_under_a_20_hz_writer_are_consistent_and_never_stall_it(
    store: Store, app_paths: AppPaths
) -> None:
    add_captures(store, [f"remplissage {n:05d} " + "x" * 1200 for n in range(4000)])
    size = store.path.stat().st_size + Path(f"{store.path}-wal").stat().st_size
    assert size > 4_000_000
    writer = Writer(store)
    writer.start()
    durations: list[float] = []
    try:
        assert writer.first_commit.wait(timeout=10)
        for round_ in range(3):
            before = writer.committed
            started = time.perf_counter()
            made = create_backup(
                store.path,
                app_paths.backups_dir,
                BackupKind.PERIODIC,
                T0 + dt.timedelta(minutes=10 * round_),
            )
            durations.append(time.perf_counter() - started)
            after = writer.committed

            numbered = [t for t in read_texts(made.path) if t.startswith("n")]
            count = len(numbered)
            assert numbered == [f"n{n:06d}" for n in range(1, count + 1)]  # a prefix, no gap
            assert before <= count <= after
            assert integrity(made.path) == "ok"
    finally:
        writer.stop.set()
        writer.join(timeout=30)
    assert not writer.is_alive()
    assert writer.error is None
    assert len(writer.latencies) >= 3
    print(  # noqa: T201 (the figures for the report: pytest -s)
        f"\nstore {size / 1e6:.1f} MB; backups {[round(d, 3) for d in durations]} s; "
        f"{len(writer.latencies)} commits, max {max(writer.latencies) * 1000:.1f} ms"
    )
    assert max(writer.latencies) < MAX_STALL
