"""Drives the maturity page: assessments of the workshop, respondents and their profiles,
subjects, answers typed or imported, the picture, the comparison with another assessment (of
this workshop or an earlier one), and the projected picture.

Every change is one undoable command through Operations; the page re-reads the assessment when
Changes name the workshop.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.maturity import (
    Assessment,
    Stage,
    add_respondent,
    add_subject,
    compare,
    profiles_present,
    remove_respondent,
    remove_subject,
    rename_subject,
    set_answer,
    subject_profiles,
)
from capadesk.core.domain.maturity_csv import UnknownSubjectError
from capadesk.core.errors import KnownError
from capadesk.core.services import maturity
from capadesk.core.services.changes import Changes
from capadesk.core.services.maturity import AssessmentView
from capadesk.core.services.maturity_commands import (
    ChangeAssessment,
    CreateAssessment,
    DeleteAssessment,
    EditAssessment,
)
from capadesk.core.storage.store import Store
from capadesk.i18n import _
from capadesk.ui.maturity.dialogs import MaturityDialogs
from capadesk.ui.maturity.page import MaturityPage
from capadesk.ui.maturity.picture import DARK, MaturityPicture, PictureRow
from capadesk.ui.operations import Operations

PROJECTED_SCALE = 1.8


def picture_title(view: AssessmentView) -> str:
    """« Autodiagnostic de maturité — 14/03/2024 · 3 répondant(s) »."""
    day = view.assessment.day or view.created_at.date()
    people = _("{count} répondant(s)").format(count=len(view.assessment.respondents))
    return f"{view.assessment.title} — {day.strftime('%d/%m/%Y')} · {people}"


def picture_rows(assessment: Assessment) -> list[PictureRow]:
    """One row per subject of ``assessment``."""
    return [
        PictureRow(p.subject.label, p.subject.capacity, p) for p in subject_profiles(assessment)
    ]


class MaturityPresenter(QObject):
    """See module docstring."""

    def __init__(
        self,
        store: Store,
        operations: Operations,
        workshop_id: uuid.UUID,
        dialogs: MaturityDialogs | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.workshop_id = store, workshop_id
        self._operations = operations
        self._dialogs = dialogs or MaturityDialogs()
        self.page = MaturityPage()
        self.views: list[AssessmentView] = []
        self.others: list[AssessmentView] = []
        self.current: AssessmentView | None = None
        self.slides: list[MaturityPicture] = []
        page = self.page
        page.assessment_combo.currentIndexChanged.connect(lambda _i: self._show_current())
        page.compare_combo.currentIndexChanged.connect(lambda _i: self._show_comparison())
        page.new_button.clicked.connect(self.new_assessment)
        page.import_button.clicked.connect(self.import_csv)
        page.delete_button.clicked.connect(self.delete_assessment)
        page.add_respondent_button.clicked.connect(self.add_respondent)
        page.name_edit.returnPressed.connect(self.add_respondent)
        page.remove_respondent_button.clicked.connect(self.remove_respondent)
        page.add_subject_button.clicked.connect(self.add_subject)
        page.subject_edit.returnPressed.connect(self.add_subject)
        page.rename_subject_button.clicked.connect(self.rename_subject)
        page.remove_subject_button.clicked.connect(self.remove_subject)
        page.answers_model.answer_requested.connect(self._answer)
        operations.changes_made.connect(self._on_changes_made)
        self.reload()

    # --- showing --------------------------------------------------------------------------------

    def reload(self, select: uuid.UUID | None = None) -> None:
        """Read the assessments again; keep (or move to ``select``) the one shown."""
        wanted = select or (self.current.public_id if self.current else None)
        self.views = maturity.list_assessments(self.store, self.workshop_id)
        combo = self.page.assessment_combo
        combo.blockSignals(True)
        combo.clear()
        for view in self.views:
            combo.addItem(view.label, str(view.public_id))
        ids = [v.public_id for v in self.views]
        combo.setCurrentIndex(ids.index(wanted) if wanted in ids else len(ids) - 1)
        combo.blockSignals(False)
        self._show_current()

    def _show_current(self) -> None:
        index = self.page.assessment_combo.currentIndex()
        self.current = self.views[index] if 0 <= index < len(self.views) else None
        page, current = self.page, self.current
        for widget in (
            page.import_button,
            page.delete_button,
            page.add_respondent_button,
            page.remove_respondent_button,
            page.add_subject_button,
            page.rename_subject_button,
            page.remove_subject_button,
            page.name_edit,
            page.subject_edit,
        ):
            widget.setEnabled(current is not None)
        assessment = current.assessment if current else Assessment("", None, ())
        page.answers_model.fill(assessment)
        if current is not None and not page.answers.currentIndex().isValid():
            first = page.answers_model.index(0, 0)
            if first.isValid():
                page.answers.setCurrentIndex(first)
        title = picture_title(current) if current else _("Aucun autodiagnostic")
        rows = picture_rows(assessment)
        present = profiles_present(assessment)
        page.picture.show_rows(title, rows, present)
        for slide in self.slides:
            slide.show_rows(title, rows, present)
        self._fill_compare_choices()

    def _fill_compare_choices(self) -> None:
        everyone = maturity.list_assessments(self.store)
        current_id = self.current.public_id if self.current else None
        self.others = [v for v in everyone if v.public_id != current_id]
        combo = self.page.compare_combo
        kept = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for view in self.others:
            combo.addItem(view.label, str(view.public_id))
        position = combo.findData(kept)
        combo.setCurrentIndex(position if position >= 0 else len(self.others) - 1)
        combo.blockSignals(False)
        self._show_comparison()

    def _show_comparison(self) -> None:
        index = self.page.compare_combo.currentIndex()
        other = self.others[index] if 0 <= index < len(self.others) else None
        page, current = self.page, self.current
        if other is None or current is None:
            page.before_picture.show_rows(_("Rien à comparer"), [], [])
            page.after_picture.show_rows("", [], [])
            return
        earlier, later = sorted(
            (other, current), key=lambda v: v.assessment.day or v.created_at.date()
        )
        changes = compare(earlier.assessment, later.assessment)
        capacity = {
            p.subject.label: p.subject.capacity
            for view in (earlier, later)
            for p in subject_profiles(view.assessment)
        }
        page.before_picture.show_rows(
            picture_title(earlier),
            [PictureRow(c.label, capacity.get(c.label, ""), c.before) for c in changes],
            profiles_present(earlier.assessment),
        )
        page.after_picture.show_rows(
            picture_title(later),
            [PictureRow(c.label, capacity.get(c.label, ""), c.after) for c in changes],
            profiles_present(later.assessment),
        )

    def maturity_slide(self, parent: QWidget | None = None) -> MaturityPicture:
        """A projected picture of the assessment shown, white on black in large type, kept up
        to date (for the projection window: ``run.provide_slide("maturity", …)``)."""
        slide = MaturityPicture(DARK, parent)
        slide.set_scale(PROJECTED_SCALE, fit=True)
        self.slides.append(slide)
        slide.destroyed.connect(lambda: self.slides.remove(slide))
        self._show_current()
        return slide

    # --- editing --------------------------------------------------------------------------------

    def _edit(self, edit: Callable[[Assessment], Assessment], label: str) -> bool:
        if self.current is None:
            return False
        return self._operations.execute(EditAssessment(self.current.public_id, edit, label))

    def new_assessment(self) -> None:
        """« Nouvel autodiagnostic » with the default subjects."""
        command = CreateAssessment(self.workshop_id)
        if self._operations.execute(command):
            self.reload(select=command.assessment_id)

    def add_respondent(self) -> None:
        """Add the respondent typed (name and profile); the name field empties for the next."""
        page = self.page
        name, profile = page.name_edit.text(), page.chosen_profile()
        if self._edit(
            lambda a: add_respondent(a, name, profile)[0],
            _("Ajouter un répondant"),
        ):
            page.name_edit.clear()
            column = page.answers_model.columnCount() - 1
            page.answers.setCurrentIndex(page.answers_model.index(0, column))
            page.answers.setFocus()

    def remove_respondent(self) -> None:
        """Remove the respondent of the current column, with their answers."""
        index = self.page.answers.currentIndex()
        if self.current is None or not index.isValid():
            return
        respondent = self.current.assessment.respondents[index.column()]
        self._edit(
            lambda a: remove_respondent(a, respondent.id),
            _("Retirer «\u00a0{name}\u00a0»").format(name=respondent.name),
        )

    @Slot(str, str, object)
    def _answer(self, respondent_id: str, subject_id: str, stage: object) -> None:
        chosen = stage if isinstance(stage, Stage) else None
        self._edit(lambda a: set_answer(a, respondent_id, subject_id, chosen), _("Placer un sujet"))

    def add_subject(self) -> None:
        """Add the subject typed, at the end."""
        label = self.page.subject_edit.text()
        if self._edit(lambda a: add_subject(a, label), _("Ajouter un sujet")):
            self.page.subject_edit.clear()

    def rename_subject(self) -> None:
        """Reword the subject of the current row."""
        index = self.page.answers.currentIndex()
        row = index.row() if index.isValid() else self.page.answers.verticalHeader().logicalIndex(0)
        if self.current is None or not 0 <= row < len(self.current.assessment.subjects):
            return
        subject = self.current.assessment.subjects[row]
        label = self._dialogs.subject_label(self.page, subject.label)
        if label is not None:
            self._edit(lambda a: rename_subject(a, subject.id, label), _("Renommer un sujet"))

    def remove_subject(self) -> None:
        """Drop the subject of the current row, with its answers."""
        index = self.page.answers.currentIndex()
        if self.current is None or not index.isValid():
            return
        subject = self.current.assessment.subjects[index.row()]
        self._edit(lambda a: remove_subject(a, subject.id), _("Retirer un sujet"))

    def import_csv(self) -> None:
        """« Importer des réponses (CSV)… »: all the lines or nothing; columns naming no subject
        become subjects once the facilitator agrees."""
        current = self.current
        if current is None:
            return
        path = self._dialogs.open_csv_path(self.page)
        if path is None:
            return
        try:
            try:
                imported = maturity.read_answers_csv(path, current.assessment)
            except UnknownSubjectError as unknown:
                question = _(
                    "La colonne «\u00a0{header}\u00a0» ne nomme aucun sujet de cet "
                    "autodiagnostic. Ajouter les colonnes inconnues comme nouveaux sujets\u00a0?"
                ).format(header=unknown.header)
                if not self._dialogs.confirm(self.page, _("Importer des réponses"), question):
                    return
                imported = maturity.read_answers_csv(path, current.assessment, add_subjects=True)
        except KnownError as error:
            self._dialogs.show_message(self.page, error.message)
            return
        command = ChangeAssessment(
            current.public_id, current.assessment, imported.assessment, _("Importer des réponses")
        )
        if self._operations.execute(command):
            self._dialogs.show_message(
                self.page,
                _("{people} répondant(s) et {answers} réponse(s) importés.").format(
                    people=imported.respondents, answers=imported.answers
                ),
            )

    def delete_assessment(self) -> None:
        """« Supprimer… » the assessment shown, once confirmed (Ctrl+Z brings it back)."""
        if self.current is None:
            return
        question = _("Supprimer «\u00a0{label}\u00a0»\u00a0? Ctrl+Z le fait revenir.").format(
            label=self.current.label
        )
        if self._dialogs.confirm(self.page, _("Supprimer l'autodiagnostic"), question):
            self._operations.execute(DeleteAssessment(self.current.public_id))

    @Slot(object)
    def _on_changes_made(self, changes: Changes) -> None:
        if self.workshop_id in changes.documents:
            self.reload()
