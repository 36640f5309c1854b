"""The maturity self-assessment of DataCités 2: respondents place subjects on five stages.

The stages (Sommeil, Éveil, Motricité, Réflexivité, En capacité de) describe the state of one
*subject*, never of the local authority as a whole. The method rejects one final grade
(« L'agrégation de ces différents indicateurs en une note finale n'a dès lors que peu d'intérêt »):
so this module computes, per subject, who placed it where and how far apart the respondents and
their profiles are, and nothing that sums or averages across subjects. Stages are ordered (the
picture reads left to right) but carry no arithmetic beyond « how many stages apart ».
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from enum import IntEnum, StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from capadesk.core.domain.workshop import folded
from capadesk.core.errors import ValidationError
from capadesk.i18n import N_, _

NAME_MAX = 120
LABEL_MAX = 300
SUBJECTS_MAX = 60
RESPONDENTS_MAX = 200
DATA_VERSION = 1
SUBJECTS_FILE = "subjects.json"


class Stage(IntEnum):
    """The five stages, in the order of the method (DataCités 2, l.791–796)."""

    SLEEP = 1
    AWAKENING = 2
    DRIVE = 3
    REFLEXIVITY = 4
    CAPABLE = 5

    @property
    def label(self) -> str:
        """« Sommeil », « Éveil », « Motricité », « Réflexivité », « En capacité de »."""
        return _(_STAGE_LABELS[self])

    @property
    def definition(self) -> str:
        """The method's definition of the stage, word for word."""
        return _(_STAGE_DEFINITIONS[self])


_STAGE_LABELS = {
    Stage.SLEEP: N_("Sommeil"),
    Stage.AWAKENING: N_("Éveil"),
    Stage.DRIVE: N_("Motricité"),
    Stage.REFLEXIVITY: N_("Réflexivité"),
    Stage.CAPABLE: N_("En capacité de"),
}
_STAGE_DEFINITIONS = {
    Stage.SLEEP: N_("le sujet n'est pas connu ou pas abordé."),
    Stage.AWAKENING: N_(
        "le sujet fait l'objet d'une attention et de premières réflexions. Il y a une prise de "
        "conscience des principaux enjeux, impacts, problématiques et risques du numérique "
        "notamment sur les politiques publiques et l'organisation. Le sujet peut faire l'objet "
        "de notes internes, d'une veille spécifique, de participations à des événements, de "
        "rencontres avec des acteurs référents, etc. Il y a la volonté de tester, "
        "d'expérimenter, d'initier des projets."
    ),
    Stage.DRIVE: N_(
        "le sujet fait l'objet d'actions\u00a0: orientations stratégiques, expérimentations, "
        "projets opérationnels, etc., menés seuls ou en collaboration avec différents acteurs."
    ),
    Stage.REFLEXIVITY: N_(
        "le sujet bénéficie de retours d'expériences, d'évaluation, d'analyse, etc., des "
        "projets du territoire, ce qui permet d'orienter ou d'adapter les choix en fonction des "
        "résultats obtenus et des objectifs des politiques publiques."
    ),
    Stage.CAPABLE: N_(
        "le sujet a fait l'objet de différentes expériences (politique, stratégique "
        "opérationnelle...) qui permettent à la collectivité de faire des choix instruits, de "
        "concevoir et de piloter des projets en accord avec ses valeurs et ses politiques "
        "publiques."
    ),
}


class Profile(StrEnum):
    """Where a respondent speaks from: the method compares these views (a DSI and a director of
    digital transformation may judge the same subject very differently)."""

    ELECTED = "elu"
    GENERAL_MANAGEMENT = "dgs"
    IT = "dsi"
    DIGITAL = "dtn"
    BUSINESS = "metier"
    AGENT = "agent"
    PARTNER = "partenaire"
    OTHER = "autre"

    @property
    def label(self) -> str:
        """The French label (« Élu », « DGS », « DSI »…)."""
        return _(_PROFILE_LABELS[self])


_PROFILE_LABELS = {
    Profile.ELECTED: N_("Élu"),
    Profile.GENERAL_MANAGEMENT: N_("DGS / direction générale"),
    Profile.IT: N_("DSI"),
    Profile.DIGITAL: N_("Transformation numérique"),
    Profile.BUSINESS: N_("Métier (direction, service)"),
    Profile.AGENT: N_("Agent"),
    Profile.PARTNER: N_("Partenaire"),
    Profile.OTHER: N_("Autre"),
}
_PROFILE_WORDS = {
    Profile.ELECTED: ("elu", "elue", "elus", "elues", "elu(e)"),
    Profile.GENERAL_MANAGEMENT: (
        "dgs",
        "dg",
        "dga",
        "direction generale",
        "dgs / direction generale",
    ),
    Profile.IT: ("dsi", "si", "informatique", "direction des systemes d'information"),
    Profile.DIGITAL: ("dtn", "transformation numerique", "numerique", "cdo"),
    Profile.BUSINESS: (
        "metier",
        "metiers",
        "direction metier",
        "service",
        "metier (direction, service)",
    ),
    Profile.AGENT: ("agent", "agente", "agents"),
    Profile.PARTNER: ("partenaire", "partenaires"),
    Profile.OTHER: ("autre", "autres"),
}


def match_profile(raw: str) -> Profile | None:
    """The profile a typed or imported word names (accents and case aside), or None."""
    key = " ".join(folded(raw).split())
    for profile, words in _PROFILE_WORDS.items():
        if key == profile.value or key in words:
            return profile
    return None


def match_stage(raw: str) -> Stage | None:
    """« 3 », « Motricité », « motricite », « en capacité » → the stage; None for anything else
    (empty, « ? », « ne sait pas »: no answer)."""
    key = " ".join(folded(raw).split())
    if key.isdigit() and 1 <= int(key) <= 5:
        return Stage(int(key))
    for stage in Stage:
        name = folded(stage.label)
        if key == name or (stage is Stage.CAPABLE and key in ("en capacite", "capacite")):
            return stage
    return None


class Subject(NamedTuple):
    """What is rated; ``capacity`` groups subjects under a heading (one of the three
    capacities, or the barometers' topics)."""

    id: str
    label: str
    capacity: str = ""


class Respondent(NamedTuple):
    """Someone who answered, and where they speak from."""

    id: str
    name: str
    profile: Profile


Answers = Mapping[tuple[str, str], Stage]  # (respondent id, subject id) → stage


class Assessment(NamedTuple):
    """One self-assessment: the subjects, who answered, and where each placed each subject."""

    title: str
    day: dt.date | None
    subjects: tuple[Subject, ...]
    respondents: tuple[Respondent, ...] = ()
    answers: Answers = MappingProxyType({})

    def answer(self, respondent_id: str, subject_id: str) -> Stage | None:
        """Where the respondent placed the subject, or None."""
        return self.answers.get((respondent_id, subject_id))


# --- editing (pure: each returns a new assessment) ----------------------------------------------


def _one_line(raw: str, limit: int, what: str, *, required: bool = True) -> str:
    text = " ".join(unicodedata.normalize("NFC", raw).split())
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cs"))
    if required and not text:
        raise ValidationError(_("{what} ne peut pas être vide.").format(what=what))
    if len(text) > limit:
        raise ValidationError(
            _("{what} est trop long ({count} caractères, {limit} au plus).").format(
                what=what, count=len(text), limit=limit
            )
        )
    return text


def _next_id(prefix: str, taken: Iterable[str]) -> str:
    numbers = [int(t[len(prefix) :]) for t in taken if re.fullmatch(f"{prefix}\\d+", t)]
    return f"{prefix}{max(numbers, default=0) + 1}"


def add_respondent(
    assessment: Assessment, name: str, profile: Profile
) -> tuple[Assessment, Respondent]:
    """Add someone (an empty name becomes « DSI 2 »: answers may stay anonymous)."""
    if len(assessment.respondents) >= RESPONDENTS_MAX:
        raise ValidationError(_("{limit} répondants au plus.").format(limit=RESPONDENTS_MAX))
    cleaned = _one_line(name, NAME_MAX, _("Le nom"), required=False)
    if not cleaned:
        same = sum(r.profile is profile for r in assessment.respondents)
        cleaned = f"{profile.label} {same + 1}"
    if any(folded(r.name) == folded(cleaned) for r in assessment.respondents):
        raise ValidationError(
            _("«\u00a0{name}\u00a0» a déjà répondu à cet autodiagnostic.").format(name=cleaned)
        )
    respondent = Respondent(_next_id("r", (r.id for r in assessment.respondents)), cleaned, profile)
    return assessment._replace(respondents=(*assessment.respondents, respondent)), respondent


def update_respondent(
    assessment: Assessment, respondent_id: str, name: str, profile: Profile
) -> Assessment:
    """Rename a respondent or change their profile."""
    cleaned = _one_line(name, NAME_MAX, _("Le nom"))
    if any(
        folded(r.name) == folded(cleaned) and r.id != respondent_id for r in assessment.respondents
    ):
        raise ValidationError(
            _("«\u00a0{name}\u00a0» a déjà répondu à cet autodiagnostic.").format(name=cleaned)
        )
    _respondent(assessment, respondent_id)
    return assessment._replace(
        respondents=tuple(
            Respondent(r.id, cleaned, profile) if r.id == respondent_id else r
            for r in assessment.respondents
        )
    )


def remove_respondent(assessment: Assessment, respondent_id: str) -> Assessment:
    """Remove a respondent and their answers."""
    _respondent(assessment, respondent_id)
    return assessment._replace(
        respondents=tuple(r for r in assessment.respondents if r.id != respondent_id),
        answers={k: v for k, v in assessment.answers.items() if k[0] != respondent_id},
    )


def _respondent(assessment: Assessment, respondent_id: str) -> Respondent:
    for respondent in assessment.respondents:
        if respondent.id == respondent_id:
            return respondent
    raise ValidationError(_("Ce répondant n'existe pas ou plus."))


def set_answer(
    assessment: Assessment, respondent_id: str, subject_id: str, stage: Stage | None
) -> Assessment:
    """Place the subject at ``stage`` for the respondent (None: no answer)."""
    _respondent(assessment, respondent_id)
    if all(s.id != subject_id for s in assessment.subjects):
        raise ValidationError(_("Ce sujet n'existe pas ou plus."))
    answers = dict(assessment.answers)
    if stage is None:
        answers.pop((respondent_id, subject_id), None)
    else:
        answers[(respondent_id, subject_id)] = Stage(stage)
    return assessment._replace(answers=answers)


def add_subject(assessment: Assessment, label: str, capacity: str = "") -> Assessment:
    """Add a subject to rate, at the end."""
    if len(assessment.subjects) >= SUBJECTS_MAX:
        raise ValidationError(_("{limit} sujets au plus.").format(limit=SUBJECTS_MAX))
    cleaned = _one_line(label, LABEL_MAX, _("Le sujet"))
    if any(folded(s.label) == folded(cleaned) for s in assessment.subjects):
        raise ValidationError(_("Ce sujet est déjà dans la liste."))
    subject = Subject(
        _next_id("s", (s.id for s in assessment.subjects)),
        cleaned,
        _one_line(capacity, LABEL_MAX, _("La capacité"), required=False),
    )
    return assessment._replace(subjects=(*assessment.subjects, subject))


def rename_subject(assessment: Assessment, subject_id: str, label: str) -> Assessment:
    """Reword a subject (its answers stay)."""
    cleaned = _one_line(label, LABEL_MAX, _("Le sujet"))
    if any(folded(s.label) == folded(cleaned) and s.id != subject_id for s in assessment.subjects):
        raise ValidationError(_("Ce sujet est déjà dans la liste."))
    if all(s.id != subject_id for s in assessment.subjects):
        raise ValidationError(_("Ce sujet n'existe pas ou plus."))
    return assessment._replace(
        subjects=tuple(
            s._replace(label=cleaned) if s.id == subject_id else s for s in assessment.subjects
        )
    )


def remove_subject(assessment: Assessment, subject_id: str) -> Assessment:
    """Drop a subject and its answers."""
    if all(s.id != subject_id for s in assessment.subjects):
        raise ValidationError(_("Ce sujet n'existe pas ou plus."))
    if len(assessment.subjects) == 1:
        raise ValidationError(_("Il faut au moins un sujet à évaluer."))
    return assessment._replace(
        subjects=tuple(s for s in assessment.subjects if s.id != subject_id),
        answers={k: v for k, v in assessment.answers.items() if k[1] != subject_id},
    )


# --- the result: one profile per subject ---------------------------------------------------------


class ProfileAnswers(NamedTuple):
    """The stages the respondents of one profile gave a subject, lowest first."""

    profile: Profile
    stages: tuple[Stage, ...]

    @property
    def lowest(self) -> Stage:
        """The lowest stage given."""
        return self.stages[0]

    @property
    def highest(self) -> Stage:
        """The highest stage given."""
        return self.stages[-1]


class SubjectProfile(NamedTuple):
    """Where everyone placed one subject: counts per stage, the spread between respondents, and
    per profile. There is deliberately nothing here that could be summed across subjects."""

    subject: Subject
    answers: tuple[tuple[Respondent, Stage], ...]
    counts: Mapping[Stage, int]
    by_profile: tuple[ProfileAnswers, ...]
    unanswered: tuple[Respondent, ...]

    @property
    def lowest(self) -> Stage | None:
        """The lowest stage anyone gave, or None without answers."""
        return min((stage for _r, stage in self.answers), default=None)

    @property
    def highest(self) -> Stage | None:
        """The highest stage anyone gave, or None without answers."""
        return max((stage for _r, stage in self.answers), default=None)

    @property
    def spread(self) -> int:
        """How many stages apart the respondents are (0: they agree)."""
        if self.lowest is None or self.highest is None:
            return 0
        return self.highest - self.lowest

    @property
    def profile_gap(self) -> int:
        """How many stages separate the two profiles furthest apart (each taken at its own
        range: 0 when the profiles' ranges meet or overlap)."""
        if len(self.by_profile) < 2:
            return 0
        lowest_top = min(p.highest for p in self.by_profile)
        highest_bottom = max(p.lowest for p in self.by_profile)
        return max(0, highest_bottom - lowest_top)

    @property
    def divergent(self) -> bool:
        """True when profiles see the subject at least two stages apart (to discuss)."""
        return self.profile_gap >= 2


def subject_profiles(assessment: Assessment) -> list[SubjectProfile]:
    """One profile per subject, in the subjects' order (see the module docstring)."""
    profiles = []
    for subject in assessment.subjects:
        answers = tuple(
            (respondent, stage)
            for respondent in assessment.respondents
            if (stage := assessment.answer(respondent.id, subject.id)) is not None
        )
        counts = {stage: sum(s is stage for _r, s in answers) for stage in Stage}
        grouped: dict[Profile, list[Stage]] = {}
        for respondent, stage in answers:
            grouped.setdefault(respondent.profile, []).append(stage)
        by_profile = tuple(
            ProfileAnswers(profile, tuple(sorted(grouped[profile])))
            for profile in Profile
            if profile in grouped
        )
        unanswered = tuple(
            r for r in assessment.respondents if assessment.answer(r.id, subject.id) is None
        )
        profiles.append(SubjectProfile(subject, answers, counts, by_profile, unanswered))
    return profiles


class SubjectChange(NamedTuple):
    """One subject in two assessments (either side None when the subject is in one only)."""

    label: str
    before: SubjectProfile | None
    after: SubjectProfile | None


def compare(before: Assessment, after: Assessment) -> list[SubjectChange]:
    """The subjects of two assessments side by side, matched by wording (accents and case
    aside): the later one's order, then the subjects the earlier one alone had."""
    earlier = {folded(p.subject.label): p for p in subject_profiles(before)}
    changes = []
    for profile in subject_profiles(after):
        key = folded(profile.subject.label)
        changes.append(SubjectChange(profile.subject.label, earlier.pop(key, None), profile))
    changes += [SubjectChange(p.subject.label, p, None) for p in earlier.values()]
    return changes


def profiles_present(assessment: Assessment) -> list[Profile]:
    """The profiles of the respondents, in the vocabulary's order (the picture's legend)."""
    present = {r.profile for r in assessment.respondents}
    return [profile for profile in Profile if profile in present]


# --- JSON -----------------------------------------------------------------------------------------


def assessment_to_json(assessment: Assessment) -> dict[str, object]:
    """The JSON kept in the ``document`` table (format version 1)."""
    return {
        "title": assessment.title,
        "day": assessment.day.isoformat() if assessment.day else None,
        "subjects": [
            {"id": s.id, "label": s.label, "capacity": s.capacity} for s in assessment.subjects
        ],
        "respondents": [
            {"id": r.id, "name": r.name, "profile": r.profile.value} for r in assessment.respondents
        ],
        "answers": [
            {"respondent": respondent, "subject": subject, "stage": int(stage)}
            for (respondent, subject), stage in sorted(assessment.answers.items())
        ],
    }


def assessment_from_json(data: object) -> Assessment:
    """An assessment from its stored JSON; malformed parts are left out (the store's data must
    always open)."""
    if not isinstance(data, Mapping):
        return Assessment("", None, ())
    subjects = tuple(
        Subject(str(s["id"]), str(s.get("label", "")), str(s.get("capacity", "")))
        for s in _items(data.get("subjects"))
        if s.get("id")
    )
    respondents = tuple(
        Respondent(str(r["id"]), str(r.get("name", "")), Profile(str(r["profile"])))
        for r in _items(data.get("respondents"))
        if r.get("id") and r.get("profile") in {p.value for p in Profile}
    )
    answers: dict[tuple[str, str], Stage] = {}
    for item in _items(data.get("answers")):
        stage = item.get("stage")
        if isinstance(stage, int) and not isinstance(stage, bool) and 1 <= stage <= 5:
            answers[(str(item.get("respondent")), str(item.get("subject")))] = Stage(stage)
    day = data.get("day")
    try:
        parsed_day = dt.date.fromisoformat(day) if isinstance(day, str) else None
    except ValueError:
        parsed_day = None
    title = data.get("title")
    return Assessment(
        str(title) if isinstance(title, str) else "", parsed_day, subjects, respondents, answers
    )


def _items(value: object) -> list[Mapping[str, object]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def read_subjects_file(path: Path) -> tuple[Subject, ...]:
    """The default subjects (``resources/maturity/subjects.json``): a list of objects with
    ``id``, ``label`` and ``capacity``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        Subject(str(s["id"]), str(s["label"]), str(s.get("capacity", "")))
        for s in _items(data.get("subjects") if isinstance(data, Mapping) else None)
    )


def default_subjects() -> tuple[Subject, ...]:
    """The subjects CapaDesk proposes (derived from the three capacities and the barometers'
    topics named by DataCités 2); each assessment edits its own copy."""
    from capadesk.paths import resource_path

    return read_subjects_file(resource_path("maturity", SUBJECTS_FILE))


def capacities(subjects: Sequence[Subject]) -> list[tuple[str, list[Subject]]]:
    """The subjects grouped under their capacity, in order (consecutive runs)."""
    runs: list[tuple[str, list[Subject]]] = []
    for subject in subjects:
        if runs and runs[-1][0] == subject.capacity:
            runs[-1][1].append(subject)
        else:
            runs.append((subject.capacity, [subject]))
    return runs
