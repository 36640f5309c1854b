"""``capadesk protocols list | show ID | validate FILE``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from capadesk.core.domain.protocol import Protocol, ProtocolStep, minutes_label
from capadesk.core.domain.protocol_format import ProtocolError
from capadesk.core.domain.schedule import schedule
from capadesk.core.services.protocols import builtin_protocols, find_protocol, read_protocol_file
from capadesk.i18n import _

EXIT_INVALID = 2


def run_protocols(args: argparse.Namespace) -> int:
    """Run one ``protocols`` action; return the exit code."""
    if args.action == "list":
        for protocol in builtin_protocols():
            print(f"{protocol.id}\t{protocol.title}\t{minutes_label(protocol.planned_minutes)}")
        return 0
    if args.action == "show":
        print("\n".join(agenda_lines(find_protocol(args.protocol_id), args.start)))
        return 0
    try:
        protocol = read_protocol_file(args.file)
    except ProtocolError as error:
        print(
            _("Erreur\u00a0: {file} n'est pas un protocole valide — {message}").format(
                file=args.file, message=error.message
            ),
            file=sys.stderr,
        )
        return EXIT_INVALID
    print(
        _("Protocole valide\u00a0: {id} — {title} ({count} étapes, {total})").format(
            id=protocol.id,
            title=protocol.title,
            count=len(protocol.steps),
            total=minutes_label(protocol.planned_minutes),
        )
    )
    return 0


def agenda_lines(protocol: Protocol, start: dt.time) -> list[str]:
    """The day as text: one line a step with its clock times, duration and format."""
    lines = [protocol.title, ""]
    for planned in schedule(protocol.steps, start):
        step = planned.step
        lines.append(
            f"{planned.start:%H:%M}–{planned.end:%H:%M}  {step.duration.label():<11}"
            f"{step.format.label:<22}{step.title}"
        )
        lines.extend(_track_lines(step))
    lines += [
        "",
        _("Durée prévue\u00a0: {total}").format(total=minutes_label(protocol.planned_minutes)),
    ]
    return lines


def _track_lines(step: ProtocolStep) -> list[str]:
    lines = []
    for track in step.tracks:
        lines.append(f"{'':13}↳ {track.title}")
        for inner in track.steps:
            lines.append(f"{'':15}{inner.duration.label():<11}{inner.title}")
    return lines
