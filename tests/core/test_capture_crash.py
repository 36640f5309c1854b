"""Crash test: a process adding cards is killed with SIGKILL at random moments, again and again;
every card whose id it printed (after the commit) is still there, and the file is sound."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import closing
from pathlib import Path
from typing import IO

import pytest
from sqlalchemy import func, select

from capadesk import paths
from capadesk.core.services.captures import get_captures
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.migrate import open_store
from capadesk.core.storage.models import Capture

CYCLES = 60
SEED = 20220614
REPO_ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the child forks its workers")


def _line(stream: IO[str]) -> str:
    line = stream.readline()
    assert line.endswith("\n"), f"the child stopped writing: {line!r}"
    return line.strip()


def _cycle(child: subprocess.Popen[str], rng: random.Random, cycle: int) -> list[str]:
    """Start a worker, let it commit a random number of cards, kill it; return its ids."""
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(f"go {SEED + cycle}\n")
    child.stdin.flush()
    printed: list[str] = []
    wanted = rng.randint(0, 6)  # 0: killed while opening the store or in its first insert
    pid = 0
    while not pid or len(printed) < wanted:
        line = _line(child.stdout)
        assert not line.startswith("dead"), f"the worker died on its own: {line}"
        if line.startswith("pid "):
            pid = int(line.split()[1])
        else:
            printed.append(line)
    time.sleep(rng.uniform(0, 0.004))  # land anywhere in the next transaction
    os.kill(pid, signal.SIGKILL)
    while not (line := _line(child.stdout)).startswith("dead"):
        printed.append(line)  # committed and printed before the signal arrived
    assert line == f"dead {pid} {-signal.SIGKILL}"
    return printed


def test_printed_captures_survive_sigkill(app_paths: paths.AppPaths) -> None:
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    workshop = create_workshop(store, "Atelier interrompu")[0].public_id
    store.close()

    rng = random.Random(SEED)
    printed: list[str] = []
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.core.capture_crash_child",
            str(app_paths.db_path),
            str(workshop),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    ) as child:
        try:
            for cycle in range(CYCLES):
                printed.extend(_cycle(child, rng, cycle))
        finally:
            assert child.stdin is not None
            child.stdin.close()
            child.wait(timeout=30)

    with closing(sqlite3.connect(app_paths.db_path)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        found = get_captures(store, [uuid.UUID(i) for i in printed])
        with store.read() as session:
            stored = session.scalar(select(func.count()).select_from(Capture)) or 0
    finally:
        store.close()
    missing = [i for i, view in found.items() if view is None]
    assert missing == [], f"{len(missing)} printed cards lost"
    assert len(printed) >= CYCLES  # the kills did land among many commits
    # At most one card a cycle was committed but killed before its id was printed.
    assert len(printed) <= stored <= len(printed) + CYCLES
