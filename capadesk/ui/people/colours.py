"""One colour per family of participants (public, private, partner, facilitators), always shown
with its word: colour alone never carries the meaning."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap

from capadesk.core.domain.people import FAMILY_OF, Family, family_counts
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.i18n import _
from capadesk.ui.richtext import escape

FAMILY_COLOURS: dict[Family, str] = {
    Family.PUBLIC: "#1565C0",
    Family.PRIVATE: "#C25E00",
    Family.PARTNER: "#2E7D32",
    Family.FACILITATOR: "#6D6D6D",
}


def family_icon(kind: ParticipantType, size: int = 12) -> QIcon:
    """A small square of the family's colour, for list and table rows."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(FAMILY_COLOURS[FAMILY_OF[kind]]))
    return QIcon(pixmap)


def mix_html(types: list[ParticipantType], missing: list[Family] | None = None) -> str:
    """« ● Public 2 ● Privé 1 » in the families' colours, then « sans partenaires » in red."""
    counts = family_counts(types)
    parts = [
        f'<span style="color:{FAMILY_COLOURS[family]}">●</span>&nbsp;'
        f"{escape(family.label)}&nbsp;{counts[family]}"
        for family in Family
        if counts[family]
    ]
    for family in missing or []:
        lacking = _("sans\u00a0{family}").format(family=family.label.lower())
        parts.append(f'<span style="color:#B71C1C">{escape(lacking)}</span>')
    return " &nbsp;".join(parts)
