"""Live capture: cards saved exactly as typed, edited, deleted and restored; use cases."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services.agenda import apply_protocol, read_agenda
from capadesk.core.services.capture_commands import AddCapture, DeleteCapture, UpdateCapture
from capadesk.core.services.captures import (
    TEXT_MAX_LENGTH,
    add_capture,
    check_capture_text,
    delete_capture,
    get_captures,
    list_captures,
    restore_capture,
    update_capture,
)
from capadesk.core.services.changes import Changes
from capadesk.core.services.protocols import find_protocol
from capadesk.core.services.use_cases import add_use_case, find_use_case, list_use_cases
from capadesk.core.services.workshops import create_workshop, delete_workshop
from capadesk.core.storage.models import Capture, WorkGroup, Workshop
from capadesk.core.storage.store import Store
from tests.core.runner_support import assert_french_typography

EXACT_TEXTS = [
    pytest.param("x" * 100_000, id="100000-chars"),
    pytest.param("é" * TEXT_MAX_LENGTH, id="longest"),
    pytest.param("  espaces autour\u00a0! \n", id="white-space-kept"),
    pytest.param("nul\x00 bell\x07 esc\x1b[31m cr\r lf\n tab\t del\x7f c1\x85", id="control-chars"),
    pytest.param("ligne\u2028séparateur\u2029paragraphe", id="unicode-separators"),
    pytest.param("<b>gras</b> <script>alert('x')</script> &amp; &lt;", id="html"),
    pytest.param("**md** _it_ [lien](http://x) `code` # titre", id="markdown"),
    pytest.param("'); DROP TABLE capture; --", id="sql"),
    pytest.param("{0} {text!r} %s %(x)d", id="format-fields"),
    pytest.param("😀👩🏽‍💻 عربي עברית 漢字 e\u0301 \ufeff\u200b", id="any-unicode"),
]


def add_group(store: Store, workshop: uuid.UUID) -> uuid.UUID:
    """A work group of the workshop (groups have no service yet)."""
    group_id = uuid.uuid4()
    with store.write() as session:
        row = session.scalars(select(Workshop.id).where(Workshop.public_id == workshop)).one()
        session.add(WorkGroup(public_id=group_id, workshop_id=row, name="Groupe A"))
    return group_id


@pytest.fixture
def workshop(store: Store) -> uuid.UUID:
    summary, _changes = create_workshop(store, "Atelier de Toulon")
    return summary.public_id


def _rows(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(Capture)) or 0


@pytest.mark.parametrize("text", EXACT_TEXTS)
def test_text_is_stored_and_read_back_exactly(store: Store, workshop: uuid.UUID, text: str) -> None:
    view, _changes = add_capture(store, workshop, CaptureKind.IRRITANT, text)

    assert view.text == text
    (listed,) = list_captures(store, workshop)
    assert listed.text == text
    assert get_captures(store, [view.public_id])[view.public_id] == listed


def test_text_survives_closing_and_reopening_the_store(store: Store, workshop: uuid.UUID) -> None:
    text = "réouverture\x00<i>ok</i>\r\n" * 5_000
    add_capture(store, workshop, CaptureKind.WISH, text)
    store.close()

    reopened = Store(store.path)
    try:
        assert [c.text for c in list_captures(reopened, workshop)] == [text]
    finally:
        reopened.close()


@pytest.mark.parametrize("text", ["", " ", "\n\t \u00a0\u2003", "\r\n"])
def test_an_empty_or_blank_card_is_refused(store: Store, workshop: uuid.UUID, text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        add_capture(store, workshop, CaptureKind.IRRITANT, text)

    assert (
        refused.value.message == "Une carte vide n'est pas enregistrée\u00a0: saisissez un texte."
    )
    assert _rows(store) == 0


def test_lone_surrogates_and_too_long_texts_are_refused(store: Store, workshop: uuid.UUID) -> None:
    with pytest.raises(ValidationError) as surrogate:
        check_capture_text("abc\ud800def")
    assert "position 4" in surrogate.value.message
    assert_french_typography(surrogate.value.message)

    with pytest.raises(ValidationError) as too_long:
        add_capture(store, workshop, CaptureKind.IDEA, "a" * (TEXT_MAX_LENGTH + 1))
    assert too_long.value.message == (
        f"Le texte est trop long ({TEXT_MAX_LENGTH + 1} caractères, {TEXT_MAX_LENGTH} au plus)."
    )
    assert _rows(store) == 0


def test_check_returns_the_text_unchanged() -> None:
    text = "  «\u00a0Texte\u00a0»\t"
    assert check_capture_text(text) is text


def test_add_fills_every_field_and_lists_in_wall_order(store: Store) -> None:
    workshop = create_workshop(store, "Atelier de Toulon")[0].public_id
    apply_protocol(store, workshop, find_protocol("capacities-1-toulon"))
    use_case, _changes = add_use_case(store, workshop, "Mobilité douce", "Toulon")
    step = read_agenda(store, workshop).step_ids[3]
    group_id = add_group(store, workshop)

    first, changes = add_capture(
        store,
        workshop,
        CaptureKind.IRRITANT,
        "Ressaisie manuelle",
        stage=LifecycleStage.COLLECTION,
        use_case_id=use_case.public_id,
        group_id=group_id,
        step_id=step,
        note="Contrat avec le prestataire",
    )
    second, _changes = add_capture(store, workshop, CaptureKind.WISH, "Tableau de bord partagé")

    assert changes == Changes(captures=frozenset({first.public_id}))
    assert list_captures(store, workshop) == [first, second]
    assert (first.kind, first.stage, first.use_case_id, first.group_id, first.step_id) == (
        CaptureKind.IRRITANT,
        LifecycleStage.COLLECTION,
        use_case.public_id,
        group_id,
        step,
    )
    assert (first.note, first.thread_id, first.workshop_id) == (
        "Contrat avec le prestataire",
        None,
        workshop,
    )
    assert first.sort_order < second.sort_order
    assert first.created_at.tzinfo is not None


def test_unknown_references_are_refused_in_french(store: Store, workshop: uuid.UUID) -> None:
    other, _changes = create_workshop(store, "Autre atelier")
    foreign_use_case, _changes = add_use_case(store, other.public_id, "Ailleurs")
    cases = [
        ({"workshop_id": uuid.uuid4()}, "Cet atelier n'existe pas ou plus."),
        (
            {"use_case_id": foreign_use_case.public_id},
            "Ce cas d'usage n'existe pas dans cet atelier.",
        ),
        ({"group_id": uuid.uuid4()}, "Ce groupe n'existe pas dans cet atelier."),
        ({"step_id": uuid.uuid4()}, "Cette étape n'existe pas dans cet atelier."),
    ]
    for overrides, message in cases:
        arguments = {"workshop_id": workshop, **overrides}
        with pytest.raises(NotFoundError) as missing:
            add_capture(store, kind=CaptureKind.NOTE, text="x", **arguments)  # type: ignore[arg-type]
        assert missing.value.message == message
    with pytest.raises(NotFoundError):
        list_captures(store, uuid.uuid4())
    assert _rows(store) == 0


def test_a_deleted_workshop_takes_no_card(store: Store, workshop: uuid.UUID) -> None:
    delete_workshop(store, workshop)
    with pytest.raises(NotFoundError):
        add_capture(store, workshop, CaptureKind.NOTE, "trop tard")


@pytest.mark.parametrize(
    ("kind", "stage", "message"),
    [
        ("rouge", None, "Type de carte inconnu «\u00a0rouge\u00a0»"),
        (CaptureKind.IRRITANT, "partout", "Étape du cycle de vie inconnue «\u00a0partout\u00a0»"),
    ],
)
def test_unknown_kind_or_stage_lists_the_accepted_values(
    store: Store, workshop: uuid.UUID, kind: str, stage: str | None, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        add_capture(store, workshop, kind, "x", stage=stage)  # type: ignore[arg-type]
    assert refused.value.message.startswith(message)
    assert "valeurs acceptées\u00a0: " in refused.value.message
    assert ("irritant, souhait" in refused.value.message) is (stage is None)


def test_update_writes_every_editable_field(store: Store, workshop: uuid.UUID) -> None:
    use_case, _changes = add_use_case(store, workshop, "Déchets")
    before, _changes = add_capture(store, workshop, CaptureKind.IRRITANT, "Avant", note="n")
    edited = before._replace(
        kind=CaptureKind.WISH,
        text="Après\x00<b>",
        stage=LifecycleStage.ARCHIVING,
        use_case_id=use_case.public_id,
        note="",
    )

    after, changes = update_capture(store, edited)

    assert after == edited
    assert list_captures(store, workshop) == [edited]
    assert changes == Changes(captures=frozenset({before.public_id}))
    with pytest.raises(ValidationError):
        update_capture(store, edited._replace(text="   "))
    assert list_captures(store, workshop) == [edited]


def test_delete_then_restore(store: Store, workshop: uuid.UUID) -> None:
    kept, _changes = add_capture(store, workshop, CaptureKind.IDEA, "Reste")
    gone, _changes = add_capture(store, workshop, CaptureKind.IDEA, "Part")

    assert delete_capture(store, gone.public_id) == Changes(captures=frozenset({gone.public_id}))
    assert list_captures(store, workshop) == [kept]
    unknown = uuid.uuid4()
    assert get_captures(store, [gone.public_id, kept.public_id, unknown]) == {
        gone.public_id: None,
        kept.public_id: kept,
        unknown: None,
    }
    with pytest.raises(NotFoundError) as twice:
        delete_capture(store, gone.public_id)
    assert twice.value.message == "Cette carte n'existe pas ou plus."
    with pytest.raises(NotFoundError):
        update_capture(store, gone)

    restore_capture(store, gone.public_id)
    assert list_captures(store, workshop) == [kept, gone]


def test_add_command_keeps_its_id_across_undo_and_redo(store: Store, workshop: uuid.UUID) -> None:
    command = AddCapture(workshop, CaptureKind.IRRITANT, "Pas d'inventaire des capteurs")
    assert command.text == "Ajouter l'irritant"
    assert AddCapture(workshop, CaptureKind.WISH, "x").text == "Ajouter le souhait"

    assert command.apply(store) == Changes(captures=frozenset({command.public_id}))
    created = list_captures(store, workshop)
    assert [c.public_id for c in created] == [command.public_id]
    assert command.view == created[0]

    command.revert(store)
    assert list_captures(store, workshop) == []
    command.apply(store)
    assert list_captures(store, workshop) == created
    assert _rows(store) == 1


def test_a_refused_add_command_creates_nothing(store: Store, workshop: uuid.UUID) -> None:
    command = AddCapture(workshop, CaptureKind.NOTE, "  ")
    with pytest.raises(ValidationError):
        command.apply(store)
    assert _rows(store) == 0


def test_update_and_delete_commands_revert_exactly(store: Store, workshop: uuid.UUID) -> None:
    before, _changes = add_capture(store, workshop, CaptureKind.ACTION, "Relancer la DSI")
    update = UpdateCapture(before, before._replace(text="Relancer la DSI en juin"))
    delete = DeleteCapture(before)
    assert (update.text, delete.text) == ("Modifier la carte", "Supprimer la carte")

    update.apply(store)
    assert [c.text for c in list_captures(store, workshop)] == ["Relancer la DSI en juin"]
    update.revert(store)
    assert list_captures(store, workshop) == [before]

    delete.apply(store)
    assert list_captures(store, workshop) == []
    delete.revert(store)
    assert list_captures(store, workshop) == [before]


def test_use_cases_are_listed_found_and_coloured(store: Store, workshop: uuid.UUID) -> None:
    mobility, changes = add_use_case(store, workshop, "  Mobilité   douce ", "Toulon")
    waste, _changes = add_use_case(store, workshop, "Déchets")

    assert changes == Changes(use_cases=frozenset({workshop}))
    assert list_use_cases(store, workshop) == [mobility, waste]
    assert (mobility.title, mobility.territory, mobility.position) == (
        "Mobilité douce",
        "Toulon",
        0,
    )
    assert mobility.colour != waste.colour
    assert find_use_case(store, workshop, str(waste.public_id)) == waste
    assert find_use_case(store, workshop, "Mobilité douce") == mobility
    assert find_use_case(store, workshop, "MOBILITE DOUCE") == mobility
    assert find_use_case(store, workshop, "Eau") is None
    with pytest.raises(ValidationError) as empty:
        add_use_case(store, workshop, " ")
    assert empty.value.message == "Le titre du cas d'usage ne peut pas être vide."


def test_the_one_statement_insert_stores_what_the_orm_stores(
    store: Store, workshop: uuid.UUID
) -> None:
    from sqlalchemy import text as sql

    use_case, _changes = add_use_case(store, workshop, "Mobilité")
    fast, _changes = add_capture(
        store,
        workshop,
        CaptureKind.WISH,
        "Rapide",
        stage=LifecycleStage.SHARING,
        use_case_id=use_case.public_id,
    )
    with store.write() as session:
        row = session.scalars(select(Workshop.id).where(Workshop.public_id == workshop)).one()
        session.add(
            Capture(
                public_id=uuid.uuid4(),
                workshop_id=row,
                kind=CaptureKind.WISH.value,
                text="Par l'ORM",
                lifecycle_stage=LifecycleStage.SHARING.value,
                sort_order=fast.sort_order + 1,
                created_at=fast.created_at,
                updated_at=fast.created_at,
            )
        )
    columns = "public_id, created_at, updated_at, sort_order, note, author, lifecycle_stage"
    shapes = ", ".join(f"typeof({c}), length({c})" for c in columns.split(", "))
    with store.read() as session:
        found = session.execute(sql(f"SELECT {shapes}, created_at FROM capture ORDER BY id"))
        (fast_row, orm_row) = found.all()
    assert fast_row == orm_row  # same types, same text formats, same stored time
    assert list_captures(store, workshop)[0] == fast


def test_a_failing_insert_is_refused_in_french_and_writes_nothing(
    store: Store, workshop: uuid.UUID, monkeypatch: pytest.MonkeyPatch
) -> None:
    from capadesk.core.errors import StoreError
    from capadesk.core.storage.repositories import captures as repository

    add_capture(store, workshop, CaptureKind.NOTE, "avant")
    with store.read() as session:
        compiled = repository._compiled_add(session.connection().dialect)
    broken = compiled._replace(sql=compiled.sql.replace("INSERT INTO capture", "INSERT INTO nulle"))
    monkeypatch.setattr(repository, "_compiled_add", lambda dialect: broken)
    with pytest.raises(StoreError) as refused:  # the driver's error, wrapped as SQLAlchemy would
        add_capture(store, workshop, CaptureKind.NOTE, "après")
    assert refused.value.message == (
        "L'enregistrement a échoué, rien n'a été modifié\u00a0: no such table: nulle"
    )
    assert _rows(store) == 1
