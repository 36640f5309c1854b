"""The English catalogue: complete, placeholders kept, compiled .mo read back by gettext."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

from capadesk import i18n
from tools import i18n as catalogue

PO = catalogue.LOCALE_DIR / "en" / "LC_MESSAGES" / "capadesk.po"


@pytest.fixture(scope="module")
def english() -> list[catalogue.Entry]:
    return [entry for entry in catalogue.read_po(PO) if entry.msgid]


def test_every_extracted_message_has_an_english_translation(
    english: list[catalogue.Entry],
) -> None:
    extracted, problems = catalogue.extract()
    assert problems == []
    translated = {entry.key: entry for entry in english if all(entry.msgstr)}
    missing = [entry.msgid for entry in extracted if entry.key not in translated]
    assert missing == []
    assert len(extracted) > 1500


def test_translations_keep_placeholders_and_drop_french_spacing(
    english: list[catalogue.Entry],
) -> None:
    assert catalogue.problems_in(english) == []
    french_spacing = [e.msgstr[0] for e in english if "\u00a0" in e.msgstr[0] or "«" in e.msgstr[0]]
    assert french_spacing == []


def test_placeholders_are_compared() -> None:
    entry = catalogue.Entry("Bonjour {name}", msgstr=["Hello {nom}"])
    assert catalogue.problems_in([entry]) != []


def test_the_po_writer_and_reader_round_trip(tmp_path: Path) -> None:
    entries = [
        catalogue.Entry('Un « "texte" »\nsur deux lignes\t!', None, ["a.py:1"], ["A text\nin two"]),
        catalogue.Entry("{n} carte", "{n} cartes", ["b.py:2"], ["{n} card", "{n} cards"]),
    ]
    path = tmp_path / "x.po"
    catalogue.write_po(path, entries, "en")
    again = [entry for entry in catalogue.read_po(path) if entry.msgid]
    assert [(e.msgid, e.plural, e.msgstr) for e in again] == [
        (e.msgid, e.plural, e.msgstr) for e in entries
    ]


def test_the_compiled_mo_round_trips_through_gnu_translations(
    tmp_path: Path, english: list[catalogue.Entry]
) -> None:
    plural = catalogue.Entry("{n} carte", "{n} cartes", [], ["{n} card", "{n} cards"])
    mo = tmp_path / "capadesk.mo"
    count = catalogue.compile_mo([*catalogue.read_po(PO), plural], mo)
    assert count == len(english) + 1
    with mo.open("rb") as stream:
        translations = gettext.GNUTranslations(stream)
    assert translations.info()["content-type"] == "text/plain; charset=UTF-8"
    for entry in english:
        assert translations.gettext(entry.msgid) == entry.msgstr[0]
    assert translations.ngettext("{n} carte", "{n} cartes", 1) == "{n} card"
    assert translations.ngettext("{n} carte", "{n} cartes", 3) == "{n} cards"


def test_install_reads_the_po_when_no_mo_was_compiled(tmp_path: Path) -> None:
    catalogue.write_po(
        tmp_path / "en" / "LC_MESSAGES" / "capadesk.po",
        [catalogue.Entry("Fermer", msgstr=["Close"]), catalogue.Entry("Ouvrir")],
        "en",
    )
    loaded = i18n._load(tmp_path, ["en_GB", "en"])
    assert isinstance(loaded, i18n.PoTranslations)
    assert loaded.gettext("Fermer") == "Close"
    assert loaded.gettext("Ouvrir") == "Ouvrir"  # untranslated: the source shows


def test_install_follows_the_choice_then_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        assert i18n.install("en") == "en"
        assert i18n.current_language() == "en"
        assert i18n._("Fermer") == "Close"
        assert i18n.install("fr") == "fr"
        assert i18n._("Fermer") == "Fermer"
        monkeypatch.setenv("LANGUAGE", "en_US.UTF-8")
        assert i18n.install(None) == "en"
        assert i18n.install("de") == "fr"  # no German catalogue: the source language
    finally:
        i18n.install("fr")
