"""The end-of-day restitution (PDF, A4): a cover, a table of contents, then a list of sections.

The restitution *is* its list of sections. Each ``Section`` has a key, a French title (its
heading and its line in the contents) and a builder that turns the plain data into flowables.
A later tool adds its own section without touching this module: it passes a ``Section`` in
``extra_sections`` with ``after`` naming the section it follows (by default ``EXTENSION_POINT``,
after the kept threads, where the filled matrices of the day belong).
"""

from __future__ import annotations

import io
import tempfile
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph  # type: ignore[import-untyped]

from capadesk.core.export import restitution_closing, restitution_day, restitution_wall
from capadesk.core.export.files import Progress, report, slug, write_atomically
from capadesk.core.export.pdf_base import text
from capadesk.core.export.pdf_document import (
    build,
    contents_for,
    heading,
    long_document,
    styles,
)
from capadesk.core.export.store_reader import read_restitution
from capadesk.core.export.workshop_data import BuildContext, RestitutionData
from capadesk.core.storage.store import Store
from capadesk.i18n import N_, _

SectionBuilder = Callable[[RestitutionData, BuildContext], list[Any]]
EXTENSION_POINT = "kept-threads"


class Section(NamedTuple):
    """One part of the restitution: its heading (level 0, in the contents) and its content.

    ``title`` is a French source string (``N_``), translated when the document is built.
    ``after`` is for an added section only: the key of the section it follows.
    """

    key: str
    title: str
    build: SectionBuilder
    after: str = EXTENSION_POINT


def _plain(builder: Callable[[RestitutionData], list[Any]]) -> SectionBuilder:
    """A builder that needs nothing from the build's context."""
    return lambda data, _context: builder(data)


SECTIONS: tuple[Section, ...] = (
    Section(
        "agenda", N_("Déroulé de la journée\u00a0: prévu et réel"), _plain(restitution_day.agenda)
    ),
    Section("participants", N_("Qui était là"), _plain(restitution_day.attendance)),
    Section(
        "use-cases",
        N_("Cas d'usage\u00a0: irritants et souhaits"),
        _plain(restitution_wall.use_cases),
    ),
    Section("threads", N_("Fils communs et vote"), _plain(restitution_wall.threads)),
    Section("kept-threads", N_("Fils retenus"), _plain(restitution_wall.kept_threads)),
    Section("photos", N_("Photos"), restitution_closing.photos),
    Section("actions", N_("Actions et suites"), _plain(restitution_wall.actions)),
    Section(
        "rules",
        N_("Règles de collaboration"),
        _plain(restitution_closing.collaboration_rules),
    ),
    Section("credit", N_("Méthode et crédits"), _plain(restitution_closing.credit)),
)


def compose(extra_sections: Sequence[Section] = ()) -> list[Section]:
    """The default sections with ``extra_sections`` inserted, each after the one it names (in
    the given order when several follow the same one).

    ValueError for an unknown ``after`` or a key used twice: a programming error.
    """
    sections = list(SECTIONS)
    added: list[Section] = []
    for extra in extra_sections:
        keys = [section.key for section in sections]
        if extra.key in keys:
            raise ValueError(f"restitution section {extra.key!r} already present")
        if extra.after not in keys:
            raise ValueError(f"restitution section {extra.key!r} after unknown {extra.after!r}")
        position = keys.index(extra.after) + 1
        while (
            position < len(sections)
            and sections[position] in added
            and sections[position].after == extra.after
        ):
            position += 1
        sections.insert(position, extra)
        added.append(extra)
    return sections


def write_restitution(
    restitution: RestitutionData,
    stream: BinaryIO,
    *,
    extra_sections: Sequence[Section] = (),
    progress: Progress | None = None,
) -> int:
    """Write the restitution PDF to ``stream``; return its number of pages.

    ``progress`` gets (done, total, label) as sections and photos are laid out; it may raise
    ExportCancelledError to stop (``stream`` then holds nothing usable).
    """
    sections = compose(extra_sections)
    total = len(sections) + len(restitution.photos) + 2
    done = 0

    def tick(label: str) -> None:
        nonlocal done
        report(progress, min(done, total - 1), total, label)
        done += 1

    with tempfile.TemporaryDirectory(prefix="capadesk-restitution-") as scratch:
        document = _lay_out(restitution, stream, sections, BuildContext(tick, Path(scratch)))
    report(progress, total, total, _("Terminé"))
    return int(document.page)


def _lay_out(
    restitution: RestitutionData,
    stream: BinaryIO,
    sections: Sequence[Section],
    context: BuildContext,
) -> Any:
    """Build every section's flowables and lay the document out (``context.scratch`` holds the
    files the flowables read, such as the downscaled photos, until it is written)."""
    s = styles()
    contents, numbers = contents_for()
    flowables: list[Any] = [
        *restitution_day.cover(restitution),
        PageBreak(),
        Paragraph(text(_("Sommaire")), s.h1),
        contents,
        PageBreak(),
    ]
    for section in sections:
        title = _(section.title)
        context.tick(_("Mise en page\u00a0: {section}").format(section=title))
        flowables.append(CondPageBreak(70 * mm))
        flowables.append(heading(title, 0, f"section-{section.key}"))
        flowables.extend(section.build(restitution, context))
    context.tick(_("Assemblage des pages"))
    workshop = restitution.data.workshop
    document = long_document(
        stream,
        _("Restitution — {title}").format(title=workshop.title),
        subject=_("Restitution de l'atelier"),
    )
    build(document, flowables, numbers)
    return document


def default_name(title: str) -> str:
    """« restitution-atelier-de-toulon.pdf »."""
    return f"restitution-{slug(title)}.pdf"


def restitution_pdf(
    store: Store,
    workshop_id: uuid.UUID,
    path: Path,
    photos_dir: Path,
    *,
    extra_sections: Sequence[Section] = (),
    matrix_templates_dir: Path | None = None,
    progress: Progress | None = None,
) -> int:
    """Read the workshop and write its restitution to ``path`` (whole or not at all), with a
    section for each tool family used that day; return the number of pages.

    ``matrix_templates_dir`` holds the facilitator's own matrix templates, if any.
    """
    from capadesk.core.export.restitution_tools import tool_sections

    report(progress, 0, 1, _("Lecture de l'atelier"))
    restitution = read_restitution(store, workshop_id, photos_dir)
    tools = tool_sections(store, workshop_id, photos_dir, matrix_templates_dir)
    sections = (*tools, *extra_sections)
    buffer = io.BytesIO()
    pages = write_restitution(restitution, buffer, extra_sections=sections, progress=progress)
    write_atomically(path, buffer.getvalue())
    return pages
