"""The list's item model and its search filter, checked by Qt's model tester with real data."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import cast

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from capadesk.core.domain.workshop import WorkshopSummary
from capadesk.ui.models.workshop_list_model import ID_ROLE, WorkshopFilter, WorkshopListModel

pytestmark = pytest.mark.gui  # Qt models, even where no fixture needs a QApplication


def check_model(tester: ModelTester, model: QAbstractItemModel, force_py: bool) -> None:
    """``qtmodeltester.check`` (untyped in pytest-qt): Qt's own tester, or pytest-qt's port."""
    cast(Callable[..., None], tester.check)(model, force_py=force_py)


def workshop(
    title: str,
    place: str = "",
    day: dt.date | None = None,
    programme: str | None = None,
    public_id: uuid.UUID | None = None,
) -> WorkshopSummary:
    return WorkshopSummary(
        public_id=public_id or uuid.uuid4(),
        title=title,
        place=place,
        day=day,
        programme_title=programme,
        updated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )


@pytest.fixture
def rows() -> list[WorkshopSummary]:
    return [
        workshop("Atelier Écully", "Écully", dt.date(2026, 3, 14), "CAPACities 2022"),
        workshop("Réunion mobilité", "Toulon", dt.date(2026, 2, 1)),
        workshop("Dessine-moi ton cas d'usage", programme="Été numérique"),
    ]


def test_model_shows_the_four_columns(rows: list[WorkshopSummary]) -> None:
    model = WorkshopListModel()
    model.replace(rows)

    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Titre", "Lieu", "Date", "Programme"]
    assert [model.index(0, c).data() for c in range(4)] == [
        "Atelier Écully",
        "Écully",
        "14/03/2026",
        "CAPACities 2022",
    ]
    assert [model.index(2, c).data() for c in range(4)] == [
        "Dessine-moi ton cas d'usage",
        "",
        "",
        "Été numérique",
    ]
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "Réunion mobilité"
    assert model.index(1, 0).data(ID_ROLE) == rows[1].public_id  # the presenter reads column 0
    assert model.index(1, 0).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.rowCount(model.index(0, 0)) == 0  # a flat list
    assert model.row_of(rows[2].public_id) == 2
    assert model.row_of(uuid.uuid4()) is None
    assert model.workshop_at(1) == rows[1]


@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "py-tester"])
def test_model_passes_the_model_tester_through_its_changes(
    qtmodeltester: ModelTester, rows: list[WorkshopSummary], force_py: bool
) -> None:
    model = WorkshopListModel()
    model.replace(rows)
    check_model(qtmodeltester, model, force_py)

    # Same order, one row changed: a dataChanged, checked live by the tester.
    edited = workshop("Réunion mobilité — bilan", "Toulon", rows[1].day, None, rows[1].public_id)
    model.replace([rows[0], edited, rows[2]])
    assert model.index(1, 0).data() == "Réunion mobilité — bilan"

    # New order: a reset.
    model.replace([rows[2], edited])
    assert model.rowCount() == 2
    model.replace([])
    assert model.rowCount() == 0
    model.replace(rows)
    assert model.rowCount() == 3


def test_replace_in_the_same_order_emits_data_changed_for_changed_rows_only(
    qtbot: QtBot, rows: list[WorkshopSummary]
) -> None:
    model = WorkshopListModel()
    model.replace(rows)
    edited = workshop("Nouveau titre", public_id=rows[2].public_id)
    rows_changed: set[int] = set()
    columns_changed: set[int] = set()

    def record(top: QModelIndex, bottom: QModelIndex) -> None:
        rows_changed.update(range(top.row(), bottom.row() + 1))
        columns_changed.update(range(top.column(), bottom.column() + 1))

    model.dataChanged.connect(record)

    with qtbot.assertNotEmitted(model.modelReset):
        model.replace([rows[0], rows[1], edited])

    assert rows_changed == {2}
    assert columns_changed == {0, 1, 2, 3}
    assert model.index(2, 0).data() == "Nouveau titre"


@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "py-tester"])
def test_filter_passes_the_model_tester_while_filtering(
    qtmodeltester: ModelTester, rows: list[WorkshopSummary], force_py: bool
) -> None:
    model = WorkshopListModel()
    model.replace(rows)
    proxy = WorkshopFilter()
    proxy.setSourceModel(model)
    check_model(qtmodeltester, proxy, force_py)

    proxy.set_query("ecully")
    assert proxy.rowCount() == 1
    proxy.set_query("")
    assert proxy.rowCount() == 3
    proxy.set_query("zzz")
    assert proxy.rowCount() == 0
    model.replace([*rows, workshop("Atelier zzz")])
    assert proxy.rowCount() == 1
    proxy.set_query("")
    assert proxy.rowCount() == 4


def _visible(proxy: WorkshopFilter) -> list[str]:
    return [str(proxy.index(r, 0).data()) for r in range(proxy.rowCount(QModelIndex()))]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ecully", ["Atelier Écully"]),
        ("ÉCULLY", ["Atelier Écully"]),
        ("Ecully", ["Atelier Écully"]),
        ("reunion", ["Réunion mobilité"]),
        ("MOBILITE toulon", ["Réunion mobilité"]),
        ("toulon reunion", ["Réunion mobilité"]),
        ("ete", ["Dessine-moi ton cas d'usage"]),
        ("capacities", ["Atelier Écully"]),
        ("14/03", ["Atelier Écully"]),
        ("atelier toulon", []),
        ("   ", ["Atelier Écully", "Réunion mobilité", "Dessine-moi ton cas d'usage"]),
        ("", ["Atelier Écully", "Réunion mobilité", "Dessine-moi ton cas d'usage"]),
    ],
)
def test_filter_matches_every_word_blind_to_case_and_accents(
    qtbot: QtBot, rows: list[WorkshopSummary], query: str, expected: list[str]
) -> None:
    model = WorkshopListModel()
    model.replace(rows)
    proxy = WorkshopFilter()
    proxy.setSourceModel(model)

    proxy.set_query(query)

    assert _visible(proxy) == expected


def test_filter_follows_edits_of_the_source(qtbot: QtBot, rows: list[WorkshopSummary]) -> None:
    model = WorkshopListModel()
    model.replace(rows)
    proxy = WorkshopFilter()
    proxy.setSourceModel(model)
    proxy.set_query("lyon")
    assert _visible(proxy) == []

    moved = workshop("Réunion mobilité", "Lyon", rows[1].day, None, rows[1].public_id)
    model.replace([rows[0], moved, rows[2]])

    assert _visible(proxy) == ["Réunion mobilité"]
