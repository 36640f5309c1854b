"""The maturity self-assessment page: which assessment, who answers (name and profile), the
subjects, the answers table, the five stages with their definitions, and the picture (one
assessment, or two side by side). Widgets only: the presenter fills them and reacts to them."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from capadesk.core.domain.maturity import Profile, Stage
from capadesk.i18n import _
from capadesk.ui.maturity.answers import AnswersModel, AnswersTable
from capadesk.ui.maturity.picture import MaturityPicture


def stages_text() -> str:
    """The five stages and their definitions, as the panel shows them (rich text)."""
    items = "".join(
        f"<p><b>{int(stage)}. {escape(stage.label)}</b>\u00a0: {escape(stage.definition)}</p>"
        for stage in Stage
    )
    heading = escape(_("Les cinq étapes de la maturité (DataCités 2), pour chaque sujet"))
    return f"<p><b>{heading}</b></p>{items}"


def scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a scroll area that follows its width."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


class MaturityPage(QWidget):
    """See module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Autodiagnostic de maturité"))
        self.assessment_combo = QComboBox()
        self.assessment_combo.setAccessibleName(_("Autodiagnostic"))
        self.new_button = QPushButton(_("Nouvel autodiagnostic"))
        self.import_button = QPushButton(_("Importer des réponses (CSV)…"))
        self.delete_button = QPushButton(_("Supprimer…"))
        top = QHBoxLayout()
        top.addWidget(self.assessment_combo, 1)
        for button in (self.new_button, self.import_button, self.delete_button):
            top.addWidget(button)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("Nom du répondant (facultatif)"))
        self.name_edit.setAccessibleName(_("Nom du répondant"))
        self.profile_combo = QComboBox()
        self.profile_combo.setAccessibleName(_("Profil du répondant"))
        for profile in Profile:
            self.profile_combo.addItem(profile.label, profile.value)
        self.add_respondent_button = QPushButton(_("Ajouter le répondant"))
        self.remove_respondent_button = QPushButton(_("Retirer le répondant"))
        people = QHBoxLayout()
        people.addWidget(QLabel(_("Répondant\u00a0:")))
        people.addWidget(self.name_edit, 2)
        people.addWidget(self.profile_combo, 1)
        people.addWidget(self.add_respondent_button)
        people.addWidget(self.remove_respondent_button)

        self.subject_edit = QLineEdit()
        self.subject_edit.setPlaceholderText(_("Nouveau sujet à évaluer"))
        self.subject_edit.setAccessibleName(_("Nouveau sujet"))
        self.add_subject_button = QPushButton(_("Ajouter le sujet"))
        self.rename_subject_button = QPushButton(_("Renommer le sujet…"))
        self.remove_subject_button = QPushButton(_("Retirer le sujet"))
        subjects = QHBoxLayout()
        subjects.addWidget(QLabel(_("Sujets\u00a0:")))
        subjects.addWidget(self.subject_edit, 2)
        for button in (
            self.add_subject_button,
            self.rename_subject_button,
            self.remove_subject_button,
        ):
            subjects.addWidget(button)

        self.answers_model = AnswersModel(self)
        self.answers = AnswersTable(self.answers_model)
        self.help_label = QLabel(
            _(
                "Dans une colonne, tapez 1 à 5 pour placer chaque sujet (la case suivante se "
                "sélectionne), 0 pour effacer."
            )
        )
        self.help_label.setWordWrap(True)
        self.stages_label = QLabel(stages_text())
        self.stages_label.setWordWrap(True)
        self.stages_label.setAccessibleName(_("Les cinq étapes et leur définition"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.answers, 3)
        left_layout.addWidget(self.help_label)
        left_layout.addWidget(scrolled(self.stages_label), 2)

        self.picture = MaturityPicture()
        self.compare_combo = QComboBox()
        self.compare_combo.setAccessibleName(_("Comparer avec"))
        self.before_picture = MaturityPicture()
        self.after_picture = MaturityPicture()
        pair = QWidget()
        pair_layout = QHBoxLayout(pair)
        pair_layout.setContentsMargins(0, 0, 0, 0)
        pair_layout.addWidget(self.before_picture)
        pair_layout.addWidget(self.after_picture)
        comparison = QWidget()
        comparison_layout = QVBoxLayout(comparison)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(_("Comparer avec\u00a0:")))
        choose.addWidget(self.compare_combo, 1)
        comparison_layout.addLayout(choose)
        comparison_layout.addWidget(scrolled(pair), 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(scrolled(self.picture), _("Profil par sujet"))
        self.tabs.addTab(comparison, _("Comparer deux autodiagnostics"))

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setSizes([560, 840])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(people)
        layout.addLayout(subjects)
        layout.addWidget(splitter, 1)

    def chosen_profile(self) -> Profile:
        """The profile chosen for the next respondent."""
        return Profile(str(self.profile_combo.currentData()))
