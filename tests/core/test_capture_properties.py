"""Stateful property: any sequence of capture, thread and vote commands, undone, redone and
interleaved with reopening the store, leaves the store equal to a plain Python model."""

from __future__ import annotations

import copy
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.core.errors import ValidationError
from capadesk.core.services.capture_commands import AddCapture, DeleteCapture, UpdateCapture
from capadesk.core.services.captures import get_captures, list_captures
from capadesk.core.services.commands import Command
from capadesk.core.services.thread_commands import CreateThread, MoveToThread
from capadesk.core.services.threads import list_threads
from capadesk.core.services.vote_commands import SetTally
from capadesk.core.services.votes import ranking
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.migrate import open_store
from capadesk.core.storage.store import Store

WORKSHOP = uuid.UUID("0b5e3c1e-6d1a-4f7e-9a0c-3f2b8d4e5a61")

texts = st.text(min_size=1, max_size=40).filter(lambda t: t.strip() != "")
blank_texts = st.sampled_from(["", " ", "\t\n", "\u00a0\u2003"])
kinds = st.sampled_from(list(CaptureKind))
stages = st.none() | st.sampled_from(list(LifecycleStage))


@cache
def template_store() -> Path:
    """A store with one empty workshop, made once and copied for each example (fast start)."""
    directory = Path(tempfile.mkdtemp(prefix="capadesk-property-template-"))
    store, _report = open_store(directory / "capadesk.db", directory / "backups")
    try:
        create_workshop(store, "Atelier de Toulon", public_id=WORKSHOP)
    finally:
        store.close()  # the last connection checkpoints: the file alone holds everything
    return directory / "capadesk.db"


@dataclass
class Card:
    kind: CaptureKind
    text: str
    stage: LifecycleStage | None
    deleted: bool = False


@dataclass
class Model:
    """What the store should hold. Dicts keep insertion order: the wall's and the threads'."""

    cards: dict[uuid.UUID, Card] = field(default_factory=dict)
    threads: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)  # deleted cards too
    tallies: dict[uuid.UUID, int] = field(default_factory=dict)

    def live(self) -> list[uuid.UUID]:
        return [card_id for card_id, card in self.cards.items() if not card.deleted]

    def thread_of(self, card_id: uuid.UUID) -> uuid.UUID | None:
        return next((t for t, members in self.threads.items() if card_id in members), None)

    def take_out(self, card_id: uuid.UUID) -> None:
        for members in self.threads.values():
            if card_id in members:
                members.remove(card_id)


class CaptureMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.directory = Path(tempfile.mkdtemp(prefix="capadesk-property-"))
        self.path = self.directory / "capadesk.db"
        shutil.copyfile(template_store(), self.path)
        self.store = Store(self.path)
        self.model = Model()
        self.undo_stack: list[tuple[Command, Model, Model]] = []
        self.redo_stack: list[tuple[Command, Model, Model]] = []

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    def run(self, command: Command, after: Model) -> None:
        """Apply a new command and record it, as the UI's undo stack does."""
        command.apply(self.store)
        self.undo_stack.append((command, self.model, copy.deepcopy(after)))
        self.redo_stack.clear()
        self.model = after

    def next_model(self) -> Model:
        return copy.deepcopy(self.model)

    # -- rules -------------------------------------------------------------------------------

    @initialize(count=st.integers(min_value=0, max_value=4))
    def some_cards(self, count: int) -> None:
        """Start with a few cards, so more steps move, vote and undo (not recorded for undo)."""
        for n in range(count):
            command = AddCapture(WORKSHOP, CaptureKind.IRRITANT, f"Carte {n}")
            command.apply(self.store)
            self.model.cards[command.public_id] = Card(CaptureKind.IRRITANT, f"Carte {n}", None)

    @rule(kind=kinds, text=texts, stage=stages)
    def add(self, kind: CaptureKind, text: str, stage: LifecycleStage | None) -> None:
        command = AddCapture(WORKSHOP, kind, text, stage=stage)
        after = self.next_model()
        after.cards[command.public_id] = Card(kind, text, stage)
        self.run(command, after)

    @rule(text=blank_texts)
    def add_blank(self, text: str) -> None:
        try:
            AddCapture(WORKSHOP, CaptureKind.IRRITANT, text).apply(self.store)
        except ValidationError:
            return
        raise AssertionError("a blank card was saved")

    @precondition(lambda self: self.model.live())
    @rule(data=st.data(), kind=kinds, text=texts, stage=stages)
    def edit(
        self, data: st.DataObject, kind: CaptureKind, text: str, stage: LifecycleStage | None
    ) -> None:
        card_id = data.draw(st.sampled_from(self.model.live()))
        before = get_captures(self.store, [card_id])[card_id]
        assert before is not None
        after = self.next_model()
        after.cards[card_id] = Card(kind, text, stage)
        self.run(UpdateCapture(before, before._replace(kind=kind, text=text, stage=stage)), after)

    @precondition(lambda self: self.model.live())
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        card_id = data.draw(st.sampled_from(self.model.live()))
        view = get_captures(self.store, [card_id])[card_id]
        assert view is not None
        after = self.next_model()
        after.cards[card_id].deleted = True
        self.run(DeleteCapture(view), after)

    @precondition(lambda self: self.model.live())
    @rule(data=st.data(), title=texts)
    def move_to_thread(self, data: st.DataObject, title: str) -> None:
        live = self.model.live()
        chosen = data.draw(st.lists(st.sampled_from(live), min_size=1, max_size=4, unique=True))
        targets = [None, "new", *self.model.threads]
        target = data.draw(st.sampled_from(targets))
        after = self.next_model()
        command: Command
        if target == "new":
            command = CreateThread(WORKSHOP, title, chosen)
            for card_id in chosen:
                after.take_out(card_id)
            after.threads[command.public_id] = list(chosen)
        else:
            assert target is None or isinstance(target, uuid.UUID)
            command = MoveToThread(WORKSHOP, chosen, target)
            for card_id in chosen:
                if target is None or after.thread_of(card_id) != target:
                    after.take_out(card_id)
                    if target is not None:
                        after.threads[target].append(card_id)
        self.run(command, after)

    @precondition(lambda self: self.model.threads)
    @rule(data=st.data(), dots=st.integers(min_value=0, max_value=30))
    def vote(self, data: st.DataObject, dots: int) -> None:
        thread_id = data.draw(st.sampled_from(list(self.model.threads)))
        after = self.next_model()
        after.tallies[thread_id] = dots
        self.run(SetTally(WORKSHOP, None, thread_id, dots), after)

    @precondition(lambda self: self.undo_stack)
    @rule()
    def undo(self) -> None:
        command, before, after = self.undo_stack.pop()
        command.revert(self.store)
        self.redo_stack.append((command, before, after))
        self.model = copy.deepcopy(before)

    @precondition(lambda self: self.redo_stack)
    @rule()
    def redo(self) -> None:
        command, before, after = self.redo_stack.pop()
        command.apply(self.store)
        self.undo_stack.append((command, before, after))
        self.model = copy.deepcopy(after)

    @rule()
    def reopen(self) -> None:
        self.store.close()
        self.store = Store(self.path)

    # -- the store equals the model after every step ---------------------------------------------

    @invariant()
    def captures_match(self) -> None:
        stored = [
            (c.public_id, c.kind, c.text, c.stage, c.thread_id)
            for c in list_captures(self.store, WORKSHOP)
        ]
        expected = [
            (card_id, card.kind, card.text, card.stage, self.model.thread_of(card_id))
            for card_id, card in self.model.cards.items()
            if not card.deleted
        ]
        assert stored == expected

    @invariant()
    def threads_match(self) -> None:
        stored = [(t.public_id, list(t.capture_ids)) for t in list_threads(self.store, WORKSHOP)]
        expected = [
            (thread_id, [c for c in members if not self.model.cards[c].deleted])
            for thread_id, members in self.model.threads.items()
        ]
        assert stored == expected

    @invariant()
    def ranking_matches(self) -> None:
        ranked = ranking(self.store, WORKSHOP, None)
        assert {r.thread_id: r.dots for r in ranked} == {
            thread_id: self.model.tallies.get(thread_id, 0) for thread_id in self.model.threads
        }
        assert [r.dots for r in ranked] == sorted((r.dots for r in ranked), reverse=True)


CaptureMachine.TestCase.settings = settings(
    max_examples=15,
    stateful_step_count=25,
    deadline=None,
    # No « explain » phase: tracing every line of SQLAlchemy takes minutes.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow],
)
TestCaptureStore = CaptureMachine.TestCase
