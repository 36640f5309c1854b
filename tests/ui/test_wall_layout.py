"""The wall's layout arithmetic (no widget): every shown card has one place, hit tests find it,
the visible band lists it, gaps and headings hit nothing."""

from __future__ import annotations

import datetime as dt
import uuid

from hypothesis import given
from hypothesis import strategies as st

from capadesk.core.domain.capture import CaptureView, UseCaseView
from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.ui.capture.wall_layout import (
    Grid,
    Grouping,
    Section,
    WallFilter,
    WallGeometry,
    sections,
)
from capadesk.ui.capture.wall_model import WallContext

GRID = Grid(card_width=100, card_height=60, gap=8, margin=16, header_height=30)
WORKSHOP = uuid.uuid4()


def card(
    n: int, use_case: uuid.UUID | None, kind: CaptureKind = CaptureKind.IRRITANT
) -> CaptureView:
    return CaptureView(
        uuid.uuid4(),
        WORKSHOP,
        kind,
        f"Carte {n}",
        LifecycleStage.SHARING if n % 2 else None,
        use_case,
        None,
        None,
        None,
        "",
        dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        n,
    )


@given(
    sizes=st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=6),
    width=st.integers(min_value=50, max_value=2000),
)
def test_every_card_is_found_where_it_is_drawn(sizes: list[int], width: int) -> None:
    rows = iter(range(sum(sizes)))
    found = [
        Section(None, f"Section {n}" if n % 2 else "", [next(rows) for _ in range(size)])
        for n, size in enumerate(sizes)
    ]
    geometry = WallGeometry(found, GRID, width)
    assert geometry.order == list(range(sum(sizes)))
    everything = set(geometry.rows_between(0, geometry.height))
    for row in geometry.order:
        rect = geometry.rect(row)
        assert rect is not None
        x, y, w, h = rect
        assert x + w <= max(width, GRID.margin + GRID.card_width) and y + h <= geometry.height
        assert geometry.row_at(x + w // 2, y + h // 2) == row
        assert geometry.row_at(x + w + GRID.gap // 2, y + h // 2) is None  # the gap
        assert row in geometry.rows_between(y + h // 2, y + h // 2)
        assert row in everything
    for placed in geometry.placed:
        if placed.section.title:  # a heading hits no card
            assert geometry.row_at(GRID.margin + 5, placed.top + 2) is None


def test_sections_follow_the_use_cases_order_and_the_filter() -> None:
    first = UseCaseView(uuid.uuid4(), "Mobilité", "", "", 1)
    second = UseCaseView(uuid.uuid4(), "Eau", "", "", 0)
    captures = [
        card(0, first.public_id),
        card(1, second.public_id, CaptureKind.WISH),
        card(2, None),
        card(3, uuid.uuid4()),  # a use case not listed yet: with the others
    ]
    context = WallContext(use_cases={u.public_id: u for u in (first, second)})
    found = sections(captures, Grouping.USE_CASE, WallFilter(), context)
    assert [(s.title, s.rows) for s in found] == [
        ("Eau", [1]),
        ("Mobilité", [0]),
        ("Sans cas d'usage", [2, 3]),
    ]
    wishes = WallFilter(kinds=frozenset({CaptureKind.WISH}))
    assert [(s.title, s.rows) for s in sections(captures, Grouping.USE_CASE, wishes, context)] == [
        ("Eau", [1])
    ]
    staged = WallFilter(stages=frozenset({LifecycleStage.SHARING}), text="CARTE")
    assert sections(captures, Grouping.NONE, staged, context) == [Section(None, "", [1, 3])]
    assert sections([], Grouping.THREAD, WallFilter(), context) == []
