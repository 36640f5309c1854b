"""The matrix grid, fast with the keyboard: arrows and Tab go from cell to cell (heads and totals
are skipped), Enter or F2 edits, typing starts editing with what was typed, Enter in the editor
saves and goes down, Shift+Enter is a new line, Escape cancels, Delete empties the cell."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from capadesk.core.domain.matrix import CellKind
from capadesk.core.domain.matrix_grid import LineKind
from capadesk.i18n import _
from capadesk.ui.matrices.grid_model import COLUMN_ROLE, HINT_ROLE, MatrixGridModel

MULTILINE = frozenset({CellKind.TEXT, CellKind.LIST, CellKind.INDICATOR, CellKind.YES_NO})
LABEL_WIDTH = 220
CELL_WIDTH = 200
_Index = QModelIndex | QPersistentModelIndex
MAX_ROW_HEIGHT = 220  # a 2,000-character cell scrolls in its editor rather than filling the screen


class CellEditor(QPlainTextEdit):
    """A multi-line cell editor: Enter saves, Shift+Enter (or Ctrl+Enter) adds a line.

    Signals:
        submitted(): Enter was pressed.
    """

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers()
            & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
        ):
            self.submitted.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.insertPlainText("\n")
            return
        super().keyPressEvent(event)


class CellDelegate(QStyledItemDelegate):
    """Edits a cell as text in the editor its kind needs.

    Signals:
        entered(): a cell was saved with Enter (the view then goes down a row).
    """

    entered = Signal()

    def createEditor(  # noqa: N802 (Qt API)
        self, parent: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> QWidget:
        column = index.data(COLUMN_ROLE)
        hint = str(index.data(HINT_ROLE) or "")
        if column is not None and column.kind in MULTILINE:
            editor = CellEditor(parent)
            editor.setPlaceholderText(hint)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(90)
            editor.submitted.connect(lambda: self._submit(editor))
            editor.setAccessibleName(_("Saisie de la case"))
            return editor
        line = QLineEdit(parent)
        line.setPlaceholderText(hint)
        line.setAccessibleName(_("Saisie de la case"))
        return line

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        # Enter in a one-line editor saves at once and goes down (Qt's own handling would save
        # later, from the event queue, after the cursor had moved).
        if (
            isinstance(watched, QLineEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._submit(watched)
            return True
        return super().eventFilter(watched, event)

    def _submit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.entered.emit()

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
            editor.moveCursor(editor.textCursor().MoveOperation.End)
        elif isinstance(editor, QLineEdit):
            editor.setText(text)

    def setModelData(  # noqa: N802 (Qt API)
        self, editor: QWidget, model: QAbstractItemModel, index: _Index
    ) -> None:
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(  # noqa: N802 (Qt API)
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            rect.setHeight(max(rect.height(), 90))
        editor.setGeometry(rect)


class MatrixGridView(QTableView):
    """See module docstring.

    Signals:
        clear_requested(QModelIndex): Delete or Backspace on a cell that is not being edited.
    """

    clear_requested = Signal(QModelIndex)

    def __init__(self, model: MatrixGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.grid_model = model
        self.delegate = CellDelegate(self)
        self.setItemDelegate(self.delegate)
        self.delegate.entered.connect(self.move_down)
        self.setAccessibleName(_("Grille de la matrice"))
        self.setWordWrap(True)
        self.setTabKeyNavigation(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        model.modelReset.connect(self.arrange)
        model.dataChanged.connect(lambda *_args: self.fit_rows())

    def arrange(self) -> None:
        """After a new grid: bands across, label and cell widths, row heights, first cell."""
        self.clearSpans()
        model = self.grid_model
        for number, row in enumerate(model.rows):
            if row.kind is LineKind.BAND and model.columnCount() > 1:
                self.setSpan(number, 0, 1, model.columnCount())
        self.share_width()
        self.fit_rows()
        if not self.currentIndex().isValid() or not self.currentIndex().flags():
            first = self.first_cell()
            if first.isValid():
                self.setCurrentIndex(first)

    def share_width(self) -> None:
        """The labels a fixed column, the cells sharing the rest of the width equally (the
        sections share their columns, so no one section's widths can rule)."""
        model = self.grid_model
        self.setColumnWidth(0, LABEL_WIDTH)
        cells = model.columnCount() - 1
        if cells > 0:
            room = self.viewport().width() - LABEL_WIDTH - 2
            width = max(CELL_WIDTH // 2, room // cells)
            for column in range(1, model.columnCount()):
                self.setColumnWidth(column, width)

    def fit_rows(self) -> None:
        """Rows as tall as their text, within reason; an empty row still two lines high."""
        self.resizeRowsToContents()
        lowest = self.fontMetrics().lineSpacing() * 2 + 8
        for number, row in enumerate(self.grid_model.rows):
            height = self.rowHeight(number)
            if height > MAX_ROW_HEIGHT:
                self.setRowHeight(number, MAX_ROW_HEIGHT)
            elif row.kind is LineKind.DATA and height < lowest:
                self.setRowHeight(number, lowest)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.share_width()
        self.fit_rows()

    def first_cell(self) -> QModelIndex:
        """The first editable cell."""
        model = self.grid_model
        for number in range(model.rowCount()):
            for column in range(1, model.columnCount()):
                index = model.index(number, column)
                if model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                    return index
        return QModelIndex()

    def move_down(self) -> None:
        """To the next cell of the same column that can be edited (after Enter)."""
        current = self.currentIndex()
        model = self.grid_model
        for number in range(current.row() + 1, model.rowCount()):
            below = model.index(number, current.column())
            if model.flags(below) & Qt.ItemFlag.ItemIsEditable:
                self.setCurrentIndex(below)
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        current = self.currentIndex()
        editable = current.isValid() and bool(
            self.grid_model.flags(current) & Qt.ItemFlag.ItemIsEditable
        )
        editing = self.state() == QAbstractItemView.State.EditingState
        key = event.key()
        if editable and not editing:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit(current)
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_requested.emit(current)
                return
            typed = event.text()
            plain_keys = event.modifiers() & ~(
                Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
            )
            if typed and typed.isprintable() and not plain_keys:
                self._start_typing(current, typed, event)
                return
        super().keyPressEvent(event)

    def _start_typing(self, index: QModelIndex, typed: str, event: QKeyEvent) -> None:
        """Open the editor on ``index`` with ``typed`` replacing what the cell held."""
        if not self.edit(index, QAbstractItemView.EditTrigger.AllEditTriggers, event):
            return
        editor = self.indexWidget(index) or QApplication.focusWidget()
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(typed)
            editor.moveCursor(editor.textCursor().MoveOperation.End)
        elif isinstance(editor, QLineEdit):
            editor.setText(typed)

    def current_editor(self) -> QWidget | None:
        """The open cell editor, if any (tests type into it)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return None
        widget = QApplication.focusWidget()
        return widget if isinstance(widget, QPlainTextEdit | QLineEdit) else None
