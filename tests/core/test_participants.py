"""The roster services and their undoable commands."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select

from capadesk.core.domain.people import ParticipantFields, fields_of, mix_label
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.runner.clock import FakeClock
from capadesk.core.services import participants
from capadesk.core.services.changes import Changes
from capadesk.core.services.groups import GroupDraft, list_groups, replace_groups
from capadesk.core.services.participant_commands import (
    AddParticipant,
    DeleteParticipants,
    SetArrival,
    UpdateParticipant,
    copy_roster_command,
)
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.models import Participant, Thread, Vote, Workshop
from capadesk.core.storage.store import Store

ANNE = ParticipantFields("Anne Durand", "Ville de Toulon", ParticipantType.ELECTED, "Toulon", 12.5)
BRUNO = ParticipantFields("Bruno Martin", "ACME", ParticipantType.COMPANY, "", None, True)
ELODIE = ParticipantFields("Élodie Petit", "ADEME", ParticipantType.PARTNER)


def workshop(store: Store, title: str = "Toulon", programme: str | None = None) -> uuid.UUID:
    summary, _changes = create_workshop(store, title, programme=programme)
    return summary.public_id


def roster_of(store: Store, workshop_id: uuid.UUID) -> list[str]:
    return [p.name for p in participants.list_participants(store, workshop_id)]


def row_count(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(Participant)) or 0


def test_add_list_update_in_alphabetical_order_accents_aside(store: Store) -> None:
    wid = workshop(store)
    for fields in (ELODIE, BRUNO, ANNE):
        _view, changes = participants.add_participant(store, wid, fields)
        assert changes == Changes(participants=frozenset({wid}))
    assert roster_of(store, wid) == ["Anne Durand", "Bruno Martin", "Élodie Petit"]
    anne = participants.list_participants(store, wid)[0]
    assert (anne.type, anne.km_travelled, anne.consent_named) == (
        ParticipantType.ELECTED,
        12.5,
        False,
    )
    edited, _changes = participants.update_participant(
        store, anne.public_id, ANNE._replace(name="  Anne   Durand-Roux ", km_travelled=3)
    )
    assert edited.name == "Anne Durand-Roux"  # white space collapsed
    assert participants.get_participant(store, anne.public_id).km_travelled == 3


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (ANNE._replace(name="   "), "Le nom ne peut pas être vide."),
        (ANNE._replace(name="x" * 201), "Le nom est trop long"),
        (ANNE._replace(km_travelled=-1), "Distance invraisemblable"),
        (ANNE._replace(km_travelled=float("nan")), "Distance invraisemblable"),
        (ANNE._replace(organisation="a\x00b"), "caractères invalides"),
    ],
)
def test_invalid_fields_are_refused_in_french_and_nothing_is_saved(
    store: Store, fields: ParticipantFields, message: str
) -> None:
    wid = workshop(store)
    with pytest.raises(ValidationError, match=message):
        participants.add_participant(store, wid, fields)
    assert row_count(store) == 0


def test_arrival_is_a_timestamp_from_the_clock_and_can_be_unticked(store: Store) -> None:
    wid = workshop(store)
    anne, _changes = participants.add_participant(store, wid, ANNE)
    clock = FakeClock()
    command = SetArrival(anne, clock.now())
    assert command.text == "Noter l'arrivée de «\u00a0Anne Durand\u00a0»"
    command.apply(store)
    assert participants.get_participant(store, anne.public_id).arrived_at == clock.now()
    command.revert(store)
    assert participants.get_participant(store, anne.public_id).arrived_at is None
    with pytest.raises(ValueError, match="naive"):
        participants.mark_arrived(store, anne.public_id, dt.datetime(2024, 1, 1))  # noqa: DTZ001


def test_add_command_keeps_its_uuid_across_undo_and_redo(store: Store) -> None:
    wid = workshop(store)
    command = AddParticipant(wid, ANNE)
    assert command.text == "Ajouter «\u00a0Anne Durand\u00a0»"
    command.apply(store)
    command.revert(store)
    assert roster_of(store, wid) == []
    command.apply(store)
    assert participants.list_participants(store, wid)[0].public_id == command.public_id
    assert row_count(store) == 1


def test_update_command_reverts_to_the_previous_fields(store: Store) -> None:
    wid = workshop(store)
    anne, _changes = participants.add_participant(store, wid, ANNE)
    command = UpdateParticipant(anne, ANNE._replace(type=ParticipantType.AGENT, territory="Var"))
    command.apply(store)
    assert participants.get_participant(store, anne.public_id).territory == "Var"
    command.revert(store)
    assert fields_of(participants.get_participant(store, anne.public_id)) == ANNE


def test_delete_then_undo_restores_the_person_their_seat_and_their_dots(store: Store) -> None:
    wid = workshop(store)
    anne, _ = participants.add_participant(store, wid, ANNE)
    bruno, _ = participants.add_participant(store, wid, BRUNO)
    group = GroupDraft("Mobilité", (anne.public_id, bruno.public_id))
    replace_groups(store, wid, None, [group])
    with store.write() as session:
        row = session.scalars(select(Workshop).where(Workshop.public_id == wid)).one()
        person = session.scalars(
            select(Participant).where(Participant.public_id == anne.public_id)
        ).one()
        thread = Thread(workshop_id=row.id, title="Partage des données")
        session.add(thread)
        session.flush()
        session.add(
            Vote(
                workshop_id=row.id,
                thread_id=thread.id,
                participant_id=person.id,
                dots=3,
                created_at=FakeClock().now(),
            )
        )

    command = DeleteParticipants([anne])
    assert command.text == "Supprimer «\u00a0Anne Durand\u00a0»"
    changes = command.apply(store)
    assert changes.participants == changes.groups == changes.threads == frozenset({wid})
    assert roster_of(store, wid) == ["Bruno Martin"]
    assert list_groups(store, wid, None)[0].member_ids == (bruno.public_id,)
    with store.read() as session:  # the dots left with her, not as an anonymous tally
        assert session.scalar(select(func.count()).select_from(Vote)) == 0

    command.revert(store)
    assert participants.get_participant(store, anne.public_id) == anne
    assert set(list_groups(store, wid, None)[0].member_ids) == {anne.public_id, bruno.public_id}
    with store.read() as session:
        vote = session.scalars(select(Vote)).one()
        assert vote.dots == 3
        assert vote.participant_id is not None
    command.apply(store)  # redo
    assert roster_of(store, wid) == ["Bruno Martin"]


def test_deleting_several_names_the_count(store: Store) -> None:
    wid = workshop(store)
    views = [participants.add_participant(store, wid, f)[0] for f in (ANNE, BRUNO)]
    command = DeleteParticipants(views)
    assert command.text == "Supprimer 2 participants"
    command.apply(store)
    assert roster_of(store, wid) == []
    command.revert(store)
    assert roster_of(store, wid) == ["Anne Durand", "Bruno Martin"]


def test_unknown_participant_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="n'est plus dans la liste"):
        participants.get_participant(store, uuid.uuid4())


def test_copy_roster_from_a_workshop_of_the_same_programme(store: Store) -> None:
    toulon = workshop(store, "Toulon", programme="CAPACities")
    lisieux = workshop(store, "Lisieux", programme="capacities")  # same programme, case aside
    for fields in (ANNE, BRUNO, ELODIE):
        participants.add_participant(store, toulon, fields)
    participants.add_participant(store, lisieux, BRUNO._replace(name="bruno  MARTIN"))
    assert [w.title for w in participants.sibling_workshops(store, lisieux)] == ["Toulon"]

    command = copy_roster_command(store, toulon, "Toulon", lisieux)
    assert command.text == "Reprendre la liste de «\u00a0Toulon\u00a0»"
    command.apply(store)
    names = roster_of(store, lisieux)
    assert names == ["Anne Durand", "bruno MARTIN", "Élodie Petit"]  # Bruno was there already
    copied = next(
        p for p in participants.list_participants(store, lisieux) if p.name == "Anne Durand"
    )
    assert (copied.km_travelled, copied.arrived_at, copied.territory) == (None, None, "Toulon")
    command.revert(store)
    assert roster_of(store, lisieux) == ["bruno MARTIN"]


def test_copy_roster_is_refused_across_programmes(store: Store) -> None:
    toulon = workshop(store, "Toulon", programme="CAPACities")
    other = workshop(store, "Ailleurs", programme="DataCités")
    lonely = workshop(store, "Seul")
    for target in (other, lonely):
        with pytest.raises(ValidationError, match="même programme"):
            participants.copy_roster(store, toulon, target)
    with pytest.raises(ValidationError, match="autre atelier"):
        participants.copy_roster(store, toulon, toulon)
    assert participants.sibling_workshops(store, lonely) == []


def test_mix_label_counts_families() -> None:
    types = [ParticipantType.ELECTED, ParticipantType.AGENT, ParticipantType.COMPANY]
    assert mix_label(types) == "Public\u00a02 · Privé\u00a01"
    assert mix_label([]) == "personne"
