"""``capadesk participants import WORKSHOP FILE.csv [--skip-invalid] | list WORKSHOP`` and
``capadesk groups propose WORKSHOP (--size N | --count N) [--by use-case|defi] [--seed S]``.

WORKSHOP is a workshop's id (as ``workshops list`` prints it) or its exact title, case and
accents aside.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from capadesk.cli_output import print_lines
from capadesk.i18n import _
from capadesk.paths import AppPaths

if TYPE_CHECKING:
    from capadesk.core.domain.workshop import WorkshopSummary
    from capadesk.core.storage.store import Store

EXIT_INVALID = 2


def add_parser(subparsers: Any) -> None:
    """Add ``participants`` and ``groups`` to the ``capadesk`` command line.

    ``subparsers`` is what ``ArgumentParser.add_subparsers`` returned (its type is private).
    """
    people = subparsers.add_parser("participants", help=_("la liste des participants d'un atelier"))
    actions = people.add_subparsers(dest="action", metavar="ACTION", required=True)
    importing = actions.add_parser(
        "import",
        help=_(
            "importer un fichier CSV (rien n'est importé si une ligne est en erreur, "
            "code 2, sauf avec --skip-invalid)"
        ),
    )
    importing.add_argument("workshop", metavar="ATELIER", help=_("identifiant ou titre"))
    importing.add_argument("file", type=Path, metavar="FICHIER.csv")
    importing.add_argument(
        "--skip-invalid",
        action="store_true",
        help=_("importer les lignes valides, ignorer les autres"),
    )
    listing = actions.add_parser(
        "list",
        help=_("un participant par ligne\u00a0: identifiant, nom, organisation, type, arrivée"),
    )
    listing.add_argument("workshop", metavar="ATELIER", help=_("identifiant ou titre"))

    groups = subparsers.add_parser("groups", help=_("les groupes de travail d'un atelier"))
    group_actions = groups.add_subparsers(dest="action", metavar="ACTION", required=True)
    propose = group_actions.add_parser(
        "propose", help=_("proposer des groupes équilibrés (public / privé / partenaires)")
    )
    propose.add_argument("workshop", metavar="ATELIER", help=_("identifiant ou titre"))
    sizing = propose.add_mutually_exclusive_group(required=True)
    sizing.add_argument("--size", type=int, metavar="N", help=_("au plus N personnes par groupe"))
    sizing.add_argument("--count", type=int, metavar="N", help=_("N groupes"))
    propose.add_argument(
        "--by",
        choices=("use-case", "defi"),
        help=_("respecter le cas d'usage ou le défi choisi par chacun (lu dans ses groupes)"),
    )
    propose.add_argument(
        "--seed", type=int, metavar="S", help=_("graine du tirage (mêmes groupes pour la même)")
    )
    propose.add_argument(
        "--arrived-only", action="store_true", help=_("seulement les personnes arrivées")
    )


def run(args: argparse.Namespace, app_paths: AppPaths) -> int:
    """Run one ``participants`` or ``groups`` action; return the exit code.

    KnownError goes to the caller (``capadesk.cli.run`` prints it, exit code 1).
    """
    from capadesk.core.services.workshops import find_workshop
    from capadesk.core.storage.migrate import open_store

    app_paths.ensure()
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        workshop = find_workshop(store, args.workshop)
        if args.command == "groups":
            return _propose(store, workshop, args)
        if args.action == "import":
            return _import(store, workshop, args.file, skip_invalid=args.skip_invalid)
        return _list(store, workshop)
    finally:
        store.close()


def _import(store: Store, workshop: WorkshopSummary, path: Path, *, skip_invalid: bool) -> int:
    from capadesk.core.errors import ValidationError
    from capadesk.core.services.roster_csv import import_roster, preview_roster

    try:
        preview = preview_roster(store, workshop.public_id, path)
    except ValidationError as error:
        _error(_("{file}\u00a0: {message}").format(file=path, message=error.message))
        return EXIT_INVALID
    for line_error in preview.errors:
        _error(str(line_error))
    if preview.errors and not skip_invalid:
        _error(
            _(
                "Rien n'a été importé\u00a0: {count} ligne(s) en erreur "
                "(--skip-invalid pour importer les autres)."
            ).format(count=len(preview.errors))
        )
        return EXIT_INVALID
    views, _changes = import_roster(store, workshop.public_id, preview, skip_invalid=skip_invalid)
    lines = [
        _("{count} participant(s) importé(s) dans «\u00a0{title}\u00a0».").format(
            count=len(views), title=workshop.title
        )
    ]
    if preview.errors:
        lines.append(_("{count} ligne(s) ignorée(s).").format(count=len(preview.errors)))
    print_lines(lines)
    return 0  # lines skipped on request are reported, not failures


def _list(store: Store, workshop: WorkshopSummary) -> int:
    from capadesk.core.services.participants import list_participants

    def line(person: Any) -> str:
        km = "" if person.km_travelled is None else f"{person.km_travelled:g}"
        arrival = person.arrived_at.astimezone().strftime("%H:%M") if person.arrived_at else ""
        consent = _("oui") if person.consent_named else _("non")
        fields = (person.name, person.organisation, person.type.label, person.territory, km)
        return "\t".join((str(person.public_id), *fields, consent, arrival))

    print_lines(line(p) for p in list_participants(store, workshop.public_id))
    return 0


def _propose(store: Store, workshop: WorkshopSummary, args: argparse.Namespace) -> int:
    from capadesk.core.domain.people import by_name, mix_label
    from capadesk.core.services.groups import ChoiceSource, propose
    from capadesk.core.services.participants import list_participants

    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1_000_000)
    source = ChoiceSource(args.by) if args.by else None
    proposal, _choices = propose(
        store,
        workshop.public_id,
        size=args.size,
        count=args.count,
        seed=seed,
        source=source,
        arrived_only=args.arrived_only,
    )
    people = {p.public_id: p for p in list_participants(store, workshop.public_id)}
    lines: list[str] = []
    for group in proposal.groups:
        members = by_name(people[pid] for pid in group.member_ids)
        lines.append(
            _("{name} — {count} personne(s)\u00a0: {mix}").format(
                name=group.name, count=len(members), mix=mix_label(m.type for m in members)
            )
        )
        lines.extend(
            f"  {m.name}" + (f" ({m.organisation})" if m.organisation else "") for m in members
        )
        lines.append("")
    if not proposal.groups:
        lines.append(_("Personne à placer dans des groupes."))
    if proposal.unplaced:
        names = ", ".join(p.name for p in by_name(people[pid] for pid in proposal.unplaced))
        lines.append(_("Non placés (animation)\u00a0: {names}").format(names=names))
    lines.append(_("Graine\u00a0: {seed} (--seed {seed} redonne ces groupes)").format(seed=seed))
    print_lines(lines)
    return 0


def _error(message: str) -> None:
    sys.stderr.write(message + "\n")
