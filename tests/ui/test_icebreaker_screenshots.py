"""Screenshots of the ice-breakers' projected pages (and their control widgets), filled as in a
real room, into $CAPADESK_SCREENSHOTS (else a temporary folder)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QWidget

from capadesk.core.domain.icebreakers import EntryDraft, EntryKind
from capadesk.core.domain.vocabulary import ActivityKind
from capadesk.core.services.group_commands import ReplaceGroups
from capadesk.core.services.groups import GroupDraft
from capadesk.core.services.icebreaker_commands import RecordEntry
from capadesk.core.storage.store import Store
from capadesk.ui.icebreakers.canvas import CanvasSlide
from capadesk.ui.icebreakers.line_up import LineUpTool
from capadesk.ui.main_window import MainWindow

from .test_capture_fixtures import screenshots
from .test_icebreakers import Room

MOODS = [
    ("Anne Durand", "curieuse"),
    ("Bruno Martin", "Curieuse"),
    ("Chloé Roux", "sereine"),
    ("Denis Blanc", "impatient"),
    ("Élodie Petit", "curieuse"),
    ("Farid Haddad", "fatigué mais content"),
    ("Gaëlle Nguyen", "sereine"),
    ("Hugo Lefèvre", "enthousiaste"),
    ("Inès Moreau", "15"),
    ("Julien Caron", "enthousiaste"),
    ("Karim Benali", "curieuse"),
    ("Laure Fabre", "42"),
]
THROWS = [
    ("Anne Durand", "Hugo Lefèvre", "La mobilité douce"),
    ("Hugo Lefèvre", "Chloé Roux", "Les données ouvertes"),
    ("Chloé Roux", "Bruno Martin", "La transition énergétique"),
    ("Bruno Martin", "Inès Moreau", "Le vélo au quotidien"),
    ("Inès Moreau", "Karim Benali", "Nos deux communes voisines"),
    ("Karim Benali", "Laure Fabre", "Les capteurs dans la ville"),
    ("Laure Fabre", "Denis Blanc", "Le tableur partagé"),
    ("Denis Blanc", "Gaëlle Nguyen", "L'éclairage public"),
    ("Gaëlle Nguyen", "Anne Durand", "Le conseil municipal des jeunes"),
    ("Anne Durand", "Farid Haddad", "Le port de plaisance"),
]
TOWERS = [("Les Bâtisseurs", 84.0), ("Équipe Vert", 91.5), ("Rouge", 84.0), ("Jaune", 60.0)]


def record(room: Room, draft: EntryDraft) -> None:
    assert room.window.operations.execute(RecordEntry(room.wid, room.step, draft))


def save(qtbot: QtBot, widget: QWidget, folder: Path, name: str) -> None:
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.grab().save(str(folder / name))


def test_screenshots_of_the_line_up(
    qtbot: QtBot, ready: MainWindow, store: Store, tmp_path: Path
) -> None:
    folder = screenshots(tmp_path)
    room = Room(qtbot, ready, store, "capacities-1-toulon", ActivityKind.ICEBREAKER_LINE_UP)
    tool = room.presenter.tool
    assert isinstance(tool, LineUpTool)
    for _n in range(2):
        tool.control.draw_button.click()
    record(room, EntryDraft(EntryKind.LINE_UP_DRAW, text=room.data().deck[0].text))
    slide = room.presenter.slide()
    qtbot.addWidget(slide)
    save(qtbot, slide, folder, "icebreaker-line-up.png")
    tool.control.tabs.setCurrentWidget(tool.control.round_tab)
    for name, km in [("Anne", 12), ("Bruno", 85.5), ("Chloé", 840), ("Denis", 5), ("Élodie", 0)]:
        record(room, EntryDraft(EntryKind.LINE_UP_KM, person=name, number=km))
    for name in ("Farid", "Gaëlle", "Hugo", "Inès"):
        record(room, EntryDraft(EntryKind.LINE_UP_KM, person=name, number=310))
    save(qtbot, slide, folder, "icebreaker-line-up-round.png")
    save(qtbot, room.presenter.view, folder, "icebreaker-line-up-control.png")


def test_screenshots_of_dixit_and_the_yarn(
    qtbot: QtBot, ready: MainWindow, store: Store, tmp_path: Path
) -> None:
    folder = screenshots(tmp_path)
    room = Room(qtbot, ready, store, "capacities-2-lisieux", ActivityKind.ICEBREAKER_DIXIT)
    for name, mood in MOODS:
        card = float(mood) if mood.isdigit() else None
        text = "" if card else mood
        record(room, EntryDraft(EntryKind.DIXIT_MOOD, person=name, text=text, number=card))
    for giver, receiver, link in THROWS:
        record(room, EntryDraft(EntryKind.YARN_LINK, person=giver, other=receiver, text=link))
    slide = room.presenter.slide()
    qtbot.addWidget(slide)
    save(qtbot, slide, folder, "icebreaker-dixit.png")
    page = slide.currentWidget()
    assert isinstance(page, CanvasSlide)
    save(qtbot, room.presenter.view, folder, "icebreaker-dixit-control.png")
    room.presenter.show_tool(1)
    save(qtbot, slide, folder, "icebreaker-yarn.png")
    save(qtbot, room.presenter.view, folder, "icebreaker-yarn-control.png")


def test_screenshots_of_the_lego_tower(
    qtbot: QtBot, ready: MainWindow, store: Store, tmp_path: Path
) -> None:
    folder = screenshots(tmp_path)
    room = Room(qtbot, ready, store, "capacities-3-chamonix", ActivityKind.ICEBREAKER_LEGO_TOWER)
    drafts = [GroupDraft(name) for name, _height in TOWERS[:3]]
    assert ready.operations.execute(ReplaceGroups(room.wid, room.step, drafts))
    teams = {team.name: team.public_id for team in room.data().teams}
    for name, height in [*TOWERS, ("Les Architectes du Mont-Blanc", 47.0)]:
        group = teams.get(name)
        label = "" if group else name
        record(room, EntryDraft(EntryKind.LEGO_TOWER, group_id=group, label=label, number=height))
    slide = room.presenter.slide()
    qtbot.addWidget(slide)
    save(qtbot, slide, folder, "icebreaker-lego.png")
    save(qtbot, room.presenter.view, folder, "icebreaker-lego-control.png")
