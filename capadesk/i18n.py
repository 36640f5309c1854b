"""Translation layer. Source strings are French; catalogues in ``resources/locale`` add others.

``_`` translates now; ``N_`` marks a string for extraction where it must be translated later
(declarations evaluated at import time).
"""

from __future__ import annotations

import gettext
import locale
import os

DOMAIN = "capadesk"

_translation: gettext.NullTranslations = gettext.NullTranslations()


def _system_language() -> str | None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return value.split(":")[0]
    code, _encoding = locale.getlocale()
    return code


def install(language: str | None = None) -> str:
    """Load the catalogue for ``language`` (default: the system's); return the language used."""
    global _translation
    from capadesk.paths import resource_path

    wanted = language or _system_language() or "fr"
    short = wanted.split(".")[0].split("_")[0].lower()
    if short == "fr":
        _translation = gettext.NullTranslations()
        return "fr"
    _translation = gettext.translation(
        DOMAIN, localedir=resource_path("locale"), languages=[wanted, short], fallback=True
    )
    return short if isinstance(_translation, gettext.GNUTranslations) else "fr"


def _(message: str) -> str:
    """Translate ``message`` (a French source string)."""
    return _translation.gettext(message)


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark ``message`` for extraction without translating it yet."""
    return message
