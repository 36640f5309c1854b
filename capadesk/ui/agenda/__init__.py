"""The agenda builder: edit a workshop's steps before the day starts (undoable)."""

from capadesk.ui.agenda.builder_view import AgendaBuilder
from capadesk.ui.agenda.dialogs import AgendaDialogs
from capadesk.ui.agenda.presenter import AgendaPresenter

__all__ = ["AgendaBuilder", "AgendaDialogs", "AgendaPresenter"]
