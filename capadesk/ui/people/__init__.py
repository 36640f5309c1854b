"""Participants and groups: the roster editor and the group board, each with its presenter.

Import lazily (they load SQLAlchemy through the services), as the page does for the agenda.
"""

from capadesk.ui.people.dialogs import PeopleDialogs
from capadesk.ui.people.group_board import GroupBoard
from capadesk.ui.people.group_presenter import GroupBoardPresenter
from capadesk.ui.people.roster_presenter import RosterPresenter
from capadesk.ui.people.roster_view import RosterEditor

__all__ = ["GroupBoard", "GroupBoardPresenter", "PeopleDialogs", "RosterEditor", "RosterPresenter"]
