"""Answers of a maturity self-assessment imported from a spreadsheet (CSV).

One line per respondent: a name column (« Nom » or « Répondant »), a « Profil » column (élu,
DGS, DSI, métier…), then one column per subject headed by the subject's wording (or its id).
A cell holds a stage: its number (1 to 5) or its name (« Motricité », accents aside); an empty
cell, « ? » or « ne sait pas » is no answer. Encoding and separator are detected as for the
roster. Nothing is imported when a line is wrong: the error names the line and the column.
"""

from __future__ import annotations

import csv
import io
from typing import NamedTuple

from capadesk.core.domain.maturity import (
    Assessment,
    Profile,
    Stage,
    add_respondent,
    add_subject,
    match_profile,
    match_stage,
    set_answer,
)
from capadesk.core.domain.roster_format import decode, detect_separator
from capadesk.core.domain.workshop import folded
from capadesk.core.errors import ValidationError
from capadesk.i18n import _

MAX_BYTES = 2 * 1024 * 1024
MAX_LINES = 500
_NAME_HEADERS = ("nom", "repondant", "repondante", "nom du repondant", "prenom nom", "personne")
_PROFILE_HEADERS = ("profil", "profile", "fonction", "role")
_NO_ANSWER = ("", "?", "ne sait pas", "nsp", "-", "sans avis", "na", "n/a")


class UnknownSubjectError(ValidationError):
    """A column names no subject of the assessment (``header`` is its heading)."""

    def __init__(self, message: str, header: str) -> None:
        super().__init__(message)
        self.header = header


class AnswersImport(NamedTuple):
    """What an import gives: the assessment with the new respondents and answers, and what to
    tell the user (how many, which subjects were added)."""

    assessment: Assessment
    respondents: int
    answers: int
    added_subjects: tuple[str, ...]


def _short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def import_answers(
    data: bytes, assessment: Assessment, *, add_subjects: bool = False
) -> AnswersImport:
    """Read ``data`` (a CSV file's bytes) into ``assessment`` (see the module docstring).

    A column naming no subject is refused, or added as a new subject with ``add_subjects``.
    """
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("Le fichier est trop gros ({limit}\u00a0Mo au plus).").format(
                limit=MAX_BYTES // 1024 // 1024
            )
        )
    text, _encoding = decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise ValidationError(_("Le fichier est vide."))
    try:
        records = [
            row
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=detect_separator(first))
            if any(cell.strip() for cell in row)
        ]
    except csv.Error as error:
        raise ValidationError(
            _("Fichier CSV illisible\u00a0: {error}").format(error=error)
        ) from error
    if len(records) > MAX_LINES + 1:
        raise ValidationError(
            _("Trop de lignes\u00a0: {limit} répondants au plus.").format(limit=MAX_LINES)
        )
    headers = [cell.strip() for cell in records[0]]
    keys = [" ".join(folded(h).split()) for h in headers]
    name_at = next((i for i, k in enumerate(keys) if k in _NAME_HEADERS), None)
    profile_at = next((i for i, k in enumerate(keys) if k in _PROFILE_HEADERS), None)
    if name_at is None or profile_at is None:
        missing = _("Nom") if name_at is None else _("Profil")
        raise ValidationError(
            _(
                "Colonne «\u00a0{column}\u00a0» introuvable. La première ligne doit nommer les "
                "colonnes\u00a0: Nom, Profil, puis un sujet par colonne."
            ).format(column=missing)
        )
    result = assessment
    added: list[str] = []
    subject_at: dict[int, str] = {}
    for index, header in enumerate(headers):
        if index in (name_at, profile_at) or not header:
            continue
        subject = next(
            (
                s
                for s in result.subjects
                if keys[index] in (" ".join(folded(s.label).split()), s.id)
            ),
            None,
        )
        if subject is None:
            if not add_subjects:
                raise UnknownSubjectError(
                    _(
                        "La colonne «\u00a0{header}\u00a0» ne nomme aucun sujet de cet "
                        "autodiagnostic. Reprenez l'intitulé exact du sujet, ou ajoutez-le."
                    ).format(header=_short(header)),
                    header,
                )
            result = add_subject(result, header)
            subject = result.subjects[-1]
            added.append(subject.label)
        subject_at[index] = subject.id
    count_answers = 0
    count_people = 0
    for line_number, cells in enumerate(records[1:], start=2):

        def cell(index: int, row: list[str] = cells) -> str:
            return row[index].strip() if index < len(row) else ""

        raw_profile = cell(profile_at)
        profile = match_profile(raw_profile)
        if profile is None:
            raise ValidationError(
                _(
                    "Ligne {line}\u00a0: profil «\u00a0{value}\u00a0» inconnu (possibles\u00a0: "
                    "{known})."
                ).format(
                    line=line_number,
                    value=_short(raw_profile),
                    known=", ".join(p.label for p in Profile),
                )
            )
        try:
            result, respondent = add_respondent(result, cell(name_at), profile)
        except ValidationError as error:
            raise ValidationError(
                _("Ligne {line}\u00a0: {problem}").format(line=line_number, problem=error.message)
            ) from error
        count_people += 1
        for index, subject_id in subject_at.items():
            raw = cell(index)
            stage = match_stage(raw)
            if stage is None and " ".join(folded(raw).split()) not in _NO_ANSWER:
                raise ValidationError(
                    _(
                        "Ligne {line}, colonne «\u00a0{header}\u00a0»\u00a0: «\u00a0{value}\u00a0» "
                        "n'est pas une étape (1 à 5, ou {names})."
                    ).format(
                        line=line_number,
                        header=_short(headers[index]),
                        value=_short(raw),
                        names=", ".join(s.label for s in Stage),
                    )
                )
            if stage is not None:
                result = set_answer(result, respondent.id, subject_id, stage)
                count_answers += 1
    return AnswersImport(result, count_people, count_answers, tuple(added))
