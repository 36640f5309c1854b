"""Step settings: the file format's optional ``settings`` per activity kind, their defaults,
and how the agenda stores, reads and copies them."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from sqlalchemy import select

from capadesk.core.domain.protocol import ProtocolStep, setting_rules
from capadesk.core.domain.protocol_format import ProtocolError, parse_protocol, protocol_data
from capadesk.core.domain.vocabulary import ActivityKind
from capadesk.core.services.agenda import apply_protocol, read_agenda
from capadesk.core.services.protocols import find_protocol
from capadesk.core.services.workshops import create_workshop, duplicate_workshop
from capadesk.core.storage.models import Step
from capadesk.core.storage.store import Store
from tests.core.test_protocol_format import minimal, schema_accepts


def with_vote(settings: object) -> dict[str, Any]:
    data = copy.deepcopy(minimal())
    data["steps"].append(
        {
            "title": "Vote",
            "duration": 10,
            "format": "pleniere",
            "activity": "dot-vote",
            "settings": settings,
        }
    )
    return data


def vote_of(data: dict[str, Any]) -> ProtocolStep:
    return parse_protocol(data).steps[-1]


def test_a_dot_vote_states_its_dots_and_kept_threads() -> None:
    vote = vote_of(with_vote({"kept_threads": 5, "dots_per_participant": 3}))
    assert vote.settings == (("dots_per_participant", 3), ("kept_threads", 5))  # sorted
    assert (vote.setting("dots_per_participant"), vote.setting("kept_threads")) == (3, 5)
    assert hash(vote)  # immutable, so a protocol can be compared and kept as is
    assert schema_accepts(with_vote({"kept_threads": 5, "dots_per_participant": 3}))


def test_left_out_settings_take_their_defaults() -> None:
    vote = vote_of(with_vote({"dots_per_participant": 2}))
    assert vote.settings == (("dots_per_participant", 2),)
    assert vote.setting("kept_threads") == 8
    bare = vote_of(with_vote({}))
    assert bare.settings == ()
    assert (bare.setting("dots_per_participant"), bare.setting("kept_threads")) == (4, 8)
    with pytest.raises(KeyError):
        bare.setting("colour")
    assert [(r.key, r.minimum, r.maximum, r.default) for r in setting_rules(bare.activity)] == [
        ("dots_per_participant", 1, 20, 4),
        ("kept_threads", 1, 50, 8),
    ]
    assert setting_rules(ActivityKind.WELCOME) == ()


def test_settings_are_written_and_read_back_equal() -> None:
    protocol = parse_protocol(with_vote({"kept_threads": 12}))
    data = protocol_data(protocol)
    assert data["steps"][-1]["settings"] == {"kept_threads": 12}
    assert "settings" not in data["steps"][0]  # none stated, none written
    assert parse_protocol(json.loads(json.dumps(data))) == protocol


BAD: list[tuple[object, str, str]] = [
    (
        {"dots": 4},
        "steps[3].settings.dots",
        "réglage inconnu pour l'activité «\u00a0dot-vote\u00a0» (réglages possibles\u00a0: "
        "dots_per_participant, kept_threads)",
    ),
    ({"dots_per_participant": 0}, "steps[3].settings.dots_per_participant", "0 n'est pas"),
    (
        {"dots_per_participant": 21},
        "steps[3].settings.dots_per_participant",
        "21 n'est pas possible (de 1 à 20)",
    ),
    ({"kept_threads": 51}, "steps[3].settings.kept_threads", "51 n'est pas possible (de 1 à 50)"),
    ({"kept_threads": "8"}, "steps[3].settings.kept_threads", "un nombre entier est attendu"),
    ({"kept_threads": True}, "steps[3].settings.kept_threads", "un nombre entier est attendu"),
    ({"kept_threads": 4.5}, "steps[3].settings.kept_threads", "un nombre entier est attendu"),
    ([4, 8], "steps[3].settings", "un objet {…} est attendu"),
]


@pytest.mark.parametrize(("settings", "path", "words"), BAD)
def test_bad_settings_are_refused_naming_the_field(settings: object, path: str, words: str) -> None:
    data = with_vote(settings)
    with pytest.raises(ProtocolError) as refused:
        parse_protocol(data)
    assert refused.value.path == path
    assert words in refused.value.problem
    assert not schema_accepts(data), "the published schema must refuse it too"


def test_an_activity_without_settings_refuses_any() -> None:
    data = copy.deepcopy(minimal())
    data["steps"][0]["settings"] = {"dots_per_participant": 4}
    with pytest.raises(ProtocolError) as refused:
        parse_protocol(data)
    assert refused.value.message == (
        "steps[0].settings.dots_per_participant\u00a0: réglage inconnu\u00a0: "
        "l'activité «\u00a0welcome\u00a0» n'en a aucun"
    )
    assert not schema_accepts(data)
    data["steps"][0]["settings"] = {}
    assert parse_protocol(data).steps[0].settings == ()
    assert schema_accepts(data)


def test_a_track_step_may_have_settings_too() -> None:
    data = copy.deepcopy(minimal())
    inner = data["steps"][2]["tracks"][0]["steps"][0]
    inner.update(activity="dot-vote", settings={"dots_per_participant": 2})
    assert parse_protocol(data).steps[2].tracks[0].steps[0].setting("dots_per_participant") == 2
    assert schema_accepts(data)
    inner["settings"] = {"dots_per_participant": 30}
    with pytest.raises(ProtocolError, match=r"tracks\[0\]\.steps\[0\]\.settings"):
        parse_protocol(data)
    assert not schema_accepts(data)


def test_the_built_in_votes_state_the_seed_s_figures() -> None:
    toulon = find_protocol("capacities-1-toulon").steps[-1]
    assert toulon.activity is ActivityKind.DOT_VOTE
    assert toulon.settings == (("dots_per_participant", 4), ("kept_threads", 8))
    cpn = next(s for s in find_protocol("design-thinking-cpn").steps if s.settings)
    assert cpn.setting("dots_per_participant") == 1  # one dot each, on the idea one keeps


# --- in the store -----------------------------------------------------------------------------


def test_the_agenda_stores_settings_as_json_and_reads_them_back(store: Store) -> None:
    protocol = parse_protocol(with_vote({"kept_threads": 6}))
    workshop, _changes = create_workshop(store, "Atelier")
    apply_protocol(store, workshop.public_id, protocol)

    with store.read() as session:
        stored = {title: text for title, text in session.execute(select(Step.title, Step.settings))}
    assert stored["Vote"] == '{"kept_threads": 6}'
    assert stored["Accueil"] == "{}"
    agenda = read_agenda(store, workshop.public_id)
    assert agenda.protocol.steps[-1].settings == (("kept_threads", 6),)
    assert agenda.protocol.steps[-1] == protocol.steps[-1]


def test_settings_the_store_cannot_read_fall_back_to_the_defaults(store: Store) -> None:
    workshop, _changes = create_workshop(store, "Atelier")
    apply_protocol(store, workshop.public_id, find_protocol("capacities-1-toulon"))
    with store.write() as session:
        vote = session.scalars(select(Step).where(Step.activity_kind == "dot-vote")).one()
        vote.settings = '{"dots_per_participant": 999'
    step = read_agenda(store, workshop.public_id).protocol.steps[-1]
    assert step.settings == () and step.setting("dots_per_participant") == 4


def test_a_duplicated_workshop_keeps_the_settings(store: Store) -> None:
    workshop, _changes = create_workshop(store, "Toulon")
    apply_protocol(store, workshop.public_id, find_protocol("capacities-1-toulon"))
    copy_summary, _changes = duplicate_workshop(store, workshop.public_id)
    copied = read_agenda(store, copy_summary.public_id).protocol.steps[-1]
    assert copied.settings == (("dots_per_participant", 4), ("kept_threads", 8))
