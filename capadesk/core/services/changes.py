"""What an operation changed, so each view refreshes only what it shows."""

from __future__ import annotations

import uuid
from typing import Any, NamedTuple


class Changes(NamedTuple):
    """The objects an operation touched.

    ``workshops`` lists workshops whose row changed; ``workshop_list`` says that the set or
    order of listed workshops changed (one added, removed or re-dated); ``agendas`` lists the
    workshops whose steps changed; ``runners`` those whose day moved (a runner transition).
    ``captures`` lists the captures added, edited or removed (the wall re-reads just those);
    ``threads`` the workshops whose threads, thread contents or votes changed; ``use_cases``
    the workshops whose use cases changed; ``participants`` the workshops whose roster changed;
    ``groups`` the workshops whose work groups or their members changed; ``entries`` the
    workshops whose step entries (ice-breakers' answers) changed; ``documents`` the workshops
    whose filled tools (personas, maps, matrices…) changed.
    """

    workshops: frozenset[uuid.UUID] = frozenset()
    workshop_list: bool = False
    agendas: frozenset[uuid.UUID] = frozenset()
    runners: frozenset[uuid.UUID] = frozenset()
    captures: frozenset[uuid.UUID] = frozenset()
    threads: frozenset[uuid.UUID] = frozenset()
    use_cases: frozenset[uuid.UUID] = frozenset()
    participants: frozenset[uuid.UUID] = frozenset()
    groups: frozenset[uuid.UUID] = frozenset()
    entries: frozenset[uuid.UUID] = frozenset()
    documents: frozenset[uuid.UUID] = frozenset()

    def merged(self, *others: Changes) -> Changes:
        """Everything this and ``others`` changed (one undo entry made of several steps)."""
        combined: dict[str, Any] = {}
        for name in self._fields:
            values = [getattr(changes, name) for changes in (self, *others)]
            first = values[0]
            combined[name] = (
                first.union(*values[1:]) if isinstance(first, frozenset) else any(values)
            )
        return self._replace(**combined)

    @classmethod
    def of_workshop(cls, public_id: uuid.UUID, *, listing: bool = False) -> Changes:
        """One workshop changed; ``listing`` when the list itself changed too."""
        return cls(workshops=frozenset({public_id}), workshop_list=listing)
