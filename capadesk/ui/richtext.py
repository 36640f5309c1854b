"""Plain text made safe for QLabel rich text.

Not ``html.escape``: the ``html`` package loads its 2,000-entity table on import (≈ 4 ms), and
the list page escapes text in the first frame. QLabel needs only these four characters escaped.
"""

from __future__ import annotations

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(text: str) -> str:
    """``text`` with the characters that QLabel would read as markup escaped."""
    return text.translate(_ESCAPES)


def centred(*lines: str) -> str:
    """Lines of plain text, one under another, centred."""
    return '<div align="center">' + "<br>".join(escape(line) for line in lines) + "</div>"
