"""The builder's explanations that depend on the selection: the note under the step form and
why « Supprimer » is off."""

from __future__ import annotations

from capadesk.core.domain import agenda_edits as edits
from capadesk.core.domain.agenda_edits import Place
from capadesk.core.domain.protocol import Protocol
from capadesk.core.domain.protocol_format import MIN_TRACKS
from capadesk.core.domain.vocabulary import StepFormat
from capadesk.i18n import _
from capadesk.ui.agenda.step_model import overrun_text


def step_note(protocol: Protocol, place: Place) -> str:
    """What the step form says under a parallel step, or a track's step; "" otherwise."""
    step = protocol.steps[place.step]
    if place.is_inner and place.track is not None:
        return _("Étape de l'atelier en parallèle «\u00a0{track}\u00a0».").format(
            track=step.tracks[place.track].title
        )
    if step.format is not StepFormat.PARALLEL:
        return ""
    if not step.tracks:
        return _(
            "Ajoutez les ateliers qui se tiennent en même temps avec "
            "«\u00a0Ajouter un atelier en parallèle\u00a0»."
        )
    lines = [
        _(
            "{count} ateliers en parallèle, listés sous l'étape\u00a0: sélectionnez-en un pour "
            "le renommer ou modifier ses étapes. L'étape dure ce qui est prévu pour elle."
        ).format(count=len(step.tracks))
    ]
    lines += [text for text in (overrun_text(step, track) for track in step.tracks) if text]
    return "\n".join(lines)


def remove_tip(protocol: Protocol, place: Place | None) -> str:
    """The tooltip of « Supprimer »: what it removes, or why it cannot."""
    if place is not None and place.is_track:
        if not edits.can_remove(protocol, place):
            return _("Une étape en groupes en parallèle garde au moins {count} ateliers").format(
                count=MIN_TRACKS
            )
        return _("Supprimer l'atelier et ses étapes (Suppr)")
    if place is not None and not edits.can_remove(protocol, place):
        return _("Un atelier en parallèle garde au moins une étape")
    return _("Supprimer l'étape (Suppr)")
