"""Drives the group board: reads the chosen step's groups and the roster, runs each change
(propose, move, rename, add, remove, one group per use case or défi) as one undoable command,
and shows the board again when Changes say the roster or the groups changed."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Mapping

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QWidget

from capadesk.core.domain.people import (
    FAMILY_OF,
    MIXED_FAMILIES,
    Family,
    GroupView,
    ParticipantView,
)
from capadesk.core.domain.vocabulary import ParticipantType, StepFormat
from capadesk.core.errors import KnownError
from capadesk.core.services import groups
from capadesk.core.services.agenda import read_agenda
from capadesk.core.services.changes import Changes
from capadesk.core.services.commands import Command
from capadesk.core.services.group_commands import MoveMember, RenameGroup, ReplaceGroups
from capadesk.core.services.groups import ChoiceSource, GroupDraft
from capadesk.core.services.participants import list_participants
from capadesk.core.services.people_sheets import groups_sheet_pdf
from capadesk.core.services.use_cases import list_use_cases
from capadesk.core.storage.store import Store
from capadesk.i18n import _
from capadesk.ui.dialogs.prompts import Prompts
from capadesk.ui.operations import Operations
from capadesk.ui.people.dialogs import PeopleDialogs
from capadesk.ui.people.group_board import BoardColumn, GroupBoard
from capadesk.ui.people.proposal_dialog import ProposalSettings

_GROUP_FORMATS = (StepFormat.GROUPS, StepFormat.PARALLEL)


def draft_of(group: GroupView) -> GroupDraft:
    """A stored group as a draft that keeps it as it is."""
    return GroupDraft(
        name=group.name,
        member_ids=group.member_ids,
        use_case_id=group.use_case_id,
        challenge=group.challenge,
        colour=group.colour,
        public_id=group.public_id,
    )


def missing_families(
    groups_shown: list[GroupView], types: Mapping[uuid.UUID, ParticipantType]
) -> dict[uuid.UUID, tuple[Family, ...]]:
    """For each group, the families it lacks while another group of the same choice holds two:
    the mix a move could still improve (see ``capadesk.core.domain.grouping``)."""
    by_choice: dict[uuid.UUID | str | None, list[GroupView]] = {}
    for group in groups_shown:
        by_choice.setdefault(group.use_case_id or group.challenge or None, []).append(group)
    missing: dict[uuid.UUID, list[Family]] = {g.public_id: [] for g in groups_shown}
    for bucket in by_choice.values():
        counts = {
            g.public_id: Counter(FAMILY_OF[types[pid]] for pid in g.member_ids if pid in types)
            for g in bucket
        }
        for family in MIXED_FAMILIES:
            if any(c[family] >= 2 for c in counts.values()):
                for group_id, c in counts.items():
                    if not c[family]:
                        missing[group_id].append(family)
    return {k: tuple(v) for k, v in missing.items()}


class GroupBoardPresenter(QObject):
    """See module docstring."""

    def __init__(
        self,
        store: Store,
        workshop_id: uuid.UUID,
        operations: Operations,
        prompts: Prompts,
        dialogs: PeopleDialogs,
        parent: QWidget,
        *,
        step_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = GroupBoard()  # the page puts it in its own layout
        self.store, self.workshop_id = store, workshop_id
        self._operations, self._prompts, self._dialogs = operations, prompts, dialogs
        self.settings = ProposalSettings()
        self.groups: list[GroupView] = []
        self.people: dict[uuid.UUID, ParticipantView] = {}
        view = self.view
        # Queued: a drop must finish before the columns it came from are filled again.
        view.member_moved.connect(self.move, Qt.ConnectionType.QueuedConnection)
        view.rename_requested.connect(self.rename)
        view.remove_requested.connect(self.remove)
        view.propose_button.clicked.connect(self.propose)
        view.add_button.clicked.connect(self.add_group)
        view.use_cases_button.clicked.connect(self.one_per_use_case)
        view.challenges_button.clicked.connect(self.one_per_challenge)
        view.print_button.clicked.connect(self.print_groups)
        operations.changes_made.connect(self._on_changes_made)
        self._fill_steps(step_id)
        view.step_choice.currentIndexChanged.connect(self._step_changed)
        self.reload()

    @property
    def step_id(self) -> uuid.UUID | None:
        """The step whose groups are shown (None: the day's own groups)."""
        data = self.view.step_choice.currentData()
        return data if isinstance(data, uuid.UUID) else None

    def _fill_steps(self, wanted: uuid.UUID | None) -> None:
        agenda = read_agenda(self.store, self.workshop_id)
        choice = self.view.step_choice
        current = wanted if wanted is not None else self.step_id
        choice.blockSignals(True)
        choice.clear()
        choice.addItem(_("Toute la journée"), None)
        first_group_step = None
        for number, (step, step_id) in enumerate(
            zip(agenda.protocol.steps, agenda.step_ids, strict=True), start=1
        ):
            choice.addItem(f"{number}. {step.title}", step_id)
            if first_group_step is None and step.format in _GROUP_FORMATS:
                first_group_step = step_id
        target = current if current is not None else first_group_step
        choice.setCurrentIndex(max(0, choice.findData(target)))
        choice.blockSignals(False)

    # --- showing -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the roster and the step's groups again and show them."""
        self.people = {p.public_id: p for p in list_participants(self.store, self.workshop_id)}
        self.groups = groups.list_groups(self.store, self.workshop_id, self.step_id)
        types = {pid: p.type for pid, p in self.people.items()}
        missing = missing_families(self.groups, types)
        seated = {pid for g in self.groups for pid in g.member_ids}
        columns = [
            BoardColumn(
                None,
                _("Sans groupe"),
                tuple(p for pid, p in self.people.items() if pid not in seated),
            )
        ]
        columns += [
            BoardColumn(
                g.public_id,
                g.name,
                tuple(self.people[pid] for pid in g.member_ids if pid in self.people),
                missing[g.public_id],
            )
            for g in self.groups
        ]
        self.view.show_columns(columns)
        has_use_cases = bool(list_use_cases(self.store, self.workshop_id))
        self.view.use_cases_button.setEnabled(has_use_cases)
        self.view.print_button.setEnabled(bool(self.groups))

    @Slot(int)
    def _step_changed(self, _index: int) -> None:
        self.reload()

    @Slot(object)
    def _on_changes_made(self, changes: Changes) -> None:
        if self.workshop_id in changes.agendas:
            self._fill_steps(None)
        touched = changes.participants | changes.groups | changes.agendas | changes.use_cases
        if self.workshop_id in touched:
            self.reload()

    def _run(self, command: Command) -> bool:
        done = self._operations.execute(command)
        if not done:
            self.reload()
        return done

    def _replace(self, drafts: list[GroupDraft], label: str) -> bool:
        return self._run(ReplaceGroups(self.workshop_id, self.step_id, drafts, label))

    # --- edits -------------------------------------------------------------------------------

    @Slot()
    def propose(self) -> None:
        """« Proposer des groupes… »: the proposal replaces the step's groups (undoable)."""
        anyone_arrived = any(p.arrived_at is not None for p in self.people.values())
        initial = self.settings._replace(arrived_only=self.settings.arrived_only or anyone_arrived)
        has_challenges = any(g.challenge for g in self.groups)
        has_use_cases = bool(list_use_cases(self.store, self.workshop_id))
        settings = self._dialogs.proposal_settings(
            self.view, initial, has_use_cases, has_challenges or self.settings.source is not None
        )
        if settings is None:
            return
        self.settings = settings
        try:
            proposal, _choices = groups.propose(
                self.store,
                self.workshop_id,
                size=settings.number if settings.by_size else None,
                count=None if settings.by_size else settings.number,
                seed=settings.seed,
                source=settings.source,
                step_id=self.step_id,
                arrived_only=settings.arrived_only,
            )
        except KnownError as error:
            self._prompts.show_error(self.view, error.message)
            return
        if not proposal.groups:
            self._prompts.show_error(self.view, _("Personne à répartir dans des groupes."))
            return
        if self._replace(groups.drafts_of(proposal, settings.source), _("Proposer des groupes")):
            self.view.status_label.setText(
                _("{count} groupes proposés (graine {seed}).").format(
                    count=len(proposal.groups), seed=settings.seed
                )
            )

    @Slot(object, object)
    def move(self, participant_id: uuid.UUID, group_id: uuid.UUID | None) -> None:
        """Move a person into a group (None: out of every group of the step)."""
        person = self.people.get(participant_id)
        seated = next((g.public_id for g in self.groups if participant_id in g.member_ids), None)
        if person is None or seated == group_id:
            return
        self._run(MoveMember(self.workshop_id, self.step_id, participant_id, group_id, person.name))

    def _group(self, group_id: uuid.UUID) -> GroupView | None:
        return next((g for g in self.groups if g.public_id == group_id), None)

    @Slot(object)
    def rename(self, group_id: uuid.UUID) -> None:
        """« Renommer » a group."""
        group = self._group(group_id)
        if group is None:
            return
        name = self._dialogs.group_name(self.view, _("Renommer le groupe"), group.name)
        if name is not None and name != group.name:
            self._run(RenameGroup(group, name))

    @Slot(object)
    def remove(self, group_id: uuid.UUID) -> None:
        """« Retirer » a group: its members go back to « Sans groupe » (undoable)."""
        group = self._group(group_id)
        if group is not None:
            drafts = [draft_of(g) for g in self.groups if g.public_id != group_id]
            label = _("Retirer le groupe «\u00a0{name}\u00a0»").format(name=group.name)
            self._replace(drafts, label)

    @Slot()
    def add_group(self) -> None:
        """« Ajouter un groupe… » (empty; drag people into it)."""
        suggested = _("Groupe {number}").format(number=len(self.groups) + 1)
        name = self._dialogs.group_name(self.view, _("Ajouter un groupe"), suggested)
        if name is not None:
            drafts = [*map(draft_of, self.groups), GroupDraft(name)]
            self._replace(drafts, _("Ajouter le groupe «\u00a0{name}\u00a0»").format(name=name))

    @Slot()
    def one_per_use_case(self) -> None:
        """One empty group per use case that has none yet: people are then dragged into the
        use case they choose, which « Proposer » respects."""
        present = {g.use_case_id for g in self.groups}
        added = [
            GroupDraft(u.title, use_case_id=u.public_id)
            for u in list_use_cases(self.store, self.workshop_id)
            if u.public_id not in present
        ]
        if added:
            drafts = [*map(draft_of, self.groups), *added]
            if self._replace(drafts, _("Un groupe par cas d'usage")):
                self.settings = self.settings._replace(source=ChoiceSource.USE_CASE)

    @Slot()
    def one_per_challenge(self) -> None:
        """One empty group per défi typed (one a line)."""
        typed = self._dialogs.challenge_titles(self.view) or []
        present = {g.challenge for g in self.groups}
        titles = dict.fromkeys(t.strip() for t in typed if t.strip() and t.strip() not in present)
        added = [GroupDraft(title, challenge=title) for title in titles]
        if added:
            drafts = [*map(draft_of, self.groups), *added]
            if self._replace(drafts, _("Un groupe par défi")):
                self.settings = self.settings._replace(source=ChoiceSource.CHALLENGE)

    @Slot()
    def print_groups(self) -> None:
        """« Imprimer les groupes… »: one block per group, saved as a PDF."""
        path = self._dialogs.save_path(
            self.view, _("Enregistrer les groupes"), _("groupes.pdf"), ".pdf"
        )
        if path is None:
            return
        try:
            groups_sheet_pdf(self.store, self.workshop_id, self.step_id, path)
        except KnownError as error:
            self._prompts.show_error(self.view, error.message)
            return
        self.view.status_label.setText(
            _("Groupes enregistrés\u00a0: {name}.").format(name=path.name)
        )
