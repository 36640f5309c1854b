"""Drafts: what the note-taker is typing survives a crash, exactly, until saved or cleared."""

from __future__ import annotations

import uuid

import pytest

from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services.drafts import clear_draft, read_drafts, save_draft
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.store import Store


@pytest.fixture
def workshop(store: Store) -> uuid.UUID:
    return create_workshop(store, "Atelier de Toulon")[0].public_id


def test_save_read_overwrite_and_clear(store: Store, workshop: uuid.UUID) -> None:
    other = create_workshop(store, "Autre")[0].public_id
    assert read_drafts(store, workshop) == {}

    save_draft(store, workshop, "capture-bar", "Les don")
    save_draft(store, workshop, "capture-bar", "Les données  \x00<b>\n")
    save_draft(store, workshop, "thread-title", "Fil")
    save_draft(store, other, "capture-bar", "ailleurs")

    assert read_drafts(store, workshop) == {
        "capture-bar": "Les données  \x00<b>\n",
        "thread-title": "Fil",
    }
    save_draft(store, workshop, "thread-title", "")  # the field was emptied
    clear_draft(store, workshop, "capture-bar")  # the card was saved
    clear_draft(store, workshop, "never-saved")
    assert read_drafts(store, workshop) == {}
    assert read_drafts(store, other) == {"capture-bar": "ailleurs"}


def test_a_draft_survives_reopening_the_store(store: Store, workshop: uuid.UUID) -> None:
    text = "é" * 100_000
    save_draft(store, workshop, "capture-bar", text)
    store.close()
    reopened = Store(store.path)
    try:
        assert read_drafts(reopened, workshop) == {"capture-bar": text}
    finally:
        reopened.close()


def test_a_lone_surrogate_is_replaced_not_refused(store: Store, workshop: uuid.UUID) -> None:
    save_draft(store, workshop, "capture-bar", "a\ud83db")
    assert read_drafts(store, workshop) == {"capture-bar": "a\ufffdb"}


def test_bad_workshop_or_context(store: Store, workshop: uuid.UUID) -> None:
    with pytest.raises(NotFoundError):
        save_draft(store, uuid.uuid4(), "capture-bar", "x")
    with pytest.raises(NotFoundError):
        read_drafts(store, uuid.uuid4())
    with pytest.raises(ValidationError):
        save_draft(store, workshop, "", "x")
