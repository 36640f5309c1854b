"""The QR codes: the page's URL, the text summary, the Wi-Fi to join — each decoded back."""

from __future__ import annotations

import io
from pathlib import Path
from xml.etree import ElementTree

import zxingcpp
from PIL import Image, ImageDraw

from capadesk.core.handoff.publication import ActionLine, ThreadLine
from capadesk.core.handoff.qr import (
    ELLIPSIS,
    TEXT_QR_LIMIT,
    cut_to_bytes,
    qr_matrix,
    qr_png,
    qr_svg,
    summary_text,
)
from capadesk.core.handoff.server import HandoffServer
from capadesk.core.handoff.wifi import WifiNetwork, load_wifi, save_wifi
from capadesk.core.storage.store import Store

from .handoff_support import ACTIONS, KEPT, published


def decoded(png: bytes) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def matrix_image(matrix: list[list[bool]], box: int = 6, border: int = 4) -> Image.Image:
    size = (len(matrix) + 2 * border) * box
    image = Image.new("L", (size, size), 255)
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                left, top = (x + border) * box, (y + border) * box
                draw.rectangle((left, top, left + box - 1, top + box - 1), fill=0)
    return image


def test_the_page_qr_decodes_to_the_exact_url(store: Store, tmp_path: Path) -> None:
    server = HandoffServer(published(store, tmp_path), "127.0.0.1")
    server.start()
    try:
        assert decoded(qr_png(server.url)) == [server.url]
        painted = zxingcpp.read_barcodes(matrix_image(qr_matrix(server.url)))
        assert [r.text for r in painted] == [server.url]
    finally:
        server.stop()


def test_the_svg_is_one_well_formed_drawing() -> None:
    svg = qr_svg("http://192.168.1.12:50123/?t=abc")
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg")
    assert any(e.tag.endswith("path") for e in root.iter())


def test_the_text_qr_carries_the_summary(store: Store, tmp_path: Path) -> None:
    publication = published(store, tmp_path)
    text = summary_text(publication)
    assert text.splitlines() == [
        "Atelier de Toulon",
        "Toulon · jeudi 14\u00a0mars 2024",
        "Sujets retenus\u00a0:",
        f"1. {KEPT[0]} (6\u00a0votes)",
        f"2. {KEPT[1]} (3\u00a0votes)",
        "Actions\u00a0:",
        *(f"- {a}" for a in ACTIONS),
    ]
    assert decoded(qr_png(text)) == [text]


def test_a_long_summary_is_cut_under_the_limit_with_an_ellipsis(
    store: Store, tmp_path: Path
) -> None:
    publication = published(store, tmp_path)._replace(
        threads=tuple(ThreadLine(f"Sujet numéro {n} « données » œuvre", n) for n in range(60)),
        actions=tuple(ActionLine("Écrire " + "é" * 80, "") for _ in range(10)),
    )
    text = summary_text(publication)
    assert len(text.encode("utf-8")) <= TEXT_QR_LIMIT
    assert text.endswith(ELLIPSIS) and len(text.encode("utf-8")) > TEXT_QR_LIMIT - 40
    assert decoded(qr_png(text)) == [text]


def test_cutting_never_breaks_a_character() -> None:
    for limit in range(4, 40):
        cut = cut_to_bytes("œ" * 50, limit)
        assert len(cut.encode("utf-8")) <= limit and cut.endswith(ELLIPSIS)
        assert set(cut[:-1]) <= {"œ"}
    assert cut_to_bytes("court", 100) == "court"


def test_the_wifi_qr_joins_the_network_and_is_remembered(tmp_path: Path) -> None:
    network = WifiNetwork('Salle "Port";1', "mot:de\\passe,2")
    payload = network.payload()
    assert payload == 'WIFI:T:WPA;S:Salle \\"Port\\"\\;1;P:mot\\:de\\\\passe\\,2;;'
    result = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(payload))))
    assert [r.text for r in result] == [payload]
    assert WifiNetwork("Hotspot").payload() == "WIFI:T:nopass;S:Hotspot;;"
    assert load_wifi(tmp_path) is None
    save_wifi(tmp_path / "config", network)
    assert load_wifi(tmp_path / "config") == network
    (tmp_path / "config" / "handoff-wifi.json").write_text("{broken", encoding="utf-8")
    assert load_wifi(tmp_path / "config") is None
