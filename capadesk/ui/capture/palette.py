"""The wall's colour code, defined once: one colour per kind of card, for the laptop and the room.

The kinds follow the use-case drawing's code (red triangles for irritants, green for wishes,
blue shades for databases, applications and data flows) plus the day's other notes. The control
window uses pale fills with a strong accent stripe; the projection uses saturated fills under
black text, which stay readable on a washed-out projector.
"""

from __future__ import annotations

from typing import NamedTuple

from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage


class KindColours(NamedTuple):
    """The three colours of a card of one kind."""

    fill: str  # the card's background on the laptop
    accent: str  # the stripe, the chip and the bar; dark enough for white text
    projected: str  # the card's background on the projection (black text)


KIND_COLOURS: dict[CaptureKind, KindColours] = {
    CaptureKind.IRRITANT: KindColours("#FDE3E1", "#C62828", "#FF8A80"),
    CaptureKind.WISH: KindColours("#E2F3E0", "#2E7D32", "#A5D6A7"),
    CaptureKind.DATABASE: KindColours("#DCE6F5", "#0D47A1", "#90CAF9"),
    CaptureKind.APPLICATION: KindColours("#E0EDFA", "#1565C0", "#A9D8FB"),
    CaptureKind.DATA_FLOW: KindColours("#DFF2FA", "#01579B", "#C5EBFB"),
    CaptureKind.IDEA: KindColours("#FFF5C4", "#8A6500", "#FFF176"),
    CaptureKind.ACTION: KindColours("#EEE3F6", "#6A1B9A", "#CE93D8"),
    CaptureKind.NOTE: KindColours("#ECECEC", "#555555", "#E0E0E0"),
}

KINDS: tuple[CaptureKind, ...] = tuple(CaptureKind)  # Ctrl+1 … Ctrl+8, in this order
STAGES: tuple[LifecycleStage, ...] = tuple(LifecycleStage)  # Alt+1 … Alt+6, in this order
STAGE_COLOUR = "#37474F"  # blue-grey: a stage is a tag, not a kind
NEUTRAL_COLOUR = "#607D8B"
KEPT_COLOUR = "#1B7F3B"  # kept threads on the laptop's chart
PROJECTED_KEPT = "#69F0AE"  # kept threads on the projection: bright green on black
PROJECTED_OTHER = "#9E9E9E"

SELECTION_COLOUR = "#1A73E8"

# C0 controls (but tab and newline) and DEL are drawn as their visible symbols (␀, ␛…): typed
# or pasted by accident, they are stored exactly and must show as something, never act.
_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if code not in (9, 10)}
_CONTROL_PICTURES[0x7F] = "\u2421"


def shown_text(text: str) -> str:
    """``text`` as drawn on a card: control characters made visible, nothing else changed."""
    return text.translate(_CONTROL_PICTURES)


def menu_text(text: str, limit: int = 80) -> str:
    """User text for a menu item or a button: shortened, and « & » kept as itself (Qt would
    read it as a mnemonic)."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return shown_text(short).replace("\n", " ").replace("&", "&&")


def valid_colour(colour: str, fallback: str = NEUTRAL_COLOUR) -> str:
    """``colour`` when it is a ``#RRGGBB`` colour, else ``fallback`` (use cases may have none)."""
    digits = colour[1:]
    if (
        len(colour) == 7
        and colour.startswith("#")
        and all(c in "0123456789abcdefABCDEF" for c in digits)
    ):
        return colour
    return fallback


def chip_style(background: str) -> str:
    """The style sheet of a coloured chip (white text on ``background``)."""
    return (
        f"QToolButton {{ background: {background}; color: white; border: none;"
        " border-radius: 10px; padding: 3px 10px; font-weight: bold; }"
        f"QToolButton::menu-indicator {{ image: none; width: 0; }}"
    )
