"""Every export of the demo day written into one folder: what ``capadesk demo`` hands over."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from pathlib import Path
from typing import NamedTuple

from capadesk.core.archive.writer import export_archive
from capadesk.core.domain.matrix import template_library
from capadesk.core.export import data_export, restitution, sheets
from capadesk.core.export.files import slug, write_atomically
from capadesk.core.export.matrix_pdf import write_matrix_pdf
from capadesk.core.services.matrices import list_matrices
from capadesk.core.services.workshops import get_workshop
from capadesk.core.storage.store import Store
from capadesk.i18n import _

ARCHIVE_TIME = dt.datetime(2022, 3, 15, 17, 0, tzinfo=dt.UTC)  # fixed: the same seed, same zip


class Written(NamedTuple):
    """One file written, and what it is (French)."""

    what: str
    path: Path


def write_outputs(
    store: Store, workshop_id: uuid.UUID, out: Path, photos_dir: Path
) -> list[Written]:
    """Write the restitution, the sheets, the blank and filled matrices, the CSV files, the JSON
    and the archive of ``workshop_id`` into ``out`` (created if needed); each file whole."""
    out.mkdir(parents=True, exist_ok=True)
    title = get_workshop(store, workshop_id).title
    written: list[Written] = []
    path = out / restitution.default_name(title)
    pages = restitution.restitution_pdf(store, workshop_id, path, photos_dir)
    written.append(Written(_("restitution ({pages} pages)").format(pages=pages), path))
    path = out / sheets.default_name(title)
    pages = sheets.sheets_pdf(store, workshop_id, path)
    written.append(Written(_("fiches de synthèse ({pages} pages)").format(pages=pages), path))
    templates = {t.id: t for t in template_library() if t.builtin}
    for template in templates.values():
        path = out / f"matrice-vierge-{template.id}.pdf"
        buffer = io.BytesIO()
        write_matrix_pdf(template, buffer, page="a4", title=title)
        write_atomically(path, buffer.getvalue())
        written.append(Written(_("matrice vierge\u00a0: {t}").format(t=template.title), path))
    for view in list_matrices(store, workshop_id):
        template = templates[view.template_id]
        path = out / f"matrice-remplie-{template.id}.pdf"
        buffer = io.BytesIO()
        write_matrix_pdf(template, buffer, filled=view.filled, title=title, subtitle=view.owner)
        write_atomically(path, buffer.getvalue())
        written.append(Written(_("matrice remplie\u00a0: {t}").format(t=template.title), path))
    for path in data_export.write_csv(store, workshop_id, out / "csv"):
        written.append(Written(_("données CSV"), path))
    path = data_export.write_json(store, workshop_id, out / f"donnees-{slug(title)}.json")
    written.append(Written(_("données JSON"), path))
    path = export_archive(
        store, workshop_id, out / f"{slug(title)}.capadesk", photos_dir, now=ARCHIVE_TIME
    )
    written.append(Written(_("archive de l'atelier"), path))
    return written
