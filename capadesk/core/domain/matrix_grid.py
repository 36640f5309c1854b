"""A filled matrix (its cells and the stakeholders of repeatable groups), laid out as lines of
a grid, with its totals. The editor, the projection and the PDF all draw from ``grid_lines``.

Cells are keyed ``sheet/section/row/column``; a row of a repeatable group is ``row#instance``.
The JSON kept in the ``document`` table (format version 1) is::

    {"cells": {"/impacts/collectivite-investissement/couts": [...]},
     "instances": {"/impacts/parties": [{"id": "1", "name": "Entreprise"}]}}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import Enum
from types import MappingProxyType
from typing import Any, NamedTuple

from capadesk.core.domain.matrix import (
    CellKind,
    Column,
    GroupLayout,
    MatrixTemplate,
    Row,
    RowGroup,
    Section,
    Sheet,
)
from capadesk.core.domain.matrix_cells import (
    EURO,
    CellValue,
    Indicator,
    format_quantity,
    from_json,
    normal_unit,
    to_json,
)
from capadesk.core.errors import ValidationError
from capadesk.i18n import _

DATA_VERSION = 1
INSTANCE_NAME_MAX = 120
INSTANCES_MAX = 12
DOTS_UNIT = "gommettes"


class Instance(NamedTuple):
    """One repetition of a repeatable group: a stakeholder (« Entreprise »)."""

    id: str
    name: str = ""


class FilledMatrix(NamedTuple):
    """What a matrix holds: raw JSON cell values by key, and the groups' repetitions."""

    cells: Mapping[str, object]
    instances: Mapping[str, tuple[Instance, ...]]

    def raw(self, key: str) -> object:
        """The stored JSON of a cell, or None."""
        return self.cells.get(key)

    def value(self, key: str, kind: CellKind) -> CellValue | None:
        """The cell's value read as ``kind`` (None when empty or not of that kind)."""
        raw = self.cells.get(key)
        return None if raw is None else from_json(kind, raw)

    def with_cell(self, key: str, kind: CellKind, value: CellValue | None) -> FilledMatrix:
        """A copy with the cell set (``value`` None: emptied)."""
        cells = dict(self.cells)
        if value is None:
            cells.pop(key, None)
        else:
            cells[key] = to_json(kind, value)
        return self._replace(cells=cells)

    def with_raw(self, key: str, raw: object) -> FilledMatrix:
        """A copy with the cell's stored JSON put back as it was (undo)."""
        cells = dict(self.cells)
        if raw is None:
            cells.pop(key, None)
        else:
            cells[key] = raw
        return self._replace(cells=cells)

    def instances_of(self, group_key: str) -> tuple[Instance, ...]:
        """The repetitions of a repeatable group: at least one (unnamed) even when none is kept."""
        return self.instances.get(group_key) or (Instance("1"),)

    def with_instances(self, group_key: str, instances: Iterable[Instance]) -> FilledMatrix:
        """A copy with the group's repetitions replaced."""
        kept = dict(self.instances)
        kept[group_key] = tuple(instances)
        return self._replace(instances=kept)


EMPTY = FilledMatrix({}, {})


def cell_key(sheet: str, section: str, row: str, column: str) -> str:
    """The key of one cell."""
    return f"{sheet}/{section}/{row}/{column}"


def group_key(sheet: str, section: str, group: str) -> str:
    """The key of a repeatable group's repetitions."""
    return f"{sheet}/{section}/{group}"


def row_part(row: Row, instance: Instance | None) -> str:
    """The row's part of a cell key (with the repetition's id in a repeatable group)."""
    return row.id if instance is None else f"{row.id}#{instance.id}"


def new_instance_id(existing: Iterable[Instance]) -> str:
    """The next free repetition id (« 1 », « 2 »…), never reused while the group exists."""
    numbers = [int(i.id) for i in existing if i.id.isdigit()]
    return str(max(numbers, default=0) + 1)


def check_instance_name(raw: str) -> str:
    """A stakeholder's name, trimmed; refused when too long."""
    name = " ".join(raw.split())
    if len(name) > INSTANCE_NAME_MAX:
        raise ValidationError(
            _("Nom trop long ({count} caractères, {limit} au plus).").format(
                count=len(name), limit=INSTANCE_NAME_MAX
            )
        )
    return name


# --- JSON ---------------------------------------------------------------------------------------


def filled_from_json(data: object) -> FilledMatrix:
    """A filled matrix from its stored JSON; anything malformed is left out, never raised on
    (the store's data must always open)."""
    if not isinstance(data, Mapping):
        return EMPTY
    cells = data.get("cells")
    instances: dict[str, tuple[Instance, ...]] = {}
    raw_instances = data.get("instances")
    if isinstance(raw_instances, Mapping):
        for key, items in raw_instances.items():
            if isinstance(key, str) and isinstance(items, list):
                instances[key] = tuple(
                    Instance(str(item.get("id", "")), str(item.get("name", "")))
                    for item in items
                    if isinstance(item, Mapping) and item.get("id")
                )
    kept: dict[str, object] = {}
    if isinstance(cells, Mapping):
        kept = {k: v for k, v in cells.items() if isinstance(k, str)}
    return FilledMatrix(kept, instances)


def filled_to_json(filled: FilledMatrix) -> dict[str, Any]:
    """The JSON stored for ``filled``."""
    return {
        "cells": dict(sorted(filled.cells.items())),
        "instances": {
            key: [{"id": i.id, "name": i.name} for i in items]
            for key, items in sorted(filled.instances.items())
        },
    }


# --- totals -------------------------------------------------------------------------------------

Total = dict[str, Decimal]  # unit → sum (« € », « gommettes », « jours-homme »…)


def add_to(total: Total, kind: CellKind, value: CellValue | None) -> None:
    """Add a cell's value to ``total`` (per unit)."""
    if value is None:
        return
    if kind is CellKind.AMOUNT and isinstance(value, Decimal):
        total[EURO] = total.get(EURO, Decimal(0)) + value
    elif kind is CellKind.WEIGHT and isinstance(value, int):
        total[DOTS_UNIT] = total.get(DOTS_UNIT, Decimal(0)) + value
    elif kind is CellKind.INDICATOR and isinstance(value, tuple):
        for item in value:
            if isinstance(item, Indicator) and item.value is not None:
                unit, _factor = normal_unit(item.unit)
                total[unit] = total.get(unit, Decimal(0)) + item.value


def total_text(total: Total) -> str:
    """« 52 000 € · 20 jours-homme » (euros first), or an em dash when nothing adds up."""
    if not total:
        return "—"
    units = sorted(total, key=lambda unit: (unit != EURO, unit.casefold()))
    return " · ".join(format_quantity(total[unit], unit) for unit in units)


# --- the grid's lines ---------------------------------------------------------------------------


class LineKind(Enum):
    """What a line of the laid-out grid is."""

    HEADER = "header"  # the column heads (and the corner)
    BAND = "band"  # a row group's label across the grid
    DATA = "data"  # a row of cells
    SUBTOTAL = "subtotal"  # the totals of one group (or one stakeholder)
    TOTAL = "total"  # the totals of the section


class GridLine(NamedTuple):
    """One line of a section as laid out (see ``grid_lines``)."""

    kind: LineKind
    sheet: Sheet
    section: Section
    label: str = ""  # the row's label, the band's text, « Sous-total »…
    row: Row | None = None
    group: RowGroup | None = None
    instance: Instance | None = None
    row_key: str = ""  # the row part of the cell keys (DATA lines)
    totals: Mapping[str, Total] = MappingProxyType(
        {}
    )  # column id → total (SUBTOTAL, TOTAL, and DATA row total)
    first_of_group: bool = False  # column layout: the group's label starts here
    group_size: int = 0  # column layout: how many data lines the group's label spans

    def key(self, column: Column) -> str:
        """The cell key of ``column`` on this DATA line."""
        return cell_key(self.sheet.id, self.section.id, self.row_key, column.id)


ROW_TOTAL = "__row__"  # the key of a DATA line's row total in ``GridLine.totals``


def _has_totals(section: Section) -> bool:
    return any(column.total for column in section.columns)


def _row_totals(section: Section, line: GridLine, filled: FilledMatrix) -> dict[str, Total]:
    if not section.row_total:
        return {}
    total: Total = {}
    for column in section.columns:
        if column.kind.totals:
            add_to(total, column.kind, filled.value(line.key(column), column.kind))
    return {ROW_TOTAL: total}


def _sum(lines: list[GridLine], section: Section, filled: FilledMatrix) -> dict[str, Total]:
    sums: dict[str, Total] = {}
    for column in section.columns:
        if not column.total:
            continue
        total: Total = {}
        for line in lines:
            add_to(total, column.kind, filled.value(line.key(column), column.kind))
        sums[column.id] = total
    return sums


def _group_runs(section: Section) -> list[tuple[RowGroup | None, list[Row]]]:
    runs: list[tuple[RowGroup | None, list[Row]]] = []
    for row in section.rows:
        group = section.group(row.group) if row.group else None
        if runs and runs[-1][0] == group:
            runs[-1][1].append(row)
        else:
            runs.append((group, [row]))
    return runs


def section_lines(
    template: MatrixTemplate, sheet: Sheet, section: Section, filled: FilledMatrix
) -> list[GridLine]:
    """The lines of one section: header, then per group its band (or left column), its rows
    (once per stakeholder in a repeatable group) and subtotal, then the section's total."""
    lines = [GridLine(LineKind.HEADER, sheet, section, section.corner)]
    totals = _has_totals(section)
    all_data: list[GridLine] = []
    runs = _group_runs(section)
    subtotals = totals and (len(runs) > 1 or any(g and g.repeatable for g, _rows in runs))
    for group, rows in runs:
        instances: tuple[Instance | None, ...] = (None,)
        if group is not None and group.repeatable:
            instances = filled.instances_of(group_key(sheet.id, section.id, group.id))
        for number, instance in enumerate(instances, start=1):
            if group is not None and section.group_layout is GroupLayout.BAND:
                label = group.label
                if instance is not None:
                    name = instance.name or _("{what} {number}").format(
                        what=group.instance_label or _("Partie prenante"), number=number
                    )
                    label = f"{group.label} — {name}"
                lines.append(
                    GridLine(LineKind.BAND, sheet, section, label, group=group, instance=instance)
                )
            data: list[GridLine] = []
            for index, row in enumerate(rows):
                line = GridLine(
                    LineKind.DATA,
                    sheet,
                    section,
                    row.label,
                    row=row,
                    group=group,
                    instance=instance,
                    row_key=row_part(row, instance),
                    first_of_group=index == 0,
                    group_size=len(rows),
                )
                data.append(line._replace(totals=_row_totals(section, line, filled)))
            lines += data
            all_data += data
            if subtotals and group is not None:
                lines.append(
                    GridLine(
                        LineKind.SUBTOTAL,
                        sheet,
                        section,
                        _("Sous-total"),
                        group=group,
                        instance=instance,
                        totals=_sum(data, section, filled),
                    )
                )
    if totals:
        lines.append(
            GridLine(
                LineKind.TOTAL, sheet, section, _("Total"), totals=_sum(all_data, section, filled)
            )
        )
    return lines


def grid_lines(template: MatrixTemplate, filled: FilledMatrix, sheet: Sheet) -> list[GridLine]:
    """Every line of every section of ``sheet``, in order."""
    lines: list[GridLine] = []
    for section in template.sections:
        lines += section_lines(template, sheet, section, filled)
    return lines


def column_for(section: Section, column_id: str) -> Column:
    """The section's column with this id (ValidationError for a stale key)."""
    column = section.column(column_id)
    if column is None:
        raise ValidationError(_("Cette colonne n'existe pas dans la matrice."))
    return column


def locate(template: MatrixTemplate, key: str) -> tuple[Section, Column]:
    """The section and column of a cell key, or ValidationError when the template has none."""
    parts = key.split("/")
    if len(parts) != 4:
        raise ValidationError(_("Case inconnue dans cette matrice."))
    sheet_id, section_id, row_key, column_id = parts
    section = template.section(section_id)
    row_id = row_key.split("#")[0]
    if (
        section is None
        or sheet_id not in {sheet.id for sheet in template.sheets}
        or all(row.id != row_id for row in section.rows)
    ):
        raise ValidationError(_("Case inconnue dans cette matrice."))
    return section, column_for(section, column_id)


def filled_cells(template: MatrixTemplate, filled: FilledMatrix) -> int:
    """How many cells of the template hold something (the chooser's « 12 cases remplies »)."""
    count = 0
    for sheet in template.sheets:
        for line in grid_lines(template, filled, sheet):
            if line.kind is LineKind.DATA:
                count += sum(
                    filled.value(line.key(column), column.kind) is not None
                    for column in line.section.columns
                )
    return count
