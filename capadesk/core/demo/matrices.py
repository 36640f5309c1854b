"""One filled matrix of each template of the library, typed as the facilitator would."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Sequence

from capadesk.core.demo import texts
from capadesk.core.domain.matrix import CellKind, Column, MatrixTemplate, template_library
from capadesk.core.domain.matrix_grid import EMPTY, LineKind, cell_key, grid_lines, group_key
from capadesk.core.services.matrices import create_matrix, rename_instance, set_cell
from capadesk.core.storage.store import Store

FILLED_SHARE = 0.8  # a real matrix keeps a few cells empty


def fill_matrices(
    store: Store,
    workshop_id: uuid.UUID,
    use_cases: Sequence[uuid.UUID],
    rng: random.Random,
    ids: Callable[..., uuid.UUID],
) -> int:
    """Create and fill one matrix per built-in template, each for a use case in turn (the last
    for the whole workshop when there are more templates than use cases); return how many."""
    templates = [t for t in template_library() if t.builtin]
    for index, template in enumerate(templates):
        use_case = use_cases[index] if index < len(use_cases) else None
        view, _changes = create_matrix(
            store,
            workshop_id,
            template,
            use_case_id=use_case,
            public_id=ids("matrix", template.id),
        )
        _fill(store, view.public_id, template, rng)
    return len(templates)


def _fill(store: Store, matrix_id: uuid.UUID, template: MatrixTemplate, rng: random.Random) -> None:
    for sheet in template.sheets:
        for section in template.sections:
            for group in section.row_groups:
                if group.repeatable:
                    key = group_key(sheet.id, section.id, group.id)
                    name = rng.choice(texts.STAKEHOLDERS)
                    rename_instance(store, matrix_id, template, key, "1", name)
        for line in grid_lines(template, EMPTY, sheet):
            if line.kind is not LineKind.DATA:
                continue
            for column in line.section.columns:
                if rng.random() > FILLED_SHARE:
                    continue
                key = cell_key(sheet.id, line.section.id, line.row_key, column.id)
                set_cell(store, matrix_id, template, key, typed(column, rng))


def typed(column: Column, rng: random.Random) -> str:
    """What a facilitator types in a cell of ``column``."""
    kind = column.kind
    if kind is CellKind.TEXT:
        return rng.choice(texts.MATRIX_TEXTS)
    if kind is CellKind.LIST:
        return "\n".join(rng.sample(texts.MATRIX_ITEMS, 2))
    if kind is CellKind.AMOUNT:
        return f"{rng.randrange(2, 80) * 500} €"
    if kind is CellKind.WEIGHT:
        return str(rng.randint(0, 7))
    if kind is CellKind.INDICATOR:
        unit = rng.choice(column.units) if column.units else "€"
        items = rng.sample(texts.INDICATOR_ITEMS, 2)
        return "\n".join(f"{item} : {rng.randrange(1, 60) * 10} {unit}" for item in items)
    if kind is CellKind.YES_NO:
        return rng.choice(texts.YES_NO)
    return rng.choice(texts.SMILEYS)
