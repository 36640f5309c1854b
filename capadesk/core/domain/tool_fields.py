"""What the method tools' data modules share: cleaning typed text, item ids, and reading their
JSON back strictly.

A tool's ``data`` is JSON written by CapaDesk, but it travels in archives and may come back from
a newer version or a damaged file: every reader checks types and ranges and raises
``ValidationError`` (French) instead of letting a ``KeyError`` or a ``TypeError`` reach the user.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from capadesk.core.domain.workshop import clean_text
from capadesk.core.errors import ValidationError
from capadesk.i18n import _

LINE_MAX_LENGTH = 200  # a name, a title, a one-line idea
TEXT_MAX_LENGTH = 4_000  # a cell, a story: a page of text at most
ITEM_ID_LENGTH = 32


def new_item_id() -> str:
    """A fresh id for an item inside a document (an idea, a stage, a post-it…)."""
    return uuid.uuid4().hex


def _check_characters(text: str, what: str, *, multiline: bool) -> None:
    for char in text:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            raise ValidationError(
                _("{what} contient un demi-caractère Unicode isolé.").format(what=what)
            )
        if (code < 32 and not (multiline and char in "\n\t")) or code == 127:
            raise ValidationError(_("{what} contient des caractères invalides.").format(what=what))


def _check_length(text: str, what: str, limit: int) -> None:
    if len(text) > limit:
        raise ValidationError(
            _("{what} est trop long ({count} caractères, {limit} au plus).").format(
                what=what, count=len(text), limit=limit
            )
        )


def one_line(raw: str, what: str, *, required: bool = False, limit: int = LINE_MAX_LENGTH) -> str:
    """``raw`` on one line, spaces collapsed; ValidationError when empty (if ``required``), too
    long or holding control characters. ``what`` names the field, capitalised (« Le nom »)."""
    text = clean_text(raw)
    if required and not text:
        raise ValidationError(_("{what} ne peut pas être vide.").format(what=what))
    _check_length(text, what, limit)
    _check_characters(text, what, multiline=False)
    return text


def free_text(raw: str, what: str, *, limit: int = TEXT_MAX_LENGTH) -> str:
    """A multi-line text with its line breaks kept, outer blank space and « \\r » removed."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n")).strip()
    _check_length(text, what, limit)
    _check_characters(text, what, multiline=True)
    return text


def text_lines(raw: str, what: str, *, limit: int = LINE_MAX_LENGTH) -> tuple[str, ...]:
    """The non-blank lines of ``raw``, each cleaned as ``one_line`` (one item per line)."""
    return tuple(one_line(line, what, limit=limit) for line in raw.splitlines() if line.strip())


# --- reading stored JSON back ---------------------------------------------------------------


def unreadable(what: str) -> ValidationError:
    """The error of a document whose JSON is not what CapaDesk writes."""
    return ValidationError(
        _("Le document «\u00a0{what}\u00a0» est illisible (données endommagées).").format(what=what)
    )


def too_new(what: str, version: int, known: int) -> ValidationError:
    """The error of a document written by a newer CapaDesk."""
    return ValidationError(
        _(
            "Le document «\u00a0{what}\u00a0» a été écrit par une version plus récente de "
            "CapaDesk (format {version}, celle-ci lit jusqu'au format {known})\u00a0: "
            "mettez CapaDesk à jour pour l'ouvrir."
        ).format(what=what, version=version, known=known)
    )


def check_version(version: int, known: int, what: str) -> None:
    """Refuse a format newer than ``known`` (or a nonsense one)."""
    if not isinstance(version, int) or version < 1:
        raise unreadable(what)
    if version > known:
        raise too_new(what, version, known)


def get_str(data: Mapping[str, Any], key: str, what: str, default: str = "") -> str:
    """``data[key]`` as a string (``default`` when absent)."""
    value = data.get(key, default)
    if not isinstance(value, str):
        raise unreadable(what)
    return value


def get_int(data: Mapping[str, Any], key: str, what: str, default: int | None = None) -> int | None:
    """``data[key]`` as an integer or None (``default`` when absent); booleans refused."""
    value = data.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise unreadable(what)
    return value


def get_float(data: Mapping[str, Any], key: str, what: str) -> float:
    """``data[key]`` as a number (required)."""
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise unreadable(what)
    return float(value)


def get_bool(data: Mapping[str, Any], key: str, what: str, default: bool = False) -> bool:
    """``data[key]`` as a boolean."""
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise unreadable(what)
    return value


def get_list(data: Mapping[str, Any], key: str, what: str) -> Sequence[Any]:
    """``data[key]`` as a list (empty when absent)."""
    value = data.get(key, [])
    if not isinstance(value, list):
        raise unreadable(what)
    return value


def get_strs(data: Mapping[str, Any], key: str, what: str) -> tuple[str, ...]:
    """``data[key]`` as a list of strings."""
    items = get_list(data, key, what)
    if not all(isinstance(item, str) for item in items):
        raise unreadable(what)
    return tuple(items)


def get_map(value: Any, what: str) -> Mapping[str, Any]:
    """``value`` when it is a JSON object."""
    if not isinstance(value, dict):
        raise unreadable(what)
    return value


def get_id(data: Mapping[str, Any], what: str) -> str:
    """An item's ``id``: a short non-empty string."""
    value = data.get("id")
    if not isinstance(value, str) or not value or len(value) > ITEM_ID_LENGTH * 2:
        raise unreadable(what)
    return value


def unique_ids(ids: Sequence[str], what: str) -> None:
    """Refuse a document whose items share an id."""
    if len(set(ids)) != len(ids):
        raise unreadable(what)
