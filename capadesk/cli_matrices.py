"""``capadesk matrices list``, ``capadesk matrices blank ID --format a3|a4 --out FILE.pdf`` and
``capadesk matrices validate FILE.json``.

The templates are the built-in ones and those in the user's folder (``<config>/matrices``); no
store is opened.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from capadesk.cli_output import print_lines
from capadesk.i18n import _
from capadesk.paths import AppPaths

if TYPE_CHECKING:
    from capadesk.core.domain.matrix import MatrixTemplate

EXIT_INVALID = 2


def add_parser(subparsers: Any) -> None:
    """Add ``matrices`` to the ``capadesk`` command line (``subparsers`` is what
    ``ArgumentParser.add_subparsers`` returned)."""
    matrices = subparsers.add_parser(
        "matrices", help=_("les matrices (coût-bénéfice, numérique responsable…)")
    )
    actions = matrices.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help=_("une matrice par ligne\u00a0: son identifiant, son titre"))
    blank = actions.add_parser("blank", help=_("imprimer une matrice vierge en PDF (paysage)"))
    blank.add_argument("template_id", metavar="ID")
    blank.add_argument(
        "--format",
        dest="page",
        choices=("a4", "a3"),
        default="a4",
        help=_("format de la page, en paysage (a4 par défaut)"),
    )
    blank.add_argument("--out", type=Path, required=True, metavar="FICHIER.pdf")
    blank.add_argument("--title", default="", metavar="TITRE", help=_("l'atelier, en en-tête"))
    validate = actions.add_parser(
        "validate", help=_("vérifier un fichier de matrice (code 0 s'il est valide, 2 sinon)")
    )
    validate.add_argument("file", type=Path, metavar="FICHIER")


def run(args: argparse.Namespace, app_paths: AppPaths) -> int:
    """Run one ``matrices`` action; return the exit code. KnownError goes to the caller."""
    from capadesk.core.domain.matrix import (
        MatrixError,
        find_template,
        read_template_file,
        template_library,
        user_templates_dir,
    )

    user_dir = user_templates_dir(app_paths)
    if args.action == "validate":
        try:
            template = read_template_file(args.file)
        except MatrixError as error:
            print(f"{args.file}\u00a0: {error.message}", file=sys.stderr)
            return EXIT_INVALID
        print(
            _("{file}\u00a0: matrice «\u00a0{id}\u00a0» valide.").format(
                file=args.file, id=template.id
            )
        )
        return 0
    templates = template_library(user_dir)
    if args.action == "list":
        print_lines(f"{t.id}\t{t.title}" for t in templates)
        return 0
    template = find_template(args.template_id, templates)
    return _blank(template, args.page, args.out, args.title)


def _blank(template: MatrixTemplate, page: str, out: Path, title: str) -> int:
    import io

    from capadesk.core.errors import ValidationError
    from capadesk.core.export.matrix_pdf import write_matrix_pdf
    from capadesk.core.services.roster_csv import write_file_atomically

    buffer = io.BytesIO()
    write_matrix_pdf(template, buffer, page=page, title=title)
    try:
        write_file_atomically(out, buffer.getvalue())
    except ValidationError as error:
        print(error.message, file=sys.stderr)
        return 1
    print(out)
    return 0
