"""Dot voting rules: the step's settings, the ranking with ties, which threads are kept."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any, NamedTuple

from capadesk.core.domain.capture import RankedThread, VotingRules
from capadesk.core.domain.protocol import SettingRule, setting_rules
from capadesk.core.domain.vocabulary import ActivityKind
from capadesk.core.errors import ValidationError
from capadesk.i18n import _

SETTING_DOTS = "dots_per_participant"
SETTING_KEPT = "kept_threads"
TALLY_MAX = 10_000


def _rule(key: str) -> SettingRule:
    """The bounds the step form also uses for this dot-vote setting."""
    return next(rule for rule in setting_rules(ActivityKind.DOT_VOTE) if rule.key == key)


class Dotted(NamedTuple):
    """A thread and its dots, in the wall's order (the order breaks no tie, it only lists)."""

    thread_id: uuid.UUID
    title: str
    dots: int
    kept: bool


def rank(threads: Sequence[Dotted]) -> list[RankedThread]:
    """Most dots first; equal dots share a rank and the next rank skips (1, 2, 2, 4).

    Threads with equal dots keep their wall order among themselves.
    """
    ordered = sorted(enumerate(threads), key=lambda pair: (-pair[1].dots, pair[0]))
    counts: dict[int, int] = {}
    for thread in threads:
        counts[thread.dots] = counts.get(thread.dots, 0) + 1
    ranked: list[RankedThread] = []
    for index, (_position, thread) in enumerate(ordered):
        same = index > 0 and ordered[index - 1][1].dots == thread.dots
        place = ranked[-1].rank if same else index + 1
        ranked.append(
            RankedThread(
                thread_id=thread.thread_id,
                title=thread.title,
                dots=thread.dots,
                rank=place,
                tied=counts[thread.dots] > 1,
                kept=thread.kept,
            )
        )
    return ranked


def top(ranked: Sequence[RankedThread], kept_threads: int) -> set[uuid.UUID]:
    """The threads within the first ``kept_threads`` ranks; a tie at the boundary keeps them all.

    A thread without a single dot is never kept.
    """
    return {r.thread_id for r in ranked if r.rank <= kept_threads and r.dots > 0}


def rules_from_settings(settings: str | None) -> VotingRules:
    """The vote rules in a step's settings JSON; defaults for anything missing or unusable."""
    data = _settings_object(settings)
    return VotingRules(
        dots_per_participant=_within(data.get(SETTING_DOTS), _rule(SETTING_DOTS)),
        kept_threads=_within(data.get(SETTING_KEPT), _rule(SETTING_KEPT)),
    )


def settings_with_rules(settings: str | None, rules: VotingRules) -> str:
    """The step's settings JSON with ``rules`` written in, other keys kept."""
    check_rules(rules)
    data = _settings_object(settings)
    data[SETTING_DOTS] = rules.dots_per_participant
    data[SETTING_KEPT] = rules.kept_threads
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def check_rules(rules: VotingRules) -> None:
    """Refuse rules outside the bounds of the step's settings (as the step form has them)."""
    for value, rule in (
        (rules.dots_per_participant, _rule(SETTING_DOTS)),
        (rules.kept_threads, _rule(SETTING_KEPT)),
    ):
        if _within(value, rule) != value:
            raise ValidationError(
                _("«\u00a0{what}\u00a0» doit être un nombre entier de {low} à {high}.").format(
                    what=rule.label, low=rule.minimum, high=rule.maximum
                )
            )


def check_dots(dots: int) -> int:
    """Refuse a number of dots outside 0–10 000."""
    if isinstance(dots, bool) or not isinstance(dots, int) or not 0 <= dots <= TALLY_MAX:
        raise ValidationError(
            _("Le nombre de gommettes doit être un entier entre 0 et {limit}.").format(
                limit=f"{TALLY_MAX:,}".replace(",", "\u202f")
            )
        )
    return dots


def _settings_object(settings: str | None) -> dict[str, Any]:
    try:
        data = json.loads(settings or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _within(value: object, rule: SettingRule) -> int:
    """``value`` when it is a whole number within the rule's bounds, else the rule's default."""
    if isinstance(value, bool) or not isinstance(value, int):
        return rule.default
    return value if rule.minimum <= value <= rule.maximum else rule.default
