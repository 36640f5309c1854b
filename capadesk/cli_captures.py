"""``capadesk capture add WORKSHOP --kind K --text T [--use-case U] [--stage S]`` and
``capadesk captures list WORKSHOP [--json]``.

WORKSHOP is a workshop's id (as ``workshops list`` prints it) or its title (exact, else case
and accents aside). Only SQLAlchemy-free modules are imported here: the parser is built at
every start, the window's included.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from typing import TYPE_CHECKING, Any

from capadesk.cli_output import print_lines
from capadesk.core.domain.vocabulary import CaptureKind, LifecycleStage
from capadesk.i18n import _
from capadesk.paths import AppPaths

if TYPE_CHECKING:
    from capadesk.core.domain.capture import CaptureView
    from capadesk.core.storage.store import Store


def _accepted(values: type[CaptureKind] | type[LifecycleStage]) -> str:
    return ", ".join(v.value for v in values)


def _kind(text: str) -> CaptureKind:
    try:
        return CaptureKind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("type inconnu «\u00a0{text}\u00a0»\u00a0; valeurs acceptées\u00a0: {values}").format(
                text=text, values=_accepted(CaptureKind)
            )
        ) from None


def _stage(text: str) -> LifecycleStage:
    try:
        return LifecycleStage(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _(
                "étape inconnue «\u00a0{text}\u00a0»\u00a0; valeurs acceptées\u00a0: {values}"
            ).format(text=text, values=_accepted(LifecycleStage))
        ) from None


def add_parsers(commands: Any) -> None:
    """Add ``capture`` and ``captures`` to the command line (``commands``: the subparsers)."""
    capture = commands.add_parser("capture", help=_("saisir une carte (irritant, souhait…)"))
    capture_actions = capture.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = capture_actions.add_parser(
        "add", help=_("ajouter une carte\u00a0; affiche son identifiant une fois enregistrée")
    )
    add.add_argument("workshop", metavar="ATELIER", help=_("identifiant ou titre de l'atelier"))
    add.add_argument(
        "--kind",
        type=_kind,
        required=True,
        metavar="TYPE",
        help=_("type de carte\u00a0: {values}").format(values=_accepted(CaptureKind)),
    )
    add.add_argument("--text", required=True, metavar="TEXTE", help=_("gardé tel quel"))
    add.add_argument(
        "--use-case",
        metavar="CAS",
        help=_("identifiant ou titre du cas d'usage (créé s'il n'existe pas)"),
    )
    add.add_argument(
        "--stage",
        type=_stage,
        metavar="ÉTAPE",
        help=_("étape du cycle de vie de la donnée\u00a0: {values}").format(
            values=_accepted(LifecycleStage)
        ),
    )

    captures = commands.add_parser("captures", help=_("les cartes d'un atelier"))
    captures_actions = captures.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = captures_actions.add_parser(
        "list", help=_("une carte par ligne\u00a0: identifiant, type, étape, texte")
    )
    listing.add_argument("workshop", metavar="ATELIER", help=_("identifiant ou titre de l'atelier"))
    listing.add_argument(
        "--json",
        action="store_true",
        help=_("un tableau JSON (id, kind, stage, use_case, thread, text, created_at)"),
    )


def run(args: argparse.Namespace, app_paths: AppPaths) -> int:
    """Run ``capture add`` or ``captures list``; return the exit code."""
    from capadesk.core.services.workshops import find_workshop
    from capadesk.core.storage.migrate import open_store

    app_paths.ensure()
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    try:
        workshop = find_workshop(store, args.workshop)
        if args.command == "capture":
            return _add(store, workshop.public_id, args)
        return _list(store, workshop.public_id, as_json=args.json)
    finally:
        store.close()


def _add(store: Store, workshop_id: uuid.UUID, args: argparse.Namespace) -> int:
    from capadesk.core.services.captures import add_capture, check_capture_text
    from capadesk.core.services.use_cases import add_use_case, find_use_case

    check_capture_text(args.text)  # before a use case is created for a card that is refused
    use_case_id = None
    if args.use_case is not None:
        use_case = find_use_case(store, workshop_id, args.use_case)
        if use_case is None:
            use_case, _changes = add_use_case(store, workshop_id, args.use_case)
            sys.stderr.write(
                _("Cas d'usage «\u00a0{title}\u00a0» créé.").format(title=use_case.title) + "\n"
            )
        use_case_id = use_case.public_id
    view, _changes = add_capture(
        store, workshop_id, args.kind, args.text, stage=args.stage, use_case_id=use_case_id
    )
    print_lines([str(view.public_id)])  # add_capture returned: the card is committed
    return 0


def _list(store: Store, workshop_id: uuid.UUID, *, as_json: bool) -> int:
    from capadesk.core.services.captures import list_captures

    views = list_captures(store, workshop_id)
    if as_json:
        text = json.dumps([_as_object(v) for v in views], ensure_ascii=False, indent=2)
        print_lines([text])
    else:
        print_lines(
            "\t".join(
                (
                    str(v.public_id),
                    v.kind.value,
                    v.stage.value if v.stage else "-",
                    one_line(v.text),
                )
            )
            for v in views
        )
    return 0


def _as_object(view: CaptureView) -> dict[str, str | None]:
    return {
        "id": str(view.public_id),
        "kind": view.kind.value,
        "stage": view.stage.value if view.stage else None,
        "use_case": str(view.use_case_id) if view.use_case_id else None,
        "thread": str(view.thread_id) if view.thread_id else None,
        "text": view.text,
        "created_at": view.created_at.isoformat(),
    }


# One pass of str.translate: an escape once written is never escaped again.
_ONE_LINE = {
    code: f"\\u{code:04x}" for code in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
} | {ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}


def one_line(text: str) -> str:
    """``text`` on one line: backslash escapes for \\, new lines, tabs and other controls."""
    return text.translate(_ONE_LINE)
