"""A customer journey map (carte du parcours usager), as plain data and rules (seed 004 §1.2, §2.2).

Six steps: define the persona, name the journey's great stages (the columns), list the users'
actions and points of contact, analyse their expectations, thoughts and emotions, qualify the
experience (a satisfaction score per stage, drawn as a curve), seize the opportunities. CapaDesk
adds a row for the data traces left at each stage (the DataCités angle) and lets the frictions
(irritants) be sent to the workshop's wall, one card per line.

The scenario is framed « avec contraintes (délais, budget) » or as a « lettre au Père Noël »:
no constraint, dream.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from capadesk.core.domain.tool_fields import (
    check_version,
    free_text,
    get_bool,
    get_id,
    get_int,
    get_list,
    get_map,
    get_str,
    one_line,
    unique_ids,
    unreadable,
)
from capadesk.core.errors import ValidationError
from capadesk.i18n import N_, _

KIND = "journey-map"
FORMAT_VERSION = 1
MAX_STAGES = 12
SATISFACTION = (-2, -1, 0, 1, 2)
SATISFACTION_LABELS = {
    -2: N_("Très insatisfait"),
    -1: N_("Insatisfait"),
    0: N_("Neutre"),
    1: N_("Satisfait"),
    2: N_("Très satisfait"),
}
_WHAT = N_("parcours usager")

# The rows, top to bottom: (key, French label). « thoughts » carries the satisfaction curve.
ROWS = (
    ("actions", N_("Actions / points de contact")),
    ("expectations", N_("Attentes")),
    ("thoughts", N_("Pensées et émotions")),
    ("frictions", N_("Frictions / irritants")),
    ("opportunities", N_("Opportunités")),
    ("data_traces", N_("Traces de données")),
)
ROW_KEYS = tuple(key for key, _label in ROWS)


@dataclass(frozen=True)
class SentIrritant:
    """A friction line sent to the wall, and the card it became."""

    text: str
    capture_id: str


@dataclass(frozen=True)
class Stage:
    """A column: a great stage of the journey."""

    id: str
    title: str
    cells: tuple[tuple[str, str], ...] = ()  # (row key, text), rows without text left out
    satisfaction: int | None = None
    sent: tuple[SentIrritant, ...] = ()

    def cell(self, row: str) -> str:
        """The text of ``row`` at this stage (empty when none)."""
        return dict(self.cells).get(row, "")

    def irritants(self) -> tuple[str, ...]:
        """The friction lines: each one an irritant."""
        return tuple(line.strip() for line in self.cell("frictions").splitlines() if line.strip())

    def unsent(self) -> tuple[str, ...]:
        """Friction lines not sent to the wall yet."""
        sent = {s.text for s in self.sent}
        return tuple(line for line in dict.fromkeys(self.irritants()) if line not in sent)


@dataclass(frozen=True)
class JourneyMap:
    """See module docstring. ``persona_id`` is the persona document's public id (as text)."""

    persona_id: str = ""
    persona_name: str = ""  # kept so the map still reads if the persona is deleted
    scenario: str = ""
    constrained: bool = False
    constraints: str = ""
    stages: tuple[Stage, ...] = ()

    @property
    def framing(self) -> str:
        """« Avec contraintes : délais, budget » or « Lettre au Père Noël (sans contrainte) »."""
        if not self.constrained:
            return _("Lettre au Père Noël (sans contrainte)")
        if self.constraints:
            return _("Avec contraintes\u00a0: {list}").format(list=self.constraints)
        return _("Avec contraintes")

    def curve(self) -> tuple[tuple[int, int], ...]:
        """(column index, satisfaction) of the stages that have a score, left to right."""
        return tuple(
            (index, stage.satisfaction)
            for index, stage in enumerate(self.stages)
            if stage.satisfaction is not None
        )


def set_persona(journey: JourneyMap, persona_id: str, persona_name: str) -> JourneyMap:
    """Step 1: the persona whose journey it is (empty id: none chosen)."""
    return replace(journey, persona_id=persona_id, persona_name=persona_name)


def set_scenario(journey: JourneyMap, raw: str) -> JourneyMap:
    """The service studied and the situation."""
    return replace(journey, scenario=free_text(raw, _("Le scénario"), limit=1000))


def set_framing(journey: JourneyMap, constrained: bool, raw_constraints: str) -> JourneyMap:
    """With constraints (which) or without (the constraints text is then dropped)."""
    constraints = one_line(raw_constraints, _("Les contraintes"), limit=300) if constrained else ""
    return replace(journey, constrained=constrained, constraints=constraints)


def _stage_title(raw: str) -> str:
    return one_line(raw, _("Le nom de l'étape"), required=True, limit=80)


def add_stage(
    journey: JourneyMap, raw_title: str, item_id: str, at: int | None = None
) -> JourneyMap:
    """Step 2: a great stage, at the end or at column ``at``."""
    if len(journey.stages) >= MAX_STAGES:
        raise ValidationError(_("Un parcours a {limit} étapes au plus.").format(limit=MAX_STAGES))
    stage = Stage(item_id, _stage_title(raw_title))
    stages = list(journey.stages)
    stages.insert(len(stages) if at is None else max(0, min(at, len(stages))), stage)
    return replace(journey, stages=tuple(stages))


def _index(journey: JourneyMap, stage_id: str) -> int:
    for index, stage in enumerate(journey.stages):
        if stage.id == stage_id:
            return index
    raise ValidationError(_("Cette étape du parcours n'existe plus."))


def _with_stage(journey: JourneyMap, stage: Stage) -> JourneyMap:
    return replace(journey, stages=tuple(stage if s.id == stage.id else s for s in journey.stages))


def rename_stage(journey: JourneyMap, stage_id: str, raw_title: str) -> JourneyMap:
    """Rename a column."""
    stage = journey.stages[_index(journey, stage_id)]
    return _with_stage(journey, replace(stage, title=_stage_title(raw_title)))


def remove_stage(journey: JourneyMap, stage_id: str) -> JourneyMap:
    """Take a column off (with its cells)."""
    _index(journey, stage_id)
    return replace(journey, stages=tuple(s for s in journey.stages if s.id != stage_id))


def move_stage(journey: JourneyMap, stage_id: str, to: int) -> JourneyMap:
    """Put a column at index ``to`` (clamped to the map)."""
    stages = list(journey.stages)
    stage = stages.pop(_index(journey, stage_id))
    stages.insert(max(0, min(to, len(stages))), stage)
    return replace(journey, stages=tuple(stages))


def set_cell(journey: JourneyMap, stage_id: str, row: str, raw: str) -> JourneyMap:
    """Steps 3 to 6: the text of one cell (several items: one per line)."""
    if row not in ROW_KEYS:
        raise ValueError(f"unknown journey row: {row!r}")
    stage = journey.stages[_index(journey, stage_id)]
    text = free_text(raw, _(dict(ROWS)[row]), limit=2000)
    cells = tuple((key, text if key == row else stage.cell(key)) for key in ROW_KEYS)
    return _with_stage(journey, replace(stage, cells=tuple(c for c in cells if c[1])))


def set_satisfaction(journey: JourneyMap, stage_id: str, score: int | None) -> JourneyMap:
    """Step 5: how the persona lives the stage, from -2 (très insatisfait) to +2."""
    if score is not None and score not in SATISFACTION:
        raise ValidationError(
            _("La satisfaction va de -2 (très insatisfait) à +2 (très satisfait).")
        )
    stage = journey.stages[_index(journey, stage_id)]
    return _with_stage(journey, replace(stage, satisfaction=score))


def mark_sent(journey: JourneyMap, stage_id: str, sent: tuple[SentIrritant, ...]) -> JourneyMap:
    """Record friction lines as sent to the wall (each line at most once)."""
    stage = journey.stages[_index(journey, stage_id)]
    already = {s.text for s in stage.sent}
    lines = set(stage.irritants())
    fresh = tuple(s for s in sent if s.text not in already)
    if any(s.text not in lines for s in fresh):
        raise ValidationError(_("Cet irritant n'est plus dans la case «\u00a0Frictions\u00a0»."))
    return _with_stage(journey, replace(stage, sent=(*stage.sent, *fresh)))


def unsent_irritants(journey: JourneyMap) -> tuple[tuple[Stage, str], ...]:
    """Every friction line not yet on the wall, with its stage, in map order."""
    return tuple((stage, line) for stage in journey.stages for line in stage.unsent())


# --- JSON -----------------------------------------------------------------------------------


def dump(journey: JourneyMap) -> dict[str, Any]:
    """The document's ``data``."""
    return {
        "persona_id": journey.persona_id,
        "persona_name": journey.persona_name,
        "scenario": journey.scenario,
        "constrained": journey.constrained,
        "constraints": journey.constraints,
        "stages": [
            {
                "id": s.id,
                "title": s.title,
                "cells": dict(s.cells),
                "satisfaction": s.satisfaction,
                "sent": [{"text": i.text, "capture_id": i.capture_id} for i in s.sent],
            }
            for s in journey.stages
        ],
    }


def _load_stage(entry: Mapping[str, Any], what: str) -> Stage:
    cells = get_map(entry.get("cells", {}), what)
    if any(key not in ROW_KEYS or not isinstance(text, str) for key, text in cells.items()):
        raise unreadable(what)
    satisfaction = get_int(entry, "satisfaction", what)
    if satisfaction is not None and satisfaction not in SATISFACTION:
        raise unreadable(what)
    sent = []
    for item in get_list(entry, "sent", what):
        sent_entry = get_map(item, what)
        sent.append(
            SentIrritant(get_str(sent_entry, "text", what), get_str(sent_entry, "capture_id", what))
        )
    return Stage(
        id=get_id(entry, what),
        title=get_str(entry, "title", what),
        cells=tuple((key, cells[key]) for key in ROW_KEYS if cells.get(key)),
        satisfaction=satisfaction,
        sent=tuple(sent),
    )


def load(data: Mapping[str, Any], version: int) -> JourneyMap:
    """A journey map from its stored ``data`` (ValidationError when unreadable or too new)."""
    what = _(_WHAT)
    check_version(version, FORMAT_VERSION, what)
    stages = tuple(
        _load_stage(get_map(item, what), what) for item in get_list(data, "stages", what)
    )
    unique_ids([s.id for s in stages], what)
    return JourneyMap(
        persona_id=get_str(data, "persona_id", what),
        persona_name=get_str(data, "persona_name", what),
        scenario=get_str(data, "scenario", what),
        constrained=get_bool(data, "constrained", what),
        constraints=get_str(data, "constraints", what),
        stages=stages,
    )


def title(journey: JourneyMap) -> str:
    """The document's title column."""
    return journey.persona_name or journey.scenario.split("\n", 1)[0][:80]
