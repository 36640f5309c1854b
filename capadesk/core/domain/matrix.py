"""Matrix templates: the grids of the method (coût-bénéfice, numérique responsable, fiches-actions…)
as data, and the library that reads them from ``resources/matrices`` and the user's folder.

A template is a list of *sections*, each a grid: column headers (each column has a cell kind),
rows, and optional row groups (a band across the grid, or a column on its left). *Sheets* repeat
the whole grid (« infrastructure », « équipement », « donnée »). A row group marked repeatable is
filled once per stakeholder the group names. The format is read by ``matrix_format``.
"""

from __future__ import annotations

import json
import logging
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from capadesk.core.errors import KnownError, NotFoundError
from capadesk.i18n import N_, _

if TYPE_CHECKING:
    from capadesk.paths import AppPaths

log = logging.getLogger(__name__)

FORMAT_NAME = "capadesk-matrix"
FORMAT_VERSION = 1
SCHEMA_FILE = "schema.json"
MAX_FILE_BYTES = 500_000  # the largest built-in template is a few kilobytes


class CellKind(StrEnum):
    """What a cell holds, which decides how it is typed, checked, shown and totalled."""

    TEXT = "text"
    LIST = "list"
    AMOUNT = "amount"  # euros
    WEIGHT = "weight"  # dots (gommettes)
    INDICATOR = "indicator"  # items, each with a value and its unit (€, jours-homme, CO2e…)
    YES_NO = "yes-no"  # oui (satisfaisant ou pas) / non (actions à réaliser)
    SMILEY = "smiley"

    @property
    def label(self) -> str:
        """The French name shown in the editor's hints and the docs."""
        return _(_KIND_LABELS[self])

    @property
    def totals(self) -> bool:
        """True when the kind adds up (a column of it may have a total)."""
        return self in (CellKind.AMOUNT, CellKind.WEIGHT, CellKind.INDICATOR)


_KIND_LABELS = {
    CellKind.TEXT: N_("texte"),
    CellKind.LIST: N_("liste"),
    CellKind.AMOUNT: N_("montant en euros"),
    CellKind.WEIGHT: N_("gommettes"),
    CellKind.INDICATOR: N_("éléments avec indicateur"),
    CellKind.YES_NO: N_("oui / non"),
    CellKind.SMILEY: N_("smiley"),
}


class GroupLayout(StrEnum):
    """Where a section prints its row groups' labels."""

    BAND = "band"  # a line across the grid before the group's rows
    COLUMN = "column"  # a column on the left, spanning the group's rows


class Column(NamedTuple):
    """A column of a section; its cells are all of ``kind``."""

    id: str
    label: str
    kind: CellKind
    width: float = 1.0  # relative to the section's other columns
    total: bool = False  # add up the column (per group and for the section)
    units: tuple[str, ...] = ()  # indicator: the units offered, the first by default
    yes_label: str = ""  # yes-no: the heads of its two printed halves
    no_label: str = ""
    hint: str = ""  # what to type, shown in the editor


class RowGroup(NamedTuple):
    """Rows that belong together, under ``label``; ``repeatable`` ones are filled once per
    stakeholder (« Pour chaque partie prenante identifiée »)."""

    id: str
    label: str
    repeatable: bool = False
    instance_label: str = ""  # what one repetition is called: « Partie prenante »


class Row(NamedTuple):
    """A row of a section (``group`` is a RowGroup id, or empty)."""

    id: str
    label: str
    group: str = ""
    hint: str = ""


class Section(NamedTuple):
    """One grid of a template."""

    id: str
    title: str  # a heading above the grid, or empty
    corner: str  # the top-left header cell (above the row labels), or empty
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    row_groups: tuple[RowGroup, ...] = ()
    group_layout: GroupLayout = GroupLayout.BAND
    group_header: str = ""  # column layout: the label spanning the group column's rows
    label_width: float = 1.0  # the row labels' column, relative to the columns
    row_total: bool = False  # add up each row across its columns that total

    @property
    def has_row_labels(self) -> bool:
        """False when every row label is empty: the grid then has no label column."""
        return any(row.label for row in self.rows)

    def group(self, group_id: str) -> RowGroup | None:
        """The row group with this id."""
        return next((g for g in self.row_groups if g.id == group_id), None)

    def column(self, column_id: str) -> Column | None:
        """The column with this id."""
        return next((c for c in self.columns if c.id == column_id), None)


class Sheet(NamedTuple):
    """One copy of the whole grid (« Infrastructure »); a template without sheets has one,
    with an empty id."""

    id: str
    label: str


NO_SHEETS = (Sheet("", ""),)


class MatrixTemplate(NamedTuple):
    """A matrix template as its file describes it."""

    id: str
    title: str
    sections: tuple[Section, ...]
    sheets: tuple[Sheet, ...] = NO_SHEETS
    description: str = ""
    source: str = ""  # where the grid comes from (the seed's workshop)
    activity: str = ""  # the ActivityKind value of the steps that fill it, or empty
    format_version: int = FORMAT_VERSION
    origin: str = ""  # the file it was read from
    builtin: bool = False

    def section(self, section_id: str) -> Section | None:
        """The section with this id."""
        return next((s for s in self.sections if s.id == section_id), None)

    def labels(self) -> list[str]:
        """Every printed label of the template, in reading order (tests, search)."""
        found: list[str] = []
        for section in self.sections:
            found += [section.title, section.corner, section.group_header]
            for column in section.columns:
                if column.kind is CellKind.YES_NO:
                    found += [column.yes_label, column.no_label]
                else:
                    found.append(column.label)
            found += [group.label for group in section.row_groups]
            found += [row.label for row in section.rows]
        return [label for label in found if label]


class MatrixError(KnownError):
    """A template file breaks a rule; ``path`` says where (``sections[1].rows[2].group``)."""

    def __init__(self, path: str, problem: str) -> None:
        where = path or _("le fichier")
        super().__init__(f"{where}\u00a0: {problem}")
        self.path = path
        self.problem = problem


# --- the library -------------------------------------------------------------------------------


def builtin_dir() -> Path:
    """Where the built-in templates are (inside the bundle when frozen)."""
    from capadesk.paths import resource_path

    return resource_path("matrices")


def user_templates_dir(app_paths: AppPaths) -> Path:
    """The folder where a facilitator drops templates of their own (``*.json``)."""
    return app_paths.config_dir / "matrices"


def read_template_file(path: Path, *, builtin: bool = False) -> MatrixTemplate:
    """The template in ``path``, or MatrixError saying what is wrong with the file."""
    from capadesk.core.domain.matrix_format import parse_template

    too_big = MatrixError(
        "", _("fichier trop gros ({limit} octets au plus)").format(limit=MAX_FILE_BYTES)
    )
    try:
        if not path.is_file():  # a pipe or a device would never end
            raise MatrixError("", _("ce n'est pas un fichier ordinaire"))
        if path.stat().st_size > MAX_FILE_BYTES:
            raise too_big
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise too_big
    except OSError as error:
        raise MatrixError("", _("lecture impossible ({error})").format(error=error)) from error
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise MatrixError(
            "", _("le texte n'est pas en UTF-8 (octet {at})").format(at=error.start)
        ) from error
    except json.JSONDecodeError as error:
        raise MatrixError(
            "",
            _("JSON invalide ligne {line}, colonne {column}\u00a0: {why}").format(
                line=error.lineno, column=error.colno, why=error.msg
            ),
        ) from error
    except (RecursionError, ValueError) as error:
        raise MatrixError("", _("JSON illisible ({error})").format(error=error)) from error
    return parse_template(data, origin=str(path), builtin=builtin)


def builtin_templates(directory: Path | None = None) -> list[MatrixTemplate]:
    """Every built-in template, by id. A broken built-in file is a bug: it raises."""
    folder = directory or builtin_dir()
    paths = sorted(p for p in folder.glob("*.json") if p.name != SCHEMA_FILE)
    templates = [read_template_file(p, builtin=True) for p in paths]
    return sorted(templates, key=lambda template: template.id)


def template_library(user_dir: Path | None = None) -> list[MatrixTemplate]:
    """The built-in templates by id, then the user's own by title.

    A user file that cannot be read, or whose id is taken, is left out (and logged): one bad
    file must not empty the library. ``user_template_problems`` says why.
    """
    templates = builtin_templates()
    taken = {template.id for template in templates}
    personal: list[MatrixTemplate] = []
    for _path, template, _problem in _user_files(user_dir, taken):
        if template is not None:
            personal.append(template)
    return templates + sorted(personal, key=lambda template: template.title.casefold())


def user_template_problems(user_dir: Path | None) -> list[tuple[Path, str]]:
    """The user's files left out of the library, each with the reason (French)."""
    taken = {template.id for template in builtin_templates()}
    return [(path, problem) for path, template, problem in _user_files(user_dir, taken) if problem]


def _user_files(
    user_dir: Path | None, taken: set[str]
) -> list[tuple[Path, MatrixTemplate | None, str]]:
    if user_dir is None or not user_dir.is_dir():
        return []
    found: list[tuple[Path, MatrixTemplate | None, str]] = []
    for path in sorted(user_dir.glob("*.json")):
        try:
            template = read_template_file(path)
        except MatrixError as error:
            log.warning("matrix template %s left out: %s", path, error)
            found.append((path, None, error.message))
            continue
        if template.id in taken:
            problem = _("l'identifiant «\u00a0{id}\u00a0» est déjà pris").format(id=template.id)
            log.warning("matrix template %s left out: id %s taken", path, template.id)
            found.append((path, None, problem))
            continue
        taken.add(template.id)
        found.append((path, template, ""))
    return found


def find_template(template_id: str, templates: list[MatrixTemplate]) -> MatrixTemplate:
    """The template with this id among ``templates``, or NotFoundError listing them."""
    for template in templates:
        if template.id == template_id:
            return template
    raise NotFoundError(
        _("Aucune matrice «\u00a0{id}\u00a0». Matrices connues\u00a0: {known}.").format(
            id=template_id, known=", ".join(t.id for t in templates)
        )
    )
