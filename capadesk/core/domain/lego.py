"""A Lego build photographed and annotated, as plain data and rules (Chamonix, seed 002).

Each défi group builds with Lego the organisation needed to meet its défi, then tells the
story of it. One document per photo of a build (the group's, the photo's): markers placed on
the photo name the acteurs, usagers, freins and leviers, and the story is written beside it.

A marker's position is relative to the photo as it is shown (EXIF orientation applied): x and
y from 0 (left, top) to 1 (right, bottom), so it stays on the same brick at any size.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from capadesk.core.domain.tool_fields import (
    check_version,
    free_text,
    get_float,
    get_id,
    get_list,
    get_map,
    get_str,
    one_line,
    unique_ids,
    unreadable,
)
from capadesk.core.errors import ValidationError
from capadesk.i18n import N_, _

KIND = "lego-build"
FORMAT_VERSION = 1
MAX_ANNOTATIONS = 40
_WHAT = N_("construction Lego")


class AnnotationKind(StrEnum):
    """What a marker points at on the build."""

    ACTOR = "acteur"
    USER = "usager"
    BRAKE = "frein"
    LEVER = "levier"

    @property
    def label(self) -> str:
        """« Acteur », « Usager »…"""
        return _(_KIND_LABELS[self])

    @property
    def plural(self) -> str:
        """« Acteurs », « Usagers »… for a legend's headings."""
        return _(_KIND_PLURALS[self])


_KIND_LABELS = {
    AnnotationKind.ACTOR: N_("Acteur"),
    AnnotationKind.USER: N_("Usager"),
    AnnotationKind.BRAKE: N_("Frein"),
    AnnotationKind.LEVER: N_("Levier"),
}
_KIND_PLURALS = {
    AnnotationKind.ACTOR: N_("Acteurs"),
    AnnotationKind.USER: N_("Usagers"),
    AnnotationKind.BRAKE: N_("Freins"),
    AnnotationKind.LEVER: N_("Leviers"),
}


@dataclass(frozen=True)
class Annotation:
    """A numbered marker on the photo."""

    id: str
    kind: AnnotationKind
    text: str
    x: float
    y: float


@dataclass(frozen=True)
class LegoBuild:
    """See module docstring."""

    story: str = ""
    annotations: tuple[Annotation, ...] = ()

    def of_kind(self, kind: AnnotationKind) -> tuple[tuple[int, Annotation], ...]:
        """(number shown on the photo, marker) of one kind; numbers count from 1 in the
        order the markers were placed."""
        return tuple(
            (number, a) for number, a in enumerate(self.annotations, start=1) if a.kind is kind
        )


def check_position(x: float, y: float) -> tuple[float, float]:
    """A position inside the photo (0 to 1 both ways), or ValidationError."""
    if not (math.isfinite(x) and math.isfinite(y) and 0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
        raise ValidationError(_("Placez l'annotation sur la photo."))
    return (x, y)


def _text(raw: str) -> str:
    return one_line(raw, _("L'annotation"), required=True, limit=120)


def annotate(
    build: LegoBuild, kind: AnnotationKind, raw: str, x: float, y: float, item_id: str
) -> LegoBuild:
    """A marker at (x, y) of the photo."""
    if len(build.annotations) >= MAX_ANNOTATIONS:
        raise ValidationError(
            _("{limit} annotations au plus par photo.").format(limit=MAX_ANNOTATIONS)
        )
    x, y = check_position(x, y)
    marker = Annotation(item_id, AnnotationKind(kind), _text(raw), x, y)
    return replace(build, annotations=(*build.annotations, marker))


def _find(build: LegoBuild, item_id: str) -> Annotation:
    for annotation in build.annotations:
        if annotation.id == item_id:
            return annotation
    raise ValidationError(_("Cette annotation n'existe plus."))


def _with(build: LegoBuild, marker: Annotation) -> LegoBuild:
    return replace(
        build, annotations=tuple(marker if a.id == marker.id else a for a in build.annotations)
    )


def move_annotation(build: LegoBuild, item_id: str, x: float, y: float) -> LegoBuild:
    """Drag a marker elsewhere on the photo."""
    x, y = check_position(x, y)
    return _with(build, replace(_find(build, item_id), x=x, y=y))


def edit_annotation(build: LegoBuild, item_id: str, kind: AnnotationKind, raw: str) -> LegoBuild:
    """Change a marker's kind or text."""
    return _with(build, replace(_find(build, item_id), kind=AnnotationKind(kind), text=_text(raw)))


def remove_annotation(build: LegoBuild, item_id: str) -> LegoBuild:
    """Take a marker off (the next ones are renumbered)."""
    _find(build, item_id)
    return replace(build, annotations=tuple(a for a in build.annotations if a.id != item_id))


def set_story(build: LegoBuild, raw: str) -> LegoBuild:
    """The story the group tells at the restitution."""
    return replace(build, story=free_text(raw, _("Le récit"), limit=8000))


# --- JSON -----------------------------------------------------------------------------------


def dump(build: LegoBuild) -> dict[str, Any]:
    """The document's ``data``."""
    return {
        "story": build.story,
        "annotations": [
            {"id": a.id, "kind": a.kind.value, "text": a.text, "x": a.x, "y": a.y}
            for a in build.annotations
        ],
    }


def load(data: Mapping[str, Any], version: int) -> LegoBuild:
    """A build from its stored ``data``; a marker off the photo makes it unreadable."""
    what = _(_WHAT)
    check_version(version, FORMAT_VERSION, what)
    markers = []
    for item in get_list(data, "annotations", what):
        entry = get_map(item, what)
        try:
            kind = AnnotationKind(get_str(entry, "kind", what))
            x, y = check_position(get_float(entry, "x", what), get_float(entry, "y", what))
        except (ValueError, ValidationError) as error:
            raise unreadable(what) from error
        markers.append(Annotation(get_id(entry, what), kind, get_str(entry, "text", what), x, y))
    unique_ids([m.id for m in markers], what)
    return LegoBuild(story=get_str(data, "story", what), annotations=tuple(markers))


def title(build: LegoBuild) -> str:
    """The document's title column."""
    return build.story.split("\n", 1)[0][:80]
