"""Edits of an agenda as pure functions: each takes a Protocol and returns a new one.

Indexes are positions of top-level steps; parallel tracks travel with their step. An index out
of range is a programming error (IndexError): the builder only offers edits that make sense.
"""

from __future__ import annotations

import dataclasses

from capadesk.core.domain.protocol import Duration, Protocol, ProtocolStep
from capadesk.core.domain.vocabulary import ActivityKind, StepFormat
from capadesk.i18n import _

BLANK_MINUTES = 15
BREAK_MINUTES = 15


def _with_steps(protocol: Protocol, steps: list[ProtocolStep]) -> Protocol:
    return dataclasses.replace(protocol, steps=tuple(steps))


def _check(protocol: Protocol, index: int) -> None:
    if not 0 <= index < len(protocol.steps):
        raise IndexError(f"no step {index} in a protocol of {len(protocol.steps)}")


def insert_step(protocol: Protocol, index: int, step: ProtocolStep) -> Protocol:
    """``step`` placed at ``index`` (``len(steps)`` appends)."""
    if not 0 <= index <= len(protocol.steps):
        raise IndexError(f"cannot insert at {index} in a protocol of {len(protocol.steps)}")
    steps = list(protocol.steps)
    steps.insert(index, step)
    return _with_steps(protocol, steps)


def remove_step(protocol: Protocol, index: int) -> Protocol:
    """The protocol without its step at ``index``."""
    _check(protocol, index)
    steps = list(protocol.steps)
    del steps[index]
    return _with_steps(protocol, steps)


def duplicate_step(protocol: Protocol, index: int) -> Protocol:
    """A copy of the step at ``index`` placed right after it (tracks included)."""
    _check(protocol, index)
    return insert_step(protocol, index + 1, protocol.steps[index])


def move_step(protocol: Protocol, source: int, destination: int) -> Protocol:
    """The step at ``source`` moved so that it ends up at index ``destination``."""
    _check(protocol, source)
    _check(protocol, destination)
    steps = list(protocol.steps)
    steps.insert(destination, steps.pop(source))
    return _with_steps(protocol, steps)


def replace_step(protocol: Protocol, index: int, step: ProtocolStep) -> Protocol:
    """The protocol with ``step`` instead of the step at ``index``."""
    _check(protocol, index)
    steps = list(protocol.steps)
    steps[index] = step
    return _with_steps(protocol, steps)


def blank_step() -> ProtocolStep:
    """« Nouvelle étape »: 15 minutes in plenary, a free activity."""
    return ProtocolStep(
        title=_("Nouvelle étape"),
        duration=Duration(BLANK_MINUTES, BLANK_MINUTES),
        format=StepFormat.PLENARY,
        activity=ActivityKind.FREE,
    )


def break_step(minutes: int = BREAK_MINUTES) -> ProtocolStep:
    """« Pause » of ``minutes``, everyone together."""
    return ProtocolStep(
        title=_("Pause"),
        duration=Duration(minutes, minutes),
        format=StepFormat.PLENARY,
        activity=ActivityKind.BREAK,
    )
