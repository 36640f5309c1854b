"""What the « Exporter » dialog can write, and how each export is called (no Qt here)."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from capadesk.i18n import N_, _
from capadesk.paths import AppPaths

if TYPE_CHECKING:
    from capadesk.core.export.files import Progress
    from capadesk.core.storage.store import Store


class ExportKind(StrEnum):
    """One choice of the dialog; the value is the CLI's ``--format``."""

    RESTITUTION = "restitution"
    SHEETS = "sheets"
    CSV = "csv"
    JSON = "json"
    ARCHIVE = "archive"

    @property
    def label(self) -> str:
        return _(_LABELS[self])

    @property
    def hint(self) -> str:
        return _(_HINTS[self])

    @property
    def to_folder(self) -> bool:
        """True when the export writes a folder of files (CSV), not one file."""
        return self is ExportKind.CSV

    @property
    def has_names(self) -> bool:
        """True when the export can carry every name (the « export complet »)."""
        return self in (ExportKind.CSV, ExportKind.JSON)

    @property
    def file_filter(self) -> str:
        return _(_FILTERS.get(self, ""))


_LABELS = {
    ExportKind.RESTITUTION: N_("Restitution (PDF)"),
    ExportKind.SHEETS: N_("Fiches de synthèse (PDF)"),
    ExportKind.CSV: N_("Données en CSV (un dossier)"),
    ExportKind.JSON: N_("Données en JSON"),
    ExportKind.ARCHIVE: N_("Archive de l'atelier (.capadesk)"),
}
_HINTS = {
    ExportKind.RESTITUTION: N_("Le document de fin de journée à remettre aux participants."),
    ExportKind.SHEETS: N_("Une page par cas d'usage et une par fil."),
    ExportKind.CSV: N_("Pour un tableur (Excel, LibreOffice)."),
    ExportKind.JSON: N_("Pour un autre logiciel."),
    ExportKind.ARCHIVE: N_("Pour reprendre l'atelier sur un autre ordinateur."),
}
_FILTERS = {
    ExportKind.RESTITUTION: N_("Documents PDF (*.pdf)"),
    ExportKind.SHEETS: N_("Documents PDF (*.pdf)"),
    ExportKind.JSON: N_("Fichiers JSON (*.json)"),
    ExportKind.ARCHIVE: N_("Archives CapaDesk (*.capadesk)"),
}
_SUFFIXES = {
    ExportKind.RESTITUTION: ".pdf",
    ExportKind.SHEETS: ".pdf",
    ExportKind.JSON: ".json",
    ExportKind.ARCHIVE: ".capadesk",
}


class ExportRequest(NamedTuple):
    """One export to run: what, of which workshop, where."""

    kind: ExportKind
    workshop_id: uuid.UUID
    title: str
    target: Path  # the file, or the folder for CSV
    full: bool = False


class ExportResult(NamedTuple):
    """What was written: the French summary and the folder to open."""

    summary: str
    folder: Path


def default_name(kind: ExportKind, title: str) -> str:
    """The proposed file (or folder) name, from the workshop's title."""
    from capadesk.core.export import restitution, sheets
    from capadesk.core.export.files import slug

    if kind is ExportKind.RESTITUTION:
        return restitution.default_name(title)
    if kind is ExportKind.SHEETS:
        return sheets.default_name(title)
    if kind is ExportKind.CSV:
        return f"donnees-{slug(title)}"
    if kind is ExportKind.JSON:
        return f"donnees-{slug(title)}.json"
    return f"{slug(title)}.capadesk"


def with_suffix(kind: ExportKind, path: Path) -> Path:
    """``path`` with the kind's extension when the user typed none."""
    suffix = _SUFFIXES.get(kind)
    return path.with_suffix(suffix) if suffix and not path.suffix else path


def run_export(
    store: Store, app_paths: AppPaths, request: ExportRequest, progress: Progress
) -> ExportResult:
    """Write the export (off the GUI thread). Whatever ``progress`` raises goes through, and
    then nothing was written; KnownError (French) when it cannot be written."""
    from capadesk.core.export import data_export, restitution, sheets

    kind, wid, target = request.kind, request.workshop_id, request.target
    if kind is ExportKind.RESTITUTION:
        from capadesk.core.domain.matrix import user_templates_dir

        pages = restitution.restitution_pdf(
            store,
            wid,
            target,
            app_paths.photos_dir,
            matrix_templates_dir=user_templates_dir(app_paths),
            progress=progress,
        )
        text = _("Restitution écrite\u00a0: {name} ({pages} pages).")
        return ExportResult(text.format(name=target.name, pages=pages), target.parent)
    if kind is ExportKind.SHEETS:
        pages = sheets.sheets_pdf(store, wid, target, progress=progress)
        text = _("Fiches de synthèse écrites\u00a0: {name} ({pages} pages).")
        return ExportResult(text.format(name=target.name, pages=pages), target.parent)
    if kind is ExportKind.CSV:
        count = _write_csv_whole(store, wid, target, request.full, progress)
        text = _("{count} fichiers CSV écrits dans le dossier «\u00a0{name}\u00a0».")
        return ExportResult(text.format(count=count, name=target.name), target)
    if kind is ExportKind.JSON:
        data_export.write_json(store, wid, target, full=request.full, progress=progress)
        text = _("Données écrites\u00a0: {name}.")
        return ExportResult(text.format(name=target.name), target.parent)
    from capadesk.core.archive.writer import export_archive

    export_archive(store, wid, target, app_paths.photos_dir, progress=progress)
    text = _("Archive écrite\u00a0: {name}. Importez-la sur l'autre ordinateur.")
    return ExportResult(text.format(name=target.name), target.parent)


def _write_csv_whole(
    store: Store, wid: uuid.UUID, folder: Path, full: bool, progress: Progress
) -> int:
    """The CSV files are written next to ``folder`` first and moved in only once all are
    there: a cancel or an error half-way leaves ``folder`` as it was."""
    from capadesk.core.export import data_export

    data_export.make_folder(folder.parent)
    staging = Path(tempfile.mkdtemp(prefix=".capadesk-csv-", dir=folder.parent))
    try:
        written = data_export.write_csv(store, wid, staging, full=full, progress=progress)
        data_export.make_folder(folder)
        for path in written:
            path.replace(folder / path.name)
        return len(written)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
