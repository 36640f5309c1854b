"""The ice-breakers' services and commands: record, undo, draws without repeats, km, ranking."""

from __future__ import annotations

import random
import uuid

import pytest
from sqlalchemy import select

from capadesk import paths
from capadesk.core.domain.icebreaker_results import (
    km_round,
    mood_cards,
    mood_words,
    podium,
    rank_towers,
    yarn_network,
)
from capadesk.core.domain.icebreakers import EntryDraft, EntryKind
from capadesk.core.domain.people import ParticipantFields
from capadesk.core.domain.vocabulary import ActivityKind, ParticipantType
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services import groups, icebreakers, participants
from capadesk.core.services.agenda import apply_protocol, read_agenda
from capadesk.core.services.group_commands import ReplaceGroups
from capadesk.core.services.groups import GroupDraft
from capadesk.core.services.icebreaker_commands import (
    DeleteEntries,
    DrawPrompt,
    RecordEntry,
    RemovePrompt,
)
from capadesk.core.services.protocols import find_protocol
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.migrate import open_store
from capadesk.core.storage.models import StepEntry
from capadesk.core.storage.store import Store

ROOM = [
    ("Anne Durand", ParticipantType.ELECTED, 12.0),
    ("Anne Martin", ParticipantType.COMPANY, None),
    ("Bruno Martin", ParticipantType.COMPANY, 85.5),
    ("Chloé Roux", ParticipantType.PARTNER, None),
]


class Day:
    """A workshop on a CAPACities protocol, with its ice-breaker step and a small roster."""

    def __init__(self, store: Store, protocol: str, activity: ActivityKind) -> None:
        self.store = store
        summary, _changes = create_workshop(store, "Atelier")
        self.wid = summary.public_id
        apply_protocol(store, self.wid, find_protocol(protocol))
        agenda = read_agenda(store, self.wid)
        index = next(i for i, s in enumerate(agenda.protocol.steps) if s.activity is activity)
        self.step = agenda.step_ids[index]
        self.people = {
            name: participants.add_participant(
                store, self.wid, ParticipantFields(name, type=kind, km_travelled=km)
            )[0].public_id
            for name, kind, km in ROOM
        }

    def data(self) -> icebreakers.IcebreakerData:
        return icebreakers.read_icebreaker(self.store, self.wid, self.step)

    def entries(self, kind: EntryKind) -> list[tuple[str, str, float | None]]:
        return [(e.name, e.text, e.number) for e in self.data().entries if e.kind is kind]

    def record(self, kind: EntryKind, **fields: object) -> RecordEntry:
        command = RecordEntry(self.wid, self.step, EntryDraft(kind, **fields))  # type: ignore[arg-type]
        command.apply(self.store)
        return command

    def km_of(self, name: str) -> float | None:
        people = participants.list_participants(self.store, self.wid)
        return next(p.km_travelled for p in people if p.name == name)

    def names(self) -> list[str]:
        return [p.name for p in participants.list_participants(self.store, self.wid)]


@pytest.fixture
def toulon(store: Store) -> Day:
    return Day(store, "capacities-1-toulon", ActivityKind.ICEBREAKER_LINE_UP)


@pytest.fixture
def lisieux(store: Store) -> Day:
    return Day(store, "capacities-2-lisieux", ActivityKind.ICEBREAKER_DIXIT)


@pytest.fixture
def chamonix(store: Store) -> Day:
    return Day(store, "capacities-3-chamonix", ActivityKind.ICEBREAKER_LEGO_TOWER)


# --- « Placez-vous en ligne » -------------------------------------------------------------


def test_the_default_deck_holds_the_seeds_examples_and_more(toulon: Day) -> None:
    data = toulon.data()
    assert data.activity is ActivityKind.ICEBREAKER_LINE_UP
    assert not data.own_deck
    texts = [p.text for p in data.deck]
    assert len(texts) >= 20 and len(set(texts)) == len(texts)
    assert "Selon la date de votre dernière séance de cinéma" in texts
    assert "Selon la date de votre arrivée dans votre poste actuel" in texts


def test_draws_never_repeat_even_after_the_store_is_reopened(
    app_paths: paths.AppPaths, store: Store
) -> None:
    day = Day(store, "capacities-1-toulon", ActivityKind.ICEBREAKER_LINE_UP)
    deck = [p.text for p in day.data().deck]
    first = [DrawPrompt(day.wid, day.step, random.Random(1)) for _n in range(5)]
    for command in first:
        command.apply(store)
    store.close()

    reopened, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        # The same seed again: a draw that forgot the stored ones would repeat a question.
        later = [DrawPrompt(day.wid, day.step, random.Random(1)) for _n in deck[5:]]
        for command in later:
            command.apply(reopened)
        drawn = [c.prompt for c in first + later]
        assert sorted(drawn, key=str) == sorted(deck)
        data = icebreakers.read_icebreaker(reopened, day.wid, day.step)
        assert [e.text for e in data.entries if e.kind is EntryKind.LINE_UP_DRAW] == drawn
        with pytest.raises(ValidationError, match="Toutes les questions"):
            DrawPrompt(day.wid, day.step).apply(reopened)
    finally:
        reopened.close()


def test_undoing_a_draw_puts_the_question_back_and_redo_draws_the_same(toulon: Day) -> None:
    command = DrawPrompt(toulon.wid, toulon.step, random.Random(7))
    command.apply(toulon.store)
    assert command.text == "Tirer une question"
    assert toulon.entries(EntryKind.LINE_UP_DRAW) == [("", command.prompt, None)]
    command.revert(toulon.store)
    assert toulon.entries(EntryKind.LINE_UP_DRAW) == []
    command.apply(toulon.store)
    [(_name, text, _number)] = toulon.entries(EntryKind.LINE_UP_DRAW)
    assert text == command.prompt


def test_putting_the_questions_back_in_the_deck_is_undoable(toulon: Day) -> None:
    for seed in range(3):
        DrawPrompt(toulon.wid, toulon.step, random.Random(seed)).apply(toulon.store)
    draws = [e.public_id for e in toulon.data().entries if e.kind is EntryKind.LINE_UP_DRAW]
    reshuffle = DeleteEntries(draws, "Remettre les questions dans le paquet")
    reshuffle.apply(toulon.store)
    assert toulon.entries(EntryKind.LINE_UP_DRAW) == []
    assert icebreakers.next_prompt(toulon.store, toulon.wid, toulon.step, random.Random(0))
    reshuffle.revert(toulon.store)
    assert len(toulon.entries(EntryKind.LINE_UP_DRAW)) == 3


def test_editing_the_deck_copies_it_into_the_step_and_undo_reads_the_same(toulon: Day) -> None:
    default = [p.text for p in toulon.data().deck]
    add = toulon.record(EntryKind.LINE_UP_PROMPT, text="  Selon  votre plat préféré ")
    assert add.text == "Ajouter une question au paquet"
    data = toulon.data()
    assert data.own_deck
    assert [p.text for p in data.deck] == [*default, "Selon votre plat préféré"]
    with pytest.raises(ValidationError, match="déjà dans le paquet"):
        toulon.record(EntryKind.LINE_UP_PROMPT, text=default[1].lower())
    add.revert(toulon.store)
    assert [p.text for p in toulon.data().deck] == default

    remove = RemovePrompt(toulon.wid, toulon.step, default[0].upper())  # case aside
    remove.apply(toulon.store)
    assert [p.text for p in toulon.data().deck] == default[1:]
    remove.revert(toulon.store)
    assert [p.text for p in toulon.data().deck] == default
    remove.apply(toulon.store)  # redo
    assert default[0] not in [p.text for p in toulon.data().deck]
    with pytest.raises(NotFoundError):
        RemovePrompt(toulon.wid, toulon.step, default[0]).apply(toulon.store)
    # Another step keeps the default deck.
    other = read_agenda(toulon.store, toulon.wid).step_ids[0]
    assert not icebreakers.read_icebreaker(toulon.store, toulon.wid, other).own_deck


def test_the_closing_round_sets_km_on_the_roster_and_adds_newcomers(toulon: Day) -> None:
    bruno = toulon.record(EntryKind.LINE_UP_KM, person="bruno", number=90.0)
    assert bruno.text == "Noter les kilomètres de «\u00a0bruno\u00a0»"
    assert toulon.km_of("Bruno Martin") == 90.0
    zoe = RecordEntry(
        toulon.wid,
        toulon.step,
        EntryDraft(EntryKind.LINE_UP_KM, person="Zoé", number=1200.0),
        new_type=ParticipantType.RESIDENT,
    )
    changes = zoe.apply(toulon.store)
    assert changes.participants == frozenset({toulon.wid})
    assert "Zoé" in toulon.names()
    newcomer = participants.get_participant(toulon.store, zoe.new_ids[0])
    assert newcomer.type is ParticipantType.RESIDENT and newcomer.km_travelled == 1200.0
    toulon.record(EntryKind.LINE_UP_KM, person="Chloé Roux", number=640.5)
    assert km_round(toulon.data().entries) == (
        (("Bruno Martin", 90.0), ("Zoé", 1200.0), ("Chloé Roux", 640.5)),
        1930.5,
    )

    # Said again: the new figure replaces the first one, and undo brings it back.
    again = toulon.record(EntryKind.LINE_UP_KM, person="Bruno Martin", number=95.0)
    assert km_round(toulon.data().entries).total == 1935.5
    again.revert(toulon.store)
    assert km_round(toulon.data().entries).total == 1930.5
    assert toulon.km_of("Bruno Martin") == 90.0

    zoe.revert(toulon.store)
    assert "Zoé" not in toulon.names()
    zoe.apply(toulon.store)  # redo: the same person comes back
    assert participants.get_participant(toulon.store, zoe.new_ids[0]).name == "Zoé"
    bruno.revert(toulon.store)
    assert toulon.km_of("Bruno Martin") == 85.5


def test_a_first_name_two_people_share_is_refused_with_their_names(toulon: Day) -> None:
    with pytest.raises(ValidationError, match="Anne Durand, Anne Martin"):
        toulon.record(EntryKind.LINE_UP_KM, person="anne", number=3.0)
    with pytest.raises(ValidationError, match="kilomètres"):
        toulon.record(EntryKind.LINE_UP_KM, person="Anne Durand")
    with pytest.raises(ValidationError, match="invraisemblable"):
        toulon.record(EntryKind.LINE_UP_KM, person="Anne Durand", number=-2.0)
    assert toulon.entries(EntryKind.LINE_UP_KM) == []
    assert len(toulon.names()) == len(ROOM)


# --- Dixit and the yarn ---------------------------------------------------------------------


def test_dixit_moods_one_per_person_grouped_words_and_cards(lisieux: Day) -> None:
    lisieux.record(EntryKind.DIXIT_MOOD, person="Bruno", text="Curieux")
    lisieux.record(EntryKind.DIXIT_MOOD, person="Chloé Roux", text="curieux ")
    lisieux.record(EntryKind.DIXIT_MOOD, person="Anne Durand", number=12.0)
    lisieux.record(EntryKind.DIXIT_MOOD, person="Anne Martin", text="Sereine", number=33.0)
    entries = lisieux.data().entries
    assert mood_words(entries) == [("Curieux", 2), ("Sereine", 1)]
    assert mood_cards(entries) == [12, 33]
    changed = lisieux.record(EntryKind.DIXIT_MOOD, person="Chloé", text="Impatiente")
    assert mood_words(lisieux.data().entries) == [
        ("Curieux", 1),
        ("Sereine", 1),
        ("Impatiente", 1),
    ]
    changed.revert(lisieux.store)
    assert mood_words(lisieux.data().entries)[0] == ("Curieux", 2)
    with pytest.raises(ValidationError, match="mot d'humeur"):
        lisieux.record(EntryKind.DIXIT_MOOD, person="Bruno")
    with pytest.raises(ValidationError, match="carte"):
        lisieux.record(EntryKind.DIXIT_MOOD, person="Bruno", number=2.5)


def test_the_yarn_network_in_throw_order_with_newcomers(lisieux: Day) -> None:
    first = lisieux.record(EntryKind.YARN_LINK, person="Bruno", other="Chloé", text="Mobilité")
    assert first.text == "Noter la pelote de «\u00a0Bruno\u00a0» à «\u00a0Chloé\u00a0»"
    lisieux.record(EntryKind.YARN_LINK, person="Chloé", other="Yann Le Goff", text="Open data")
    lisieux.record(EntryKind.YARN_LINK, person="Yann Le Goff", other="Anne Durand", text="Vélo")
    assert "Yann Le Goff" in lisieux.names()
    network = yarn_network(lisieux.data().entries)
    # On the circle by first name (Anne, Anne's namesake left out: she never held the yarn).
    assert network.people == ("Anne", "Bruno", "Chloé", "Yann")
    assert [(link.number, link.giver, link.receiver, link.text) for link in network.links] == [
        (1, 1, 2, "Mobilité"),
        (2, 2, 3, "Open data"),
        (3, 3, 0, "Vélo"),
    ]
    with pytest.raises(ValidationError, match="autre personne"):
        lisieux.record(EntryKind.YARN_LINK, person="Bruno", other="bruno martin", text="x")
    with pytest.raises(ValidationError, match="lien"):
        lisieux.record(EntryKind.YARN_LINK, person="Bruno", other="Chloé", text=" ")


def test_a_participant_removed_later_keeps_their_name_on_the_entry(lisieux: Day) -> None:
    lisieux.record(EntryKind.DIXIT_MOOD, person="Bruno", text="Curieux")
    participants.delete_participants(lisieux.store, [lisieux.people["Bruno Martin"]])
    [entry] = lisieux.data().entries
    assert entry.name == "Bruno Martin" and entry.participant_id is None


# --- the Lego tower -------------------------------------------------------------------------


def test_towers_ranked_with_ties_and_a_podium(chamonix: Day) -> None:
    for team, height in [("Bleu", 84.0), ("Vert", 91.5), ("Rouge", 84.0), ("Jaune", 60.0)]:
        chamonix.record(EntryKind.LEGO_TOWER, label=team, number=height)
    ranked = rank_towers(chamonix.data().entries)
    assert [(t.rank, t.tied, t.team, t.height) for t in ranked] == [
        (1, False, "Vert", 91.5),
        (2, True, "Bleu", 84.0),
        (2, True, "Rouge", 84.0),
        (4, False, "Jaune", 60.0),
    ]
    assert [(rank, [t.team for t in teams]) for rank, teams in podium(ranked)] == [
        (1, ["Vert"]),
        (2, ["Bleu", "Rouge"]),
    ]
    # Measured again: the new height replaces the old one (same team, case aside); undo.
    again = chamonix.record(EntryKind.LEGO_TOWER, label="vert", number=70.04)
    assert again.text == "Noter la tour de «\u00a0vert\u00a0»"
    assert [(t.rank, t.team, t.height) for t in rank_towers(chamonix.data().entries)][:2] == [
        (1, "Bleu", 84.0),
        (1, "Rouge", 84.0),
    ]
    assert any(t.height == 70.0 for t in rank_towers(chamonix.data().entries))
    again.revert(chamonix.store)
    assert rank_towers(chamonix.data().entries)[0].team == "Vert"
    with pytest.raises(ValidationError, match="Hauteur"):
        chamonix.record(EntryKind.LEGO_TOWER, label="Bleu", number=0.0)
    with pytest.raises(ValidationError, match="équipe"):
        chamonix.record(EntryKind.LEGO_TOWER, number=10.0)


def test_teams_are_the_steps_groups_and_a_renamed_group_renames_its_tower(chamonix: Day) -> None:
    draft = GroupDraft("Équipe A", member_ids=(chamonix.people["Anne Durand"],))
    ReplaceGroups(chamonix.wid, chamonix.step, [draft, GroupDraft("Équipe B")]).apply(
        chamonix.store
    )
    teams = chamonix.data().teams
    assert [t.name for t in teams] == ["Équipe A", "Équipe B"]
    chamonix.record(EntryKind.LEGO_TOWER, group_id=teams[0].public_id, number=55.0)
    chamonix.record(EntryKind.LEGO_TOWER, group_id=teams[0].public_id, number=57.0)
    groups.rename_group(chamonix.store, teams[0].public_id, "Les Bâtisseurs")
    assert chamonix.entries(EntryKind.LEGO_TOWER) == [("Les Bâtisseurs", "", 57.0)]
    with pytest.raises(NotFoundError):
        chamonix.record(EntryKind.LEGO_TOWER, group_id=uuid.uuid4(), number=5.0)


def test_deleting_an_answer_is_soft_and_undoable(chamonix: Day) -> None:
    chamonix.record(EntryKind.LEGO_TOWER, label="Bleu", number=40.0)
    [entry] = chamonix.data().entries
    command = DeleteEntries([entry.public_id])
    assert command.text == "Supprimer la réponse"
    command.apply(chamonix.store)
    assert chamonix.data().entries == ()
    with chamonix.store.read() as session:
        row = session.scalars(select(StepEntry).where(StepEntry.public_id == entry.public_id))
        assert row.one().deleted_at is not None
    with pytest.raises(NotFoundError):
        command.apply(chamonix.store)
    command.revert(chamonix.store)
    assert [e.public_id for e in chamonix.data().entries] == [entry.public_id]


def test_an_unknown_step_is_refused(chamonix: Day) -> None:
    with pytest.raises(NotFoundError, match="étape"):
        icebreakers.read_icebreaker(chamonix.store, chamonix.wid, uuid.uuid4())
