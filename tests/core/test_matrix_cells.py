"""Matrix cells typed as text: amounts the French way, indicators with units, oui/non, smileys,
gommettes; what the editor offers back reads back equal; JSON keeps amounts exact."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capadesk.core.domain.matrix import CellKind, Column
from capadesk.core.domain.matrix_cells import (
    Indicator,
    Smiley,
    YesNo,
    display_text,
    format_amount,
    from_json,
    input_text,
    parse_amount,
    parse_cell,
    parse_indicator_line,
    to_json,
)
from capadesk.core.errors import ValidationError


def column(kind: CellKind, units: tuple[str, ...] = ()) -> Column:
    return Column("c", "Colonne", kind, units=units)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("12 500,50 €", Decimal("12500.50")),
        ("12\u202f500,50\u00a0€", Decimal("12500.50")),
        ("12500.5", Decimal("12500.50")),
        ("-3 000", Decimal("-3000")),
        ("40 k€", Decimal("40000")),
        ("1,5 M€", Decimal("1500000")),
        ("7 euros", Decimal("7")),
        ("0", Decimal("0")),
    ],
)
def test_amounts_are_read_the_french_way(typed: str, amount: Decimal) -> None:
    assert parse_amount(typed) == amount


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("12.500", "ambigu"),
        ("douze", "n'est pas un montant"),
        ("12,345 €", "au centime près"),
        ("1 2 3", "n'est pas un montant"),
        ("9" * 14, "trop grand"),
    ],
)
def test_a_wrong_amount_is_refused_in_french(typed: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        parse_amount(typed)


def test_amounts_print_with_grouped_thousands_and_cents_when_there_are_some() -> None:
    assert format_amount(Decimal("12500.5")) == "12\u202f500,50\u00a0€"
    assert format_amount(Decimal("40000")) == "40\u202f000\u00a0€"
    assert format_amount(Decimal("-3")) == "-3\u00a0€"


def test_an_indicator_line_gives_its_text_value_and_unit() -> None:
    assert parse_indicator_line("Capteurs : 40 000 €") == Indicator("Capteurs", Decimal(40000), "€")
    assert parse_indicator_line("- Temps agents = 20 jours-homme") == Indicator(
        "Temps agents", Decimal(20), "jours-homme"
    )
    assert parse_indicator_line("Licences : 12 k€") == Indicator("Licences", Decimal(12000), "€")
    assert parse_indicator_line("Tournées évitées : 120", "tournées") == Indicator(
        "Tournées évitées", Decimal(120), "tournées"
    )
    # A time of day is not an indicator; a line without one is an item still to measure.
    assert parse_indicator_line("Réunion à 10:30") == Indicator("Réunion à 10:30")
    assert parse_indicator_line("Acceptabilité") == Indicator("Acceptabilité")


def test_each_kind_reads_what_is_typed_in_the_room() -> None:
    assert parse_cell(column(CellKind.WEIGHT), "●●●") == 3
    assert parse_cell(column(CellKind.WEIGHT), "4 gommettes") == 4
    assert parse_cell(column(CellKind.YES_NO), "non : recenser les données") == YesNo(
        False, "recenser les données"
    )
    assert parse_cell(column(CellKind.YES_NO), "oui") == YesNo(True, "")
    assert parse_cell(column(CellKind.SMILEY), ":)") is Smiley.HAPPY
    assert parse_cell(column(CellKind.SMILEY), "pas content") is Smiley.UNHAPPY
    assert parse_cell(column(CellKind.LIST), "• un\n\n- deux\n") == ("un", "deux")
    assert parse_cell(column(CellKind.TEXT), "  \n ") is None  # empties the cell
    with pytest.raises(ValidationError, match="Commencez par «\u00a0oui\u00a0»"):
        parse_cell(column(CellKind.YES_NO), "peut-être")
    with pytest.raises(ValidationError, match="pas un smiley"):
        parse_cell(column(CellKind.SMILEY), "super")
    with pytest.raises(ValidationError, match="99 au plus"):
        parse_cell(column(CellKind.WEIGHT), "120")
    with pytest.raises(ValidationError, match="4000 au plus"):
        parse_cell(column(CellKind.TEXT), "x" * 4001)


def test_cells_show_as_the_room_reads_them() -> None:
    indicators = parse_cell(column(CellKind.INDICATOR), "Capteurs : 40 000 €\nAcceptabilité")
    assert display_text(CellKind.INDICATOR, indicators) == (
        "• Capteurs\u00a0: 40\u202f000\u00a0€\n• Acceptabilité"
    )
    assert display_text(CellKind.WEIGHT, 3) == "●●● 3"
    assert display_text(CellKind.YES_NO, YesNo(True, "satisfaisant")) == "OUI\u00a0: satisfaisant"
    assert display_text(CellKind.SMILEY, Smiley.HAPPY) == "☺ content"


typed_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=120)
KINDS = [
    (CellKind.TEXT, typed_text),
    (CellKind.LIST, typed_text),
    (CellKind.INDICATOR, typed_text),
    (CellKind.AMOUNT, st.decimals(min_value=-(10**9), max_value=10**9, places=2).map(str)),
    (CellKind.WEIGHT, st.integers(0, 99).map(str)),
    (
        CellKind.YES_NO,
        st.sampled_from(["oui", "non", "o : ", "n - "]).flatmap(
            lambda word: typed_text.map(lambda rest: word + " " + rest)
        ),
    ),
    (CellKind.SMILEY, st.sampled_from(["+", "=", "-", ":)", "neutre", "pas content"])),
]


@pytest.mark.parametrize(("kind", "typed"), KINDS, ids=[kind.value for kind, _ in KINDS])
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_what_the_editor_offers_back_reads_back_equal(
    kind: CellKind, typed: st.SearchStrategy[str], data: st.DataObject
) -> None:
    raw = data.draw(typed)
    try:
        value = parse_cell(column(kind), raw)
    except ValidationError:
        return  # refused text changes nothing: nothing to read back
    again = parse_cell(column(kind), input_text(kind, value))
    assert again == value
    stored = json.loads(json.dumps(to_json(kind, value))) if value is not None else None
    assert (from_json(kind, stored) if stored is not None else None) == value


def test_a_stored_value_of_another_kind_shows_empty_rather_than_failing() -> None:
    assert from_json(CellKind.AMOUNT, ["un", "deux"]) is None
    assert from_json(CellKind.WEIGHT, True) is None
    assert from_json(CellKind.SMILEY, "ravi") is None
    assert from_json(CellKind.INDICATOR, [{"text": "x", "value": "n/a"}]) is None
    assert from_json(CellKind.AMOUNT, "12500.50") == Decimal("12500.50")
