"""Baseline of the startup benchmark: a bare PySide6 window, timed like CapaDesk.

Run as ``python -m bench.bare_window`` with ``CAPADESK_T0`` set to the parent's ``time.time()``
taken just before the spawn. It shows a QMainWindow with a title, and at the first event-loop
turn after ``show()`` prints ``shown_ms=<float>`` (milliseconds since ``CAPADESK_T0``) and quits.

``--ready`` also prints ``ready_ms`` (the same figure), so the harness can be checked with this
window standing in for the app::

    python -m bench --app-cmd "{python} -m bench.bare_window --ready"

``--item-view`` puts a 50-row, 4-column table in the window. It measures what PySide6 itself
charges for any window that shows an item view (its ``Qt`` enum namespace, about 99 Python
enums, is built on first use): the floor for a window that lists workshops.

Nothing else is imported on purpose (not even ``bench.harness``): this is the floor.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

T0_ENV = "CAPADESK_T0"


def main(argv: list[str] | None = None) -> int:
    """Show the window, print the time it took, quit."""
    args = sys.argv[1:] if argv is None else argv
    also_ready = "--ready" in args
    item_view = "--item-view" in args
    raw_t0 = os.environ.get(T0_ENV)
    try:
        t0 = float(raw_t0 or "")
    except ValueError:
        print(
            f"bare_window: {T0_ENV} must hold the parent's time.time(), got {raw_t0!r}",
            file=sys.stderr,
        )
        return 2

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("CapaDesk — fenêtre nue")
    if item_view:
        from PySide6.QtGui import QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QTreeView

        model = QStandardItemModel(50, 4, window)
        for row in range(50):
            for column in range(4):
                model.setItem(row, column, QStandardItem(f"atelier {row} · {column}"))
        view = QTreeView()
        view.setModel(model)
        window.setCentralWidget(view)
    window.show()

    def stamp() -> None:
        shown_ms = (time.time() - t0) * 1000.0
        print(f"shown_ms={shown_ms:.3f}")
        if also_ready:
            print(f"ready_ms={shown_ms:.3f}")
        sys.stdout.flush()
        app.quit()

    QTimer.singleShot(0, stamp)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
