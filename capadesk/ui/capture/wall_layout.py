"""Where each card of the wall goes: filtered, grouped into sections, placed on a grid.

Pure Python over the model's rows (no Qt call per card), so laying out 2,000 cards again after
one more is added costs a few milliseconds. Sections come in the use cases' (or the threads')
order, cards in the model's order inside each; cards of no use case (no thread) come last.
"""

from __future__ import annotations

import bisect
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from capadesk.core.domain.capture import CaptureView
from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.i18n import _
from capadesk.ui.capture.wall_model import WallContext


class Grouping(StrEnum):
    """How the wall gathers its cards."""

    USE_CASE = "use-case"
    THREAD = "thread"
    NONE = "none"


@dataclass(frozen=True)
class WallFilter:
    """Which cards show. Empty sets mean « all »; ``None`` in ``stages`` means « no stage »."""

    kinds: frozenset[CaptureKind] = frozenset()
    stages: frozenset[LifecycleStage | None] = frozenset()
    text: str = ""

    @property
    def active(self) -> bool:
        return bool(self.kinds or self.stages or self.text.strip())

    def accepts(self, capture: CaptureView) -> bool:
        """True when ``capture`` passes every criterion."""
        if self.kinds and capture.kind not in self.kinds:
            return False
        if self.stages and capture.stage not in self.stages:
            return False
        needle = self.text.strip().casefold()
        return not needle or needle in capture.text.casefold() or needle in capture.note.casefold()


class Section(NamedTuple):
    """One group of the wall: its key (use case or thread id), its heading and its rows."""

    key: uuid.UUID | None
    title: str
    rows: list[int]


def sections(
    captures: Sequence[CaptureView],
    grouping: Grouping,
    wall_filter: WallFilter,
    context: WallContext,
    keep: Collection[uuid.UUID] = (),
) -> list[Section]:
    """The non-empty sections of the wall, in order (see module docstring); the sections of
    ``keep`` (use cases with photos) show even without a card."""
    accepts = wall_filter.accepts if wall_filter.active else None
    if grouping is Grouping.NONE:
        rows = [r for r, c in enumerate(captures) if accepts is None or accepts(c)]
        return [Section(None, "", rows)] if rows else []
    if grouping is Grouping.USE_CASE:
        ordered = sorted(context.use_cases.values(), key=lambda u: (u.position, u.title))
        titles = {u.public_id: u.title for u in ordered}
        other = _("Sans cas d'usage")
    else:
        threads = sorted(context.threads.values(), key=lambda t: t.position)
        titles = {t.public_id: t.title for t in threads}
        other = _("Hors des fils")
    buckets: dict[uuid.UUID | None, list[int]] = {key: [] for key in titles}
    buckets[None] = []
    thread_of = context.thread_of
    for row, capture in enumerate(captures):
        if accepts is not None and not accepts(capture):
            continue
        if grouping is Grouping.USE_CASE:
            key = capture.use_case_id
        else:
            key = thread_of.get(capture.public_id)
        bucket = buckets.get(key)
        if bucket is None:  # a use case or thread not (yet) listed: with the others
            bucket = buckets[None]
        bucket.append(row)
    found = [
        Section(k, titles[k], rows)
        for k, rows in buckets.items()
        if k is not None and (rows or k in keep)
    ]
    if buckets[None]:
        found.append(Section(None, other, buckets[None]))
    return found


def section_key(capture: CaptureView, grouping: Grouping, context: WallContext) -> uuid.UUID | None:
    """The key of the section ``capture`` goes to (None: the last section, « others »)."""
    if grouping is Grouping.NONE:
        return None
    if grouping is Grouping.USE_CASE:
        key = capture.use_case_id
        return key if key in context.use_cases else None
    key = context.thread_of.get(capture.public_id)
    return key if key in context.threads else None


class Grid(NamedTuple):
    """The wall's measures in pixels."""

    card_width: int
    card_height: int
    gap: int
    margin: int
    header_height: int  # 0: sections without heading
    strip_height: int = 0  # the photo strip under the heading of a section that has one


class Placed(NamedTuple):
    """A section placed on the wall."""

    section: Section
    top: int  # the heading's top
    cards_top: int
    strip_top: int | None = None  # the photo strip's top, when the section has one


class WallGeometry:
    """Every card's rectangle for one width; hit tests without scanning every card."""

    def __init__(
        self,
        found: Sequence[Section],
        grid: Grid,
        width: int,
        strips: frozenset[uuid.UUID] = frozenset(),
    ) -> None:
        self.grid = grid
        self.width = width
        self.strips = strips  # the sections (keys) with a photo strip
        self.sections = list(found)
        step_x = grid.card_width + grid.gap
        self.columns = max(1, (width - 2 * grid.margin + grid.gap) // step_x)
        self.placed: list[Placed] = []
        self.where: dict[int, tuple[int, int]] = {}  # row → (section index, position)
        self.order: list[int] = []  # rows in reading order
        y = grid.margin
        for number, section in enumerate(found):
            header = grid.header_height if section.title else 0
            if section.key is not None and section.key in strips:
                strip_top = y + header
                header += grid.strip_height + grid.gap
                self.placed.append(Placed(section, y, y + header, strip_top))
            else:
                self.placed.append(Placed(section, y, y + header))
            for position, row in enumerate(section.rows):
                self.where[row] = (number, position)
            self.order.extend(section.rows)
            lines = -(-len(section.rows) // self.columns)
            y += header + lines * (grid.card_height + grid.gap) + grid.gap
        self.height = y + grid.margin
        self._tops = [p.top for p in self.placed]

    def appended(self, row: int, key: uuid.UUID | None) -> WallGeometry | None:
        """This layout with ``row`` added at the end of the section ``key``; None when there is
        no such section yet (lay everything out again)."""
        for number, section in enumerate(self.sections):
            if section.key == key:
                found = list(self.sections)
                found[number] = section._replace(rows=[*section.rows, row])
                return WallGeometry(found, self.grid, self.width, self.strips)
        return None

    def rect(self, row: int) -> tuple[int, int, int, int] | None:
        """(x, y, width, height) of ``row``'s card in wall coordinates; None when not shown."""
        found = self.where.get(row)
        if found is None:
            return None
        number, position = found
        line, column = divmod(position, self.columns)
        grid = self.grid
        x = grid.margin + column * (grid.card_width + grid.gap)
        y = self.placed[number].cards_top + line * (grid.card_height + grid.gap)
        return (x, y, grid.card_width, grid.card_height)

    def row_at(self, x: int, y: int) -> int | None:
        """The row whose card is under the wall point (x, y), if any."""
        number = bisect.bisect_right(self._tops, y) - 1
        if number < 0:
            return None
        placed = self.placed[number]
        grid = self.grid
        dx, dy = x - grid.margin, y - placed.cards_top
        if dx < 0 or dy < 0:
            return None
        column, inside_x = divmod(dx, grid.card_width + grid.gap)
        line, inside_y = divmod(dy, grid.card_height + grid.gap)
        if column >= self.columns or inside_x >= grid.card_width or inside_y >= grid.card_height:
            return None
        position = line * self.columns + column
        rows = placed.section.rows
        return rows[position] if position < len(rows) else None

    def section_at(self, y: int) -> Placed | None:
        """The section whose band contains the wall height ``y``."""
        number = bisect.bisect_right(self._tops, y) - 1
        return self.placed[number] if number >= 0 else None

    def heading_at(self, y: int) -> Placed | None:
        """The section whose heading (or photo strip) is at the wall height ``y``."""
        placed = self.section_at(y)
        if placed is None or not placed.top <= y < placed.cards_top:
            return None
        return placed

    def thumb_width(self) -> int:
        """The width of a photo's box in a strip (4:3, the strip's height)."""
        return round(self.grid.strip_height * 4 / 3)

    def strip_boxes(self, count: int) -> list[int]:
        """The left edge of each photo box of a strip of ``count`` photos, as many as fit; when
        some do not fit, the last box stands for the rest (it says « +N »)."""
        grid = self.grid
        step = self.thumb_width() + grid.gap
        fits = max(1, (self.width - 2 * grid.margin + grid.gap) // step)
        return [grid.margin + number * step for number in range(min(count, fits))]

    def strip_at(self, x: int, y: int) -> tuple[Placed, int] | None:
        """The section and the number of the photo box under the wall point (x, y), if any
        (the number may be past the strip's photos: check against ``strip_boxes``)."""
        placed = self.section_at(y)
        top = placed.strip_top if placed is not None else None
        if placed is None or top is None or not top <= y < top + self.grid.strip_height:
            return None
        box, inside = divmod(x - self.grid.margin, self.thumb_width() + self.grid.gap)
        if box < 0 or inside >= self.thumb_width():
            return None
        return placed, box

    def rows_between(self, top: int, bottom: int) -> list[int]:
        """The rows whose cards may show between the wall heights ``top`` and ``bottom``."""
        found: list[int] = []
        grid = self.grid
        step = grid.card_height + grid.gap
        for placed in self.placed:
            rows = placed.section.rows
            lines = -(-len(rows) // self.columns)
            end = placed.cards_top + lines * step
            if end < top or placed.top > bottom:
                continue
            first = max(0, (top - placed.cards_top) // step)
            last = min(lines - 1, (bottom - placed.cards_top) // step)
            found.extend(rows[first * self.columns : (last + 1) * self.columns])
        return found
