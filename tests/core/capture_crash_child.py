"""The crash test's child: ``python -m tests.core.capture_crash_child DB WORKSHOP_ID``.

Importing SQLAlchemy and the models takes about a second on a busy machine, too long to pay
fifty times. So this process imports once, then, for each ``go SEED`` line on stdin, forks a
worker that opens the store and adds cards in a loop through the service, writing each card's
id on stdout right after its commit. The test kills the worker with SIGKILL; this process
reaps it and reports ``dead PID CODE``. It never opens the store itself, so no SQLite handle
crosses a fork.

Every line is one ``os.write`` of less than PIPE_BUF bytes, so lines never interleave.
"""

from __future__ import annotations

import os
import random
import sys
import traceback
import uuid
from pathlib import Path

from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.core.services.captures import add_capture
from capadesk.core.storage.store import Store


def say(line: str) -> None:
    """One whole line on stdout, unbuffered: what is written survives a SIGKILL right after."""
    os.write(1, f"{line}\n".encode())


def work(db_path: Path, workshop_id: uuid.UUID, seed: int) -> None:
    """Add cards until killed; some texts span many pages, so a kill can land mid-write."""
    rng = random.Random(seed)
    store = Store(db_path)
    while True:
        length = rng.choice((1, 40, 300, 5_000, 60_000))
        text = f"Carte {seed}-{rng.random()} " + "é<b>\x00\n" * (length // 6)
        view, _changes = add_capture(
            store,
            workshop_id,
            rng.choice(list(CaptureKind)),
            text,
            stage=rng.choice([None, *LifecycleStage]),
        )
        say(str(view.public_id))


def serve(db_path: Path, workshop_id: uuid.UUID) -> None:
    """Fork one worker per ``go SEED`` line; report its pid, then how it ended."""
    for line in sys.stdin:
        verb, _space, seed = line.strip().partition(" ")
        if verb != "go":
            return
        pid = os.fork()
        if pid == 0:  # the worker: never returns into this loop
            try:
                work(db_path, workshop_id, int(seed))
            except BaseException:
                traceback.print_exc()  # the test then reports « died on its own »
            finally:
                os._exit(1)
        say(f"pid {pid}")
        _pid, status = os.waitpid(pid, 0)
        say(f"dead {pid} {os.waitstatus_to_exitcode(status)}")


if __name__ == "__main__":
    serve(Path(sys.argv[1]), uuid.UUID(sys.argv[2]))
