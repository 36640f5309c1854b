"""What the builder checks before an edit: a step or a track title a protocol file could hold.

The file format's rules apply (``parse_protocol``), and the refusal names the form's field in
French rather than a JSON path.
"""

from __future__ import annotations

from capadesk.core.domain import agenda_edits as edits
from capadesk.core.domain.protocol import Protocol, ProtocolStep, ProtocolTrack
from capadesk.core.domain.protocol_format import ProtocolError, parse_protocol, protocol_data
from capadesk.core.domain.vocabulary import StepFormat
from capadesk.i18n import N_, _

_FIELDS = {
    "title": N_("Titre"),
    "instructions": N_("Consignes"),
    "materials": N_("Matériel"),
    "settings": N_("Réglages"),
    "tracks": N_("Ateliers en parallèle"),
}


def _parse(step: ProtocolStep) -> None:
    parse_protocol(protocol_data(Protocol(id="check", title="check", steps=(step,))))


def check_step(step: ProtocolStep) -> None:
    """Raise ProtocolError, naming the form's field in French, if a file could not hold ``step``."""
    try:
        _parse(step)
    except ProtocolError as error:
        field = error.path.removeprefix("steps[0].").split("[")[0].split(".")[0]
        raise ProtocolError(_(_FIELDS.get(field, N_("Étape"))), error.problem) from error


def check_track_title(title: str) -> None:
    """Raise ProtocolError (« Titre : … ») if a track could not be titled ``title``."""
    tracks = (
        ProtocolTrack(title=title, steps=(edits.blank_step(),)),
        edits.blank_track(2),
    )
    parallel = ProtocolStep(
        title="check",
        duration=edits.blank_step().duration,
        format=StepFormat.PARALLEL,
        activity=edits.blank_step().activity,
        tracks=tracks,
    )
    try:
        _parse(parallel)
    except ProtocolError as error:
        raise ProtocolError(_("Titre"), error.problem) from error
