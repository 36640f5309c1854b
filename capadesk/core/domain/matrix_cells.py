"""What a matrix cell holds, by kind: typed from one line of text (fast in the room), checked,
shown, and written to JSON.

Every kind is edited as text: ``parse_cell`` reads what was typed (« 12 500,50 € »,
« oui : satisfaisant », « Achat de capteurs : 40 000 € » one item per line…) and
``input_text`` gives back text that ``parse_cell`` reads equal, so the editor can offer the
cell's current content for editing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import NamedTuple

from capadesk.core.domain.matrix import CellKind, Column
from capadesk.core.errors import ValidationError
from capadesk.i18n import N_, _

TEXT_MAX = 4000  # what one printed cell shows in full (``pdf_base.TEXT_LIMIT``)
ITEM_MAX = 1000
ITEMS_MAX = 100
UNIT_MAX = 30
WEIGHT_MAX = 99
AMOUNT_MAX = Decimal("1e12")  # a thousand billion euros: more is a typing slip
EURO = "€"
DOTS = "●"


class Smiley(StrEnum):
    """A face put on a step: content (a qualitative gain), neutre, or pas content."""

    HAPPY = "content"
    NEUTRAL = "neutre"
    UNHAPPY = "mecontent"

    @property
    def label(self) -> str:
        """« content », « neutre », « pas content »."""
        return _(_SMILEY_LABELS[self])

    @property
    def face(self) -> str:
        """The face as a character (the editor's and the slide's fonts have them)."""
        return _SMILEY_FACES[self]


_SMILEY_LABELS = {
    Smiley.HAPPY: N_("content"),
    Smiley.NEUTRAL: N_("neutre"),
    Smiley.UNHAPPY: N_("pas content"),
}
_SMILEY_FACES = {Smiley.HAPPY: "☺", Smiley.NEUTRAL: "😐", Smiley.UNHAPPY: "☹"}


class Indicator(NamedTuple):
    """One benefit or cost and its indicator: « Tournées évitées : 120 tournées »."""

    text: str
    value: Decimal | None = None
    unit: str = ""


class YesNo(NamedTuple):
    """« OUI : satisfaisant ou pas » or « NON : actions à réaliser », with what was said."""

    answer: bool
    text: str = ""


CellValue = str | tuple[str, ...] | Decimal | int | tuple[Indicator, ...] | YesNo | Smiley


# --- reading what was typed ---------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0\u202f\u2009]+")
_NUMBER = re.compile(r"^[+-]?(?:\d+|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+)(?:[,.]\d+)?$")
_EURO_UNITS = {"€": 1, "eur": 1, "euro": 1, "euros": 1, "k€": 1000, "m€": 1_000_000}
_BULLET = re.compile(r"^\s*(?:(?:[-*•·–—]|\d+[.)])\s+)+")
_INDICATOR = re.compile(
    r"^(?P<text>.*?)(?:\s+[:=]\s*|\s*[:=]\s+)(?P<value>[+-]?\d[\d \u00a0\u202f\u2009]*(?:[,.]\d+)?)"
    r"\s*(?P<unit>[^\d\s].*)?$"
)
_YES = ("oui", "o", "yes", "y")
_NO = ("non", "n", "no")
_SMILEY_WORDS = {
    Smiley.HAPPY: ("content", "contente", ":)", ":-)", "☺", "🙂", "😀", "+", "1", "oui"),
    Smiley.NEUTRAL: ("neutre", "bof", ":|", ":-|", "😐", "=", "0", "moyen"),
    Smiley.UNHAPPY: (
        "pas content",
        "mecontent",
        "mécontent",
        "pas contente",
        ":(",
        ":-(",
        "☹",
        "🙁",
        "-",
        "-1",
        "non",
    ),
}


def _clean(raw: str, *, multiline: bool) -> str:
    """NFC, control characters dropped (line breaks kept when ``multiline``), ends trimmed."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    keep = "\n" if multiline else ""
    text = "".join(
        c if unicodedata.category(c) != "Cc" or c in keep else " "
        for c in text
        if not 0xD800 <= ord(c) <= 0xDFFF
    )
    return text.strip()


def _too_long(count: int, limit: int) -> ValidationError:
    return ValidationError(
        _("Texte trop long ({count} caractères, {limit} au plus).").format(count=count, limit=limit)
    )


def parse_amount(raw: str) -> Decimal:
    """Euros typed the French way: « 12 500,50 € », « 12500.50 », « -3 000 », « 40 k€ ».

    Spaces group the thousands; the comma (or a point) marks the cents. « 12.500 » is refused as
    ambiguous rather than guessed.
    """
    text = _clean(raw, multiline=False)
    if not text:
        raise ValidationError(_("Montant vide."))
    factor = 1
    match = re.search(r"\s*(k€|m€|€|eur|euros?)\s*$", text, flags=re.IGNORECASE)
    if match:
        factor = _EURO_UNITS[match.group(1).lower()]
        text = text[: match.start()].strip()
    number = _SPACES.sub(" ", text)
    if not _NUMBER.fullmatch(number):
        raise ValidationError(
            _(
                "«\u00a0{text}\u00a0» n'est pas un montant "
                "(par exemple «\u00a012\u00a0500,50\u00a0€\u00a0»)."
            ).format(text=_short(raw))
        )
    digits = number.replace(" ", "")
    if "." in digits:
        whole, decimals = digits.split(".")
        if len(decimals) == 3 and "," not in digits:
            raise ValidationError(
                _(
                    "«\u00a0{text}\u00a0» est ambigu\u00a0: écrivez «\u00a0{thousands}\u00a0» "
                    "ou «\u00a0{decimal}\u00a0»."
                ).format(
                    text=_short(raw),
                    thousands=f"{whole}\u00a0{decimals}",
                    decimal=f"{whole},{decimals.rstrip('0') or '0'}",
                )
            )
    amount = Decimal(digits.replace(",", ".")) * factor
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(_("Un montant se donne au centime près."))
    if abs(amount) >= AMOUNT_MAX:
        raise ValidationError(_("Montant trop grand."))
    return amount.quantize(Decimal("0.01")) if amount % 1 else amount.quantize(Decimal(1))


def _parse_value(raw: str) -> Decimal:
    digits = _SPACES.sub("", raw).replace(",", ".")
    try:
        value = Decimal(digits)
    except InvalidOperation as error:  # the pattern let it through: a bug, said plainly
        raise ValidationError(_("Nombre illisible\u00a0: {raw}").format(raw=_short(raw))) from error
    if abs(value) >= AMOUNT_MAX:
        raise ValidationError(_("Nombre trop grand."))
    return value


def normal_unit(unit: str) -> tuple[str, int]:
    """The unit as totals group it (« k€ » counts as € × 1000), and the factor."""
    cleaned = _SPACES.sub(" ", unit).strip()
    factor = _EURO_UNITS.get(cleaned.lower())
    if factor is not None:
        return EURO, factor
    return cleaned, 1


def parse_indicator_line(raw: str, default_unit: str = "") -> Indicator:
    """« Achat de capteurs : 40 000 € » → the text, 40000 and « € ». A line without « : » and a
    number at its end is an item without a value yet."""
    line = _BULLET.sub("", _clean(raw, multiline=False))
    match = _INDICATOR.match(line)
    if not match:
        if len(line) > ITEM_MAX:
            raise _too_long(len(line), ITEM_MAX)
        return Indicator(line)
    unit, factor = normal_unit(match.group("unit") or default_unit)
    if len(unit) > UNIT_MAX:
        raise ValidationError(
            _("Unité trop longue\u00a0: «\u00a0{unit}\u00a0» ({limit} caractères au plus).").format(
                unit=_short(unit), limit=UNIT_MAX
            )
        )
    text = match.group("text").strip()
    if len(text) > ITEM_MAX:
        raise _too_long(len(text), ITEM_MAX)
    return Indicator(text, _parse_value(match.group("value")) * factor, unit)


def _lines(raw: str) -> list[str]:
    lines = [_BULLET.sub("", line).strip() for line in _clean(raw, multiline=True).split("\n")]
    lines = [line for line in lines if line]
    if len(lines) > ITEMS_MAX:
        raise ValidationError(
            _("Trop d'éléments ({count}, {limit} au plus).").format(
                count=len(lines), limit=ITEMS_MAX
            )
        )
    return lines


def parse_weight(raw: str) -> int:
    """Dots: « 3 », « ●●● », « *** », « 3 gommettes »."""
    text = _clean(raw, multiline=False).lower()
    if text and set(text) <= set("●•*·"):
        count = len(text)
    else:
        match = re.fullmatch(r"(\d+)\s*(?:gommettes?|points?|pts?)?", text)
        if not match:
            raise ValidationError(
                _("«\u00a0{text}\u00a0» n'est pas un nombre de gommettes.").format(text=_short(raw))
            )
        count = int(match.group(1))
    if count > WEIGHT_MAX:
        raise ValidationError(
            _("{count} gommettes\u00a0: {limit} au plus.").format(count=count, limit=WEIGHT_MAX)
        )
    return count


def parse_yes_no(raw: str) -> YesNo:
    """« oui : satisfaisant », « non - recenser les données », « o », « n actions »."""
    text = _clean(raw, multiline=True)
    match = re.match(r"^(\w+)\b\s*[:;,.\-–—]?\s*", text)
    word = match.group(1).lower() if match else ""
    if word not in _YES + _NO:
        raise ValidationError(
            _(
                "Commencez par «\u00a0oui\u00a0» (satisfaisant ou pas) ou «\u00a0non\u00a0» "
                "(actions à réaliser), par exemple «\u00a0non\u00a0: recenser les données\u00a0»."
            )
        )
    assert match is not None
    rest = text[match.end() :].strip()
    if len(rest) > TEXT_MAX:
        raise _too_long(len(rest), TEXT_MAX)
    return YesNo(word in _YES, rest)


def parse_smiley(raw: str) -> Smiley:
    """« content », « :) », « + » / « neutre », « = » / « pas content », « :( », « - »."""
    text = _SPACES.sub(" ", _clean(raw, multiline=False).lower())
    for smiley, words in _SMILEY_WORDS.items():
        if text in words:
            return smiley
    raise ValidationError(
        _(
            "«\u00a0{text}\u00a0» n'est pas un smiley\u00a0: tapez «\u00a0+\u00a0» (content), "
            "«\u00a0=\u00a0» (neutre) ou «\u00a0-\u00a0» (pas content)."
        ).format(text=_short(raw))
    )


def parse_cell(column: Column, raw: str) -> CellValue | None:
    """The value typed in a cell of ``column``; None when nothing was typed (the cell is
    emptied). Raises ValidationError with a French message for anything else."""
    kind = column.kind
    if not _clean(raw, multiline=True):
        return None
    if kind is CellKind.TEXT:
        text = _clean(raw, multiline=True)
        if len(text) > TEXT_MAX:
            raise _too_long(len(text), TEXT_MAX)
        return text
    if kind is CellKind.LIST:
        items = _lines(raw)
        for item in items:
            if len(item) > ITEM_MAX:
                raise _too_long(len(item), ITEM_MAX)
        return tuple(items)
    if kind is CellKind.AMOUNT:
        return parse_amount(raw)
    if kind is CellKind.WEIGHT:
        return parse_weight(raw)
    if kind is CellKind.INDICATOR:
        default_unit = column.units[0] if column.units else ""
        return tuple(parse_indicator_line(line, default_unit) for line in _lines(raw))
    if kind is CellKind.YES_NO:
        return parse_yes_no(raw)
    return parse_smiley(raw)


# --- showing and writing ------------------------------------------------------------------------


def _short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def format_number(value: Decimal) -> str:
    """« 12 500,5 »: thousands grouped by narrow no-break spaces, decimal comma."""
    sign = "-" if value < 0 else ""
    whole, _dot, decimals = f"{abs(value):f}".partition(".")
    decimals = decimals.rstrip("0")
    head = len(whole) % 3 or 3
    groups = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
    return sign + "\u202f".join(groups) + (f",{decimals}" if decimals else "")


def format_amount(value: Decimal) -> str:
    """« 12 500,50 € » (cents shown when there are some)."""
    cents = value.quantize(Decimal("0.01"))
    text = format_number(cents)
    if "," in text:
        whole, decimals = text.split(",")
        text = f"{whole},{decimals.ljust(2, '0')}"
    return f"{text}\u00a0{EURO}"


def format_quantity(value: Decimal, unit: str) -> str:
    """« 40 000 € », « 12 jours-homme »."""
    if unit == EURO:
        return format_amount(value)
    return f"{format_number(value)}\u00a0{unit}".rstrip()


def indicator_text(item: Indicator) -> str:
    """« Achat de capteurs : 40 000 € » (what ``parse_indicator_line`` reads back)."""
    if item.value is None:
        return item.text
    quantity = format_quantity(item.value, item.unit)
    return f"{item.text}\u00a0: {quantity}" if item.text else f": {quantity}"


def yes_no_text(value: YesNo) -> str:
    """« OUI : satisfaisant » / « NON : recenser les données »."""
    word = _("OUI") if value.answer else _("NON")
    return f"{word}\u00a0: {value.text}" if value.text else word


def display_lines(kind: CellKind, value: CellValue | None) -> list[str]:
    """The cell as lines of text for a grid or a page (empty list when empty)."""
    if value is None:
        return []
    if kind is CellKind.TEXT and isinstance(value, str):
        return value.split("\n")
    if kind is CellKind.LIST and isinstance(value, tuple):
        return [f"• {item}" for item in value if isinstance(item, str)]
    if kind is CellKind.AMOUNT and isinstance(value, Decimal):
        return [format_amount(value)]
    if kind is CellKind.WEIGHT and isinstance(value, int):
        return [_("{dots} {count}").format(dots=DOTS * min(value, 12), count=value)]
    if kind is CellKind.INDICATOR and isinstance(value, tuple):
        return [f"• {indicator_text(item)}" for item in value if isinstance(item, Indicator)]
    if kind is CellKind.YES_NO and isinstance(value, YesNo):
        return yes_no_text(value).split("\n")
    if kind is CellKind.SMILEY and isinstance(value, Smiley):
        return [f"{value.face} {value.label}"]
    return []


def display_text(kind: CellKind, value: CellValue | None) -> str:
    """The cell as one text, lines joined by line breaks."""
    return "\n".join(display_lines(kind, value))


def input_text(kind: CellKind, value: CellValue | None) -> str:
    """The text to put in the cell's editor: ``parse_cell`` reads it back equal."""
    if value is None:
        return ""
    if kind is CellKind.LIST and isinstance(value, tuple):
        return "\n".join(item for item in value if isinstance(item, str))
    if kind is CellKind.AMOUNT and isinstance(value, Decimal):
        return format_amount(value)
    if kind is CellKind.WEIGHT and isinstance(value, int):
        return str(value)
    if kind is CellKind.INDICATOR and isinstance(value, tuple):
        return "\n".join(indicator_text(item) for item in value if isinstance(item, Indicator))
    if kind is CellKind.YES_NO and isinstance(value, YesNo):
        return yes_no_text(value).replace("OUI", "oui", 1).replace("NON", "non", 1)
    if kind is CellKind.SMILEY and isinstance(value, Smiley):
        return value.label
    return str(value)


def to_json(kind: CellKind, value: CellValue) -> object:
    """The JSON form of a cell value (amounts and indicator values as decimal strings, exact)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, YesNo):
        return {"answer": "oui" if value.answer else "non", "text": value.text}
    if isinstance(value, tuple) and kind is CellKind.INDICATOR:
        return [
            {
                "text": item.text,
                "value": None if item.value is None else str(item.value),
                "unit": item.unit,
            }
            for item in value
            if isinstance(item, Indicator)
        ]
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Smiley):
        return value.value
    return value


def from_json(kind: CellKind, raw: object) -> CellValue | None:
    """The value stored for a cell of ``kind``; None when it does not fit the kind (a template
    changed since): the cell shows empty, its data stays until it is typed over."""
    try:
        return _from_json(kind, raw)
    except (TypeError, ValueError, KeyError, InvalidOperation, AttributeError):
        return None


def _from_json(kind: CellKind, raw: object) -> CellValue | None:
    if kind is CellKind.TEXT:
        return raw if isinstance(raw, str) else None
    if kind is CellKind.LIST:
        if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
            return tuple(raw)
        return None
    if kind is CellKind.AMOUNT:
        return Decimal(raw) if isinstance(raw, str) and Decimal(raw).is_finite() else None
    if kind is CellKind.WEIGHT:
        ok = isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= WEIGHT_MAX
        return raw if ok and isinstance(raw, int) else None
    if kind is CellKind.INDICATOR:
        if not isinstance(raw, list):
            return None
        items = []
        for item in raw:
            if not isinstance(item, Mapping):
                return None
            value = item.get("value")
            items.append(
                Indicator(
                    str(item["text"]),
                    None if value is None else Decimal(str(value)),
                    str(item.get("unit", "")),
                )
            )
        return tuple(items)
    if kind is CellKind.YES_NO:
        if isinstance(raw, Mapping) and raw.get("answer") in ("oui", "non"):
            return YesNo(raw["answer"] == "oui", str(raw.get("text", "")))
        return None
    return Smiley(raw) if isinstance(raw, str) else None
