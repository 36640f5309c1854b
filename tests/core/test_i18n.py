"""The translation layer: French source strings pass through; unknown languages fall back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from capadesk import i18n


@pytest.fixture(autouse=True)
def _back_to_french() -> Iterator[None]:
    yield
    i18n.install("fr")


@pytest.mark.parametrize("language", ["fr", "fr_FR.UTF-8", "FR"])
def test_french_is_the_source(language: str) -> None:
    assert i18n.install(language) == "fr"
    assert i18n._("Le titre de l'atelier") == "Le titre de l'atelier"


def test_a_language_without_catalogue_falls_back_to_french() -> None:
    assert i18n.install("xx_YY") == "fr"
    assert i18n._("Annuler") == "Annuler"


def test_system_language_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "fr_BE.UTF-8")
    monkeypatch.setenv("LANGUAGE", "fr_CA:en")
    assert i18n._system_language() == "fr_CA"
    assert i18n.install() == "fr"


def test_plural_forms_and_markers() -> None:
    i18n.install("fr")
    assert i18n.N_("Pause") == "Pause"
