"""What the rest of the app knows of a workshop, and the rules on its fields."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from typing import NamedTuple

from capadesk.core.errors import ValidationError
from capadesk.i18n import _

TITLE_MAX_LENGTH = 200


class WorkshopSummary(NamedTuple):
    """One row of the workshop list: plain data, safe to hand to any thread or view.

    A NamedTuple (see capadesk.paths.AppPaths): the list is read before the window shows.
    """

    public_id: uuid.UUID
    title: str
    place: str
    day: dt.date | None
    programme_title: str | None
    updated_at: dt.datetime


def folded(text: str) -> str:
    """Lower case without accents, for matching and sorting French text."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def in_list_order(summaries: list[WorkshopSummary]) -> list[WorkshopSummary]:
    """The workshop list's order: newest day first, undated last, then by title (« É » as « e »)."""
    return sorted(
        summaries,
        key=lambda w: (
            w.day is None,
            -(w.day.toordinal() if w.day else 0),
            folded(w.title),
            str(w.public_id),
        ),
    )


# French typography puts non-breaking spaces before : ; ! ? and inside « »: a run made only of
# those is kept (as one); any other run of white space becomes one plain space.
_NON_BREAKING = frozenset("\u00a0\u202f")
_WHITE_RUN = re.compile(r"\s+")


def _collapse(raw: str) -> str:
    """NFC, white space collapsed as said above, none at either end."""

    def one_space(run: re.Match[str]) -> str:
        text = run.group(0)
        return text[0] if set(text) <= _NON_BREAKING else " "

    return _WHITE_RUN.sub(one_space, unicodedata.normalize("NFC", raw)).strip()


def clean_title(raw: str) -> str:
    """Normalise a title typed by a person (see ``_collapse``) or refuse it."""
    title = _collapse(raw)
    if not title:
        raise ValidationError(_("Le titre de l'atelier ne peut pas être vide."))
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            _("Le titre de l'atelier est trop long ({count} caractères, {limit} au plus).").format(
                count=len(title), limit=TITLE_MAX_LENGTH
            )
        )
    return title


def clean_text(raw: str | None) -> str:
    """Normalise a free one-line field (place, programme), as ``clean_title`` does."""
    return _collapse(raw or "")


def copy_title(title: str, existing: set[str]) -> str:
    """The title of a duplicate: « X (copie) », then « X (copie 2) »… not yet in ``existing``.

    A long title is shortened (never the suffix), so the copy always fits and never clashes.
    """
    number = 1
    while True:
        suffix = _(" (copie)") if number == 1 else _(" (copie {number})").format(number=number)
        candidate = title[: TITLE_MAX_LENGTH - len(suffix)].rstrip() + suffix
        if candidate not in existing:
            return candidate
        number += 1
