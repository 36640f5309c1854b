"""The closed vocabularies: unique stored values, a French label for each, stable strings."""

from __future__ import annotations

from enum import StrEnum

import pytest

from capadesk.core.domain.vocabulary import (
    ActivityKind,
    CaptureKind,
    Labelled,
    LifecycleStage,
    ParticipantType,
    RunnerStatus,
    StepFormat,
)

LABELLED: list[type[Labelled]] = [
    ParticipantType,
    CaptureKind,
    LifecycleStage,
    StepFormat,
    ActivityKind,
]


@pytest.mark.parametrize("vocabulary", LABELLED, ids=lambda v: v.__name__)
def test_every_member_has_a_distinct_non_empty_label(vocabulary: type[Labelled]) -> None:
    labels = [member.label for member in vocabulary]
    assert all(label.strip() for label in labels)
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize("vocabulary", [*LABELLED, RunnerStatus], ids=lambda v: v.__name__)
def test_stored_values_are_unique_lowercase_slugs(vocabulary: type[StrEnum]) -> None:
    values = [member.value for member in vocabulary]
    assert len(set(values)) == len(values)
    for value in values:
        assert value == value.lower()
        assert value.replace("-", "").isalnum()
        assert value.isascii()


def test_members_are_their_stored_strings() -> None:
    assert CaptureKind("souhait") is CaptureKind.WISH
    assert isinstance(CaptureKind.WISH, str)
    assert str(CaptureKind.WISH) == CaptureKind.WISH.value == "souhait"
    assert f"{LifecycleStage.USE}" == "exploitation-usage"
    with pytest.raises(ValueError):
        CaptureKind("wish")  # the English name is not a stored value


def test_a_few_labels_in_french() -> None:
    assert CaptureKind.IRRITANT.label == "Irritant"
    assert CaptureKind.DATABASE.label == "Base de données"
    assert ParticipantType.RESIDENT.label == "Usager / habitant"
    assert StepFormat.PARALLEL.label == "Groupes en parallèle"
    assert ActivityKind.PROJECTION_2027.label == "Projection «\u00a0nous sommes en 2027\u00a0»"


def test_the_capture_colour_code_of_the_use_case_drawing() -> None:
    kinds = {kind.value for kind in CaptureKind}
    assert {"irritant", "souhait", "base-de-donnees", "application", "flux-de-donnees"} <= kinds
    assert [stage.value for stage in LifecycleStage] == [
        "collecte",
        "stockage",
        "traitement",
        "partage",
        "exploitation-usage",
        "archivage",
    ]
