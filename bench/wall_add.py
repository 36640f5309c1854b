"""Wall benchmark: the time to show one more card on a wall of 2,000, against a plain list view.

Run ``python -m bench.wall_add`` (``--runs N``, ``--quick``, ``--output PATH`` to also write
the figures as results.json entries). Both sides run in this process, offscreen, alternately,
each sample being « one more item, laid out and painted »:

* **wall_add**: the capture page's wall (``WallView`` over ``WallModel``, grouped by use case)
  holding 2,000 cards of varied kinds, stages and lengths in four use cases; a group reports
  back (ten cards in a row for the same use case); one more card goes in through
  ``WallModel.apply`` (what the presenter does with ``get_captures``'s answer), is scrolled
  into sight and painted.
* **baseline**: a ``QListView`` in icon mode (uniform item sizes, same grid) over a
  ``QStandardItemModel`` of 2,000 items; one ``appendRow``, scrolled into sight and painted.
* **wall_add_other_section** (informative): the same wall, but each new card lands in another
  use case's section, so the view scrolls away and draws a whole screen of cards anew.
* **wall_add_with_store** (informative): the whole road of Enter in the capture bar on a real
  store holding 2,000 cards — the ``AddCapture`` command committed through Operations, the card
  read back and painted — against the same baseline.

The target is absolute: the wall's median ≤ 16 ms (one frame at 60 Hz). Each sample ends when
the viewport has really been painted (a paint event is counted).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QSize  # after the platform is chosen
from PySide6.QtGui import QStandardItem, QStandardItemModel, QUndoStack
from PySide6.QtWidgets import QApplication, QListView, QWidget

from bench.harness import Measurement, Result, format_table, write_results
from capadesk.core.domain.capture import CaptureView, UseCaseView
from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage

WALL_SIZE = 2_000
TARGET_MS = 16.0
DEFAULT_RUNS = 40
QUICK_RUNS = 8
WARM_UP = 3
WIDTH, HEIGHT = 1400, 900

_TEXTS = (
    "Les horaires de bus sont publiés en PDF, impossible de les réutiliser",
    "Un portail unique des données de mobilité",
    "Base des arrêts (SIG)",
    "Capteurs de qualité de l'air isolés\nDonnées non partagées avec les communes voisines",
    "Mutualiser",
    "Écrire la convention de partage avant l'été, avec la région et les opérateurs de transport "
    "qui exploitent les lignes interurbaines",
)


class PaintCounter(QObject):
    """Counts the paint events of the widget it watches."""

    def __init__(self, watched: QWidget) -> None:
        super().__init__(watched)
        self.count = 0
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _card(
    n: int, workshop: uuid.UUID, use_cases: Sequence[UseCaseView], *, jump: bool = False
) -> CaptureView:
    """The ``n``-th card. Past the first ``WALL_SIZE``, a group reports back: ten cards in a row
    for the same use case; with ``jump``, each new card lands in another use case's section."""
    kinds, stages = list(CaptureKind), list(LifecycleStage)
    if n < WALL_SIZE:
        use_case: UseCaseView | None = use_cases[n % len(use_cases)] if n % 7 else None
    else:
        use_case = use_cases[(n if jump else n // 10) % len(use_cases)]
    return CaptureView(
        public_id=uuid.uuid4(),
        workshop_id=workshop,
        kind=kinds[n % len(kinds)],
        text=f"{_TEXTS[n % len(_TEXTS)]} ({n})",
        stage=stages[n % len(stages)] if n % 5 else None,
        use_case_id=use_case.public_id if use_case else None,
        group_id=None,
        step_id=None,
        thread_id=None,
        note="",
        created_at=dt.datetime(2026, 3, 14, 9, tzinfo=dt.UTC) + dt.timedelta(seconds=n),
        sort_order=n,
    )


class Side(Protocol):
    """What each side of the benchmark offers."""

    counter: PaintCounter

    def add_one(self) -> None: ...


def _timed(app: QApplication, counter: PaintCounter, step: Callable[[], None]) -> float:
    """Milliseconds from ``step`` to the next paint of the watched viewport."""
    before = counter.count
    start = time.perf_counter()
    step()
    while counter.count == before:
        app.processEvents()
    return (time.perf_counter() - start) * 1000.0


class WallSide:
    """The capture wall with ``WALL_SIZE`` cards, adding one per sample."""

    def __init__(self, *, jump: bool = False) -> None:
        from capadesk.ui.capture.wall_model import WallModel
        from capadesk.ui.capture.wall_view import WallView

        self.workshop = uuid.uuid4()
        self.use_cases = [
            UseCaseView(uuid.uuid4(), title, "", "", n)
            for n, title in enumerate(("Mobilité", "Qualité de l'air", "Eau", "Énergie"))
        ]
        self.model = WallModel()
        self.model.set_context(self.use_cases, [])
        self.model.reset(_card(n, self.workshop, self.use_cases) for n in range(WALL_SIZE))
        self.view = WallView(self.model)
        self.view.resize(WIDTH, HEIGHT)
        self.view.show()
        self.counter = PaintCounter(self.view.viewport())
        self.next = WALL_SIZE
        self.jump = jump

    def add_one(self) -> None:
        card = _card(self.next, self.workshop, self.use_cases, jump=self.jump)
        self.next += 1
        self.model.apply({card.public_id: card})
        row = self.model.row_of(card.public_id)
        assert row is not None
        self.view.scrollTo(self.model.index(row, 0))


class BaselineSide:
    """A plain icon-mode list view over a QStandardItemModel, adding one row per sample."""

    def __init__(self) -> None:
        self.model = QStandardItemModel()
        for n in range(WALL_SIZE):
            self.model.appendRow(QStandardItem(f"{_TEXTS[n % len(_TEXTS)]} ({n})"))
        self.view = QListView()
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setUniformItemSizes(True)
        self.view.setWordWrap(True)
        self.view.setGridSize(QSize(226, 148))
        self.view.setModel(self.model)
        self.view.resize(WIDTH, HEIGHT)
        self.view.show()
        self.counter = PaintCounter(self.view.viewport())
        self.next = WALL_SIZE

    def add_one(self) -> None:
        self.model.appendRow(QStandardItem(f"{_TEXTS[self.next % len(_TEXTS)]} ({self.next})"))
        self.next += 1
        self.view.scrollTo(self.model.index(self.model.rowCount() - 1, 0))


class StoreSide:
    """Enter in the capture bar of a page on a real store holding ``WALL_SIZE`` cards."""

    def __init__(self, home: Path) -> None:
        from capadesk.core.services import captures, use_cases, workshops
        from capadesk.core.storage.migrate import open_store
        from capadesk.ui.capture.presenter import CapturePresenter
        from capadesk.ui.dialogs.prompts import Prompts
        from capadesk.ui.operations import Operations

        self.store, _report = open_store(home / "capadesk.sqlite3", home / "backups")
        workshop, _changes = workshops.create_workshop(self.store, "Banc d'essai du mur")
        made = [
            use_cases.add_use_case(self.store, workshop.public_id, title)[0]
            for title in ("Mobilité", "Qualité de l'air", "Eau", "Énergie")
        ]
        for n in range(WALL_SIZE):
            card = _card(n, workshop.public_id, made)
            captures.add_capture(
                self.store,
                workshop.public_id,
                card.kind,
                card.text,
                stage=card.stage,
                use_case_id=card.use_case_id,
            )
        self.host = QWidget()
        self.operations = Operations(QUndoStack(self.host), Prompts(), self.host)
        self.operations.attach(self.store)
        self.presenter = CapturePresenter(self.store, self.operations, workshop.public_id)
        self.page = self.presenter.page
        self.page.resize(WIDTH, HEIGHT)
        self.page.show()
        self.counter = PaintCounter(self.page.wall.view.viewport())
        self.next = WALL_SIZE
        self.page.bar.set_use_case(made[0].public_id)

    def add_one(self) -> None:
        self.page.bar.field.setPlainText(f"{_TEXTS[self.next % len(_TEXTS)]} ({self.next})")
        self.next += 1
        self.page.bar.submit()

    def close(self) -> None:
        self.presenter.close()
        self.page.close()
        self.store.close()


def run(runs: int, progress: Callable[[str], None]) -> list[Result]:
    """Measure every side ``runs`` times (after a warm-up) and compare with the baseline."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    progress(f"wall_add: building a wall of {WALL_SIZE} cards and a list of {WALL_SIZE} items…")
    wall, jumping, baseline = WallSide(), WallSide(jump=True), BaselineSide()
    with tempfile.TemporaryDirectory(prefix="capadesk-bench-wall-") as scratch:
        progress(f"wall_add: storing {WALL_SIZE} cards in a scratch store…")
        stored = StoreSide(Path(scratch))
        sides: dict[str, Side] = {
            "wall": wall,
            "jump": jumping,
            "baseline": baseline,
            "store": stored,
        }
        samples: dict[str, list[float]] = {name: [] for name in sides}
        app.processEvents()
        for number in range(WARM_UP + runs):
            for name, side in sides.items():
                elapsed = _timed(app, side.counter, side.add_one)
                if number >= WARM_UP:
                    samples[name].append(elapsed)
        stored.close()
    base = Measurement("baseline", "ms", tuple(samples["baseline"]))
    return [
        Result.compare("wall_add", Measurement("wall_add", "ms", tuple(samples["wall"])), base),
        Result.compare(
            "wall_add_other_section",
            Measurement("wall_add_other_section", "ms", tuple(samples["jump"])),
            base,
        ),
        Result.compare(
            "wall_add_with_store",
            Measurement("wall_add_with_store", "ms", tuple(samples["store"])),
            base,
        ),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table (and write ``--output``); exit 0 even when the target is missed."""
    parser = argparse.ArgumentParser(prog="python -m bench.wall_add", description=__doc__)
    counts = parser.add_mutually_exclusive_group()
    counts.add_argument("--runs", type=int, default=DEFAULT_RUNS, metavar="N")
    counts.add_argument("--quick", dest="runs", action="store_const", const=QUICK_RUNS)
    parser.add_argument("--output", type=Path, metavar="PATH", help="also write the figures here")
    args = parser.parse_args(argv)
    results = run(max(1, args.runs), lambda message: print(message, file=sys.stderr, flush=True))
    if args.output is not None:
        write_results(results, args.output)
    print()
    print(f"{args.runs} samples of each side, offscreen, {WALL_SIZE} cards on the wall")
    print(format_table(results))
    print()
    wall = results[0]
    verdict = "met" if wall.value <= TARGET_MS else "NOT met"
    print(
        f"wall_add: {wall.value:.1f} ms median to show one more card "
        f"(target ≤ {TARGET_MS:.0f} ms: {verdict}); {wall.ratio:.2f}× a plain list view"
    )
    jump, store = results[1], results[2]
    print(
        f"wall_add_other_section: {jump.value:.1f} ms median when each card lands in another "
        "section (the whole screen is drawn anew)"
    )
    print(f"wall_add_with_store: {store.value:.1f} ms median from Enter to the card painted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
