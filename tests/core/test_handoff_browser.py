"""A real phone-sized browser (Debian's ``chromium``, headless, 390 × 844) opens the URL read
back from the QR code: it follows the redirect with the cookie, and the page reads right.

Skipped when no chromium is installed, unless ``CAPADESK_REQUIRE_BROWSER=1`` (CI sets it and
installs chromium): then a missing browser fails the test.
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import cast

import pytest
import zxingcpp
from PIL import Image

from capadesk.core.handoff.qr import qr_png
from capadesk.core.handoff.server import HandoffServer
from capadesk.core.storage.store import Store

from .handoff_support import ACTIONS, KEPT, NOT_KEPT, published

BROWSERS = ("chromium", "chromium-browser")
WINDOW = (390, 844)


def browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CAPADESK_REQUIRE_BROWSER") == "1":
        pytest.fail("CAPADESK_REQUIRE_BROWSER=1 but no chromium found (apt-get install chromium)")
    pytest.skip("no chromium installed (CI sets CAPADESK_REQUIRE_BROWSER=1 and installs it)")


def headless(binary: str, profile: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """One headless run with its own empty profile (so its own cookie jar)."""
    command = [
        binary,
        "--headless",
        "--no-sandbox",  # CI and this machine run as root
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        *options,
    ]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=90, check=False, stdin=subprocess.DEVNULL
    )


def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CAPADESK_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_phone_browser_opens_the_url_from_the_qr_and_reads_the_page(
    store: Store, tmp_path: Path
) -> None:
    binary = browser()
    server = HandoffServer(published(store, tmp_path, real_pdf=True), "127.0.0.1")
    server.start()
    try:
        scanned = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(server.url))))
        assert [r.text for r in scanned] == [server.url]
        url = scanned[0].text

        dumped = headless(binary, tmp_path / "profile-dom", "--dump-dom", url)
        assert dumped.returncode == 0, dumped.stderr[-2000:]
        dom = dumped.stdout
        text = html.unescape(re.sub(r"<[^>]*>", " ", dom))
        # The page is only served with the cookie: reading it proves the redirect kept it.
        assert '<html lang="fr">' in dom and "<script" not in dom.lower()
        assert "Atelier de Toulon" in text and "Toulon · jeudi 14\u00a0mars 2024" in text
        assert "Télécharger le compte rendu (PDF)" in text
        assert all(title in text for title in KEPT)  # one holds « <script> », shown as text
        assert NOT_KEPT not in text
        assert all(action in text for action in ACTIONS)
        assert "Page indisponible" not in text
        assert server.access.token not in dom

        shot = screenshots(tmp_path) / "handoff-phone.png"
        shot.unlink(missing_ok=True)
        taken = headless(binary, tmp_path / "profile-shot", f"--screenshot={shot}", url)
        assert taken.returncode == 0, taken.stderr[-2000:]
        with Image.open(shot) as image:
            assert image.size == WINDOW
            # Not a blank page: the dark text and the blue button are there.
            darkest, _lightest = cast(tuple[int, int], image.convert("L").getextrema())
            assert darkest < 60
    finally:
        server.stop()

    refused = headless(binary, tmp_path / "profile-late", "--dump-dom", url)
    assert "Page indisponible" not in refused.stdout  # stopped: nothing answers at all
    assert "Atelier de Toulon" not in refused.stdout
