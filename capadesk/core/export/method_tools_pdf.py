"""The method tools in the restitution PDF: one ``*_flowables`` function per tool, each turning
plain data (the tool's domain value, a prepared photo) into reportlab flowables.

They add no level-0 heading (the restitution's section has it) and open no file: a photo comes
as JPEG bytes already upright and downscaled (``photo_prep.prepare_photo`` gives that), or None.
User text goes through ``pdf_base`` (escaped, French typography, missing glyphs shown).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from reportlab.graphics.shapes import (  # type: ignore[import-untyped]
    Circle,
    Drawing,
    Line,
    PolyLine,
    String,
)
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from capadesk.core.domain import backcast as backcast_rules
from capadesk.core.domain import journey_map as journey_rules
from capadesk.core.domain import persona as persona_rules
from capadesk.core.domain import spider_web as web_rules
from capadesk.core.domain.backcast import Backcast, Story
from capadesk.core.domain.journey_map import JourneyMap
from capadesk.core.domain.lego import AnnotationKind, LegoBuild
from capadesk.core.domain.method_tools import MethodTools
from capadesk.core.domain.persona import Persona
from capadesk.core.domain.spider_web import SpiderWeb
from capadesk.core.export.pdf_base import FONT, FONT_BOLD, paragraph_text, text
from capadesk.core.export.pdf_document import FRAME_WIDTH, GREY, LIGHT, styles, table_style
from capadesk.core.export.photo_prep import prepare_photo
from capadesk.i18n import _

PHOTO_MAX_HEIGHT = 110 * mm
STAGES_PER_TABLE = 4  # a journey map's columns per table on an A4 page
KIND_COLOURS = {
    AnnotationKind.ACTOR: colors.HexColor("#1565C0"),
    AnnotationKind.USER: colors.HexColor("#2E7D32"),
    AnnotationKind.BRAKE: colors.HexColor("#C62828"),
    AnnotationKind.LEVER: colors.HexColor("#EF6C00"),
}
RING_COLOURS = (colors.HexColor("#F9A825"), colors.HexColor("#1E88E5"), colors.HexColor("#8E24AA"))
KEPT = colors.HexColor("#1B7F3B")


class PhotoData(Protocol):
    """A photo ready for the PDF (``photo_prep.PreparedPhoto`` is one)."""

    @property
    def data(self) -> bytes | None: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...


def _para(user_text: str, style: Any) -> Paragraph:
    return Paragraph(paragraph_text(user_text), style)


def _photo(photo: PhotoData | None, width: float, height: float) -> Image | None:
    if photo is None or photo.data is None or photo.width <= 0 or photo.height <= 0:
        return None
    scale = min(width / photo.width, height / photo.height)
    return Image(io.BytesIO(photo.data), width=photo.width * scale, height=photo.height * scale)


def _tag(label: str, colour: str) -> str:
    """A small coloured marker after a text (« retenue », « au mur »): markup."""
    return f' <font color="{colour}" size="7"><b>[{text(label)}]</b></font>'


def _bullets(items: Sequence[str]) -> list[Paragraph]:
    s = styles()
    return [Paragraph(paragraph_text(item, limit=600), s.card, bulletText="•") for item in items]


# --- persona --------------------------------------------------------------------------------


def persona_flowables(
    card: Persona, photo: PhotoData | None = None, *, width: float = FRAME_WIDTH
) -> list[Any]:
    """The persona card (picture on the left), then its « Comment pourrions-nous ? » questions
    with their solutions."""
    s = styles()
    rows: list[list[Any]] = []
    age = "" if card.age is None else _("{age}\u00a0ans").format(age=card.age)
    for label, value in (
        (_(persona_rules.AGE_LABEL), age),
        *((_(lbl), getattr(card, key)) for key, lbl in persona_rules.TEXT_FIELDS[1:]),
    ):
        if value:
            rows.append([Paragraph(text(label), s.cell_bold), _para(value, s.cell)])
    for key, label in persona_rules.LIST_FIELDS:
        items = getattr(card, key)
        if items:
            rows.append([Paragraph(text(_(label)), s.cell_bold), _bullets(items)])
    picture = _photo(photo, 45 * mm, 60 * mm)
    text_width = width - (50 * mm if picture else 0)
    fields: Any = (
        Table(
            rows,
            colWidths=(38 * mm, text_width - 38 * mm),
            style=table_style(("BACKGROUND", (0, 0), (-1, 0), colors.white)),
        )
        if rows
        else Paragraph(text(_("Fiche non remplie.")), s.note)
    )
    body: Any = fields
    if picture is not None:
        body = Table(
            [[picture, fields]],
            colWidths=(50 * mm, text_width),
            style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)],
        )
    flowables: list[Any] = [Paragraph(text(card.display_name), s.h2), body]
    if card.questions:
        flowables.append(Paragraph(text(_("Comment pourrions-nous…\u00a0?")), s.h3))
        for question in card.questions:
            block = [
                _para(question.question, s.body),
                Paragraph(
                    text(_("Frustration\u00a0: {text}").format(text=question.frustration)), s.small
                ),
            ]
            if question.solution:
                block.append(
                    _para(_("Solution\u00a0: {text}").format(text=question.solution), s.card)
                )
            flowables.append(KeepTogether(block))
    flowables.append(Spacer(0, 4 * mm))
    return flowables


# --- Spider Web -----------------------------------------------------------------------------


def _web_drawing(web: SpiderWeb, size: float) -> Drawing:
    drawing = Drawing(size, size)
    centre = size / 2
    radii = (size * 0.2, size * 0.33, size * 0.47)
    for ring in (3, 2, 1):
        fill = colors.Color(*RING_COLOURS[ring - 1].rgb(), alpha=0.10)
        drawing.add(
            Circle(
                centre, centre, radii[ring - 1], fillColor=fill, strokeColor=GREY, strokeWidth=0.6
            )
        )
    for spoke in range(8):
        angle = spoke * math.pi / 4
        drawing.add(
            Line(
                centre + radii[0] * 0.45 * math.cos(angle),
                centre + radii[0] * 0.45 * math.sin(angle),
                centre + radii[2] * math.cos(angle),
                centre + radii[2] * math.sin(angle),
                strokeColor=colors.lightgrey,
                strokeWidth=0.4,
            )
        )
    drawing.add(Circle(centre, centre, radii[0] * 0.45, fillColor=LIGHT, strokeColor=GREY))
    drawing.add(
        String(
            centre, centre - 3, _("Problème"), fontName=FONT_BOLD, fontSize=8, textAnchor="middle"
        )
    )
    kept = {i.id for i in web_rules.kept_ideas(web)}
    number = 0
    for ring in web_rules.RINGS:
        ideas = web.on_ring(ring)
        inner = 0.45 * radii[0] if ring == 1 else radii[ring - 2]
        middle = (inner + radii[ring - 1]) / 2
        for index, idea in enumerate(ideas):
            number += 1
            angle = math.pi / 2 - 2 * math.pi * (index + 0.5 * (ring - 1) / 3) / max(len(ideas), 1)
            x, y = centre + middle * math.cos(angle), centre + middle * math.sin(angle)
            colour = KEPT if idea.id in kept else RING_COLOURS[ring - 1]
            drawing.add(Circle(x, y, 6.5, fillColor=colour, strokeColor=colors.white))
            drawing.add(
                String(
                    x,
                    y - 2.6,
                    str(number),
                    fontName=FONT_BOLD,
                    fontSize=7,
                    fillColor=colors.white,
                    textAnchor="middle",
                )
            )
    return drawing


def spider_web_flowables(web: SpiderWeb, *, width: float = FRAME_WIDTH) -> list[Any]:
    """The problem, the web with its ideas numbered ring by ring (kept ones in green), then the
    ideas with their constraint, dots and the ones kept."""
    s = styles()
    flowables: list[Any] = [
        Paragraph(text(_("Problème\u00a0: ")) + paragraph_text(web.problem or "—"), s.h3),
        _web_drawing(web, min(width, 120 * mm)),
    ]
    kept = {i.id for i in web_rules.kept_ideas(web)}
    rows: list[list[Any]] = [
        [Paragraph(text(h), s.cell_bold) for h in ("N°", _("Idée"), _("Gommettes"))]
    ]
    number = 0
    for ring in web_rules.RINGS:
        constraint = web.constraint_of(ring)
        heading = (
            _("Cercle {ring}\u00a0: contrainte «\u00a0{text}\u00a0»").format(
                ring=ring, text=constraint
            )
            if constraint
            else _("Cercle {ring}\u00a0: idées libres").format(ring=ring)
        )
        rows.append([Paragraph(paragraph_text(heading), s.cell_bold), "", ""])
        for idea in web.on_ring(ring):
            number += 1
            mark = _tag(_("retenue"), "#1B7F3B") if idea.id in kept else ""
            rows.append(
                [
                    Paragraph(str(number), s.cell),
                    Paragraph(paragraph_text(idea.text) + mark, s.cell),
                    Paragraph(str(idea.dots), s.cell),
                ]
            )
    spans = [i for i, row in enumerate(rows) if i and row[1] == ""]
    table = Table(
        rows,
        colWidths=(12 * mm, width - 40 * mm, 28 * mm),
        repeatRows=1,
        style=table_style(
            *(("SPAN", (0, i), (-1, i)) for i in spans),
            *(("BACKGROUND", (0, i), (-1, i), colors.whitesmoke) for i in spans),
        ),
    )
    flowables.append(table)
    summary = _("{used} gommettes posées sur {total} (une par participant).").format(
        used=web.dots_used, total=web.participants
    )
    flowables.append(Paragraph(text(summary), s.small))
    if kept:
        flowables.append(Paragraph(text(_("Idées retenues")), s.h3))
        flowables.extend(_bullets([i.text for i in web_rules.kept_ideas(web)]))
    flowables.append(Spacer(0, 4 * mm))
    return flowables


# --- journey map ----------------------------------------------------------------------------


def _curve(journey: JourneyMap, width: float, first_x: float) -> Drawing:
    height = float(32 * mm)
    drawing = Drawing(width, height)
    columns = len(journey.stages)
    column = (width - first_x) / max(columns, 1)
    low, high = 6.0, height - 6.0

    def y_of(score: int) -> float:
        return low + (score + 2) / 4 * (high - low)

    for score in journey_rules.SATISFACTION:
        drawing.add(
            Line(
                first_x,
                y_of(score),
                width,
                y_of(score),
                strokeColor=colors.lightgrey,
                strokeWidth=0.3,
            )
        )
    drawing.add(String(2, y_of(2) - 3, _("Très satisfait"), fontName=FONT, fontSize=7))
    drawing.add(String(2, y_of(-2) - 3, _("Très insatisfait"), fontName=FONT, fontSize=7))
    points = [(first_x + column * (i + 0.5), y_of(score)) for i, score in journey.curve()]
    if len(points) > 1:
        drawing.add(
            PolyLine(
                [c for p in points for c in p],
                strokeColor=colors.HexColor("#1565C0"),
                strokeWidth=1.6,
            )
        )
    for x, y in points:
        drawing.add(Circle(x, y, 3, fillColor=colors.HexColor("#1565C0"), strokeColor=colors.white))
    return drawing


def journey_map_flowables(journey: JourneyMap, *, width: float = FRAME_WIDTH) -> list[Any]:
    """Persona, scenario and framing; the stages × rows grid (a few stages per table), each
    table followed by its satisfaction curve; the irritants sent to the wall are marked."""
    s = styles()
    flowables: list[Any] = [
        Paragraph(
            text(_("Parcours de {name}").format(name=journey.persona_name or _("l'usager"))), s.h2
        ),
    ]
    if journey.scenario:
        flowables.append(_para(_("Scénario\u00a0: {text}").format(text=journey.scenario), s.body))
    flowables.append(Paragraph(text(journey.framing), s.small))
    if not journey.stages:
        flowables.append(Paragraph(text(_("Aucune étape n'a été saisie.")), s.note))
        return flowables
    label_width = 34 * mm
    for start in range(0, len(journey.stages), STAGES_PER_TABLE):
        part = journey.stages[start : start + STAGES_PER_TABLE]
        column = (width - label_width) / len(part)
        rows: list[list[Any]] = [
            [Paragraph(text(_("Étapes")), s.cell_bold)]
            + [Paragraph(text(stage.title), s.cell_bold) for stage in part]
        ]
        for key, label in journey_rules.ROWS:
            cells: list[Any] = [Paragraph(text(_(label)), s.cell_bold)]
            for stage in part:
                sent = {i.text for i in stage.sent} if key == "frictions" else set()
                shown = [
                    paragraph_text(line)
                    + (_tag(_("au mur"), "#C62828") if line.strip() in sent else "")
                    for line in stage.cell(key).splitlines()
                ]
                cells.append(Paragraph("<br/>".join(shown), s.cell))
            rows.append(cells)
        rows.append(
            [Paragraph(text(_("Satisfaction")), s.cell_bold)]
            + [
                Paragraph(
                    text(
                        "—"
                        if stage.satisfaction is None
                        else f"{stage.satisfaction:+d} · "
                        + _(journey_rules.SATISFACTION_LABELS[stage.satisfaction])
                    ),
                    s.cell,
                )
                for stage in part
            ]
        )
        sliced = JourneyMap(stages=part)
        flowables.append(
            Table(
                rows,
                colWidths=(label_width, *([column] * len(part))),
                repeatRows=1,
                style=table_style(("BACKGROUND", (0, 1), (0, -1), colors.whitesmoke)),
            )
        )
        flowables.append(_curve(sliced, width, label_width))
        flowables.append(Spacer(0, 3 * mm))
    if any(stage.sent for stage in journey.stages):
        note = _("« au mur » : irritant envoyé sur le mur de l'atelier.")
        flowables.append(Paragraph(text(note), s.small))
    return flowables


# --- projection 2027 and backcast -----------------------------------------------------------


def story_flowables(
    thread_title: str, story: Story, drawing: PhotoData | None = None, *, width: float = FRAME_WIDTH
) -> list[Any]:
    """« Nous sommes en 2027 » for one thread: the story, then the drawing."""
    s = styles()
    flowables: list[Any] = [
        Paragraph(text(thread_title), s.h2),
        Paragraph(text(story.heading), s.h3),
        _para(story.text, s.body) if story.text else Paragraph(text(_("Récit non saisi.")), s.note),
    ]
    picture = _photo(drawing, width, PHOTO_MAX_HEIGHT)
    if picture is not None:
        flowables.append(picture)
    flowables.append(Spacer(0, 4 * mm))
    return flowables


def backcast_flowables(
    thread_title: str, backcast: Backcast, *, width: float = FRAME_WIDTH
) -> list[Any]:
    """The rétroplanning of one thread as a roadmap: period, action, in timeline order."""
    s = styles()
    heading = _("Feuille de route vers {year}").format(year=backcast.target_year)
    flowables: list[Any] = [Paragraph(text(thread_title), s.h2), Paragraph(text(heading), s.h3)]
    items = backcast_rules.roadmap(backcast)
    if not items:
        flowables.append(Paragraph(text(_("Aucun post-it n'a été placé.")), s.note))
        return flowables
    rows: list[list[Any]] = [
        [Paragraph(text(_("Quand")), s.cell_bold), Paragraph(text(_("Action")), s.cell_bold)]
    ]
    previous = None
    for item in items:
        when = item.period.label if item.period != previous else ""
        previous = item.period
        rows.append([Paragraph(text(when), s.cell_bold), _para(item.text, s.cell)])
    flowables.append(
        Table(rows, colWidths=(28 * mm, width - 28 * mm), repeatRows=1, style=table_style())
    )
    flowables.append(Spacer(0, 4 * mm))
    return flowables


# --- Lego -----------------------------------------------------------------------------------


class _AnnotatedPhoto(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A photo with numbered round markers at the annotations' relative positions."""

    def __init__(
        self, data: bytes, size: tuple[int, int], build: LegoBuild, width: float, height: float
    ) -> None:
        super().__init__()
        scale = min(width / size[0], height / size[1])
        self.width, self.height = size[0] * scale, size[1] * scale
        self._image = ImageReader(io.BytesIO(data))
        self._build = build

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.drawImage(self._image, 0, 0, self.width, self.height)
        radius = 3.6 * mm
        for number, marker in enumerate(self._build.annotations, start=1):
            x, y = marker.x * self.width, (1 - marker.y) * self.height
            canvas.setFillColor(KIND_COLOURS[marker.kind])
            canvas.setStrokeColor(colors.white)
            canvas.setLineWidth(1.2)
            canvas.circle(x, y, radius, stroke=1, fill=1)
            canvas.setFillColor(colors.white)
            canvas.setFont(FONT_BOLD, 8)
            canvas.drawCentredString(x, y - 2.8, str(number))


def lego_flowables(
    group_name: str,
    challenge: str,
    builds: Sequence[tuple[LegoBuild, PhotoData | None]],
    *,
    width: float = FRAME_WIDTH,
) -> list[Any]:
    """One défi group's build: each photo with its numbered markers, the legend by kind
    (acteurs, usagers, freins, leviers) and the story told."""
    s = styles()
    title = f"{group_name} — {challenge}" if challenge else group_name
    flowables: list[Any] = [Paragraph(text(title), s.h2)]
    if not builds:
        flowables.append(Paragraph(text(_("Aucune photo de la construction.")), s.note))
    for build, photo in builds:
        if photo is not None and photo.data is not None and photo.width > 0 and photo.height > 0:
            size = (photo.width, photo.height)
            flowables.append(_AnnotatedPhoto(photo.data, size, build, width, PHOTO_MAX_HEIGHT))
        else:
            flowables.append(Paragraph(text(_("Photo non reproduite.")), s.note))
        rows: list[list[Any]] = []
        for kind in AnnotationKind:
            markers = build.of_kind(kind)
            if markers:
                label = Paragraph(
                    f'<font color="{KIND_COLOURS[kind].hexval().replace("0x", "#")}">•</font> '
                    + text(kind.plural),
                    s.cell_bold,
                )
                rows.append([label, [_para(f"{n}. {m.text}", s.cell) for n, m in markers]])
        if rows:
            flowables.append(
                Table(
                    rows,
                    colWidths=(32 * mm, width - 32 * mm),
                    style=table_style(("BACKGROUND", (0, 0), (-1, 0), colors.white)),
                )
            )
        if build.story:
            flowables.append(Paragraph(text(_("Le récit")), s.h3))
            flowables.append(_para(build.story, s.body))
        flowables.append(Spacer(0, 4 * mm))
    return flowables


# --- the whole section ----------------------------------------------------------------------


def method_tools_flowables(
    tools: MethodTools,
    *,
    width: float = FRAME_WIDTH,
    prepare: Callable[[Path | None], PhotoData] = prepare_photo,
) -> list[Any]:
    """Every tool used in the workshop, one sub-heading per tool (empty list: none used).
    Photos are read and downscaled by ``prepare`` (``photo_prep.prepare_photo``)."""
    s = styles()
    parts: list[tuple[str, list[Any]]] = [
        (
            _("Personas et «\u00a0Comment pourrions-nous\u00a0?\u00a0»"),
            [
                f
                for card, path in tools.personas
                for f in persona_flowables(card, _prepared(prepare, path), width=width)
            ],
        ),
        (
            _("Toiles d'araignée"),
            [f for web in tools.spider_webs for f in spider_web_flowables(web, width=width)],
        ),
        (
            _("Parcours usagers"),
            [
                f
                for journey in tools.journey_maps
                for f in journey_map_flowables(journey, width=width)
            ],
        ),
        (_("Projection 2027 et rétroplanning"), _projections(tools, width, prepare)),
        (
            _("Constructions Lego"),
            [
                f
                for group in tools.lego
                for f in lego_flowables(
                    group.group_name,
                    group.challenge,
                    [(build, _prepared(prepare, path)) for build, path in group.builds],
                    width=width,
                )
            ],
        ),
    ]
    flowables: list[Any] = []
    for title, content in parts:
        if content:
            flowables.append(Paragraph(text(title), s.h2))
            flowables.extend(content)
    if tools.skipped:
        note = _("{count} document(s) illisible(s) non reproduit(s).").format(count=tools.skipped)
        flowables.append(Paragraph(text(note), s.note))
    return flowables


def _prepared(prepare: Callable[[Path | None], PhotoData], path: Path | None) -> PhotoData | None:
    return prepare(path) if path is not None else None


def _projections(
    tools: MethodTools, width: float, prepare: Callable[[Path | None], PhotoData]
) -> list[Any]:
    flowables: list[Any] = []
    for projection in tools.projections:
        if projection.story is not None:
            drawing = _prepared(prepare, projection.drawing)
            flowables.extend(
                story_flowables(projection.thread_title, projection.story, drawing, width=width)
            )
        if projection.backcast is not None:
            flowables.extend(
                backcast_flowables(projection.thread_title, projection.backcast, width=width)
            )
    return flowables
