"""Build the demo day in a store, through the services only (what the app itself would do).

Every id comes from the seed (``uuid5``) and every choice from ``random.Random(seed)``, so one
seed gives the same day; the record timestamps alone follow the run. The day is then run
through the whole protocol on a FakeClock, each step a few minutes off its plan.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from capadesk.core.demo import texts
from capadesk.core.demo.matrices import fill_matrices
from capadesk.core.demo.photos import tablecloth
from capadesk.core.demo.tools import add_persona_and_journey
from capadesk.core.domain.capture import VotingRules
from capadesk.core.domain.people import ParticipantFields
from capadesk.core.domain.vocabulary import ActivityKind, CaptureKind, LifecycleStage
from capadesk.core.errors import ValidationError
from capadesk.core.runner import FakeClock, Runner
from capadesk.core.services import runner as runner_service
from capadesk.core.services.agenda import apply_protocol, read_agenda
from capadesk.core.services.captures import add_capture
from capadesk.core.services.groups import drafts_of, propose, replace_groups
from capadesk.core.services.participants import add_participants
from capadesk.core.services.photos import attach_photo
from capadesk.core.services.protocols import find_protocol
from capadesk.core.services.threads import create_thread, move_captures, set_thread_stages
from capadesk.core.services.use_cases import add_use_case
from capadesk.core.services.votes import keep_top, set_participant_dots, set_voting_rules, vote_step
from capadesk.core.services.workshops import create_workshop, list_workshops
from capadesk.core.storage.store import Store
from capadesk.i18n import _

PROTOCOL_ID = "capacities-1-toulon"
DEFAULT_SEED = 2022
DAY = dt.date(2022, 3, 15)
DAY_START = dt.datetime(2022, 3, 15, 8, 30, tzinfo=dt.UTC)  # 9 h 30 in Toulon
DOTS = 4
KEPT = 8


class DemoSize(NamedTuple):
    """How big the day is: the full demo by default, smaller for quick tests."""

    participants: int = 30
    captures: int = 150
    photos: int = 6


FULL = DemoSize()


class DemoDay(NamedTuple):
    """What was built: the workshop's id and the counts (for the report and the tests)."""

    workshop_id: uuid.UUID
    title: str
    use_cases: int
    participants: int
    groups: int
    captures: int
    threads: int
    dots: int
    matrices: int
    photos: int


class _Ids:
    """Ids drawn from the seed: the same seed, the same ids."""

    def __init__(self, seed: int) -> None:
        self._base = uuid.uuid5(uuid.NAMESPACE_URL, f"capadesk-demo:{seed}")

    def __call__(self, *parts: object) -> uuid.UUID:
        return uuid.uuid5(self._base, "/".join(str(p) for p in parts))


def build_demo(
    store: Store, photos_dir: Path, *, seed: int = DEFAULT_SEED, size: DemoSize = FULL
) -> DemoDay:
    """Create the demo workshop in ``store`` (photos into ``photos_dir``) and run its day.

    ValidationError when this seed's demo is already in the store.
    """
    rng = random.Random(seed)
    ids = _Ids(seed)
    workshop_id = ids("workshop")
    if any(w.public_id == workshop_id for w in list_workshops(store)):
        raise ValidationError(
            _(
                "La démonstration de graine {seed} existe déjà dans ce dossier\u00a0: "
                "choisissez une autre graine (--seed) ou un autre dossier (--home)."
            ).format(seed=seed)
        )
    create_workshop(
        store,
        texts.TITLE,
        place=texts.PLACE,
        day=DAY,
        programme=texts.PROGRAMME,
        public_id=workshop_id,
    )
    apply_protocol(store, workshop_id, find_protocol(PROTOCOL_ID))
    agenda = read_agenda(store, workshop_id)
    drawing = next(
        step_id
        for step, step_id in zip(agenda.protocol.steps, agenda.step_ids, strict=True)
        if step.activity is ActivityKind.USE_CASE_DRAWING
    )
    use_cases = [
        add_use_case(store, workshop_id, u.title, u.territory, ids("use-case", i))[0].public_id
        for i, u in enumerate(texts.USE_CASES)
    ]
    people = _add_people(store, workshop_id, rng, ids, size.participants)
    groups = _add_groups(store, workshop_id, drawing, use_cases, ids, seed)
    cards = _add_captures(store, workshop_id, drawing, use_cases, groups, rng, ids, size.captures)
    threads = _add_threads(store, workshop_id, cards, rng, ids)
    dots = _vote(store, workshop_id, people, threads, rng)
    photos = _add_photos(store, photos_dir, workshop_id, use_cases, rng, ids, size.photos)
    matrices = fill_matrices(store, workshop_id, use_cases, rng, ids)
    add_persona_and_journey(store, workshop_id, ids)
    _run_day(store, workshop_id, [s.duration.maximum for s in agenda.protocol.steps], rng)
    return DemoDay(
        workshop_id,
        texts.TITLE,
        len(use_cases),
        len(people),
        len(groups),
        len(cards),
        len(threads),
        dots,
        matrices,
        photos,
    )


def _add_people(
    store: Store, workshop_id: uuid.UUID, rng: random.Random, ids: _Ids, count: int
) -> list[uuid.UUID]:
    room = [kind for kind, n in texts.ROOM for _i in range(n)]
    kinds = room[:count] + [room[2 + i % (len(room) - 2)] for i in range(count - len(room))]
    names = rng.sample(
        [f"{f} {n}" for f, n in zip(texts.FIRST_NAMES, texts.LAST_NAMES, strict=True)],
        min(count, len(texts.FIRST_NAMES)),
    )
    entries = []
    for index, kind in enumerate(kinds):
        name = names[index] if index < len(names) else f"Participant {index + 1}"
        fields = ParticipantFields(
            name,
            rng.choice(texts.ORGANISATIONS[kind]),
            kind,
            rng.choice(texts.TERRITORIES),
            float(rng.choice((2, 5, 12, 30, 65, 160, 465, 840))),
            rng.random() < 0.75,  # a quarter do not want their name in shared results
        )
        entries.append((ids("participant", index), fields, DAY_START))
    added, _changes = add_participants(store, workshop_id, entries)
    return [p.public_id for p in added]


def _add_groups(
    store: Store,
    workshop_id: uuid.UUID,
    step_id: uuid.UUID,
    use_cases: Sequence[uuid.UUID],
    ids: _Ids,
    seed: int,
) -> list[uuid.UUID]:
    """One balanced group per use case for the drawing step (the colour code of the day)."""
    proposal, _choices = propose(store, workshop_id, count=len(use_cases), seed=seed)
    drafts = [
        dataclasses.replace(draft, use_case_id=use_case, public_id=ids("group", index))
        for index, (draft, use_case) in enumerate(
            zip(drafts_of(proposal, None), use_cases, strict=False)
        )
    ]
    views, _changes = replace_groups(store, workshop_id, step_id, drafts)
    return [v.public_id for v in views]


class _Card(NamedTuple):
    public_id: uuid.UUID
    kind: CaptureKind
    stage: LifecycleStage | None


def _card_specs(
    use_cases: Sequence[uuid.UUID], groups: Sequence[uuid.UUID]
) -> list[tuple[CaptureKind, str, LifecycleStage | None, uuid.UUID | None, uuid.UUID | None]]:
    """Every card the day can hold (150), in the order the note-taker types them."""
    specs: list[
        tuple[CaptureKind, str, LifecycleStage | None, uuid.UUID | None, uuid.UUID | None]
    ] = []
    for index, (text, use_case) in enumerate(zip(texts.USE_CASES, use_cases, strict=True)):
        group = groups[index] if index < len(groups) else None
        for number, (pattern, stage) in enumerate(texts.IRRITANT_PATTERNS):
            line = pattern.format(obj=text.objects[number % len(text.objects)])
            specs.append((CaptureKind.IRRITANT, _capital(line), stage, use_case, group))
        for number, (pattern, stage) in enumerate(texts.WISH_PATTERNS):
            line = pattern.format(obj=text.objects[(number + 1) % len(text.objects)])
            specs.append((CaptureKind.WISH, _capital(line), stage, use_case, group))
        specs += [(CaptureKind.DATABASE, d, None, use_case, group) for d in text.databases]
        specs += [(CaptureKind.APPLICATION, a, None, use_case, group) for a in text.applications]
        specs += [(CaptureKind.DATA_FLOW, f, s, use_case, group) for f, s in text.flows]
    specs += [(CaptureKind.ACTION, a, None, None, None) for a in texts.ACTIONS]
    specs += [(CaptureKind.IDEA, i, None, None, None) for i in texts.IDEAS]
    specs += [(CaptureKind.NOTE, n, None, None, None) for n in texts.NOTES]
    return specs


def _capital(line: str) -> str:
    return line[:1].upper() + line[1:]


def _add_captures(
    store: Store,
    workshop_id: uuid.UUID,
    step_id: uuid.UUID,
    use_cases: Sequence[uuid.UUID],
    groups: Sequence[uuid.UUID],
    rng: random.Random,
    ids: _Ids,
    count: int,
) -> list[_Card]:
    specs = _card_specs(use_cases, groups)
    chosen = sorted(rng.sample(range(len(specs)), min(count, len(specs))))
    cards = []
    for number, index in enumerate(chosen):
        kind, text, stage, use_case, group = specs[index]
        on_drawing = use_case is not None
        view, _changes = add_capture(
            store,
            workshop_id,
            kind,
            text,
            stage=stage,
            use_case_id=use_case,
            group_id=group,
            step_id=step_id if on_drawing else None,
            public_id=ids("capture", number),
        )
        cards.append(_Card(view.public_id, kind, stage))
    return cards


def _add_threads(
    store: Store, workshop_id: uuid.UUID, cards: Sequence[_Card], rng: random.Random, ids: _Ids
) -> list[uuid.UUID]:
    """The common threads, each gathering irritants and wishes of its stage (four in five)."""
    threads: list[tuple[uuid.UUID, LifecycleStage]] = []
    for index, (title, stage) in enumerate(texts.THREADS):
        view, _changes = create_thread(store, workshop_id, title, ids("thread", index))
        set_thread_stages(store, view.public_id, [stage])
        threads.append((view.public_id, stage))
    members: dict[uuid.UUID, list[uuid.UUID]] = {t: [] for t, _s in threads}
    for card in cards:
        if card.kind not in (CaptureKind.IRRITANT, CaptureKind.WISH) or rng.random() > 0.8:
            continue
        fitting = [t for t, s in threads if s is card.stage]
        if fitting:
            members[rng.choice(fitting)].append(card.public_id)
    for thread, capture_ids in members.items():
        if capture_ids:
            move_captures(store, workshop_id, capture_ids, thread)
    return [t for t, _s in threads]


def _vote(
    store: Store,
    workshop_id: uuid.UUID,
    people: Sequence[uuid.UUID],
    threads: Sequence[uuid.UUID],
    rng: random.Random,
) -> int:
    """Each participant sticks their four dots, some threads more liked than others."""
    step = vote_step(store, workshop_id)
    assert step is not None  # the Toulon protocol ends with a dot vote
    set_voting_rules(store, step, VotingRules(dots_per_participant=DOTS, kept_threads=KEPT))
    weights = [len(threads) - i + rng.random() * 4 for i in range(len(threads))]
    total = 0
    for person in people:
        placed: dict[uuid.UUID, int] = {}
        for thread in rng.choices(threads, weights=weights, k=DOTS):
            placed[thread] = placed.get(thread, 0) + 1
        for thread, dots in placed.items():
            set_participant_dots(store, workshop_id, step, person, thread, dots)
            total += dots
    keep_top(store, workshop_id, step)
    return total


def _add_photos(
    store: Store,
    photos_dir: Path,
    workshop_id: uuid.UUID,
    use_cases: Sequence[uuid.UUID],
    rng: random.Random,
    ids: _Ids,
    count: int,
) -> int:
    """Photos of the paper tablecloths, drawn with Pillow: one per use case, then the room."""
    with tempfile.TemporaryDirectory(prefix="capadesk-demo-") as folder:
        for index in range(count):
            use_case = use_cases[index] if index < len(use_cases) else None
            title = texts.USE_CASES[index].title if use_case else "La salle, au vote"
            source = Path(folder) / f"photo-{index}.jpg"
            source.write_bytes(tablecloth(title, rng))
            attach_photo(
                store,
                photos_dir,
                workshop_id,
                source,
                use_case_id=use_case,
                caption=f"La nappe du groupe «\u00a0{title}\u00a0»" if use_case else title,
                public_id=ids("photo", index),
            )
    return count


def _run_day(
    store: Store, workshop_id: uuid.UUID, planned_minutes: Sequence[int], rng: random.Random
) -> None:
    """Go through every step, each a few minutes shorter or longer than planned."""
    clock = FakeClock(DAY_START)
    runner_service.act(store, workshop_id, clock, Runner.start)
    for minutes in planned_minutes:
        clock.advance(60 * max(1, minutes + rng.randint(-5, 10)))
        runner_service.act(store, workshop_id, clock, Runner.next)
