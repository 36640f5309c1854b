"""The pinned Qt bindings keep Python's reference counts right.

PySide6 6.12.0 (abi3 wheels) on CPython 3.11 dropped a reference to ``True`` on every
``Signal.emit()`` and to ``None`` on every ``void`` Qt call: the interpreter aborted
(« deallocating True or False ») after a few hundred signals — minutes into a workshop.
6.11.3 is pinned for that reason; this test keeps a future upgrade from bringing it back.
"""

from __future__ import annotations

import sys

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 200  # few enough that a leaking build fails the assertion before it aborts


class _Emitter(QObject):
    fired = Signal(object)


def test_signals_and_void_calls_do_not_leak_references_to_singletons(qtbot: QtBot) -> None:
    emitter, label = _Emitter(), QLabel()
    qtbot.addWidget(label)
    received: list[object] = []
    emitter.fired.connect(received.append)
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)

    for n in range(CALLS):
        emitter.fired.emit(n)
        label.setText("x")
        label.setVisible(False)

    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    assert len(received) == CALLS
    # A few references come and go with the test's own objects; a leak loses CALLS of them.
    assert all(later > earlier - CALLS // 2 for earlier, later in zip(before, after, strict=True))
