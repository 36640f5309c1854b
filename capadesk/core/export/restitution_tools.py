"""The restitution's sections for the tools filled during the day (method tools, matrices…).

Each tool family reads its own documents and lays them out; a family not used that day adds
no section, so a short workshop gets a short restitution.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from capadesk.core.export.restitution import Section
from capadesk.i18n import N_

if TYPE_CHECKING:
    from capadesk.core.storage.store import Store


def _fixed(flowables: list[Any]) -> Any:
    """A section builder returning flowables laid out beforehand."""
    return lambda _data, _context: flowables


def tool_sections(
    store: Store,
    workshop_id: uuid.UUID,
    photos_dir: Path,
    matrix_templates_dir: Path | None = None,
) -> list[Section]:
    """One section per tool family the workshop used, placed after the kept threads
    (``matrix_templates_dir``: the facilitator's own matrix templates, with the built-in ones)."""
    from capadesk.core.export.method_tools_pdf import method_tools_flowables
    from capadesk.core.services.method_tools_data import read_method_tools

    sections: list[Section] = []
    method = method_tools_flowables(read_method_tools(store, workshop_id, photos_dir))
    if method:
        sections.append(Section("method-tools", N_("Outils de la journée"), _fixed(method)))
    matrices = _matrices(store, workshop_id, matrix_templates_dir)
    if matrices:
        sections.append(Section("matrices", N_("Matrices"), _fixed(matrices)))
    return sections


def _matrices(store: Store, workshop_id: uuid.UUID, templates_dir: Path | None) -> list[Any]:
    """Every matrix that holds something: a heading naming it and its owner, then its grid."""
    from reportlab.platypus import CondPageBreak  # type: ignore[import-untyped]

    from capadesk.core.domain.matrix import template_library
    from capadesk.core.export.matrix_pdf import matrix_flowables
    from capadesk.core.export.pdf_document import heading
    from capadesk.core.services.matrices import printable_matrices

    flowables: list[Any] = []
    for template, matrix in printable_matrices(store, workshop_id, template_library(templates_dir)):
        title = f"{template.title} — {matrix.owner}" if matrix.owner else template.title
        flowables.append(CondPageBreak(120))
        flowables.append(heading(title, 1, f"matrix-{matrix.public_id}"))
        flowables.extend(matrix_flowables(template, matrix.filled))
    return flowables
