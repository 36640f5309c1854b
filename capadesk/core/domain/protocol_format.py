"""Reading and writing protocol files (format ``capadesk-protocol``, version 1).

``parse_protocol`` takes decoded JSON and returns a Protocol, or raises ProtocolError naming the
field (as a JSON path, ``steps[3].duration.max``) and what is wrong, in French. Unknown keys are
refused too: a typo in a hand-edited file must not silently drop a field.
``resources/protocols/schema.json`` describes the same rules for editors and other tools; a test
keeps the two in agreement. The limits keep a hostile file from filling the screen or the store.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from capadesk.core.domain.protocol import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Duration,
    Protocol,
    ProtocolStep,
    ProtocolTrack,
    Settings,
    setting_rules,
)
from capadesk.core.domain.vocabulary import ActivityKind, StepFormat
from capadesk.core.errors import KnownError
from capadesk.i18n import _

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID = 64
MAX_TITLE = 200
MAX_DESCRIPTION = 2000
MAX_CREDIT = 300
MAX_INSTRUCTIONS = 4000
MAX_MATERIAL = 200
MAX_MATERIALS = 30
MAX_STEPS = 60
MAX_TRACK_STEPS = 20
MIN_TRACKS, MAX_TRACKS = 2, 6
MAX_STEP_MINUTES = 480  # a whole day: more is a typo (« 600 » for « 60 »)

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)


class ProtocolError(KnownError):
    """A protocol file breaks a rule; ``path`` says where (``steps[2].duration``)."""

    def __init__(self, path: str, problem: str) -> None:
        where = path or _("le fichier")
        super().__init__(f"{where}\u00a0: {problem}")
        self.path = path
        self.problem = problem


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _object(value: object, path: str, allowed: set[str], required: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ProtocolError(path, _("un objet {…} est attendu"))
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise ProtocolError(
            _join(path, unknown[0]),
            _("champ inconnu (champs possibles\u00a0: {names})").format(
                names=", ".join(sorted(allowed))
            ),
        )
    missing = sorted(required - set(value))
    if missing:
        raise ProtocolError(_join(path, missing[0]), _("champ obligatoire absent"))
    return value


_LINE_BREAKS = frozenset("\n\r\t")


def _text(
    value: object, path: str, limit: int, *, required: bool = True, multiline: bool = False
) -> str:
    if not isinstance(value, str):
        raise ProtocolError(path, _("un texte est attendu"))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate (« \\ud800 ») cannot be saved
        raise ProtocolError(path, _("caractère invalide")) from error
    allowed = _LINE_BREAKS if multiline else frozenset()
    if any(unicodedata.category(c) == "Cc" and c not in allowed for c in value):
        raise ProtocolError(
            path,
            _("caractère de contrôle interdit")
            if multiline
            else _("une seule ligne attendue (ni retour à la ligne ni caractère de contrôle)"),
        )
    if required and not value.strip():
        raise ProtocolError(path, _("ne peut pas être vide"))
    if len(value) > limit:
        raise ProtocolError(
            path,
            _("trop long ({count} caractères, {limit} au plus)").format(
                count=len(value), limit=limit
            ),
        )
    return value


def _minutes(value: object, path: str) -> int:
    # bool is an int in Python; « true » minutes is a mistake, not 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProtocolError(path, _("un nombre entier de minutes est attendu"))
    if not 0 <= value <= MAX_STEP_MINUTES:
        raise ProtocolError(
            path,
            _("{value} minutes n'est pas une durée possible (de 0 à {limit})").format(
                value=value, limit=MAX_STEP_MINUTES
            ),
        )
    return value


def _duration(value: object, path: str) -> Duration:
    if isinstance(value, dict):
        fields = _object(value, path, {"min", "max"}, {"min", "max"})
        low = _minutes(fields["min"], _join(path, "min"))
        high = _minutes(fields["max"], _join(path, "max"))
        if low > high:
            raise ProtocolError(
                path, _("le minimum ({low}) dépasse le maximum ({high})").format(low=low, high=high)
            )
        return Duration(low, high)
    minutes = _minutes(value, path)
    return Duration(minutes, minutes)


def _choice(value: object, path: str, kind: type[E], what: str) -> E:
    options = [member.value for member in kind]
    if not isinstance(value, str) or value not in options:
        raise ProtocolError(
            path,
            _("«\u00a0{value}\u00a0» n'est pas {what} connu (possibles\u00a0: {options})").format(
                value=_shortened(value), what=what, options=", ".join(options)
            ),
        )
    return kind(value)


def _shortened(value: object, limit: int = 40) -> str:
    """A bad value as the message shows it: a hostile 1 MB string must not fill the dialog."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _list(
    value: object, path: str, low: int, high: int, item: Callable[[object, str], T]
) -> tuple[T, ...]:
    if not isinstance(value, list):
        raise ProtocolError(path, _("une liste […] est attendue"))
    if not low <= len(value) <= high:
        raise ProtocolError(
            path,
            _("{count} éléments, il en faut de {low} à {high}").format(
                count=len(value), low=low, high=high
            ),
        )
    return tuple(item(element, _join(path, index)) for index, element in enumerate(value))


def parse_settings(value: object, activity: ActivityKind, path: str = "settings") -> Settings:
    """The settings object of a step whose activity is ``activity``, or ProtocolError.

    Each activity kind accepts its own keys (``dot-vote``: ``dots_per_participant`` and
    ``kept_threads``); any other key is refused, naming it.
    """
    if not isinstance(value, dict):
        raise ProtocolError(path, _("un objet {…} est attendu"))
    rules = {rule.key: rule for rule in setting_rules(activity)}
    for key in sorted(value, key=str):
        if key not in rules:
            where = _join(path, _shortened(key))
            if not rules:
                raise ProtocolError(
                    where,
                    _(
                        "réglage inconnu\u00a0: l'activité «\u00a0{activity}\u00a0» n'en a aucun"
                    ).format(activity=activity.value),
                )
            raise ProtocolError(
                where,
                _(
                    "réglage inconnu pour l'activité «\u00a0{activity}\u00a0» "
                    "(réglages possibles\u00a0: {names})"
                ).format(activity=activity.value, names=", ".join(sorted(rules))),
            )
    settings = []
    for key, rule in rules.items():
        if key not in value:
            continue
        number = value[key]
        where = _join(path, key)
        if isinstance(number, bool) or not isinstance(number, int):
            raise ProtocolError(where, _("un nombre entier est attendu"))
        if not rule.minimum <= number <= rule.maximum:
            raise ProtocolError(
                where,
                _("{value} n'est pas possible (de {low} à {high})").format(
                    value=_shortened(number), low=rule.minimum, high=rule.maximum
                ),
            )
        settings.append((key, number))
    return tuple(settings)


_STEP_KEYS = {
    "title",
    "duration",
    "format",
    "activity",
    "instructions",
    "materials",
    "settings",
    "tracks",
}
_STEP_REQUIRED = {"title", "duration", "format", "activity"}


def _step(value: object, path: str, *, inside_track: bool = False) -> ProtocolStep:
    allowed = _STEP_KEYS - {"tracks"} if inside_track else _STEP_KEYS
    fields = _object(value, path, allowed, _STEP_REQUIRED)
    step_format = _choice(fields["format"], _join(path, "format"), StepFormat, _("un format"))
    tracks: tuple[ProtocolTrack, ...] = ()
    if "tracks" in fields:
        if step_format is not StepFormat.PARALLEL:
            raise ProtocolError(
                _join(path, "tracks"),
                _("des ateliers en parallèle demandent le format «\u00a0{format}\u00a0»").format(
                    format=StepFormat.PARALLEL.value
                ),
            )
        tracks = _list(fields["tracks"], _join(path, "tracks"), MIN_TRACKS, MAX_TRACKS, _track)
    activity = _choice(
        fields["activity"], _join(path, "activity"), ActivityKind, _("un type d'activité")
    )
    return ProtocolStep(
        title=_text(fields["title"], _join(path, "title"), MAX_TITLE),
        duration=_duration(fields["duration"], _join(path, "duration")),
        format=step_format,
        activity=activity,
        instructions=_text(
            fields.get("instructions", ""),
            _join(path, "instructions"),
            MAX_INSTRUCTIONS,
            required=False,
            multiline=True,
        ),
        materials=_list(
            fields.get("materials", []),
            _join(path, "materials"),
            0,
            MAX_MATERIALS,
            lambda item, where: _text(item, where, MAX_MATERIAL),
        ),
        tracks=tracks,
        settings=parse_settings(fields.get("settings", {}), activity, _join(path, "settings")),
    )


def _track(value: object, path: str) -> ProtocolTrack:
    fields = _object(value, path, {"title", "groups", "steps"}, {"title", "steps"})
    return ProtocolTrack(
        title=_text(fields["title"], _join(path, "title"), MAX_TITLE),
        groups=_list(
            fields.get("groups", []),
            _join(path, "groups"),
            0,
            MAX_MATERIALS,
            lambda item, where: _text(item, where, MAX_TITLE),
        ),
        steps=_list(
            fields["steps"],
            _join(path, "steps"),
            1,
            MAX_TRACK_STEPS,
            lambda item, where: _step(item, where, inside_track=True),
        ),
    )


_TOP_KEYS = {"format", "format_version", "id", "title", "description", "credit", "steps"}


def parse_protocol(data: object, *, origin: str = "") -> Protocol:
    """The Protocol that ``data`` (decoded JSON) describes, or ProtocolError."""
    fields = _object(data, "", _TOP_KEYS, {"format", "format_version", "id", "title", "steps"})
    if fields["format"] != FORMAT_NAME:
        raise ProtocolError(
            "format",
            _("ce n'est pas un protocole CapaDesk (attendu\u00a0: «\u00a0{name}\u00a0»)").format(
                name=FORMAT_NAME
            ),
        )
    version = fields["format_version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ProtocolError("format_version", _("un numéro de version entier est attendu"))
    if version > FORMAT_VERSION:
        raise ProtocolError(
            "format_version",
            _(
                "version {version} du format, écrite par une version plus récente de CapaDesk "
                "(celle-ci lit jusqu'à la version {known})"
            ).format(version=version, known=FORMAT_VERSION),
        )
    protocol_id = _text(fields["id"], "id", MAX_ID)
    if not ID_PATTERN.fullmatch(protocol_id):
        raise ProtocolError(
            "id",
            _(
                "minuscules, chiffres et tirets seulement "
                "(par exemple «\u00a0atelier-toulon\u00a0»)"
            ),
        )
    return Protocol(
        id=protocol_id,
        title=_text(fields["title"], "title", MAX_TITLE),
        description=_text(
            fields.get("description", ""),
            "description",
            MAX_DESCRIPTION,
            required=False,
            multiline=True,
        ),
        credit=_text(fields.get("credit", ""), "credit", MAX_CREDIT, required=False),
        steps=_list(fields["steps"], "steps", 1, MAX_STEPS, _step),
        format_version=version,
        origin=origin,
    )


def _step_data(step: ProtocolStep) -> dict[str, Any]:
    duration: object = (
        {"min": step.duration.minimum, "max": step.duration.maximum}
        if step.duration.is_range
        else step.duration.minimum
    )
    data: dict[str, Any] = {
        "title": step.title,
        "duration": duration,
        "format": step.format.value,
        "activity": step.activity.value,
    }
    if step.instructions:
        data["instructions"] = step.instructions
    if step.materials:
        data["materials"] = list(step.materials)
    if step.settings:
        data["settings"] = dict(step.settings)
    if step.tracks:
        data["tracks"] = [
            {
                "title": track.title,
                **({"groups": list(track.groups)} if track.groups else {}),
                "steps": [_step_data(inner) for inner in track.steps],
            }
            for track in step.tracks
        ]
    return data


def protocol_data(protocol: Protocol) -> dict[str, Any]:
    """The JSON-ready form of ``protocol`` (what ``parse_protocol`` reads back equal)."""
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "id": protocol.id,
        "title": protocol.title,
        "description": protocol.description,
        "credit": protocol.credit,
        "steps": [_step_data(step) for step in protocol.steps],
    }
