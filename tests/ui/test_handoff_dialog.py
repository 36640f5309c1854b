"""« Partager avec les participants »: the network list, start with progress, the QR codes on
screen decode to what is served, the time left, stop, the projection."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtWidgets import QWidget

from capadesk.core.handoff.access import COOKIE_NAME
from capadesk.core.handoff.interfaces import Interface
from capadesk.core.handoff.wifi import WifiNetwork, load_wifi, save_wifi
from capadesk.core.runner.clock import FakeClock
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from capadesk.ui.handoff.dialog import HandoffDialog, time_left_text
from tests.core.handoff_support import KEPT, fetch, seed_workshop

LOOPBACK = Interface("lo", "127.0.0.1")
WLAN = Interface("wlan0", "192.168.1.12")


def scanned(widget: QWidget) -> list[str]:
    """What a phone reads off ``widget`` as it is painted."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert widget.grab().save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data().data())))
    return [r.text for r in zxingcpp.read_barcodes(image)]


def serving(dialog: HandoffDialog) -> bool:
    return dialog.server is not None


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def dialog(
    qtbot: QtBot, store: Store, app_paths: AppPaths, clock: FakeClock
) -> Iterator[HandoffDialog]:
    app_paths.ensure()
    save_wifi(app_paths.config_dir, WifiNetwork("Hangar-Invités", "port2024"))
    opened = HandoffDialog(
        None, store, seed_workshop(store), app_paths, clock=clock, lister=lambda: [LOOPBACK]
    )
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    yield opened
    opened.close()


def started(qtbot: QtBot, dialog: HandoffDialog) -> str:
    with qtbot.waitSignal(dialog.started, timeout=30_000) as blocker:
        dialog.start_button.click()
        assert dialog.progress.isVisible() and not dialog.start_button.isEnabled()
    return str(blocker.args[0])


def test_the_private_address_is_proposed_and_its_absence_explained(
    qtbot: QtBot, store: Store, app_paths: AppPaths
) -> None:
    with_private = HandoffDialog(
        None, store, seed_workshop(store), app_paths, lister=lambda: [LOOPBACK, WLAN]
    )
    qtbot.addWidget(with_private)
    assert with_private.address() == "192.168.1.12"
    assert with_private.warning.isHidden()
    labels = [with_private.interface_box.itemText(i) for i in range(2)]
    assert labels == [LOOPBACK.label, WLAN.label] and "192.168.1.12" in labels[1]
    with_private.close()


def test_no_private_address_warns_and_leaves_loopback(dialog: HandoffDialog) -> None:
    assert dialog.address() == "127.0.0.1"
    assert not dialog.warning.isHidden() and "point d'accès" in dialog.warning.text()


def test_start_serves_the_page_whose_qr_is_on_screen_then_stop_frees_the_port(
    qtbot: QtBot, dialog: HandoffDialog, tmp_path: Path
) -> None:
    url = started(qtbot, dialog)
    assert dialog.server is not None and dialog.url_label.text() == url
    dialog.tabs.setCurrentIndex(1)
    assert scanned(dialog.page_qr) == [url]
    port = dialog.server.port
    first = fetch("127.0.0.1", port, url.split(f":{port}", 1)[1])
    assert first.status == 303
    page = fetch("127.0.0.1", port, "/", cookie=f"{COOKIE_NAME}={dialog.server.access.token}")
    assert page.status == 200 and KEPT[0] in page.body.decode("utf-8")
    assert dialog.time_left.text() == "Se ferme dans 2\u00a0h\u00a000\u00a0min"
    assert not dialog.start_button.isEnabled() and dialog.stop_button.isEnabled()

    dialog.tabs.setCurrentIndex(2)
    text = dialog.text_view.text()
    assert scanned(dialog.text_qr) == [text] and KEPT[1] in text
    dialog.tabs.setCurrentIndex(0)
    assert scanned(dialog.wifi_qr) == ["WIFI:T:WPA;S:Hangar-Invités;P:port2024;;"]

    folder = Path(os.environ.get("CAPADESK_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    dialog.tabs.setCurrentIndex(1)
    assert dialog.grab().save(str(folder / "handoff.png"))

    with qtbot.waitSignal(dialog.stopped):
        dialog.stop_button.click()
    assert not serving(dialog) and dialog.page_qr.data == ""
    with pytest.raises(ConnectionRefusedError):
        fetch("127.0.0.1", port, "/")
    assert dialog.start_button.isEnabled()


def test_the_time_left_counts_down_and_the_expiry_stops_sharing(
    qtbot: QtBot, dialog: HandoffDialog, clock: FakeClock
) -> None:
    started(qtbot, dialog)
    clock.advance(115 * 60)
    dialog.tick()
    assert dialog.time_left.text() == "Se ferme dans 5\u00a0min"
    clock.advance(5 * 60)
    with qtbot.waitSignal(dialog.stopped):
        dialog.tick()
    assert not serving(dialog) and dialog.status.text() == "Le partage a expiré."


def test_the_wifi_typed_is_remembered_and_projected(
    qtbot: QtBot, dialog: HandoffDialog, app_paths: AppPaths
) -> None:
    assert dialog.ssid_edit.text() == "Hangar-Invités"
    dialog.ssid_edit.setText("Hotspot CapaDesk")
    dialog.password_edit.setText("")
    url = started(qtbot, dialog)
    assert load_wifi(app_paths.config_dir) == WifiNetwork("Hotspot CapaDesk", "")
    projection = dialog.projection
    dialog.project_button.click()
    qtbot.waitExposed(projection)
    dialog.tabs.setCurrentIndex(0)
    assert projection.slide == "wifi"
    assert scanned(projection.wifi.qr) == ["WIFI:T:nopass;S:Hotspot CapaDesk;;"]
    dialog.tabs.setCurrentIndex(1)
    assert projection.slide == "page" and projection.page.caption.text() == url
    assert scanned(projection.page.qr) == [url]
    dialog.project_button.click()
    assert projection.isHidden()


def test_time_left_texts() -> None:
    assert time_left_text(7200) == "Se ferme dans 2\u00a0h\u00a000\u00a0min"
    assert time_left_text(3900) == "Se ferme dans 1\u00a0h\u00a005\u00a0min"
    assert time_left_text(40) == "Se ferme dans 40\u00a0s"
    assert time_left_text(0) == "Fermé"
