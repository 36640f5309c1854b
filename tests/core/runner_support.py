"""Shared by the runner tests: the planned day, the fake clock and runners on it, a workshop
with a library protocol, and a child process killed mid-step."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from capadesk.core.runner import FakeClock, Runner
from capadesk.core.services.agenda import apply_protocol
from capadesk.core.services.protocols import find_protocol
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.store import Store

PLANNED = (600, 1200, 300)  # 10, 20 and 5 minutes
DAY = sum(PLANNED)
T0 = dt.datetime(2024, 3, 14, 9, 0, tzinfo=dt.UTC)
REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def runner(clock: FakeClock) -> Runner:
    return Runner(PLANNED, clock)


@pytest.fixture
def started(runner: Runner) -> Runner:
    runner.start()
    return runner


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def assert_french_typography(message: str) -> None:
    """A non-breaking space before every : ; ! ? of a message."""
    assert message.strip()
    for position, char in enumerate(message):
        if char in ":;!?":
            assert message[position - 1] == "\u00a0", message


def workshop_with(store: Store, protocol_id: str, title: str = "Atelier") -> uuid.UUID:
    """A new workshop whose agenda is the library protocol ``protocol_id``."""
    workshop, _changes = create_workshop(store, title)
    apply_protocol(store, workshop.public_id, find_protocol(protocol_id))
    return workshop.public_id


def run_then_kill(code: str, *args: str) -> None:
    """Run ``code`` in a fresh interpreter until it prints « ready », then kill -9 it.

    The child acts on the store and then waits, mid-step with the store open, to be killed.
    """
    with subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    ) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready"
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
