"""One sheet of a filled matrix as a table model: the lines of ``matrix_grid.grid_lines`` (column
heads, group bands, rows, totals), the row labels in column 0, the cells after them.

Only the cells of data rows are enabled, so the view's arrows and Tab go from cell to cell and
never stop on a head or a total. The model never changes the store: an edit emits
``edit_requested`` and the presenter runs the command; ``fill`` shows what was stored.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from capadesk.core.domain.matrix import CellKind, Column, GroupLayout, MatrixTemplate, Sheet
from capadesk.core.domain.matrix_cells import display_text, input_text
from capadesk.core.domain.matrix_grid import (
    EMPTY,
    ROW_TOTAL,
    FilledMatrix,
    GridLine,
    LineKind,
    grid_lines,
    total_text,
)
from capadesk.i18n import _

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell's key (data rows)
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # the LineKind of the row
HINT_ROLE = Qt.ItemDataRole.UserRole + 3  # what to type in the cell
COLUMN_ROLE = Qt.ItemDataRole.UserRole + 4  # the template Column of the cell

HEAD_BACKGROUND = QColor("#dde3ee")
BAND_BACKGROUND = QColor("#eef0f6")
TOTAL_BACKGROUND = QColor("#fcf4d6")
LABEL_TEXT = QColor("#1a1a1a")

_Index = QModelIndex | QPersistentModelIndex


class ModelRow(NamedTuple):
    """One row of the model: a grid line, or a band naming a group laid out as a column."""

    kind: LineKind
    line: GridLine


def model_rows(template: MatrixTemplate, filled: FilledMatrix, sheet: Sheet) -> list[ModelRow]:
    """The grid's lines, a band added before each group printed as a column on paper (on
    screen every group is a band: the grid stays one column of labels wide)."""
    rows: list[ModelRow] = []
    for line in grid_lines(template, filled, sheet):
        section = line.section
        if (
            line.kind is LineKind.DATA
            and line.first_of_group
            and line.group is not None
            and section.group_layout is GroupLayout.COLUMN
        ):
            band = line._replace(kind=LineKind.BAND, label=line.group.label)
            rows.append(ModelRow(LineKind.BAND, band))
        rows.append(ModelRow(line.kind, line))
    return rows


class MatrixGridModel(QAbstractTableModel):
    """See module docstring.

    Signals:
        edit_requested(str, str, str): a cell's key, the text typed, the column's label.
    """

    edit_requested = Signal(str, str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.template: MatrixTemplate | None = None
        self.filled: FilledMatrix = EMPTY
        self.sheet: Sheet | None = None
        self.rows: list[ModelRow] = []
        self._columns = 1

    def fill(
        self, template: MatrixTemplate | None, filled: FilledMatrix, sheet: Sheet | None
    ) -> None:
        """Show ``sheet`` of ``template`` filled with ``filled`` (None: nothing)."""
        rows = model_rows(template, filled, sheet) if template and sheet else []
        columns = 1
        if template is not None:
            columns += max(len(s.columns) + int(s.row_total) for s in template.sections)
        same_shape = columns == self._columns and [
            (r.kind, r.line.row_key, r.line.label) for r in rows
        ] == [(r.kind, r.line.row_key, r.line.label) for r in self.rows]
        self.template, self.filled, self.sheet = template, filled, sheet
        if same_shape and rows:
            self.rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, columns - 1))
            return
        self.beginResetModel()
        self.rows, self._columns = rows, columns
        self.endResetModel()

    # --- reading ------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else self._columns

    def column_at(self, index: _Index) -> Column | None:
        """The template column shown at ``index`` (None for the labels, the row total…)."""
        if not index.isValid() or index.column() == 0:
            return None
        columns = self.rows[index.row()].line.section.columns
        position = index.column() - 1
        return columns[position] if position < len(columns) else None

    def _is_row_total(self, index: _Index) -> bool:
        section = self.rows[index.row()].line.section
        return section.row_total and index.column() == len(section.columns) + 1

    def key_at(self, index: _Index) -> str:
        """The cell key at ``index`` of a data row, or the empty string."""
        column = self.column_at(index)
        row = self.rows[index.row()] if index.isValid() else None
        if row is None or column is None or row.kind is not LineKind.DATA:
            return ""
        return row.line.key(column)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if self.key_at(index):
            return (
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable
            )
        return Qt.ItemFlag.NoItemFlags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == KIND_ROLE:
            return row.kind
        if role == KEY_ROLE:
            return self.key_at(index)
        if role == COLUMN_ROLE:
            return self.column_at(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, index)
        if role == Qt.ItemDataRole.EditRole:
            column = self.column_at(index)
            key = self.key_at(index)
            if column is None or not key:
                return ""
            return input_text(column.kind, self.filled.value(key, column.kind))
        if role == HINT_ROLE or role == Qt.ItemDataRole.ToolTipRole:
            return self._hint(row, index)
        if role == Qt.ItemDataRole.BackgroundRole:
            return _BACKGROUNDS.get(row.kind)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(LABEL_TEXT)  # the same on disabled heads and totals
        if role == Qt.ItemDataRole.FontRole and (
            row.kind is not LineKind.DATA or index.column() == 0
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            column = self.column_at(index)
            right = (column is not None and column.kind is CellKind.AMOUNT) or (
                row.kind in (LineKind.SUBTOTAL, LineKind.TOTAL) and index.column() > 0
            )
            horizontal = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
            return horizontal | Qt.AlignmentFlag.AlignTop
        return None

    def _text(self, row: ModelRow, index: _Index) -> str:
        line = row.line
        column = self.column_at(index)
        if row.kind is LineKind.HEADER:
            if index.column() == 0:
                return line.section.corner
            if column is not None:
                if column.kind is CellKind.YES_NO:
                    return f"{column.yes_label}\n{column.no_label}"
                return column.label
            return _("Total de la ligne") if self._is_row_total(index) else ""
        if row.kind is LineKind.BAND:
            return line.label if index.column() == 0 else ""
        if row.kind in (LineKind.SUBTOTAL, LineKind.TOTAL):
            if index.column() == 0:
                return line.label
            if column is not None and column.total:
                return total_text(line.totals.get(column.id, {}))
            return ""
        if index.column() == 0:
            return line.label
        if self._is_row_total(index):
            return total_text(line.totals.get(ROW_TOTAL, {}))
        if column is None:
            return ""
        return display_text(column.kind, self.filled.value(line.key(column), column.kind))

    def _hint(self, row: ModelRow, index: _Index) -> str:
        column = self.column_at(index)
        if row.kind is not LineKind.DATA or column is None:
            return ""
        parts = [column.hint or _("Type\u00a0: {kind}").format(kind=column.kind.label)]
        if row.line.row is not None and row.line.row.hint:
            parts.insert(0, row.line.row.hint)
        return " — ".join(parts)

    # --- editing ------------------------------------------------------------------------------

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        key = self.key_at(index)
        column = self.column_at(index)
        if role != Qt.ItemDataRole.EditRole or not key or column is None:
            return False
        typed = str(value)
        if typed == self.data(index, Qt.ItemDataRole.EditRole):
            return False  # nothing changed: no history entry
        self.edit_requested.emit(key, typed, column.label or column.yes_label)
        return True

    def index_of_key(self, key: str) -> QModelIndex:
        """Where the cell ``key`` is shown (invalid when not on this sheet)."""
        for number, row in enumerate(self.rows):
            if row.kind is not LineKind.DATA:
                continue
            for position, column in enumerate(row.line.section.columns, start=1):
                if row.line.key(column) == key:
                    return self.index(number, position)
        return QModelIndex()

    def section_rows(self, section_id: str) -> range:
        """The model rows of one section (its head to its total)."""
        numbers = [i for i, r in enumerate(self.rows) if r.line.section.id == section_id]
        return range(numbers[0], numbers[-1] + 1) if numbers else range(0)


_BACKGROUNDS = {
    LineKind.HEADER: QBrush(HEAD_BACKGROUND),
    LineKind.BAND: QBrush(BAND_BACKGROUND),
    LineKind.SUBTOTAL: QBrush(TOTAL_BACKGROUND),
    LineKind.TOTAL: QBrush(TOTAL_BACKGROUND),
}
