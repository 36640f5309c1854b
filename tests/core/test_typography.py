"""French typography (``typeset``, euro amounts) and what the PDF font can draw."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capadesk.core.export.pdf_base import (
    MISSING_MARKUP,
    TEXT_LIMIT,
    covered,
    paragraph_text,
    plain,
    text,
)
from capadesk.core.export.typography import NBSP, NNBSP, euros, group_digits, typeset


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Pourquoi?", f"Pourquoi{NBSP}?"),
        ("Vraiment ?!", f"Vraiment{NBSP}?!"),
        ("Note: la suite", f"Note{NBSP}: la suite"),
        ("Note : la suite", f"Note{NBSP}: la suite"),
        ("a ; b", f"a{NBSP}; b"),
        ("«bonjour»", f"«{NBSP}bonjour{NBSP}»"),
        ("«  bonjour »", f"«{NBSP}bonjour{NBSP}»"),
        ('il a dit "on partage" hier', f"il a dit «{NBSP}on partage{NBSP}» hier"),
        ("1500€", f"1{NNBSP}500{NBSP}€"),
        ("coût : 1 500 000 €", f"coût{NBSP}: 1{NNBSP}500{NNBSP}000{NBSP}€"),
        ("1500,50 €", f"1{NNBSP}500,50{NBSP}€"),
        ("15 k€ par an", f"15{NBSP}k€ par an"),
        ("en 2024, 1500 €", f"en 2024, 1{NNBSP}500{NBSP}€"),
        # Left alone: clock times, addresses, a lone inch mark, punctuation inside a word.
        ("à 10:30 sur https://exemple.fr", "à 10:30 sur https://exemple.fr"),
        ('un écran 27" ', 'un écran 27" '),
        ("Ah!Oh", "Ah!Oh"),
        ("", ""),
    ],
)
def test_typeset_french_rules(typed: str, printed: str) -> None:
    assert typeset(typed) == printed


def test_euro_amounts_and_digit_groups() -> None:
    assert euros(1234567.5) == f"1{NNBSP}234{NNBSP}567,50{NBSP}€"
    assert euros(1500) == f"1{NNBSP}500{NBSP}€"
    assert euros(1500, cents=True) == f"1{NNBSP}500,00{NBSP}€"
    assert euros(-12.345) == f"-12,35{NBSP}€"
    assert euros(0.5) == f"0,50{NBSP}€"
    assert group_digits("1000") == f"1{NNBSP}000"
    assert group_digits("999") == "999"


_SPACES_AND_QUOTES = str.maketrans({" ": None, NBSP: None, NNBSP: None, "\t": None, '"': "«"})


def _skeleton(value: str) -> str:
    """The text without its spaces, every quote a guillemet: what typeset must never change."""
    return value.translate(_SPACES_AND_QUOTES).replace("»", "«")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab1 90:;!?«»"€,.\n\u00a0\u202fé()[]…kMd\t-'), max_size=40))
def test_typeset_is_idempotent_and_only_moves_spaces_and_quotes(value: str) -> None:
    once = typeset(value)
    assert typeset(once) == once
    assert _skeleton(once) == _skeleton(value)


def test_a_character_the_font_lacks_is_replaced_visibly() -> None:
    assert "é" in covered() and "€" in covered() and "œ" in covered()
    assert "🚲" not in covered()
    assert text("vélo 🚲 plein") == f"vélo {MISSING_MARKUP} plein"
    assert plain("vélo 🚲 plein") == "vélo ? plein"
    assert plain("漢字") == "??"
    # Invisible joiners and variation selectors vanish; controls too; decomposed accents compose.
    assert plain("a\u200db\ufe0fc\x00d\x1be") == "abcde"
    assert plain("e\u0301") == "é"
    # The narrow no-break space is not in Vera: it prints as a non-breaking one.
    assert plain(f"1{NNBSP}500") == f"1{NBSP}500"


def test_user_markup_is_escaped_and_long_text_cut_with_a_note() -> None:
    assert text('<b>A & "B"</b>') == '&lt;b&gt;A &amp; "B"&lt;/b&gt;'
    assert paragraph_text("un\ndeux") == "un<br/>deux"
    assert paragraph_text("Pourquoi?") == f"Pourquoi{NBSP}?"
    long = "x" * (TEXT_LIMIT + 10)
    markup = paragraph_text(long)
    assert markup.startswith("x" * TEXT_LIMIT) and "x" * (TEXT_LIMIT + 1) not in markup
    assert "texte coupé" in markup and f"4{NBSP}010" in markup
