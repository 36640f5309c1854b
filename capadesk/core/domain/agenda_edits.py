"""Edits of an agenda as pure functions: each takes a Protocol and returns a new one.

Step edits work on the day's steps, or on a parallel track's steps when given
``track=(step index, track index)``; track edits work on a parallel step's tracks. A Place says
what is selected in the builder, and the ``*_at`` functions edit there, returning the Place to
select next. Edited steps and tracks keep their ``store_id`` (so the store keeps their rows);
copies and new ones have none. An index out of range is a programming error (IndexError): the
builder only offers edits that make sense, asking ``can_*`` first.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from capadesk.core.domain.protocol import Duration, Protocol, ProtocolStep, ProtocolTrack
from capadesk.core.domain.protocol_format import MAX_STEPS, MAX_TRACK_STEPS, MAX_TRACKS, MIN_TRACKS
from capadesk.core.domain.vocabulary import ActivityKind, StepFormat
from capadesk.i18n import _

BLANK_MINUTES = 15
BREAK_MINUTES = 15

TrackRef = tuple[int, int] | None  # (step index, track index) of a track's steps; None: the day


@dataclass(frozen=True)
class Place:
    """A day's step (``Place(2)``), one of its tracks (``Place(2, 1)``) or a step inside that
    track (``Place(2, 1, 0)``)."""

    step: int
    track: int | None = None
    inner: int | None = None

    @property
    def is_track(self) -> bool:
        """True for a track line."""
        return self.track is not None and self.inner is None

    @property
    def is_inner(self) -> bool:
        """True for a step inside a track."""
        return self.track is not None and self.inner is not None

    @property
    def index(self) -> int:
        """The position among its siblings."""
        if self.inner is not None:
            return self.inner
        return self.track if self.track is not None else self.step

    @property
    def track_ref(self) -> TrackRef:
        """The track this step is in; None for a day's step or a track."""
        return (
            (self.step, self.track) if self.inner is not None and self.track is not None else None
        )

    def at(self, index: int) -> Place:
        """The sibling at ``index``."""
        if self.inner is not None:
            return dataclasses.replace(self, inner=index)
        if self.track is not None:
            return dataclasses.replace(self, track=index)
        return Place(index)


# --- copies without store ids -----------------------------------------------------------------


def fresh_step(step: ProtocolStep) -> ProtocolStep:
    """``step`` as a new step: neither it nor its tracks' steps keep a stored row."""
    return dataclasses.replace(
        step, store_id=None, tracks=tuple(fresh_track(track) for track in step.tracks)
    )


def fresh_track(track: ProtocolTrack) -> ProtocolTrack:
    """``track`` as a new track, with new steps."""
    return dataclasses.replace(
        track, store_id=None, steps=tuple(fresh_step(step) for step in track.steps)
    )


# --- the steps of the day or of a track ------------------------------------------------------


def _steps(protocol: Protocol, track: TrackRef) -> tuple[ProtocolStep, ...]:
    if track is None:
        return protocol.steps
    step_index, track_index = track
    return protocol.steps[step_index].tracks[track_index].steps


def _with_steps(protocol: Protocol, track: TrackRef, steps: list[ProtocolStep]) -> Protocol:
    if track is None:
        return dataclasses.replace(protocol, steps=tuple(steps))
    step_index, track_index = track
    tracks = list(protocol.steps[step_index].tracks)
    tracks[track_index] = dataclasses.replace(tracks[track_index], steps=tuple(steps))
    return _with_tracks(protocol, step_index, tracks)


def _check(count: int, index: int) -> None:
    if not 0 <= index < count:
        raise IndexError(f"no item {index} among {count}")


def insert_step(
    protocol: Protocol, index: int, step: ProtocolStep, *, track: TrackRef = None
) -> Protocol:
    """``step`` placed at ``index`` (``len(steps)`` appends)."""
    steps = list(_steps(protocol, track))
    if not 0 <= index <= len(steps):
        raise IndexError(f"cannot insert at {index} among {len(steps)}")
    steps.insert(index, step)
    return _with_steps(protocol, track, steps)


def remove_step(protocol: Protocol, index: int, *, track: TrackRef = None) -> Protocol:
    """The protocol without the step at ``index``."""
    steps = list(_steps(protocol, track))
    _check(len(steps), index)
    del steps[index]
    return _with_steps(protocol, track, steps)


def duplicate_step(protocol: Protocol, index: int, *, track: TrackRef = None) -> Protocol:
    """A copy of the step at ``index`` placed right after it (tracks included)."""
    steps = _steps(protocol, track)
    _check(len(steps), index)
    return insert_step(protocol, index + 1, fresh_step(steps[index]), track=track)


def move_step(
    protocol: Protocol, source: int, destination: int, *, track: TrackRef = None
) -> Protocol:
    """The step at ``source`` moved so that it ends up at index ``destination``."""
    steps = list(_steps(protocol, track))
    _check(len(steps), source)
    _check(len(steps), destination)
    steps.insert(destination, steps.pop(source))
    return _with_steps(protocol, track, steps)


def replace_step(
    protocol: Protocol, index: int, step: ProtocolStep, *, track: TrackRef = None
) -> Protocol:
    """The protocol with ``step`` instead of the step at ``index``."""
    steps = list(_steps(protocol, track))
    _check(len(steps), index)
    steps[index] = step
    return _with_steps(protocol, track, steps)


# --- the tracks of a parallel step -----------------------------------------------------------


def _with_tracks(protocol: Protocol, step_index: int, tracks: list[ProtocolTrack]) -> Protocol:
    steps = list(protocol.steps)
    steps[step_index] = dataclasses.replace(steps[step_index], tracks=tuple(tracks))
    return dataclasses.replace(protocol, steps=tuple(steps))


def insert_track(protocol: Protocol, step: int, index: int, track: ProtocolTrack) -> Protocol:
    """``track`` placed at ``index`` among the tracks of the step at ``step``."""
    tracks = list(protocol.steps[step].tracks)
    if not 0 <= index <= len(tracks):
        raise IndexError(f"cannot insert a track at {index} among {len(tracks)}")
    tracks.insert(index, track)
    return _with_tracks(protocol, step, tracks)


def remove_track(protocol: Protocol, step: int, index: int) -> Protocol:
    """The step at ``step`` without its track at ``index`` (and that track's steps)."""
    tracks = list(protocol.steps[step].tracks)
    _check(len(tracks), index)
    del tracks[index]
    return _with_tracks(protocol, step, tracks)


def duplicate_track(protocol: Protocol, step: int, index: int) -> Protocol:
    """A copy of the track at ``index`` (its steps too) placed right after it."""
    tracks = protocol.steps[step].tracks
    _check(len(tracks), index)
    return insert_track(protocol, step, index + 1, fresh_track(tracks[index]))


def move_track(protocol: Protocol, step: int, source: int, destination: int) -> Protocol:
    """The track at ``source`` moved so that it ends up at index ``destination``."""
    tracks = list(protocol.steps[step].tracks)
    _check(len(tracks), source)
    _check(len(tracks), destination)
    tracks.insert(destination, tracks.pop(source))
    return _with_tracks(protocol, step, tracks)


def rename_track(protocol: Protocol, step: int, index: int, title: str) -> Protocol:
    """The track at ``index`` titled ``title``."""
    tracks = list(protocol.steps[step].tracks)
    _check(len(tracks), index)
    tracks[index] = dataclasses.replace(tracks[index], title=title)
    return _with_tracks(protocol, step, tracks)


# --- new steps and tracks --------------------------------------------------------------------


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


def blank_track(number: int) -> ProtocolTrack:
    """« Atelier 3 »: one blank step in groups (a track holds at least one step)."""
    step = dataclasses.replace(blank_step(), format=StepFormat.GROUPS)
    return ProtocolTrack(title=_("Atelier {number}").format(number=number), steps=(step,))


# --- edits where the builder's selection is --------------------------------------------------


def count_at(protocol: Protocol, place: Place) -> int:
    """How many siblings ``place`` has, itself included."""
    if place.is_track:
        return len(protocol.steps[place.step].tracks)
    return len(_steps(protocol, place.track_ref))


def _limit(place: Place) -> int:
    if place.is_track:
        return MAX_TRACKS
    return MAX_TRACK_STEPS if place.is_inner else MAX_STEPS


def can_insert(protocol: Protocol, place: Place | None) -> bool:
    """True when ``insert_after`` has room: in the day, the track, or the selected track."""
    if place is None:
        return len(protocol.steps) < MAX_STEPS
    if place.is_track:
        return len(_steps(protocol, (place.step, place.index))) < MAX_TRACK_STEPS
    return count_at(protocol, place) < _limit(place)


def can_duplicate(protocol: Protocol, place: Place | None) -> bool:
    """True when a copy of what is at ``place`` fits beside it."""
    return place is not None and count_at(protocol, place) < _limit(place)


def can_remove(protocol: Protocol, place: Place | None) -> bool:
    """Any day's step can go; a track only above two, a track's step only if not its last."""
    if place is None:
        return False
    if place.is_track:
        return count_at(protocol, place) > MIN_TRACKS
    return not place.is_inner or count_at(protocol, place) > 1


def can_add_track(protocol: Protocol, place: Place | None) -> bool:
    """True on a parallel step (or inside it) that holds fewer than the most tracks."""
    if place is None:
        return False
    step = protocol.steps[place.step]
    return step.format is StepFormat.PARALLEL and len(step.tracks) < MAX_TRACKS


def insert_after(
    protocol: Protocol, place: Place | None, step: ProtocolStep
) -> tuple[Protocol, Place]:
    """``step`` after the selection: at the end of the day when nothing is selected, at the
    end of a selected track, after a selected step (in its track, if it is in one)."""
    if place is None:
        at = Place(len(protocol.steps))
        return insert_step(protocol, at.step, step), at
    if place.is_track:
        track: TrackRef = (place.step, place.index)
        at = Place(place.step, place.index, len(_steps(protocol, track)))
        return insert_step(protocol, at.index, step, track=track), at
    at = place.at(place.index + 1)
    return insert_step(protocol, at.index, step, track=place.track_ref), at


def remove_at(protocol: Protocol, place: Place) -> tuple[Protocol, Place | None]:
    """What is at ``place`` removed; the Place of the sibling that takes its place, if any."""
    count = count_at(protocol, place)
    if place.is_track:
        edited = remove_track(protocol, place.step, place.index)
    else:
        edited = remove_step(protocol, place.index, track=place.track_ref)
    if count == 1:
        return edited, None
    return edited, place.at(min(place.index, count - 2))


def duplicate_at(protocol: Protocol, place: Place) -> tuple[Protocol, Place]:
    """A copy of what is at ``place`` right after it; the copy's Place."""
    if place.is_track:
        edited = duplicate_track(protocol, place.step, place.index)
    else:
        edited = duplicate_step(protocol, place.index, track=place.track_ref)
    return edited, place.at(place.index + 1)


def move_at(protocol: Protocol, place: Place, destination: int) -> tuple[Protocol, Place]:
    """What is at ``place`` moved to ``destination`` among its siblings; its new Place."""
    if place.is_track:
        edited = move_track(protocol, place.step, place.index, destination)
    else:
        edited = move_step(protocol, place.index, destination, track=place.track_ref)
    return edited, place.at(destination)


def add_track(protocol: Protocol, place: Place) -> tuple[Protocol, Place]:
    """A blank track after the selected one (at the end otherwise); a step without tracks
    gets two at once, the fewest a parallel step holds. The Place of the (first) new track."""
    tracks = protocol.steps[place.step].tracks
    at = place.track + 1 if place.track is not None else len(tracks)
    new = [blank_track(len(tracks) + 1)]
    if not tracks:
        new = [blank_track(number) for number in range(1, MIN_TRACKS + 1)]
    for offset, track in enumerate(new):
        protocol = insert_track(protocol, place.step, at + offset, track)
    return protocol, Place(place.step, at)
