"""The maturity self-assessment: the five stages word for word, a profile per subject with the
spread between respondents and between profiles, never a global score; answers imported from a
spreadsheet; two assessments compared; stored and undone."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import json
import uuid
from pathlib import Path

import pytest

from capadesk.core.domain import maturity as maturity_domain
from capadesk.core.domain.maturity import (
    Assessment,
    Profile,
    Stage,
    Subject,
    SubjectProfile,
    add_respondent,
    add_subject,
    assessment_from_json,
    assessment_to_json,
    compare,
    default_subjects,
    remove_respondent,
    remove_subject,
    set_answer,
    subject_profiles,
)
from capadesk.core.domain.maturity_csv import import_answers
from capadesk.core.errors import NotFoundError, ValidationError
from capadesk.core.services import maturity, workshops
from capadesk.core.services.maturity_commands import (
    ChangeAssessment,
    CreateAssessment,
    DeleteAssessment,
)
from capadesk.core.storage.store import Store

SUBJECTS = (
    Subject("s1", "Catalogage des données"),
    Subject("s2", "Gouvernance des données"),
    Subject("s3", "Formation des agents"),
)


def assessment_of(*answers: tuple[str, Profile, tuple[int | None, ...]]) -> Assessment:
    """An assessment of SUBJECTS; each respondent given as (name, profile, stage per subject)."""
    result = Assessment("Autodiagnostic", dt.date(2024, 3, 14), SUBJECTS)
    for name, profile, stages in answers:
        result, respondent = add_respondent(result, name, profile)
        for subject, stage in zip(SUBJECTS, stages, strict=True):
            if stage is not None:
                result = set_answer(result, respondent.id, subject.id, Stage(stage))
    return result


def test_the_five_stages_carry_the_methods_words() -> None:
    assert [stage.label for stage in Stage] == [
        "Sommeil",
        "Éveil",
        "Motricité",
        "Réflexivité",
        "En capacité de",
    ]
    assert Stage.SLEEP.definition == "le sujet n'est pas connu ou pas abordé."
    assert Stage.DRIVE.definition.startswith("le sujet fait l'objet d'actions\u00a0: orientations")
    assert Stage.CAPABLE.definition.endswith(
        "en accord avec ses valeurs et ses politiques publiques."
    )


def test_the_default_subjects_come_from_the_three_capacities_and_the_barometers() -> None:
    subjects = default_subjects()
    capacities = list(dict.fromkeys(subject.capacity for subject in subjects))
    assert capacities == [
        "Discernement dans l'adoption de solutions numériques",
        "Capacités opérationnelles internes pour la production de données et de services",
        "Coopération et régulation pour la co-conception de services",
        "Thèmes des baromètres",
    ]
    assert len({s.id for s in subjects}) == len(subjects) >= 10


def test_each_subject_shows_the_spread_between_respondents_and_profiles() -> None:
    assessment = assessment_of(
        ("Anne", Profile.IT, (4, 2, None)),
        ("Bruno", Profile.IT, (5, 2, 1)),
        ("Chloé", Profile.DIGITAL, (2, 2, 1)),
        ("Denis", Profile.ELECTED, (1, 3, None)),
    )
    catalogue, governance, training = subject_profiles(assessment)

    assert [(r.name, s) for r, s in catalogue.answers] == [
        ("Anne", Stage.REFLEXIVITY),
        ("Bruno", Stage.CAPABLE),
        ("Chloé", Stage.AWAKENING),
        ("Denis", Stage.SLEEP),
    ]
    assert catalogue.counts == {
        Stage.SLEEP: 1,
        Stage.AWAKENING: 1,
        Stage.DRIVE: 0,
        Stage.REFLEXIVITY: 1,
        Stage.CAPABLE: 1,
    }
    assert (catalogue.lowest, catalogue.highest, catalogue.spread) == (
        Stage.SLEEP,
        Stage.CAPABLE,
        4,
    )
    assert [(p.profile, p.stages) for p in catalogue.by_profile] == [
        (Profile.ELECTED, (Stage.SLEEP,)),
        (Profile.IT, (Stage.REFLEXIVITY, Stage.CAPABLE)),
        (Profile.DIGITAL, (Stage.AWAKENING,)),
    ]
    # The DSI see it three stages above the elected member: a gap to talk about.
    assert catalogue.profile_gap == 3 and catalogue.divergent
    assert governance.spread == 1 and governance.profile_gap == 1 and not governance.divergent
    assert [r.name for r in training.unanswered] == ["Anne", "Denis"]
    assert training.spread == 0 and training.lowest is Stage.SLEEP


def test_no_global_score_is_computed_anywhere() -> None:
    """The method rejects one final grade (DataCités 2, l.291): nothing adds stages up across
    subjects, nor averages them."""
    words = ("score", "global", "overall", "average", "mean", "moyenne", "note")
    public = [name for name in dir(maturity_domain) if not name.startswith("_")]
    assert not [n for n in public if any(w in n.lower() for w in words)]
    fields = set(SubjectProfile._fields) | {
        name for name, member in inspect.getmembers(SubjectProfile) if isinstance(member, property)
    }
    assert not [f for f in fields if any(w in f.lower() for w in words)]
    source = inspect.getsource(maturity_domain)
    assert "sum(stage" not in source and "mean(" not in source and "/ len(" not in source
    # A profile is per subject: its numbers are counts of people and distances in stages.
    profile = subject_profiles(assessment_of(("Anne", Profile.IT, (4, 2, 1))))[0]
    assert set(profile.counts.values()) <= {0, 1}
    assert not dataclasses.is_dataclass(profile)


def test_editing_keeps_answers_consistent() -> None:
    assessment = assessment_of(("Anne", Profile.IT, (4, 2, 1)), ("", Profile.ELECTED, (1, 1, 1)))
    assert [r.name for r in assessment.respondents] == ["Anne", "Élu 1"]
    with pytest.raises(ValidationError, match="a déjà répondu"):
        add_respondent(assessment, "anne", Profile.AGENT)
    without_anne = remove_respondent(assessment, "r1")
    assert all(key[0] != "r1" for key in without_anne.answers)
    fewer = remove_subject(assessment, "s2")
    assert all(key[1] != "s2" for key in fewer.answers)
    more = add_subject(assessment, "Open data", "Thèmes des baromètres")
    assert more.subjects[-1] == Subject("s4", "Open data", "Thèmes des baromètres")
    with pytest.raises(ValidationError, match="déjà dans la liste"):
        add_subject(more, "open DATA")
    cleared = set_answer(assessment, "r1", "s1", None)
    assert cleared.answer("r1", "s1") is None
    assert assessment_from_json(json.loads(json.dumps(assessment_to_json(more)))) == more


CSV = (
    "Nom;Profil;Catalogage des données;Gouvernance des données;Formation des agents\n"
    "Anne Durand;DSI;4;Éveil;\n"
    "Bruno Martin;élu;sommeil;2;ne sait pas\n"
    "Chloé Roux;Métier;en capacité de;3;?\n"
)


def test_answers_import_from_a_spreadsheet() -> None:
    imported = import_answers(CSV.encode("utf-8"), Assessment("A", None, SUBJECTS))
    assert (imported.respondents, imported.answers) == (3, 6)
    result = imported.assessment
    assert [(r.name, r.profile) for r in result.respondents] == [
        ("Anne Durand", Profile.IT),
        ("Bruno Martin", Profile.ELECTED),
        ("Chloé Roux", Profile.BUSINESS),
    ]
    assert result.answer("r3", "s1") is Stage.CAPABLE
    assert result.answer("r1", "s2") is Stage.AWAKENING
    assert result.answer("r2", "s3") is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Qui;Profil;Formation des agents\nA;DSI;1\n", "Colonne «\u00a0Nom\u00a0» introuvable"),
        ("Nom;Profil;Open data\nA;DSI;1\n", "ne nomme aucun sujet"),
        ("Nom;Profil;Formation des agents\nA;stagiaire;1\n", "Ligne 2\u00a0: profil"),
        ("Nom;Profil;Formation des agents\nA;DSI;7\n", "Ligne 2, colonne «\u00a0Formation"),
    ],
)
def test_a_wrong_spreadsheet_imports_nothing_and_says_where(text: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        import_answers(text.encode("utf-8"), Assessment("A", None, SUBJECTS))


def test_two_assessments_compare_subject_by_subject() -> None:
    march = assessment_of(("Anne", Profile.IT, (1, 2, None)))
    september = add_subject(
        assessment_of(("Anne", Profile.IT, (3, 2, 4)), ("Denis", Profile.ELECTED, (2, 2, 4))),
        "Open data",
    )
    september = remove_subject(september, "s2")
    changes = compare(march, september)
    assert [change.label for change in changes] == [
        "Catalogage des données",
        "Formation des agents",
        "Open data",
        "Gouvernance des données",
    ]
    catalogue = changes[0]
    assert catalogue.before is not None and catalogue.after is not None
    assert (catalogue.before.highest, catalogue.after.highest) == (Stage.SLEEP, Stage.DRIVE)
    assert changes[2].before is None and changes[3].after is None


def test_assessments_are_stored_listed_across_workshops_and_undone(store: Store) -> None:
    march, _ = workshops.create_workshop(store, "Atelier de mars", day=dt.date(2024, 3, 14))
    september, _ = workshops.create_workshop(store, "Atelier de septembre", day=dt.date(2024, 9, 5))
    first = CreateAssessment(september.public_id)
    first.apply(store)
    earlier = CreateAssessment(march.public_id)
    earlier.apply(store)

    listed = maturity.list_assessments(store)
    assert [v.workshop_title for v in listed] == ["Atelier de mars", "Atelier de septembre"]
    assert listed[0].assessment.day == dt.date(2024, 3, 14)
    assert listed[0].assessment.subjects == default_subjects()
    assert [v.public_id for v in maturity.list_assessments(store, march.public_id)] == [
        earlier.assessment_id
    ]

    before = maturity.get_assessment(store, first.assessment_id).assessment
    after, _anne = add_respondent(before, "Anne", Profile.IT)
    change = ChangeAssessment(first.assessment_id, before, after, "Ajouter Anne")
    changes = change.apply(store)
    assert september.public_id in changes.documents
    assert maturity.get_assessment(store, first.assessment_id).assessment == after
    change.revert(store)
    assert maturity.get_assessment(store, first.assessment_id).assessment == before

    delete = DeleteAssessment(first.assessment_id)
    delete.apply(store)
    assert len(maturity.list_assessments(store)) == 1
    delete.revert(store)
    first.revert(store)
    first.apply(store)
    assert {v.public_id for v in maturity.list_assessments(store)} == {
        first.assessment_id,
        earlier.assessment_id,
    }


def test_a_csv_file_is_read_or_refused_in_french(tmp_path: Path, store: Store) -> None:
    good = tmp_path / "réponses.csv"
    good.write_bytes(CSV.encode("cp1252"))  # a spreadsheet saved on Windows
    imported = maturity.read_answers_csv(good, Assessment("A", None, SUBJECTS))
    assert imported.respondents == 3
    with pytest.raises(ValidationError, match="n'est pas un fichier"):
        maturity.read_answers_csv(tmp_path, Assessment("A", None, SUBJECTS))
    with pytest.raises(NotFoundError, match="n'existe pas ou plus"):
        maturity.save_assessment(store, uuid.uuid4(), Assessment("A", None, SUBJECTS))
