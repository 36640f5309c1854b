"""A table of contents laid out in one pass.

reportlab's own TableOfContents needs the whole document laid out twice (the first pass only
finds the page numbers), which doubles the time of a long restitution. Here the entries are
known before the build (the headings are in the story), so the contents page draws their
titles, dot leaders and links at once, and each page number is a PDF form (XObject) referenced
there and defined once the body is laid out, just before the file is saved.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Paragraph  # type: ignore[import-untyped]

from capadesk.core.export.pdf_base import FONT, FONT_BOLD, style, text

NUMBER_COLUMN = 14 * mm
LEVEL_INDENT = 8 * mm
Entry = tuple[int, str, str]  # level (0 or 1), plain title, destination key


def _style(level: int) -> Any:
    chosen = style("toc0", 11, bold=True, leading=15) if level == 0 else style("toc1", 9.5)
    chosen.leftIndent = LEVEL_INDENT * level
    chosen.spaceBefore = 4 if level == 0 else 1
    return chosen


class ContentsNumbers:
    """What the contents pages drew, to fill in their page numbers at the end of the build."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.drawn: list[tuple[str, float, list[tuple[float, int, str]]]] = []

    def form_name(self) -> str:
        return f"capadesk-contents-{len(self.drawn)}"

    def define(self, canvas: Any, pages: dict[str, int]) -> None:
        """Define each drawn part's numbers, once every heading has its page."""
        for name, width, lines in self.drawn:
            canvas.beginForm(name)
            for y, level, key in lines:
                canvas.setFont(FONT_BOLD if level == 0 else FONT, 11 if level == 0 else 9.5)
                page = pages.get(key)
                canvas.drawRightString(width, y, str(page) if page is not None else "—")
            canvas.endForm()


class Contents(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """The contents (or the part of it that fits on this page)."""

    def __init__(self, numbers: ContentsNumbers, entries: list[Entry] | None = None) -> None:
        super().__init__()
        self.numbers = numbers
        self._entries = entries
        self._laid: list[tuple[Entry, Paragraph, float]] = []

    @property
    def entries(self) -> list[Entry]:
        return self.numbers.entries if self._entries is None else self._entries

    def _lay(self, width: float) -> list[tuple[Entry, Paragraph, float]]:
        laid = []
        for entry in self.entries:
            level, title, _key = entry
            paragraph = Paragraph(text(title), _style(level))
            _w, height = paragraph.wrap(width - NUMBER_COLUMN, 10_000)
            laid.append((entry, paragraph, height + paragraph.getSpaceBefore()))
        return laid

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self._laid = self._lay(available_width)
        self.height = sum(height for _entry, _p, height in self._laid)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        laid = self._lay(available_width)
        used, count = 0.0, 0
        for _entry, _paragraph, height in laid:
            if used + height > available_height:
                break
            used += height
            count += 1
        if count == 0 or count == len(laid):
            return []
        entries = self.entries
        return [Contents(self.numbers, entries[:count]), Contents(self.numbers, entries[count:])]

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        lines: list[tuple[float, int, str]] = []
        for (level, title, key), paragraph, height in self._laid:
            top -= paragraph.getSpaceBefore()
            body = height - paragraph.getSpaceBefore()
            paragraph.drawOn(canvas, 0, top - body)
            baseline = top - paragraph.style.fontSize
            self._leader(paragraph, level, title, baseline)
            canvas.linkRect("", key, (0, top - body, self.width, top), relative=1, thickness=0)
            lines.append((baseline, level, key))
            top -= body
        name = self.numbers.form_name()
        self.numbers.drawn.append((name, self.width, lines))
        canvas.doForm(name)

    def _leader(self, paragraph: Paragraph, level: int, title: str, baseline: float) -> None:
        """Dots from a one-line title to the page number column."""
        if len(paragraph.blPara.lines) != 1:
            return
        font = FONT_BOLD if level == 0 else FONT
        size = paragraph.style.fontSize
        start = LEVEL_INDENT * level + stringWidth(paragraph.getPlainText(), font, size) + 4
        end = self.width - NUMBER_COLUMN + 2
        if end - start < 8:
            return
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(FONT, size)
        dot = stringWidth(". ", FONT, size)
        canvas.drawString(start, baseline, ". " * int((end - start) / dot))
        canvas.restoreState()
