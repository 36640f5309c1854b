"""Matrices on paper: every template blank (A4 or A3 landscape, to put on the tables before the
day) and filled (standalone, or as flowables inside the restitution).

Every cell is a paragraph that wraps, long words included; a row taller than what is left of
the page is split across pages (``splitInRow``), so nothing is ever cut or drawn outside the
grid. A blank sheet is sized to fill one page when it can: its empty rows share the height.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, BinaryIO, NamedTuple

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A3, A4, landscape  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from capadesk import APP_NAME
from capadesk.core.domain.matrix import CellKind, Column, GroupLayout, MatrixTemplate, Section
from capadesk.core.domain.matrix_cells import (
    CellValue,
    Indicator,
    Smiley,
    YesNo,
    format_amount,
    format_quantity,
)
from capadesk.core.domain.matrix_grid import (
    EMPTY,
    ROW_TOTAL,
    FilledMatrix,
    GridLine,
    LineKind,
    section_lines,
    total_text,
)
from capadesk.core.export.pdf_base import (
    CREDIT,
    FONT,
    MARGIN,
    paragraph_text,
    plain,
    register_fonts,
    style,
)
from capadesk.i18n import _

PAGE_SIZES = {"a4": landscape(A4), "a3": landscape(A3)}
PORTRAIT_FRAME = A4[0] - 2 * MARGIN - 12  # the restitution's frame width, less its padding
FOOTER_ROOM = 8 * mm
HEADING_ROOM = 30 * mm  # a heading with less room below it starts the next page
GRID = colors.Color(0.55, 0.55, 0.55)
HEAD = colors.Color(0.86, 0.89, 0.94)
BAND = colors.Color(0.93, 0.94, 0.97)
TOTAL = colors.Color(0.99, 0.96, 0.84)
DOT = colors.Color(0.1, 0.45, 0.85)
FACES = {
    Smiley.HAPPY: colors.Color(0.2, 0.6, 0.25),
    Smiley.NEUTRAL: colors.Color(0.85, 0.6, 0.0),
    Smiley.UNHAPPY: colors.Color(0.8, 0.2, 0.15),
}
BLANK_MIN = {"a4": 9 * mm, "a3": 12 * mm}
BLANK_MAX = {"a4": 42 * mm, "a3": 65 * mm}


class MatrixStyles(NamedTuple):
    """The paragraph styles of a printed matrix."""

    title: Any
    subtitle: Any
    note: Any
    sheet: Any
    section: Any
    head: Any
    label: Any
    band: Any
    cell: Any
    amount: Any
    total: Any
    small: Any


def matrix_styles(scale: float = 1.0) -> MatrixStyles:
    """The styles at ``scale`` (1 for A4, larger for A3)."""
    amount = style("mx-amount", 9 * scale)
    amount.alignment = TA_RIGHT
    total = style("mx-total", 9 * scale, bold=True)
    total.alignment = TA_RIGHT
    sheet = style("mx-sheet", 14 * scale, bold=True, space_after=3 * scale)
    section = style("mx-section", 11 * scale, bold=True, space_after=2 * scale)
    for heading in (sheet, section):
        # Not keepWithNext: a heading kept with a table taller than a page pushes both to the
        # next page; ``matrix_flowables`` puts a conditional page break before headings instead.
        heading.spaceBefore = 4 * scale
    return MatrixStyles(
        title=style("mx-title", 17 * scale, bold=True, space_after=2 * scale),
        subtitle=style("mx-subtitle", 11 * scale, space_after=2 * scale),
        note=style("mx-note", 8 * scale, space_after=3 * scale, colour=colors.Color(0.3, 0.3, 0.3)),
        sheet=sheet,
        section=section,
        head=style("mx-head", 8.5 * scale, bold=True),
        label=style("mx-label", 8.5 * scale, bold=True),
        band=style("mx-band", 9 * scale, bold=True),
        cell=style("mx-cell", 9 * scale),
        amount=amount,
        total=total,
        small=style("mx-small", 7.5 * scale, colour=colors.Color(0.3, 0.3, 0.3)),
    )


# --- drawn markers: gommettes and faces (the embedded font has neither ● nor ☺) ---------------


class Dots(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """``count`` coloured dots, wrapped onto as many lines as the cell needs."""

    def __init__(self, count: int, diameter: float = 3.2 * mm) -> None:
        super().__init__()
        self.count, self.diameter = count, diameter
        self._per_line = 1

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        step = self.diameter * 1.35
        self._per_line = max(1, int(available_width // step))
        lines = -(-self.count // self._per_line) if self.count else 1
        self.width = min(self.count, self._per_line) * step
        self.height = lines * step
        return self.width, self.height

    def draw(self) -> None:
        step = self.diameter * 1.35
        radius = self.diameter / 2
        canvas = self.canv
        canvas.setFillColor(DOT)
        for index in range(self.count):
            line, place = divmod(index, self._per_line)
            x = place * step + radius
            y = self.height - line * step - radius
            canvas.circle(x, y, radius, stroke=0, fill=1)


class Face(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A smiley drawn with a circle, two eyes and a mouth."""

    def __init__(self, smiley: Smiley, size: float = 6 * mm) -> None:
        super().__init__()
        self.smiley, self.size = smiley, size
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas, s = self.canv, self.size
        colour = FACES[self.smiley]
        canvas.saveState()
        canvas.setStrokeColor(colour)
        canvas.setFillColor(colour)
        canvas.setLineWidth(s * 0.07)
        canvas.circle(s / 2, s / 2, s * 0.45, stroke=1, fill=0)
        for x in (s * 0.35, s * 0.65):
            canvas.circle(x, s * 0.62, s * 0.05, stroke=0, fill=1)
        if self.smiley is Smiley.NEUTRAL:
            canvas.line(s * 0.32, s * 0.32, s * 0.68, s * 0.32)
        elif self.smiley is Smiley.HAPPY:
            canvas.arc(s * 0.28, s * 0.18, s * 0.72, s * 0.52, startAng=200, extent=140)
        else:
            canvas.arc(s * 0.28, s * 0.2, s * 0.72, s * 0.5, startAng=20, extent=140)
        canvas.restoreState()


# --- one section as a table ---------------------------------------------------------------------


class _Slot(NamedTuple):
    column: Column
    part: str  # "" for a whole column, "yes" / "no" for the halves of a yes-no column


class _Plan(NamedTuple):
    """Which table columns a section prints, and their widths."""

    group: bool
    label: bool
    slots: tuple[_Slot, ...]
    row_total: bool
    widths: tuple[float, ...]

    @property
    def lead(self) -> int:
        """How many columns come before the cells (group and label)."""
        return int(self.group) + int(self.label)


def _plan(section: Section, width: float) -> _Plan:
    group = bool(section.row_groups) and section.group_layout is GroupLayout.COLUMN
    label = section.has_row_labels
    slots: list[_Slot] = []
    weights: list[float] = []
    if group:
        weights.append(0.8)
    if label:
        weights.append(section.label_width)
    for column in section.columns:
        if column.kind is CellKind.YES_NO:
            slots += [_Slot(column, "yes"), _Slot(column, "no")]
            weights += [column.width / 2, column.width / 2]
        else:
            slots.append(_Slot(column, ""))
            weights.append(column.width)
    if section.row_total:
        weights.append(0.8)
    scale = width / sum(weights)
    return _Plan(group, label, tuple(slots), section.row_total, tuple(w * scale for w in weights))


def _p(value: str, chosen: Any) -> Paragraph:
    return Paragraph(paragraph_text(value), chosen)


def _cell(slot: _Slot, value: CellValue | None, styles: MatrixStyles) -> list[Any]:
    """The flowables of one filled cell."""
    kind = slot.column.kind
    if value is None:
        return []
    if kind is CellKind.TEXT and isinstance(value, str):
        return [_p(value, styles.cell)]
    if kind is CellKind.LIST and isinstance(value, tuple):
        return [_p(f"• {item}", styles.cell) for item in value if isinstance(item, str)]
    if kind is CellKind.AMOUNT and isinstance(value, Decimal):
        return [_p(format_amount(value), styles.amount)]
    if kind is CellKind.WEIGHT and isinstance(value, int):
        words = _("{count} gommette(s)").format(count=value)
        return [Dots(value), _p(words, styles.small)]
    if kind is CellKind.INDICATOR and isinstance(value, tuple):
        paragraphs = []
        for item in value:
            if not isinstance(item, Indicator):
                continue
            markup = paragraph_text(f"• {item.text}")
            if item.value is not None:
                quantity = paragraph_text(format_quantity(item.value, item.unit))
                markup += f"\u00a0: <b>{quantity}</b>"
            paragraphs.append(Paragraph(markup, styles.cell))
        return paragraphs
    if kind is CellKind.YES_NO and isinstance(value, YesNo):
        if value.answer != (slot.part == "yes"):
            return []
        word = _("OUI") if value.answer else _("NON")
        return [_p(word, styles.label)] + ([_p(value.text, styles.cell)] if value.text else [])
    if kind is CellKind.SMILEY and isinstance(value, Smiley):
        return [Face(value), _p(value.label, styles.small)]
    return []


def _header(section: Section, plan: _Plan, styles: MatrixStyles) -> list[Any]:
    row: list[Any] = []
    if plan.lead:
        row.append(_p(section.corner, styles.head) if section.corner else "")
        row += [""] * (plan.lead - 1)
    for slot in plan.slots:
        column = slot.column
        label = {"yes": column.yes_label, "no": column.no_label}.get(slot.part, column.label)
        row.append(_p(label, styles.head))
    if plan.row_total:
        row.append(_p(_("Total de la ligne"), styles.head))
    return row


def _total_cells(line: GridLine, plan: _Plan, styles: MatrixStyles, blank: bool) -> list[Any]:
    """The totals of a SUBTOTAL or TOTAL line (left empty on a blank sheet, to be written)."""
    prefix = "" if plan.lead else f"{line.label}\u00a0: "
    cells: list[Any] = []
    for slot in plan.slots:
        column = slot.column
        if blank:
            cells.append(_p(prefix, styles.total) if prefix and slot is plan.slots[0] else "")
        elif column.total and slot.part in ("", "yes"):
            cells.append(_p(prefix + total_text(line.totals.get(column.id, {})), styles.total))
        else:
            cells.append("")
    return cells


def _data_cells(
    line: GridLine, plan: _Plan, filled: FilledMatrix, styles: MatrixStyles, blank: float
) -> list[Any]:
    cells: list[Any] = []
    for index, slot in enumerate(plan.slots):
        value = filled.value(line.key(slot.column), slot.column.kind)
        content = _cell(slot, value, styles)
        if blank and index == 0:
            content = [Spacer(1, blank), *content]
        cells.append(content or "")
    if plan.row_total:
        cells.append(_p(total_text(line.totals.get(ROW_TOTAL, {})), styles.total))
    return cells


def section_table(
    lines: Sequence[GridLine],
    filled: FilledMatrix,
    styles: MatrixStyles,
    width: float,
    *,
    blank: float = 0.0,
) -> Table:
    """One section's lines as a table ``width`` wide; ``blank`` gives empty rows that height."""
    section = lines[0].section
    plan = _plan(section, width)
    count = len(plan.widths)
    rows: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    first = 1 if plan.group else 0
    commands.append(("GRID", (first, 0), (-1, -1), 0.5, GRID))
    if plan.group:
        commands.append(("BOX", (0, 0), (0, 0), 0.5, GRID))
    if plan.lead > 1:
        commands.append(("SPAN", (0, 0), (plan.lead - 1, 0)))
    group_start = 0
    for line in lines:
        number = len(rows)
        if line.kind is LineKind.HEADER:
            rows.append(_header(section, plan, styles))
        elif line.kind is LineKind.BAND:
            label = line.label
            if blank and line.group is not None and line.instance is not None:
                who = line.group.instance_label or _("Partie prenante")
                label = f"{line.group.label} — {who}\u00a0: {'.' * 50}"
            rows.append([_p(label, styles.band)] + [""] * (count - 1))
            commands += [
                ("SPAN", (0, number), (-1, number)),
                ("BACKGROUND", (0, number), (-1, number), BAND),
            ]
        elif line.kind is LineKind.DATA:
            row: list[Any] = []
            if plan.group:
                if line.first_of_group:
                    group_start = number
                    row.append(_p(line.group.label, styles.label) if line.group else "")
                else:
                    row.append("")
                if number == group_start + line.group_size - 1:
                    commands.append(("BOX", (0, group_start), (0, number), 0.5, GRID))
            if plan.label:
                row.append(_p(line.label, styles.label) if line.label else "")
            rows.append(row + _data_cells(line, plan, filled, styles, blank))
        else:
            lead: list[Any] = []
            if plan.lead:
                lead = [_p(line.label, styles.total)] + [""] * (plan.lead - 1)
                if plan.lead > 1:
                    commands.append(("SPAN", (0, number), (plan.lead - 1, number)))
            tail: list[Any] = [""] if plan.row_total else []
            rows.append(lead + _total_cells(line, plan, styles, bool(blank)) + tail)
            commands.append(("BACKGROUND", (0, number), (-1, number), TOTAL))
    table = Table(rows, colWidths=list(plan.widths), repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle(commands))
    return table


# --- whole matrices -----------------------------------------------------------------------------


def matrix_flowables(
    template: MatrixTemplate,
    filled: FilledMatrix | None,
    styles: MatrixStyles | None = None,
    *,
    width: float = PORTRAIT_FRAME,
    sheet_breaks: bool = False,
    blank: float = 0.0,
) -> list[Any]:
    """One matrix as flowables ``width`` points wide (A4 portrait's frame by default): per
    sheet its heading, per section its title and table. ``filled`` None prints it empty.

    For the restitution: ``matrix_flowables(template, matrix.filled)`` after a heading naming
    the matrix and its use case or group.
    """
    chosen = styles or matrix_styles()
    data = filled or EMPTY
    flowables: list[Any] = []
    for index, sheet in enumerate(template.sheets):
        if index and sheet_breaks:
            flowables.append(PageBreak())
        if sheet.label:
            flowables += [CondPageBreak(HEADING_ROOM), _p(sheet.label, chosen.sheet)]
        for section in template.sections:
            lines = section_lines(template, sheet, section, data)
            flowables.append(CondPageBreak(HEADING_ROOM))
            if section.title:
                flowables.append(_p(section.title, chosen.section))
            if section.corner and not section.has_row_labels:
                flowables.append(_p(section.corner, chosen.label))
            flowables.append(section_table(lines, data, chosen, width, blank=blank))
            flowables.append(Spacer(1, 3 * mm))
    return flowables


def _frame(page: str) -> tuple[float, float]:
    """The room inside the page's frame (reportlab's frame pads 6 points on every side)."""
    width, height = PAGE_SIZES[page]
    padding = 12
    return width - 2 * MARGIN - padding, height - 2 * MARGIN - FOOTER_ROOM - padding


def _heading(
    template: MatrixTemplate, title: str, subtitle: str, blank: bool, styles: MatrixStyles
) -> list[Any]:
    flowables: list[Any] = [_p(template.title, styles.title)]
    if title or subtitle:
        flowables.append(
            _p(" — ".join(part for part in (title, subtitle) if part), styles.subtitle)
        )
    if blank:
        to_fill = _("Cas d'usage ou groupe\u00a0: {dots}    Date\u00a0: {short}").format(
            dots="." * 60, short="." * 20
        )
        flowables.append(_p(to_fill, styles.subtitle))
    if template.description:
        flowables.append(_p(template.description, styles.note))
    return flowables


def _height(flowables: Sequence[Any], width: float, height: float) -> float:
    total = 0.0
    for flowable in flowables:
        if isinstance(flowable, PageBreak):
            continue
        _w, h = flowable.wrap(width, height)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _fit(used: Callable[[float], float], room: float, low: float, high: float) -> float:
    """The largest row height in [low, high] whose page still fits in ``room``."""
    if used(low) > room:
        return low
    for _round in range(10):  # bisection: a tenth of a millimetre is plenty
        middle = (low + high) / 2
        if used(middle) <= room:
            low = middle
        else:
            high = middle
    return low


def blank_pages(
    template: MatrixTemplate,
    page: str,
    styles: MatrixStyles,
    title: str = "",
    subtitle: str = "",
) -> list[list[Any]]:
    """The pages of a blank matrix: per sheet, its sections packed onto as few pages as their
    smallest rows allow, then the empty rows of each page made as tall as the page permits."""
    width, height = _frame(page)
    room = height - 2  # rounding: a row pushed to the next page by a fraction of a point
    low, high = BLANK_MIN[page], BLANK_MAX[page]
    pages: list[list[Any]] = []
    for sheet in template.sheets:

        def content(sections: Sequence[Section], first: bool, row_height: float) -> list[Any]:
            part = template._replace(sheets=(sheet,), sections=tuple(sections))  # noqa: B023
            head = _heading(template, title, subtitle, True, styles) if first else []
            return head + matrix_flowables(part, None, styles, width=width, blank=row_height)

        packed: list[list[Section]] = [[]]
        for section in template.sections:
            trial = [*packed[-1], section]
            if packed[-1] and _height(content(trial, len(packed) == 1, low), width, height) > room:
                packed.append([section])
            else:
                packed[-1] = trial
        for index, sections in enumerate(packed):
            first = index == 0

            def used(row_height: float, s: list[Section] = sections, f: bool = first) -> float:
                return _height(content(s, f, row_height), width, height)

            pages.append(content(sections, first, _fit(used, room, low, high)))
    return pages


def write_matrix_pdf(
    template: MatrixTemplate,
    stream: BinaryIO,
    *,
    filled: FilledMatrix | None = None,
    page: str = "a4",
    title: str = "",
    subtitle: str = "",
) -> None:
    """Write the matrix to ``stream``: blank when ``filled`` is None, landscape ``page``
    (« a4 » or « a3 »); ``title`` and ``subtitle`` name the workshop and the use case."""
    register_fonts()
    if page not in PAGE_SIZES:
        raise ValueError(f"page format {page!r}")
    scale = 1.3 if page == "a3" else 1.0
    styles = matrix_styles(scale)
    width, _height_left = _frame(page)
    flowables: list[Any] = []
    if filled is None:
        for index, page_flowables in enumerate(
            blank_pages(template, page, styles, title, subtitle)
        ):
            flowables += ([PageBreak()] if index else []) + page_flowables
    else:
        flowables += _heading(template, title, subtitle, False, styles)
        flowables += matrix_flowables(template, filled, styles, width=width, sheet_breaks=True)
    size = PAGE_SIZES[page]
    source = template.source

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7 * scale)
        canvas.setFillGray(0.35)
        page_width = size[0]
        line = f"{APP_NAME} · {_(CREDIT)}"
        if source:
            line += f" · {_('Source')}\u00a0: {source}"
        number = _("Page {number}").format(number=canvas.getPageNumber())
        room = page_width - 2 * MARGIN - canvas.stringWidth(number, FONT, 7 * scale) - 6 * mm
        shown = plain(line)
        while shown and canvas.stringWidth(shown, FONT, 7 * scale) > room:
            shown = shown[:-2] + "…"
        canvas.drawString(MARGIN, 9 * mm, shown)
        canvas.drawRightString(page_width - MARGIN, 9 * mm, number)
        canvas.restoreState()

    document = SimpleDocTemplate(
        stream,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + FOOTER_ROOM,
        title=plain(template.title),
        author=APP_NAME,
        creator=APP_NAME,
        initialFontName=FONT,
    )
    document.build(flowables, onFirstPage=footer, onLaterPages=footer)
