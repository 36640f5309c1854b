"""The QR codes of the handoff: the page's URL, the Wi-Fi to join, and the summary as text.

One encoder (``qrcode``): the matrix for the UI to paint, PNG for a file (the CLI's ``--qr``),
SVG for print. The text QR is for when the phones cannot reach the laptop at all: it carries the
kept threads and the actions themselves, cut to ``TEXT_QR_LIMIT`` bytes of UTF-8 — about what a
phone reads reliably off a projected screen — ending with « … » when cut.
"""

from __future__ import annotations

import io
import re
from typing import Any

from capadesk.core.handoff.publication import Publication
from capadesk.i18n import _

TEXT_QR_LIMIT = 1000  # bytes of UTF-8
ELLIPSIS = "…"
Matrix = list[list[bool]]
_BREAKS = re.compile(r"[ \t\r\n\f\v\u2028\u2029]+")


def _code(data: str, border: int = 4, box_size: int = 10) -> Any:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border, box_size=box_size)
    code.add_data(data.encode("utf-8"))  # bytes: UTF-8 whatever the text, read back as such
    code.make(fit=True)
    return code


def qr_matrix(data: str) -> Matrix:
    """The modules of ``data``'s QR code (True is dark), without the quiet zone."""
    rows: Matrix = _code(data, border=0).get_matrix()
    return [list(map(bool, row)) for row in rows]


def qr_png(data: str, *, box_size: int = 10) -> bytes:
    """``data``'s QR code as a black-on-white PNG, with the standard 4-module quiet zone."""
    image = _code(data, box_size=box_size).make_image()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def qr_svg(data: str) -> bytes:
    """``data``'s QR code as SVG (one path, scales to any size)."""
    from qrcode.image.svg import SvgPathImage

    image = _code(data).make_image(image_factory=SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def summary_text(publication: Publication, limit: int = TEXT_QR_LIMIT) -> str:
    """The kept threads and the actions as short plain text, at most ``limit`` UTF-8 bytes."""
    from capadesk.core.handoff.page import when_text

    lines = [publication.title]
    when = when_text(publication)
    if when:
        lines.append(when)
    if publication.threads:
        lines.append(_("Sujets retenus\u00a0:"))
        for number, thread in enumerate(publication.threads, start=1):
            votes = ""
            if thread.votes is not None:
                votes = " " + _("({count}\u00a0votes)").format(count=thread.votes)
            lines.append(f"{number}. {thread.title}{votes}")
    if publication.actions:
        lines.append(_("Actions\u00a0:"))
        lines.extend(f"- {action.text}" for action in publication.actions)
    # Each entry on one line (a card typed with line breaks too); non-breaking spaces stay.
    return cut_to_bytes("\n".join(_BREAKS.sub(" ", line).strip() for line in lines), limit)


def cut_to_bytes(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` UTF-8 bytes; else its longest start that fits with
    « … » after it, cut at a space when one is near (never inside a character)."""
    if len(text.encode("utf-8")) <= limit:
        return text
    room = limit - len(ELLIPSIS.encode("utf-8"))
    head = text.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    space = max(head.rfind(" "), head.rfind("\n"))
    if space >= len(head) - 20:  # a word's worth: cut before the broken word
        head = head[:space]
    return head.rstrip() + ELLIPSIS
