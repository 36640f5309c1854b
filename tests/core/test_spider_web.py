"""The Spider Web board: rings opened by their constraints, one dot per participant, the most
voted ideas kept; boards in the store."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from capadesk.core.domain import spider_web as web_rules
from capadesk.core.domain.people import ParticipantFields
from capadesk.core.domain.spider_web import SpiderWeb
from capadesk.core.errors import ValidationError
from capadesk.core.services import spider_webs
from capadesk.core.services.participants import add_participant, mark_arrived
from capadesk.core.services.tool_commands import PutDocument
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.store import Store


def board() -> SpiderWeb:
    web = web_rules.set_problem(SpiderWeb(), "Comment pourrions-nous simplifier la mairie ?")
    web = web_rules.add_idea(web, 1, "Un guichet en ligne", "a")
    web = web_rules.set_constraint(web, 2, "Je ne peux pas me déplacer en mairie")
    web = web_rules.add_idea(web, 2, "La mairie vient à moi", "b")
    web = web_rules.set_constraint(web, 3, "Nous sommes en 2050")
    web = web_rules.add_idea(web, 3, "Un agent virtuel", "c")
    return web_rules.add_idea(web, 1, "Des horaires du soir", "d")


def test_rings_two_and_three_open_with_their_constraint() -> None:
    web = web_rules.set_problem(SpiderWeb(), "Problème")
    assert [web.ring_open(r) for r in (1, 2, 3)] == [True, False, False]
    with pytest.raises(ValidationError, match="cercle 2 s'ouvre"):
        web_rules.add_idea(web, 2, "Trop tôt", "x")
    with pytest.raises(ValidationError, match="d'abord la contrainte du cercle 2"):
        web_rules.set_constraint(web, 3, "Nous sommes en 2050")
    web = web_rules.set_constraint(web, 2, "Sans se déplacer")
    assert [web.ring_open(r) for r in (1, 2, 3)] == [True, True, False]
    with pytest.raises(ValidationError, match="cercle 3 s'ouvre"):
        web_rules.add_idea(web, 3, "Trop tôt", "x")
    with pytest.raises(ValidationError, match="cercles 2 et 3"):
        web_rules.set_constraint(web, 1, "Non")


def test_a_constraint_with_ideas_under_it_stays() -> None:
    web = board()
    with pytest.raises(ValidationError, match="ne peut pas être retirée"):
        web_rules.set_constraint(web, 2, "")
    with pytest.raises(ValidationError, match="ne peut pas être retirée"):
        web_rules.set_constraint(web, 3, "  ")
    emptied = web_rules.remove_idea(web, "c")
    assert web_rules.set_constraint(emptied, 3, "").constraints[1] == ""


def test_a_ring_is_limited_and_ideas_need_text() -> None:
    web = SpiderWeb()
    for index in range(web_rules.MAX_IDEAS_PER_RING):
        web = web_rules.add_idea(web, 1, f"idée {index}", str(index))
    with pytest.raises(ValidationError, match="plein"):
        web_rules.add_idea(web, 1, "une de trop", "x")
    with pytest.raises(ValidationError, match="vide"):
        web_rules.add_idea(SpiderWeb(), 1, "   ", "x")
    with pytest.raises(ValidationError, match="1, 2 ou 3"):
        web_rules.add_idea(SpiderWeb(), 4, "idée", "x")


def test_one_dot_per_participant() -> None:
    web = board()
    with pytest.raises(ValidationError, match="nombre de participants"):
        web_rules.add_dot(web, "a")
    web = web_rules.set_participants(web, 3)
    for idea in ("a", "b", "b"):
        web = web_rules.add_dot(web, idea)
    assert web.dots_left == 0
    with pytest.raises(ValidationError, match="Les 3 gommettes sont toutes posées"):
        web_rules.add_dot(web, "c")
    with pytest.raises(ValidationError, match="déjà posées"):
        web_rules.set_participants(web, 2)
    web = web_rules.remove_dot(web, "b")
    assert web.dots_left == 1
    with pytest.raises(ValidationError, match="pas de gommette"):
        web_rules.remove_dot(web, "d")


def test_the_most_voted_ideas_are_kept_ties_included() -> None:
    web = web_rules.set_participants(board(), 10)
    for idea, dots in (("a", 1), ("b", 4), ("c", 2), ("d", 2)):
        for _ in range(dots):
            web = web_rules.add_dot(web, idea)
    web = web_rules.set_keep(web, 2)
    assert [i.id for i in web_rules.kept_ideas(web)] == ["b", "c", "d"]  # c and d tie
    assert [i.id for i in web_rules.kept_ideas(web_rules.set_keep(web, 1))] == ["b"]
    assert web_rules.kept_ideas(board()) == ()  # no dot, nothing kept


@given(st.lists(st.sampled_from("abcd"), max_size=30), st.integers(0, 12))
def test_dots_never_exceed_participants(votes: list[str], participants: int) -> None:
    web = web_rules.set_participants(board(), participants)
    for idea in votes:
        with contextlib.suppress(ValidationError):
            web = web_rules.add_dot(web, idea)
    assert web.dots_used <= participants
    assert web_rules.load(json.loads(json.dumps(web_rules.dump(web))), 1) == web


def test_a_damaged_board_is_refused() -> None:
    data = web_rules.dump(board())
    with pytest.raises(ValidationError, match="illisible"):
        web_rules.load({**data, "ideas": [{"id": "a", "text": "x", "ring": 5}]}, 1)
    with pytest.raises(ValidationError, match="illisible"):
        web_rules.load({**data, "constraints": ["un"]}, 1)


def test_boards_in_the_store_and_the_voters_count(store: Store) -> None:
    workshop, _c = create_workshop(store, "Design thinking")
    assert spider_webs.voters(store, workshop.public_id) == 0
    first, _c = add_participant(store, workshop.public_id, ParticipantFields("Ana"))
    add_participant(store, workshop.public_id, ParticipantFields("Bruno"))
    assert spider_webs.voters(store, workshop.public_id) == 2
    mark_arrived(store, first.public_id, dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
    assert spider_webs.voters(store, workshop.public_id) == 1
    board_id = uuid.uuid4()
    place = spider_webs.place(workshop.public_id)
    PutDocument("x", place, board_id, None, spider_webs.CODEC.content(board())).apply(store)
    (stored,) = spider_webs.list_webs(store, workshop.public_id)
    assert stored.value == board() and stored.stored.title.startswith("Comment pourrions")
