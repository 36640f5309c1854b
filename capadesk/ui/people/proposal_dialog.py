"""« Proposer des groupes »: by size or by number of groups, a seed, whose choices to respect."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from capadesk.core.domain.grouping import MAX_GROUP_SIZE
from capadesk.core.services.groups import ChoiceSource
from capadesk.i18n import _


class ProposalSettings(NamedTuple):
    """What the facilitator asked for."""

    by_size: bool = True
    number: int = 5  # the size, or the number of groups
    seed: int = 1
    source: ChoiceSource | None = None
    arrived_only: bool = False


class ProposalDialog(QDialog):
    """See module docstring."""

    def __init__(
        self,
        initial: ProposalSettings,
        use_cases: bool,
        challenges: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Proposer des groupes"))
        self.by_size = QRadioButton(_("Personnes par groupe (au plus)"))
        self.by_count = QRadioButton(_("Nombre de groupes"))
        (self.by_size if initial.by_size else self.by_count).setChecked(True)
        self.number = QSpinBox()
        self.number.setRange(1, MAX_GROUP_SIZE)
        self.number.setValue(initial.number)
        self.number.setAccessibleName(_("Taille ou nombre de groupes"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 999_999)
        self.seed.setValue(initial.seed)
        self.seed.setAccessibleName(_("Graine du tirage"))
        self.seed.setToolTip(
            _("La même graine redonne les mêmes groupes\u00a0; changez-la pour un autre tirage.")
        )
        self.source = QComboBox()
        self.source.setAccessibleName(_("Choix à respecter"))
        self.source.addItem(_("Aucun\u00a0: mélanger tout le monde"), None)
        if use_cases:
            self.source.addItem(_("Le cas d'usage choisi par chacun"), ChoiceSource.USE_CASE)
        if challenges:
            self.source.addItem(_("Le défi choisi par chacun"), ChoiceSource.CHALLENGE)
        self.source.setCurrentIndex(max(0, self.source.findData(initial.source)))
        self.arrived_only = QCheckBox(_("Seulement les personnes arrivées"))
        self.arrived_only.setChecked(initial.arrived_only)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Proposer"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.by_size)
        form.addRow(self.by_count)
        form.addRow(_("Nombre\u00a0:"), self.number)
        form.addRow(_("Graine\u00a0:"), self.seed)
        form.addRow(_("Respecter\u00a0:"), self.source)
        form.addRow(self.arrived_only)
        form.addRow(buttons)

    def settings(self) -> ProposalSettings:
        """The settings as chosen."""
        return ProposalSettings(
            by_size=self.by_size.isChecked(),
            number=self.number.value(),
            seed=self.seed.value(),
            source=self.source.currentData(),
            arrived_only=self.arrived_only.isChecked(),
        )
