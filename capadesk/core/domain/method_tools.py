"""The method tools of a workshop as plain data: what the restitution prints of them
(``services.method_tools_data`` reads it, ``export.method_tools_pdf`` lays it out)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from capadesk.core.domain.backcast import Backcast, Story
from capadesk.core.domain.journey_map import JourneyMap
from capadesk.core.domain.lego import LegoBuild
from capadesk.core.domain.persona import Persona
from capadesk.core.domain.spider_web import SpiderWeb


class ThreadProjection(NamedTuple):
    """A thread's « nous sommes en 2027 » and its rétroplanning (either may be missing)."""

    thread_title: str
    story: Story | None
    drawing: Path | None
    backcast: Backcast | None


class LegoGroup(NamedTuple):
    """A défi group's build photos with their markers."""

    group_name: str
    challenge: str
    builds: tuple[tuple[LegoBuild, Path | None], ...]


class MethodTools(NamedTuple):
    """Everything the method tools hold for one workshop."""

    personas: tuple[tuple[Persona, Path | None], ...] = ()
    spider_webs: tuple[SpiderWeb, ...] = ()
    journey_maps: tuple[JourneyMap, ...] = ()
    projections: tuple[ThreadProjection, ...] = ()
    lego: tuple[LegoGroup, ...] = ()
    skipped: int = 0

    @property
    def empty(self) -> bool:
        """True when no tool was used."""
        return not (
            self.personas or self.spider_webs or self.journey_maps or self.projections or self.lego
        )
