"""The Wi-Fi the phones should join, shown first on the projection as a ``WIFI:`` QR code.

The facilitator types the network's name and password once (the venue's, or the laptop's own
hotspot); they are remembered in ``handoff-wifi.json`` of the config folder. That password is
meant to be shown to the whole room, so it is kept as plain text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

from capadesk.core.export.files import write_atomically

FILE_NAME = "handoff-wifi.json"


class WifiNetwork(NamedTuple):
    """A network to join; no password means an open network."""

    ssid: str
    password: str = ""
    hidden: bool = False

    def payload(self) -> str:
        """The ``WIFI:`` text phones' cameras offer to join (WPA/WPA2, or open).

        The format's special characters (backslash, « ; », « , », « : », « " ») are escaped.
        """
        if not self.ssid:
            raise ValueError("a Wi-Fi QR needs the network's name")
        fields = [f"T:{'WPA' if self.password else 'nopass'}", f"S:{_escape(self.ssid)}"]
        if self.password:
            fields.append(f"P:{_escape(self.password)}")
        if self.hidden:
            fields.append("H:true")
        return "WIFI:" + ";".join(fields) + ";;"


def _escape(value: str) -> str:
    return "".join("\\" + c if c in '\\;,:"' else c for c in value)


def load_wifi(config_dir: Path) -> WifiNetwork | None:
    """The network remembered, or None (none yet, or an unreadable file: typed again)."""
    try:
        raw = json.loads((config_dir / FILE_NAME).read_text(encoding="utf-8"))
        network = WifiNetwork(
            str(raw["ssid"]), str(raw.get("password", "")), bool(raw.get("hidden"))
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return network if network.ssid else None


def save_wifi(config_dir: Path, network: WifiNetwork) -> None:
    """Remember ``network`` (ValidationError if the file cannot be written)."""
    config_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps(network._asdict(), ensure_ascii=False, indent=2) + "\n"
    write_atomically(config_dir / FILE_NAME, text.encode("utf-8"))
