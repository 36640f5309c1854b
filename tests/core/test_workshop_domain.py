"""Pure rules on workshops: title cleaning, copy titles, list order."""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid

import pytest

from capadesk.core.domain.workshop import (
    TITLE_MAX_LENGTH,
    WorkshopSummary,
    clean_text,
    clean_title,
    copy_title,
    in_list_order,
)
from capadesk.core.errors import ValidationError

NOW = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def summary(title: str, day: dt.date | None = None) -> WorkshopSummary:
    return WorkshopSummary(uuid.uuid4(), title, "", day, None, NOW)


def test_clean_title_normalises_to_nfc_and_collapses_spaces() -> None:
    decomposed = "E\u0301cully\u00a0 \t atelier\n"
    cleaned = clean_title(decomposed)
    assert cleaned == "Écully atelier"
    assert unicodedata.is_normalized("NFC", cleaned)


@pytest.mark.parametrize("raw", ["", "   ", "\n\t\u2003"])
def test_clean_title_refuses_blank(raw: str) -> None:
    with pytest.raises(ValidationError, match="ne peut pas être vide"):
        clean_title(raw)


def test_clean_title_length_is_counted_after_cleaning() -> None:
    assert len(clean_title("  " + "a" * TITLE_MAX_LENGTH + "  ")) == TITLE_MAX_LENGTH
    # 200 composed characters typed as 400 code points are still 200 characters.
    assert clean_title("e\u0301" * TITLE_MAX_LENGTH) == "é" * TITLE_MAX_LENGTH
    with pytest.raises(ValidationError, match="trop long"):
        clean_title("a" * (TITLE_MAX_LENGTH + 1))


def test_clean_text() -> None:
    assert clean_text(None) == ""
    assert clean_text("  Mairie   d'E\u0301cully ") == "Mairie d'Écully"


def test_copy_title_counts_up_past_existing_titles() -> None:
    assert copy_title("X", set()) == "X (copie)"
    assert copy_title("X", {"X", "X (copie)"}) == "X (copie 2)"
    assert copy_title("X", {"X (copie)", "X (copie 2)", "X (copie 3)"}) == "X (copie 4)"
    assert copy_title("X", {"X (copie 2)"}) == "X (copie)"


def test_list_order() -> None:
    items = [
        summary("b", None),
        summary("Écully", dt.date(2024, 1, 1)),
        summary("eybens", dt.date(2024, 1, 1)),
        summary("Echirolles", dt.date(2024, 1, 1)),
        summary("a", None),
        summary("z", dt.date(2025, 1, 1)),
    ]
    assert [s.title for s in in_list_order(items)] == [
        "z",
        "Echirolles",
        "Écully",
        "eybens",
        "a",
        "b",
    ]


def test_list_order_is_total_for_equal_titles() -> None:
    twins = [summary("Même", None) for _ in range(5)]
    ordered = in_list_order(twins)
    assert [str(s.public_id) for s in ordered] == sorted(str(s.public_id) for s in twins)
    assert in_list_order(list(reversed(twins))) == ordered


def test_clean_title_keeps_the_non_breaking_spaces_of_french_typography() -> None:
    typed = "  Atelier «\u00a0données\u00a0»\u202f!  \t suite "
    assert clean_title(typed) == "Atelier «\u00a0données\u00a0»\u202f! suite"
