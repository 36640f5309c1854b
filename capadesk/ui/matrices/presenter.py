"""Drives the matrix page: the chooser (one matrix per template and use case, group or the whole
workshop), the grid, the stakeholders of repeatable groups, the PDFs, and the projected slides.

Every change is one undoable command through Operations; the grid re-reads the matrix when
Changes name the workshop (an edit, an undo, another view), keeping the current cell.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject, Slot
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.matrix import MatrixTemplate, RowGroup, Section
from capadesk.core.domain.matrix_grid import EMPTY, LineKind, filled_cells, group_key
from capadesk.core.errors import KnownError
from capadesk.core.services import matrices
from capadesk.core.services.changes import Changes
from capadesk.core.services.commands import Command
from capadesk.core.services.matrices import MatrixView, Owner
from capadesk.core.services.matrix_commands import (
    AddInstance,
    CreateMatrix,
    DeleteMatrix,
    RemoveInstance,
    RenameInstance,
    SetCell,
)
from capadesk.core.storage.store import Store
from capadesk.i18n import _
from capadesk.ui.matrices.dialogs import MatrixDialogs
from capadesk.ui.matrices.editor import MatrixEditor
from capadesk.ui.matrices.grid_model import HINT_ROLE
from capadesk.ui.matrices.slide import MatrixSlide
from capadesk.ui.operations import Operations


class MatrixPresenter(QObject):
    """See module docstring."""

    def __init__(
        self,
        store: Store,
        operations: Operations,
        workshop_id: uuid.UUID,
        templates: Sequence[MatrixTemplate],
        dialogs: MatrixDialogs | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.workshop_id = store, workshop_id
        self.templates = list(templates)
        self._operations = operations
        self._dialogs = dialogs or MatrixDialogs()
        self.editor = MatrixEditor()
        self.step_id: uuid.UUID | None = None  # new matrices belong to the step the day is on
        self.owners: list[Owner] = []
        self.matrix: MatrixView | None = None
        self.slides: list[MatrixSlide] = []
        editor = self.editor
        for template in self.templates:
            editor.template_combo.addItem(template.title, template.id)
        editor.template_combo.currentIndexChanged.connect(lambda _i: self.show_choice())
        editor.owner_combo.currentIndexChanged.connect(lambda _i: self.show_choice())
        editor.sheet_tabs.currentChanged.connect(lambda _i: self._fill())
        editor.create_button.clicked.connect(self.create)
        editor.delete_button.clicked.connect(self.delete)
        editor.pdf_button.clicked.connect(self.export_filled)
        editor.blank_button.clicked.connect(self.export_blank)
        editor.add_stakeholder_button.clicked.connect(self.add_stakeholder)
        editor.name_stakeholder_button.clicked.connect(self.name_stakeholder)
        editor.remove_stakeholder_button.clicked.connect(self.remove_stakeholder)
        editor.model.edit_requested.connect(self._edit)
        editor.grid.clear_requested.connect(self._clear)
        editor.grid.selectionModel().currentChanged.connect(self._current_changed)
        editor.model.modelReset.connect(self._follow_current)
        operations.changes_made.connect(self._on_changes_made)
        self._load_owners()
        self.show_choice()

    # --- choosing -------------------------------------------------------------------------------

    @property
    def template(self) -> MatrixTemplate | None:
        """The template chosen in the combo."""
        index = self.editor.template_combo.currentIndex()
        return self.templates[index] if 0 <= index < len(self.templates) else None

    @property
    def owner(self) -> Owner:
        """The use case, group or whole workshop chosen."""
        index = self.editor.owner_combo.currentIndex()
        return self.owners[index] if 0 <= index < len(self.owners) else Owner("")

    def choose(self, template_id: str, owner_label: str | None = None) -> None:
        """Show the matrix of ``template_id`` for the owner labelled ``owner_label`` (as the
        combo shows it; None keeps the current one)."""
        combo = self.editor.template_combo
        combo.setCurrentIndex(max(0, combo.findData(template_id)))
        if owner_label is not None:
            labels = [owner.label for owner in self.owners]
            if owner_label in labels:
                self.editor.owner_combo.setCurrentIndex(labels.index(owner_label))

    def choose_for_activity(self, activity: str) -> bool:
        """Show the first template a step of ``activity`` fills (« cost-benefit »…); False when
        no template names that activity."""
        for template in self.templates:
            if template.activity == activity:
                self.choose(template.id)
                return True
        return False

    def _load_owners(self) -> None:
        current = self.owner
        self.owners = matrices.list_owners(self.store, self.workshop_id)
        combo = self.editor.owner_combo
        combo.blockSignals(True)
        combo.clear()
        for owner in self.owners:
            combo.addItem(owner.label)
        kept = next((i for i, o in enumerate(self.owners) if o[1:] == current[1:]), 0)
        combo.setCurrentIndex(kept)
        combo.blockSignals(False)

    def show_choice(self) -> None:
        """Read the chosen matrix (if it exists) and show it."""
        template, owner = self.template, self.owner
        self.matrix = None
        if template is not None:
            self.matrix = matrices.find_matrix(
                self.store,
                self.workshop_id,
                template.id,
                use_case_id=owner.use_case_id,
                group_id=owner.group_id,
            )
        tabs = self.editor.sheet_tabs
        tabs.blockSignals(True)
        while tabs.count():
            tabs.removeTab(0)
        sheets = template.sheets if template is not None else ()
        for sheet in sheets:
            tabs.addTab(sheet.label)
        tabs.setVisible(len(sheets) > 1)
        tabs.blockSignals(False)
        self._fill()

    def _fill(self, keep: str = "") -> None:
        template, editor = self.template, self.editor
        sheet = None
        if template is not None and self.matrix is not None:
            sheet = template.sheets[max(0, editor.sheet_tabs.currentIndex())]
        filled = self.matrix.filled if self.matrix is not None else None
        editor.model.fill(template if sheet else None, filled or EMPTY, sheet)
        if keep:
            index = editor.model.index_of_key(keep)
            if index.isValid():
                editor.grid.setCurrentIndex(index)
        self._show_status()

    def _show_status(self) -> None:
        editor, template, matrix = self.editor, self.template, self.matrix
        exists = matrix is not None
        editor.create_button.setEnabled(template is not None and not exists)
        editor.delete_button.setEnabled(exists)
        editor.pdf_button.setEnabled(exists)
        editor.blank_button.setEnabled(template is not None)
        repeatable = bool(self._repeatable_groups())
        for button in (
            editor.add_stakeholder_button,
            editor.name_stakeholder_button,
            editor.remove_stakeholder_button,
        ):
            button.setVisible(repeatable and exists)
        if template is None:
            editor.status_label.setText(_("Aucun modèle de matrice."))
        elif not exists:
            editor.status_label.setText(
                _(
                    "Pas encore de matrice «\u00a0{title}\u00a0» pour {owner}\u00a0: "
                    "«\u00a0Créer la matrice\u00a0» pour la remplir."
                ).format(title=template.title, owner=self.owner.label.lower() or _("l'atelier"))
            )
        else:
            assert matrix is not None
            count = filled_cells(template, matrix.filled)
            editor.status_label.setText(
                _("{description} — {count} case(s) remplie(s).").format(
                    description=template.description or template.title, count=count
                )
            )
        for slide in self.slides:
            slide.set_title(self.slide_title())

    def slide_title(self) -> str:
        """« Matrice « Analyse Coût Bénéfices » — Cas d'usage « Port » »."""
        template = self.template
        if template is None:
            return ""
        owner = self.owner
        return f"{template.title} — {owner.label}" if owner.label else template.title

    # --- editing --------------------------------------------------------------------------------

    def _run(self, command: Command) -> bool:
        done = self._operations.execute(command)
        if not done:
            self._reload()  # put the edited cell back as stored
        return done

    def create(self) -> None:
        """« Créer la matrice » for the chosen template and owner."""
        template, owner = self.template, self.owner
        if template is None or self.matrix is not None:
            return
        command = CreateMatrix(
            self.workshop_id,
            template,
            use_case_id=owner.use_case_id,
            group_id=owner.group_id,
            step_id=self.step_id,
        )
        if self._run(command):
            self.show_choice()
            self.editor.grid.setFocus()

    @Slot(str, str, str)
    def _edit(self, key: str, typed: str, label: str) -> None:
        if self.matrix is None or self.template is None:
            return
        self._run(SetCell(self.matrix.public_id, self.template, key, typed, label=label))

    @Slot(QModelIndex)
    def _clear(self, index: QModelIndex) -> None:
        column = self.editor.model.column_at(index)
        key = self.editor.model.key_at(index)
        if key and column is not None and self.editor.model.filled.raw(key) is not None:
            self._edit(key, "", column.label)

    def _repeatable_groups(self) -> list[tuple[Section, RowGroup]]:
        template = self.template
        if template is None:
            return []
        return [
            (section, group)
            for section in template.sections
            for group in section.row_groups
            if group.repeatable
        ]

    def _current_group(self) -> tuple[str, str]:
        """The repeatable group of the current row (else the first) and the row's stakeholder."""
        model, index = self.editor.model, self.editor.grid.currentIndex()
        sheet = model.sheet.id if model.sheet is not None else ""
        if index.isValid():
            line = model.rows[index.row()].line
            if line.group is not None and line.group.repeatable and line.instance is not None:
                return group_key(sheet, line.section.id, line.group.id), line.instance.id
        groups = self._repeatable_groups()
        if not groups:
            return "", ""
        section, group = groups[0]
        return group_key(sheet, section.id, group.id), ""

    def add_stakeholder(self) -> None:
        """« Ajouter une partie prenante » to the repeatable group (its name asked)."""
        key, _instance = self._current_group()
        if not key or self.matrix is None or self.template is None:
            return
        name = self._dialogs.stakeholder_name(self.editor, "")
        if name is None:
            return
        self._run(AddInstance(self.matrix.public_id, self.template, key, name=name))

    def name_stakeholder(self) -> None:
        """Name the stakeholder of the current row."""
        key, instance_id = self._current_group()
        if not instance_id or self.matrix is None or self.template is None:
            return
        current = next(
            (i.name for i in self.matrix.filled.instances_of(key) if i.id == instance_id), ""
        )
        name = self._dialogs.stakeholder_name(self.editor, current)
        if name is not None:
            self._run(
                RenameInstance(
                    self.matrix.public_id, self.template, key, instance_id=instance_id, name=name
                )
            )

    def remove_stakeholder(self) -> None:
        """Remove the stakeholder of the current row, with its cells (undo brings them back)."""
        key, instance_id = self._current_group()
        if instance_id and self.matrix is not None and self.template is not None:
            self._run(
                RemoveInstance(self.matrix.public_id, self.template, key, instance_id=instance_id)
            )

    def delete(self) -> None:
        """« Supprimer… » the matrix shown, once confirmed."""
        if self.matrix is None or self.template is None:
            return
        if self._dialogs.confirm_delete(self.editor, self.slide_title()):
            self._run(DeleteMatrix(self.matrix.public_id, self.template.title))

    # --- PDFs ------------------------------------------------------------------------------

    def _write_pdf(self, blank: bool) -> None:
        from capadesk.core.export.matrix_pdf import write_matrix_pdf
        from capadesk.core.services.roster_csv import write_file_atomically
        from capadesk.core.services.workshops import get_workshop

        template = self.template
        if template is None or (not blank and self.matrix is None):
            return
        page = self._dialogs.page_format(self.editor) if blank else "a4"
        if page is None:
            return
        title = _("{title} (vierge)") if blank else "{title}"
        path = self._dialogs.save_pdf_path(
            self.editor, _("Enregistrer la matrice"), title.format(title=template.id) + ".pdf"
        )
        if path is None:
            return
        workshop = get_workshop(self.store, self.workshop_id)
        buffer = io.BytesIO()
        write_matrix_pdf(
            template,
            buffer,
            filled=None if blank or self.matrix is None else self.matrix.filled,
            page=page,
            title=workshop.title,
            subtitle="" if blank else self.owner.label,
        )
        try:
            write_file_atomically(path, buffer.getvalue())
        except KnownError as error:
            self._dialogs.show_error(self.editor, error.message)

    def export_filled(self) -> None:
        """« PDF rempli… »: the matrix as filled, A4 landscape."""
        self._write_pdf(blank=False)

    def export_blank(self) -> None:
        """« PDF vierge… »: the template empty, A4 or A3 landscape, to print before the day."""
        self._write_pdf(blank=True)

    # --- following the store and the cursor ------------------------------------------------

    def _reload(self) -> None:
        keep = self.editor.model.key_at(self.editor.grid.currentIndex())
        if self.matrix is not None:
            try:
                self.matrix = matrices.get_matrix(self.store, self.matrix.public_id)
            except KnownError:
                self.matrix = None
        if self.matrix is None:
            self.show_choice()
            return
        self._fill(keep)

    @Slot(object)
    def _on_changes_made(self, changes: Changes) -> None:
        if self.workshop_id in changes.use_cases or self.workshop_id in changes.groups:
            self._load_owners()
            self.show_choice()
        elif self.workshop_id in changes.documents:
            if self.matrix is None:
                self.show_choice()  # created, or brought back by undo
            else:
                self._reload()

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.editor.hint_label.setText(str(current.data(HINT_ROLE) or ""))
        self._follow_current()

    def _follow_current(self) -> None:
        model, index = self.editor.model, self.editor.grid.currentIndex()
        if not model.rows:
            return
        row = index.row() if index.isValid() else 0
        for slide in self.slides:
            slide.follow(model.rows[row].line.section.id, row)

    def matrix_slide(self, parent: QWidget | None = None) -> MatrixSlide:
        """A new projected view of the matrix shown, following the cell being filled (for the
        projection window: ``run.provide_slide("matrix", presenter.matrix_slide)``)."""
        slide = MatrixSlide(self.editor.model, parent)
        slide.set_title(self.slide_title())
        self.slides.append(slide)
        slide.destroyed.connect(lambda: self.slides.remove(slide))
        self._follow_current()
        return slide

    def rows_of_kind(self, kind: LineKind) -> list[int]:
        """The model rows of one kind (tests and the slide read the grid through this)."""
        return [i for i, row in enumerate(self.editor.model.rows) if row.kind is kind]
