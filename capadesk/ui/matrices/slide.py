"""The matrix for the room: the section being filled, white on black, in type scaled to the
window's height (designed at 1080 px), no selection, no scroll bar, no editing chrome.

It shares the editor's model, so a cell typed on the laptop shows at once; the presenter tells
it which section and row to show (``follow``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QIdentityProxyModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QTableView, QVBoxLayout, QWidget

from capadesk.core.domain.matrix_grid import LineKind
from capadesk.i18n import _
from capadesk.ui.matrices.grid_model import KIND_ROLE, MatrixGridModel
from capadesk.ui.runner.style import ProjectionTheme, current_theme

DESIGN_HEIGHT = 1080
HEAD = QColor("#1f3a5f")
BAND = QColor("#2a2a2a")
TOTAL = QColor("#4a3b00")
GRID = "#6a6a6a"


class ProjectedGrid(QIdentityProxyModel):
    """The editor's model in the projection's colours; heads, labels and totals in bold."""

    bold: QFont | None = None  # the slide's type, bold (set when the slide is resized)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(current_theme().text))
        if role == Qt.ItemDataRole.BackgroundRole:
            kind = super().data(index, KIND_ROLE)
            colour = {
                LineKind.HEADER: HEAD,
                LineKind.BAND: BAND,
                LineKind.SUBTOTAL: TOTAL,
                LineKind.TOTAL: TOTAL,
            }.get(kind)
            if colour is None:
                colour = QColor(current_theme().background)
            return QBrush(colour)
        if role == Qt.ItemDataRole.FontRole:
            kind = super().data(index, KIND_ROLE)
            plain = kind is LineKind.DATA and index.column() > 0
            return None if plain or self.bold is None else QFont(self.bold)
        return super().data(index, role)


class MatrixSlide(QWidget):
    """See module docstring."""

    def __init__(self, model: MatrixGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Matrice projetée"))
        self.setObjectName("MatrixSlide")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.grid_model = model
        self.title_label = QLabel()
        self.title_label.setAccessibleName(_("Titre de la matrice"))
        self.title_label.setWordWrap(True)
        self.proxy = ProjectedGrid(self)
        self.proxy.setSourceModel(model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setWordWrap(True)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.horizontalHeader().hide()
        self.view.verticalHeader().hide()
        self.apply_look(current_theme(), 1.0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.view, 1)
        self.section_id = ""
        model.modelReset.connect(self._reshape)
        model.dataChanged.connect(lambda *_args: self.view.resizeRowsToContents())
        self._reshape()

    def apply_look(self, theme: ProjectionTheme, font_scale: float) -> None:
        """Follow the projection's ``theme`` (the heads, bands and totals keep their tints)."""
        del font_scale  # the grid's type is sized by the window's height
        self.setStyleSheet(f"#MatrixSlide {{ background: {theme.background}; }}")
        self.title_label.setStyleSheet(f"QLabel {{ color: {theme.text}; }}")
        self.view.setStyleSheet(
            f"QTableView {{ background: {theme.background}; color: {theme.text};"
            f" gridline-color: {GRID}; }}"
        )
        self.view.viewport().update()

    def set_title(self, title: str) -> None:
        """The matrix and whose it is: « Analyse coût-bénéfice — Port de Fécamp »."""
        self.title_label.setText(title)
        self._fit_title()

    def _fit_title(self) -> None:
        """The title as tall as its wrapped text, the grid laid out below it at once."""
        layout = self.layout()
        if layout is None:
            return
        margin = layout.contentsMargins().left()
        self.title_label.setFixedHeight(self.title_label.heightForWidth(self.width() - 2 * margin))
        layout.activate()

    def follow(self, section_id: str, row: int) -> None:
        """Show only the section ``section_id``, scrolled so that ``row`` is in sight."""
        if section_id != self.section_id:
            self.section_id = section_id
            self._show_section()
        if 0 <= row < self.proxy.rowCount():
            self.view.scrollTo(self.proxy.index(row, 0), QAbstractItemView.ScrollHint.EnsureVisible)

    def _show_section(self) -> None:
        model = self.grid_model
        shown = model.section_rows(self.section_id)
        for number in range(model.rowCount()):
            self.view.setRowHidden(number, bool(shown) and number not in shown)
        self._widths()

    def _reshape(self) -> None:
        self.view.clearSpans()
        model = self.grid_model
        for number, row in enumerate(model.rows):
            if row.kind is LineKind.BAND and model.columnCount() > 1:
                self.view.setSpan(number, 0, 1, model.columnCount())
        if model.rows and self.section_id not in {r.line.section.id for r in model.rows}:
            self.section_id = model.rows[0].line.section.id
        self._show_section()

    def _widths(self) -> None:
        """The labels a quarter of the width, the section's columns sharing the rest."""
        model = self.grid_model
        rows = model.section_rows(self.section_id)
        if not rows:
            return
        section = model.rows[rows[0]].line.section
        used = len(section.columns) + int(section.row_total)
        width = max(1, self.view.viewport().width())
        label = int(width * 0.25) if section.has_row_labels else 0
        cell = max(40, (width - label) // max(1, used))
        self.view.setColumnWidth(0, label)
        for column in range(1, model.columnCount()):
            self.view.setColumnWidth(column, cell if column <= used else 0)
        self.view.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        factor = max(0.5, self.height() / DESIGN_HEIGHT)
        font = QFont(self.view.font())
        font.setPixelSize(int(30 * factor))
        self.view.setFont(font)
        bold = QFont(font)
        bold.setBold(True)
        self.proxy.bold = bold
        title = QFont(self.title_label.font())
        title.setPixelSize(int(46 * factor))
        title.setBold(True)
        self.title_label.setFont(title)
        margin = int(24 * factor)
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(margin, margin, margin, margin)
        self._fit_title()
        self._widths()
