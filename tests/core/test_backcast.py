"""Projection 2027 and rétroplanning: the timeline from today to 2027, one idea per post-it,
timeline order kept through drag and drop, the roadmap; stories and backcasts per thread."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from capadesk.core.domain import backcast as rules
from capadesk.core.domain.backcast import Backcast, Period
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services import backcasts
from capadesk.core.services.threads import create_thread, set_kept
from capadesk.core.services.tool_commands import PutDocument
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.store import Store

TODAY = dt.date(2025, 5, 14)


def test_the_timeline_runs_from_todays_quarter_to_the_end_of_2027() -> None:
    timeline = rules.new_backcast(TODAY)
    periods = timeline.periods()
    assert periods[0] == Period(2025, 2) and periods[-1] == Period(2027, 4)
    assert len(periods) == 11
    assert [p.label for p in periods[:2]] == ["T2 2025", "T3 2025"]
    by_year = rules.set_granularity(timeline, rules.YEARS)
    assert [p.label for p in by_year.periods()] == ["2025", "2026", "2027"]
    assert rules.default_target(dt.date(2027, 1, 1)) == 2032  # « dans 5 ans »


def test_one_idea_per_post_it() -> None:
    timeline = rules.new_backcast(TODAY)
    timeline = rules.add_notes(
        timeline, "Créer un comité data\n\n  Signer une convention ", Period(2025, 3), ("a", "b")
    )
    assert [n.text for n in timeline.notes] == ["Créer un comité data", "Signer une convention"]
    with pytest.raises(ValidationError, match="vide"):
        rules.add_notes(timeline, " \n ", Period(2025, 3), ("c",))
    with pytest.raises(ValidationError, match="pas sur la frise"):
        rules.add_notes(timeline, "Trop tôt", Period(2025, 1), ("c",))
    with pytest.raises(ValidationError, match="pas sur la frise"):
        rules.add_notes(timeline, "Trop tard", Period(2028, 1), ("c",))


def test_drag_and_drop_keeps_timeline_order_and_the_roadmap_reads_it() -> None:
    timeline = rules.new_backcast(TODAY)
    timeline = rules.add_notes(timeline, "Plateforme ouverte", Period(2027, 4), ("z",))
    timeline = rules.add_notes(timeline, "Comité data\nConvention", Period(2025, 3), ("a", "b"))
    timeline = rules.add_notes(timeline, "Recruter", Period(2026, 1), ("c",))
    assert [n.id for n in timeline.notes] == ["a", "b", "c", "z"]
    timeline = rules.move_note(timeline, "z", Period(2025, 3), 0)  # dropped on top of T3 2025
    assert [n.id for n in timeline.notes] == ["z", "a", "b", "c"]
    timeline = rules.move_note(timeline, "a", Period(2026, 1), 1)
    assert [n.id for n in timeline.in_period(Period(2026, 1))] == ["c", "a"]
    timeline = rules.shift_note(timeline, "b", -5)  # clamped to the first column
    assert timeline.notes[0].period == Period(2025, 2)
    roadmap = rules.roadmap(timeline)
    assert [(i.period.label, i.text) for i in roadmap] == [
        ("T2 2025", "Convention"),
        ("T3 2025", "Plateforme ouverte"),
        ("T1 2026", "Recruter"),
        ("T1 2026", "Comité data"),
    ]
    with pytest.raises(ValidationError, match="pas sur la frise"):
        rules.move_note(timeline, "a", Period(2024, 4))


@given(st.lists(st.tuples(st.integers(0, 10), st.integers(0, 10), st.integers(0, 3)), max_size=25))
def test_any_moves_keep_notes_in_timeline_order(moves: list[tuple[int, int, int]]) -> None:
    timeline = rules.new_backcast(TODAY)
    periods = timeline.periods()
    ids = tuple(str(i) for i in range(6))
    timeline = rules.add_notes(timeline, "\n".join(ids), periods[0], ids)
    for note, column, index in moves:
        timeline = rules.move_note(timeline, ids[note % 6], periods[column], index)
    keys = [n.period.key() for n in timeline.notes]
    assert keys == sorted(keys)
    assert sorted(n.id for n in timeline.notes) == sorted(ids)
    assert rules.load(json.loads(json.dumps(rules.dump(timeline))), 1) == timeline


def test_granularity_and_target_changes() -> None:
    timeline = rules.add_notes(rules.new_backcast(TODAY), "x\ny", Period(2026, 3), ("x", "y"))
    by_year = rules.set_granularity(timeline, rules.YEARS)
    assert {n.period for n in by_year.notes} == {Period(2026)}
    back = rules.set_granularity(by_year, rules.QUARTERS)
    assert {n.period for n in back.notes} == {Period(2026, 1)}
    first_year = rules.set_granularity(
        rules.add_notes(by_year, "z", Period(2025), ("z",)), rules.QUARTERS
    )
    assert first_year.in_period(Period(2025, 2))[0].id == "z"  # the timeline's first quarter
    with pytest.raises(ValidationError, match="après 2025"):
        rules.set_target(timeline, 2025)
    assert rules.set_target(timeline, 2030).periods()[-1] == Period(2030, 4)


def test_a_post_it_off_the_timeline_makes_the_file_unreadable() -> None:
    data = rules.dump(rules.add_notes(rules.new_backcast(TODAY), "x", Period(2026, 1), ("x",)))
    data["notes"][0]["year"] = 2031
    with pytest.raises(ValidationError, match="illisible"):
        rules.load(data, 1)


def test_story_and_backcast_per_thread(store: Store) -> None:
    workshop, _c = create_workshop(store, "Lisieux", programme="CAPACities 2022")
    other, _c = create_workshop(store, "Autre", programme="CAPACities 2022")
    first, _c = create_thread(store, workshop.public_id, "Convergence des données")
    second, _c = create_thread(store, workshop.public_id, "Parcours utilisateur idéal")
    set_kept(store, [second.public_id], True)
    assert [t.title for t in backcasts.threads_for(store, other.public_id)] == [
        "Parcours utilisateur idéal",
        "Convergence des données",
    ]
    story = rules.set_story(backcasts.new_story(TODAY), "Les données circulent.")
    assert story.heading == "Nous sommes en 2027"
    story_id = uuid.uuid4()
    place = backcasts.story_place(workshop.public_id, first.public_id)
    PutDocument("x", place, story_id, None, backcasts.STORY_CODEC.content(story)).apply(store)
    found = backcasts.story_of(store, workshop.public_id, first.public_id)
    assert found is not None and found.value == story
    assert backcasts.story_of(store, workshop.public_id, second.public_id) is None
    timeline = rules.add_notes(rules.new_backcast(TODAY), "Comité", Period(2026, 1), ("a",))
    place = backcasts.backcast_place(workshop.public_id, second.public_id)
    PutDocument("x", place, uuid.uuid4(), None, backcasts.CODEC.content(timeline)).apply(store)
    stored = backcasts.backcast_of(store, workshop.public_id, second.public_id)
    assert stored is not None and rules.roadmap(stored.value)[0].text == "Comité"
    assert backcasts.backcast_of(store, workshop.public_id, first.public_id) is None
    bad = backcasts.story_place(workshop.public_id, uuid.uuid4())
    with pytest.raises(NotFoundError, match="fil commun"):
        PutDocument("x", bad, uuid.uuid4(), None, backcasts.STORY_CODEC.content(story)).apply(store)


def test_a_default_backcast_is_readable() -> None:
    assert rules.load(rules.dump(Backcast()), 1) == Backcast()
