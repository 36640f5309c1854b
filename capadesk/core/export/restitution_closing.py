"""The restitution's last sections: the photos, the collaboration rules, the method's credit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Image, Paragraph, Spacer  # type: ignore[import-untyped]

from capadesk.core.export.method import METHOD_CREDIT, METHOD_SOURCE, made_with, rules
from capadesk.core.export.pdf_base import paragraph_text, text
from capadesk.core.export.pdf_document import FRAME_WIDTH, styles
from capadesk.core.export.photo_prep import prepare_photo
from capadesk.core.export.workshop_data import BuildContext, PhotoRow, RestitutionData
from capadesk.i18n import _

PHOTO_MAX_HEIGHT = 105 * mm  # two photos and their captions on a page


def photos(restitution: RestitutionData, context: BuildContext) -> list[Any]:
    """Each photo, downscaled, with its caption; a missing or unreadable file is noted."""
    s = styles()
    if not restitution.photos:
        return [Paragraph(text(_("Aucune photo n'a été prise.")), s.body)]
    titles = restitution.data.use_case_titles()
    flowables: list[Any] = []
    total = len(restitution.photos)
    for number, photo in enumerate(restitution.photos, start=1):
        context.tick(_("Photo {number} sur {total}").format(number=number, total=total))
        use_case = titles.get(photo.use_case_id, "") if photo.use_case_id else ""
        flowables.extend(_photo(photo, use_case, context.scratch / f"photo-{number}.jpg"))
    return flowables


def _photo(photo: PhotoRow, use_case: str, scratch_file: Path) -> list[Any]:
    """The photo then its caption, kept together (a note instead when it cannot be shown).

    The downscaled JPEG goes through ``scratch_file``: given a file name, reportlab embeds the
    JPEG as it is; given bytes, it would decode every photo again and keep its pixels.
    """
    s = styles()
    caption = " — ".join(part for part in (photo.caption.strip(), use_case) if part)
    caption_flowables = [Paragraph(paragraph_text(caption, limit=500), s.small)] if caption else []
    prepared = prepare_photo(photo.path)
    if prepared.data is None:
        message = _("Photo non reproduite ({problem})\u00a0: {name}").format(
            problem=prepared.problem, name=photo.file_name
        )
        note = Paragraph(text(message), s.note)
        note.keepWithNext = bool(caption_flowables)
        return [note, *caption_flowables, Spacer(0, 3 * mm)]
    scale = min(FRAME_WIDTH / prepared.width, PHOTO_MAX_HEIGHT / prepared.height)
    scratch_file.write_bytes(prepared.data)
    image = Image(str(scratch_file), width=prepared.width * scale, height=prepared.height * scale)
    # Not a KeepTogether: platypus keeps a heading with the next flowable only if it is a plain one.
    image.keepWithNext = bool(caption_flowables)
    return [image, *caption_flowables, Spacer(0, 5 * mm)]


def collaboration_rules(restitution: RestitutionData) -> list[Any]:
    """The five rules of the day, as the room saw them."""
    s = styles()
    rule_style = styles().h2
    return [
        Paragraph(
            text(_("Les règles que le groupe s'est données pour travailler ensemble.")), s.note
        ),
        *(Paragraph(text(f"«\u00a0{rule}\u00a0»"), rule_style, bulletText="•") for rule in rules()),
    ]


def credit(restitution: RestitutionData) -> list[Any]:
    """Where the method comes from, its licence, and the tool that printed the document."""
    s = styles()
    return [
        Paragraph(text(_(METHOD_CREDIT)), s.body),
        Paragraph(text(_(METHOD_SOURCE)), s.body),
        Paragraph(text(made_with()), s.note),
    ]
