"""A long CapaDesk PDF: A4 pages with the footer, headings that feed a table of contents and
the PDF's bookmarks, and the shared paragraph styles."""

from __future__ import annotations

import functools
from typing import Any, BinaryIO, NamedTuple

from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Paragraph,
    SimpleDocTemplate,
    TableStyle,
)

from capadesk import APP_NAME
from capadesk.core.export.pdf_base import (
    FONT,
    FONT_BOLD,
    MARGIN,
    PAGE_SIZE,
    draw_footer,
    plain,
    style,
    text,
)
from capadesk.core.export.pdf_contents import Contents, ContentsNumbers, Entry

GREY = colors.Color(0.35, 0.35, 0.35)
RED = colors.Color(0.78, 0.16, 0.16)
GREEN = colors.Color(0.18, 0.49, 0.2)
BLUE = colors.Color(0.08, 0.4, 0.75)
LIGHT = colors.Color(0.88, 0.9, 0.94)
RULE = colors.Color(0.75, 0.75, 0.75)
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN


class Styles(NamedTuple):
    """The paragraph styles of the long documents."""

    title: Any
    subtitle: Any
    h1: Any
    h2: Any
    h3: Any
    body: Any
    small: Any
    note: Any
    cell: Any
    cell_bold: Any
    irritant: Any
    wish: Any
    card: Any


@functools.cache
def styles() -> Styles:
    """The shared styles (built once: reportlab styles are plain objects)."""
    h1 = style("h1", 16, bold=True, space_after=6, colour=BLUE)
    h2 = style("h2", 13, bold=True, space_after=4)
    h3 = style("h3", 11, bold=True, space_after=2, colour=GREY)
    for heading_style in (h1, h2, h3):
        heading_style.keepWithNext = 1
        heading_style.spaceBefore = 6
    card = style("card", 9.5, space_after=2)
    card.leftIndent = 5 * mm
    card.bulletIndent = 1 * mm
    card.bulletFontName = FONT_BOLD
    irritant = style("irritant", 9.5, space_after=2)
    wish = style("wish", 9.5, space_after=2)
    for bulleted, colour in ((irritant, RED), (wish, GREEN)):
        bulleted.leftIndent = 5 * mm
        bulleted.bulletIndent = 1 * mm
        bulleted.bulletFontName = FONT_BOLD
        bulleted.bulletColor = colour
    return Styles(
        title=style("doc-title", 24, bold=True, space_after=10, leading=30),
        subtitle=style("doc-subtitle", 14, space_after=6, colour=GREY),
        h1=h1,
        h2=h2,
        h3=h3,
        body=style("body", 10, space_after=4),
        small=style("small", 8.5, space_after=2, colour=GREY),
        note=style("note", 9.5, space_after=4, colour=GREY),
        cell=style("cell", 9),
        cell_bold=style("cell-bold", 9, bold=True),
        irritant=irritant,
        wish=wish,
        card=card,
    )


def heading(title: str, level: int, key: str) -> Paragraph:
    """A heading (level 0 or 1) that appears in the table of contents and the bookmarks.

    ``title`` is plain text (user text allowed): it is escaped here.
    """
    chosen = styles().h1 if level == 0 else styles().h2
    paragraph = Paragraph(text(title), chosen)
    paragraph.capadesk_toc = (level, title, key)
    return paragraph


class LongDocument(SimpleDocTemplate):  # type: ignore[misc]  # reportlab is untyped
    """An A4 document whose headings (see ``heading``) become the PDF's outline, link targets
    and the page numbers of its contents (``pages``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages: dict[str, int] = {}

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 (reportlab's hook name)
        entry = getattr(flowable, "capadesk_toc", None)
        if entry is None:
            return
        level, title, key = entry
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(plain(title)[:120], key, level=level, closed=level > 0)
        self.pages[key] = self.page


def contents_for() -> tuple[Contents, ContentsNumbers]:
    """A contents flowable, to put in the story: it lists the story's headings (see ``build``,
    which gets ``numbers``)."""
    numbers = ContentsNumbers()
    return Contents(numbers), numbers


def entries_of(flowables: list[Any]) -> list[Entry]:
    """The headings of a story, in order: (level, title, key)."""
    return [f.capadesk_toc for f in flowables if hasattr(f, "capadesk_toc")]


def long_document(stream: BinaryIO, title: str, *, subject: str = "") -> LongDocument:
    """A long A4 document with CapaDesk's margins, metadata and embedded font."""
    return LongDocument(
        stream,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,  # room for the footer
        title=plain(title),
        subject=plain(subject),
        author=APP_NAME,
        creator=APP_NAME,
        initialFontName=FONT,
    )


def table_style(*commands: Any) -> TableStyle:
    """A table style in the embedded font (a table's default font is Helvetica, not embedded),
    with a light header row and thin rules."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *commands,
        ]
    )


def build(
    document: LongDocument,
    flowables: list[Any],
    numbers: ContentsNumbers | None = None,
    *,
    contents: bool = False,
) -> None:
    """Lay the pages out, once, with the footer on each; then fill in the contents' page
    numbers (``numbers``: what ``contents_for`` returned, None without contents) and save.

    ``contents`` is accepted for the callers of the first version and has no effect: a
    document has contents when ``numbers`` is given. Binary streams stay binary (no ASCII85
    wrapping): photos weigh a quarter less.
    """
    del contents
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        if numbers is not None:
            numbers.entries[:] = entries_of(flowables)
        document._doSave = 0  # reportlab then leaves saving to us: the forms come first
        document.build(flowables, onFirstPage=draw_footer, onLaterPages=draw_footer)
        if numbers is not None:
            numbers.define(document.canv, document.pages)
        document.canv.save()
    finally:
        rl_config.useA85 = saved
