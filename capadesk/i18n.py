"""Translation layer. Source strings are French; catalogues in ``resources/locale`` add others.

``_`` translates now; ``N_`` marks a string for extraction where it must be translated later
(declarations evaluated at import time: translate them with ``_()`` where they are shown).

A catalogue is ``resources/locale/<lang>/LC_MESSAGES/capadesk.mo``, compiled from the committed
``.po`` by ``python -m tools.i18n compile`` at install time. A source checkout that skipped that
step still works: without a ``.mo`` the ``.po`` is read directly (a small parser below; no
cache file to go stale when the ``.po`` is edited).
"""

from __future__ import annotations

import ast
import gettext
import locale
import os
from collections.abc import Iterator
from pathlib import Path

DOMAIN = "capadesk"
SOURCE_LANGUAGE = "fr"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


class PoTranslations(gettext.NullTranslations):
    """A catalogue read straight from a ``.po`` file (singular and two-form plural entries)."""

    def __init__(self, catalog: dict[str | tuple[str, int], str]) -> None:
        super().__init__()
        self._catalog = catalog

    def gettext(self, message: str) -> str:
        return self._catalog.get(message) or message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        translated = self._catalog.get((msgid1, 0 if n == 1 else 1))
        if translated:
            return translated
        return msgid1 if n == 1 else msgid2


def po_entries(path: Path) -> Iterator[tuple[dict[str, str], list[str]]]:
    """Each entry of a ``.po`` file as its fields (keyword → unquoted text, continuation lines
    joined) and its comment lines; obsolete ``#~`` lines are left out."""
    fields: dict[str, str] = {}
    comments: list[str] = []
    current: str | None = None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if line.startswith('"'):
            if current is not None:
                fields[current] += _unquote(line)
            continue
        done = any(key.startswith("msgstr") for key in fields)
        if done and (not line or line.startswith(("#", "msgid "))):
            yield fields, comments
            fields, comments, current = {}, [], None
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            comments.append(line)
            continue
        keyword, _space, rest = line.partition(" ")
        current = keyword
        fields[keyword] = _unquote(rest)


def read_po(path: Path) -> dict[str | tuple[str, int], str]:
    """The translated entries of a ``.po`` file: msgid → msgstr, (msgid, index) for plurals.

    Untranslated, fuzzy and obsolete entries are left out (the source string shows instead).
    """
    catalog: dict[str | tuple[str, int], str] = {}
    for fields, comments in po_entries(path):
        msgid = fields.get("msgid")
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in comments)
        if not msgid or fuzzy:
            continue
        if "msgid_plural" in fields:
            for key, value in fields.items():
                if key.startswith("msgstr[") and value:
                    catalog[(msgid, int(key[7:-1]))] = value
        elif fields.get("msgstr"):
            catalog[msgid] = fields["msgstr"]
    return catalog


def _unquote(text: str) -> str:
    """A .po string literal's value (C escapes, which Python's literal syntax covers)."""
    value = ast.literal_eval(text.strip())
    if not isinstance(value, str):
        raise ValueError(f"not a .po string: {text!r}")
    return value


def _system_language() -> str | None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return value.split(":")[0]
    code, _encoding = locale.getlocale()
    return code


def _load(localedir: Path, languages: list[str]) -> gettext.NullTranslations | None:
    """The compiled catalogue when there is one (and the ``.po`` is not newer: an edited
    checkout), else the ``.po``, else None."""
    for language in languages:
        po = localedir / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        mo = po.with_suffix(".mo")
        if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
            with mo.open("rb") as stream:
                return gettext.GNUTranslations(stream)
        if po.is_file():
            return PoTranslations(read_po(po))
    return None


def install(language: str | None = None) -> str:
    """Load the catalogue for ``language`` (None: the system's); return the language used.

    ``language`` is the preference (« fr », « en ») or a locale name (``en_GB.UTF-8``). A
    language without a catalogue falls back to French, the source language.
    """
    global _translation, _language
    from capadesk.paths import resource_path

    wanted = language or _system_language() or SOURCE_LANGUAGE
    full = wanted.split(".")[0].split("@")[0]
    short = full.split("_")[0].lower()
    loaded = None
    if short not in (SOURCE_LANGUAGE, "c", "posix"):
        loaded = _load(resource_path("locale"), [full, short])
    _translation = loaded or gettext.NullTranslations()
    _language = short if loaded is not None else SOURCE_LANGUAGE
    return _language


def current_language() -> str:
    """The language ``install`` chose (a short code: « fr », « en »)."""
    return _language


def _(message: str) -> str:
    """Translate ``message`` (a French source string)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message that depends on ``count`` (French forms as source)."""
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark ``message`` for extraction without translating it yet."""
    return message
