"""What the participants get on their phones: the day's short summary and a manifest of files.

``publish`` reads the workshop once, writes the files into a folder of its own and returns a
``Publication``: plain data that the server, the QR codes and the UI read on any thread. It holds
no participant's name: the summary lists threads, dots and actions, and the two CSV files it
publishes (threads, cards) have no participant column; the roster and the vote entries stay on
the laptop.

The server serves only the files of the manifest, found by their random id: no path ever comes
from a URL.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from capadesk.core.domain.vocabulary import CaptureKind
from capadesk.core.errors import ValidationError
from capadesk.core.export.files import Progress, report, slug, write_atomically
from capadesk.core.export.workshop_data import WorkshopData
from capadesk.core.files import copy_atomically
from capadesk.core.storage.store import Store
from capadesk.i18n import N_, _

PDF = "application/pdf"
CSV = "text/csv; charset=utf-8"
# The export's CSV files that go to the phones: the threads with their dots, and the cards. The
# participants and vote-entry files stay on the laptop (they are about people, not results).
_PUBLISHED_CSV = {
    "fils.csv": (N_("Les sujets et leurs votes (tableur, CSV)"), "sujets.csv"),
    "cartes.csv": (N_("Toutes les cartes de la journée (tableur, CSV)"), "cartes.csv"),
}
PDF_LABEL = N_("Télécharger le compte rendu (PDF)")


class ThreadLine(NamedTuple):
    """A kept thread as the phones show it; ``votes`` None when the day had no dot vote."""

    title: str
    votes: int | None


class ActionLine(NamedTuple):
    """An action card, with the title of its use case (empty when it has none)."""

    text: str
    use_case: str


class SharedFile(NamedTuple):
    """One entry of the manifest: a file the server may send, found only by ``file_id``."""

    file_id: str  # random, URL-safe; the only thing a URL names
    label: str  # French, shown on the page
    media_type: str
    path: Path  # absolute, inside the publication's folder
    download_name: str
    size: int


class OfferedFile(NamedTuple):
    """A file the caller adds to the publication (copied in, so later edits do not leak)."""

    path: Path
    label: str
    media_type: str
    download_name: str = ""


class Publication(NamedTuple):
    """The day's summary and the manifest of the files to serve."""

    workshop_id: uuid.UUID
    title: str
    place: str
    day: dt.date | None
    programme: str | None
    threads: tuple[ThreadLine, ...]  # kept ones, most votes first
    actions: tuple[ActionLine, ...]  # in wall order
    after: str  # what happens after the workshop
    files: tuple[SharedFile, ...]
    folder: Path

    def manifest(self) -> Mapping[str, SharedFile]:
        """The files by their id."""
        return {f.file_id: f for f in self.files}


def default_after(programme: str | None) -> str:
    """What the page says comes next, when the facilitator typed nothing."""
    if programme:
        return _(
            "Le compte rendu complet est dans le PDF. Les sujets retenus seront repris "
            "dans la suite du programme «\u00a0{programme}\u00a0»."
        ).format(programme=programme)
    return _("Le compte rendu complet est dans le PDF. Gardez-le\u00a0: cette page va fermer.")


def summarise(data: WorkshopData, after: str | None = None) -> Publication:
    """The summary of ``data`` with an empty manifest (pure)."""
    dots = data.dots_of()
    voted = bool(data.ranking)
    kept = [t for t in data.threads if t.kept]
    kept.sort(key=lambda t: (-(dots[t.public_id].dots if t.public_id in dots else 0), t.position))
    threads = tuple(
        ThreadLine(
            t.title, (dots[t.public_id].dots if t.public_id in dots else 0) if voted else None
        )
        for t in kept
    )
    titles = data.use_case_titles()
    actions = tuple(
        ActionLine(c.text, titles.get(c.use_case_id, "") if c.use_case_id else "")
        for c in data.captures
        if c.kind == CaptureKind.ACTION
    )
    workshop = data.workshop
    return Publication(
        workshop_id=workshop.public_id,
        title=workshop.title,
        place=workshop.place,
        day=workshop.day,
        programme=workshop.programme_title,
        threads=threads,
        actions=actions,
        after=(after or "").strip() or default_after(workshop.programme_title),
        files=(),
        folder=Path(),
    )


def publish(
    store: Store,
    workshop_id: uuid.UUID,
    out_dir: Path,
    *,
    photos_dir: Path | None = None,
    matrix_templates_dir: Path | None = None,
    files: Sequence[OfferedFile] = (),
    after: str | None = None,
    progress: Progress | None = None,
) -> Publication:
    """Read the workshop, write its files into ``out_dir`` (created; files replaced whole) and
    return the publication.

    With ``photos_dir`` the restitution PDF is written by the export (its photos read from
    there); ``files`` adds files the caller made (copied in). The CSV files come from the data
    export. Progress goes from 0 to 100. NotFoundError if the workshop is gone,
    ValidationError if a file cannot be written or an offered file cannot be read; the
    export's ExportCancelled when ``progress`` raises it.
    """
    from capadesk.core.export.data_export import csv_files, make_folder
    from capadesk.core.export.store_reader import read_workshop

    report(progress, 0, 100, _("Lecture de l'atelier"))
    data = read_workshop(store, workshop_id)
    publication = summarise(data, after)
    folder = out_dir.resolve()
    make_folder(folder)
    base = slug(publication.title)
    shared: list[SharedFile] = []
    if photos_dir is not None:
        from capadesk.core.export.restitution import restitution_pdf

        def scaled(done: int, total: int, label: str) -> None:
            report(progress, 5 + 80 * done // max(total, 1), 100, label)

        pdf = folder / f"{base}-compte-rendu.pdf"
        restitution_pdf(
            store,
            workshop_id,
            pdf,
            photos_dir,
            matrix_templates_dir=matrix_templates_dir,
            progress=scaled,
        )
        shared.append(_entry(pdf, _(PDF_LABEL), PDF, pdf.name))
    for offered in files:
        report(progress, 85, 100, _("Copie de {name}").format(name=offered.path.name))
        copy = folder / f"{base}-{_safe_name(offered.download_name or offered.path.name)}"
        _copy(offered.path, copy)
        shared.append(_entry(copy, offered.label, offered.media_type, copy.name))
    report(progress, 90, 100, _("Écriture des tableurs"))
    tables = csv_files(data, full=False)
    for source, (label, suffix) in _PUBLISHED_CSV.items():
        path = folder / f"{base}-{suffix}"
        write_atomically(path, tables[source])
        shared.append(_entry(path, _(label), CSV, path.name))
    report(progress, 100, 100, _("Terminé"))
    return publication._replace(files=tuple(shared), folder=folder)


def _entry(path: Path, label: str, media_type: str, download_name: str) -> SharedFile:
    return SharedFile(
        file_id=secrets.token_urlsafe(12),
        label=label,
        media_type=media_type,
        path=path.resolve(),
        download_name=download_name,
        size=path.stat().st_size,
    )


def _safe_name(name: str) -> str:
    """The last part of ``name`` with only safe characters (it becomes a file in our folder)."""
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, suffix = last.rpartition(".")
    if not dot:
        stem, suffix = last, ""
    cleaned = slug(stem, "fichier")
    return f"{cleaned}.{slug(suffix, 'bin')}" if suffix else cleaned


def _copy(source: Path, target: Path) -> None:
    if not source.is_file():
        raise ValidationError(
            _("Le fichier «\u00a0{name}\u00a0» est introuvable.").format(name=source)
        )
    try:
        copy_atomically(source, target)
    except OSError as error:
        raise ValidationError(
            _("Le fichier «\u00a0{name}\u00a0» n'a pas pu être copié\u00a0: {error}").format(
                name=source, error=error.strerror or error
            )
        ) from error
