"""The matrices of the method, filled in the room: the chooser, the keyboard-first grid, the
projected slide and the PDFs."""

from capadesk.ui.matrices.dialogs import MatrixDialogs
from capadesk.ui.matrices.presenter import MatrixPresenter
from capadesk.ui.matrices.slide import MatrixSlide

__all__ = ["MatrixDialogs", "MatrixPresenter", "MatrixSlide"]
