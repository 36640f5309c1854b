"""Reading matrix template files (format ``capadesk-matrix``, version 1).

``parse_template`` takes decoded JSON and returns a MatrixTemplate, or raises MatrixError naming
the field as a JSON path (``sections[1].columns[0].kind``) and what is wrong, in French. Unknown
keys are refused: a typo in a hand-written file must not silently drop a field.
``resources/matrices/schema.json`` states the same rules for editors; a test keeps the two in
agreement. Rules the schema cannot state (ids unique, a row's group declared, a group's rows
together) are checked here.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from capadesk.core.domain.matrix import (
    FORMAT_NAME,
    FORMAT_VERSION,
    NO_SHEETS,
    CellKind,
    Column,
    GroupLayout,
    MatrixError,
    MatrixTemplate,
    Row,
    RowGroup,
    Section,
    Sheet,
)
from capadesk.core.domain.vocabulary import ActivityKind
from capadesk.i18n import _

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID = 64
MAX_TITLE = 200
MAX_LABEL = 400
MAX_DESCRIPTION = 2000
MAX_HINT = 300
MAX_UNIT = 30
MAX_UNITS = 12
MAX_SHEETS = 12
MAX_SECTIONS = 12
MAX_COLUMNS = 12
MAX_ROWS = 60
MAX_GROUPS = 20
MAX_WIDTH = 10.0

T = TypeVar("T")

_TOP_KEYS = {
    "format",
    "format_version",
    "id",
    "title",
    "description",
    "source",
    "activity",
    "sheets",
    "sections",
}
_SECTION_KEYS = {
    "id",
    "title",
    "corner",
    "columns",
    "rows",
    "row_groups",
    "group_layout",
    "group_header",
    "label_width",
    "row_total",
}
_COLUMN_KEYS = {"id", "label", "kind", "width", "total", "units", "yes_label", "no_label", "hint"}


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _shortened(value: object, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _object(value: object, path: str, allowed: set[str], required: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise MatrixError(path, _("un objet {…} est attendu"))
    unknown = sorted((str(key) for key in set(value) - allowed), key=str)
    if unknown:
        raise MatrixError(
            _join(path, _shortened(unknown[0])),
            _("champ inconnu (champs possibles\u00a0: {names})").format(
                names=", ".join(sorted(allowed))
            ),
        )
    missing = sorted(required - set(value))
    if missing:
        raise MatrixError(_join(path, missing[0]), _("champ obligatoire absent"))
    return value


def _text(value: object, path: str, limit: int, *, required: bool = True) -> str:
    if not isinstance(value, str):
        raise MatrixError(path, _("un texte est attendu"))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate cannot be saved nor printed
        raise MatrixError(path, _("caractère invalide")) from error
    if any(unicodedata.category(c) == "Cc" and c != "\n" for c in value):
        raise MatrixError(path, _("caractère de contrôle interdit"))
    if required and not value.strip():
        raise MatrixError(path, _("ne peut pas être vide"))
    if len(value) > limit:
        raise MatrixError(
            path,
            _("trop long ({count} caractères, {limit} au plus)").format(
                count=len(value), limit=limit
            ),
        )
    return value


def _identifier(value: object, path: str) -> str:
    text = _text(value, path, MAX_ID)
    if not ID_PATTERN.fullmatch(text):
        raise MatrixError(
            path,
            _(
                "«\u00a0{value}\u00a0»\u00a0: minuscules, chiffres et tirets seulement "
                "(par exemple «\u00a0cout-benefice\u00a0»)"
            ).format(value=_shortened(text)),
        )
    return text


def _flag(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise MatrixError(path, _("true ou false est attendu"))
    return value


def _width(value: object, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise MatrixError(path, _("un nombre est attendu"))
    if not 0.1 <= value <= MAX_WIDTH:
        raise MatrixError(
            path,
            _("{value} n'est pas une largeur possible (de 0,1 à {high})").format(
                value=_shortened(value), high=int(MAX_WIDTH)
            ),
        )
    return float(value)


def _list(
    value: object, path: str, low: int, high: int, item: Callable[[object, str], T]
) -> tuple[T, ...]:
    if not isinstance(value, list):
        raise MatrixError(path, _("une liste […] est attendue"))
    if not low <= len(value) <= high:
        raise MatrixError(
            path,
            _("{count} éléments, il en faut de {low} à {high}").format(
                count=len(value), low=low, high=high
            ),
        )
    return tuple(item(element, _join(path, index)) for index, element in enumerate(value))


def _unique(items: tuple[Any, ...], path: str, what: str) -> None:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            raise MatrixError(
                _join(_join(path, index), "id"),
                _("{what} «\u00a0{id}\u00a0» existe déjà (les identifiants sont uniques)").format(
                    what=what, id=item.id
                ),
            )
        seen.add(item.id)


def _choice(value: object, path: str, options: list[str], what: str) -> str:
    if not isinstance(value, str) or value not in options:
        raise MatrixError(
            path,
            _("«\u00a0{value}\u00a0» n'est pas {what} connu (possibles\u00a0: {options})").format(
                value=_shortened(value), what=what, options=", ".join(options)
            ),
        )
    return value


def _column(value: object, path: str) -> Column:
    fields = _object(value, path, _COLUMN_KEYS, {"id", "label", "kind"})
    kind = CellKind(
        _choice(fields["kind"], _join(path, "kind"), [k.value for k in CellKind], _("un type"))
    )
    total = _flag(fields.get("total", False), _join(path, "total"))
    if total and not kind.totals:
        raise MatrixError(
            _join(path, "total"),
            _(
                "une colonne «\u00a0{kind}\u00a0» ne s'additionne pas "
                "(seulement amount, weight et indicator)"
            ).format(kind=kind.value),
        )
    for key, only in (("units", CellKind.INDICATOR), ("yes_label", CellKind.YES_NO)):
        if key in fields and kind is not only:
            raise MatrixError(
                _join(path, key),
                _("réservé aux colonnes «\u00a0{only}\u00a0»").format(only=only.value),
            )
    if "no_label" in fields and kind is not CellKind.YES_NO:
        raise MatrixError(
            _join(path, "no_label"),
            _("réservé aux colonnes «\u00a0{only}\u00a0»").format(only=CellKind.YES_NO.value),
        )
    units = _list(
        fields.get("units", []),
        _join(path, "units"),
        0,
        MAX_UNITS,
        lambda item, where: _text(item, where, MAX_UNIT),
    )
    yes_no = kind is CellKind.YES_NO
    return Column(
        id=_identifier(fields["id"], _join(path, "id")),
        label=_text(fields["label"], _join(path, "label"), MAX_LABEL, required=not yes_no),
        kind=kind,
        width=_width(fields.get("width", 1.0), _join(path, "width")),
        total=total,
        units=units,
        yes_label=_text(fields.get("yes_label", _("OUI")), _join(path, "yes_label"), MAX_LABEL)
        if yes_no
        else "",
        no_label=_text(fields.get("no_label", _("NON")), _join(path, "no_label"), MAX_LABEL)
        if yes_no
        else "",
        hint=_text(fields.get("hint", ""), _join(path, "hint"), MAX_HINT, required=False),
    )


def _group(value: object, path: str) -> RowGroup:
    fields = _object(value, path, {"id", "label", "repeatable", "instance_label"}, {"id", "label"})
    repeatable = _flag(fields.get("repeatable", False), _join(path, "repeatable"))
    if "instance_label" in fields and not repeatable:
        raise MatrixError(
            _join(path, "instance_label"), _("réservé aux groupes «\u00a0repeatable\u00a0»")
        )
    return RowGroup(
        id=_identifier(fields["id"], _join(path, "id")),
        label=_text(fields["label"], _join(path, "label"), MAX_LABEL),
        repeatable=repeatable,
        instance_label=_text(
            fields.get("instance_label", ""),
            _join(path, "instance_label"),
            MAX_TITLE,
            required=False,
        ),
    )


def _row(value: object, path: str) -> Row:
    fields = _object(value, path, {"id", "label", "group", "hint"}, {"id", "label"})
    return Row(
        id=_identifier(fields["id"], _join(path, "id")),
        label=_text(fields["label"], _join(path, "label"), MAX_LABEL, required=False),
        group=_identifier(fields["group"], _join(path, "group")) if "group" in fields else "",
        hint=_text(fields.get("hint", ""), _join(path, "hint"), MAX_HINT, required=False),
    )


def _section(value: object, path: str) -> Section:
    fields = _object(value, path, _SECTION_KEYS, {"id", "columns", "rows"})
    columns = _list(fields["columns"], _join(path, "columns"), 1, MAX_COLUMNS, _column)
    _unique(columns, _join(path, "columns"), _("la colonne"))
    groups = _list(fields.get("row_groups", []), _join(path, "row_groups"), 0, MAX_GROUPS, _group)
    _unique(groups, _join(path, "row_groups"), _("le groupe"))
    rows = _list(fields["rows"], _join(path, "rows"), 1, MAX_ROWS, _row)
    _unique(rows, _join(path, "rows"), _("la ligne"))
    layout = GroupLayout(
        _choice(
            fields.get("group_layout", GroupLayout.BAND.value),
            _join(path, "group_layout"),
            [g.value for g in GroupLayout],
            _("une disposition"),
        )
    )
    _check_groups(rows, groups, layout, path)
    return Section(
        id=_identifier(fields["id"], _join(path, "id")),
        title=_text(fields.get("title", ""), _join(path, "title"), MAX_LABEL, required=False),
        corner=_text(fields.get("corner", ""), _join(path, "corner"), MAX_LABEL, required=False),
        columns=columns,
        rows=rows,
        row_groups=groups,
        group_layout=layout,
        group_header=_text(
            fields.get("group_header", ""), _join(path, "group_header"), MAX_LABEL, required=False
        ),
        label_width=_width(fields.get("label_width", 1.0), _join(path, "label_width")),
        row_total=_flag(fields.get("row_total", False), _join(path, "row_total")),
    )


def _check_groups(
    rows: tuple[Row, ...], groups: tuple[RowGroup, ...], layout: GroupLayout, path: str
) -> None:
    """Every group named exists and has its rows together; repeatable groups print as bands."""
    known = {group.id: group for group in groups}
    finished: set[str] = set()
    previous = ""
    for index, row in enumerate(rows):
        where = _join(_join(_join(path, "rows"), index), "group")
        if row.group and row.group not in known:
            raise MatrixError(
                where,
                _(
                    "groupe «\u00a0{id}\u00a0» non déclaré dans row_groups "
                    "(déclarés\u00a0: {known})"
                ).format(id=row.group, known=", ".join(known) or _("aucun")),
            )
        if row.group != previous:
            if previous:
                finished.add(previous)
            if row.group in finished:
                raise MatrixError(
                    where,
                    _(
                        "les lignes du groupe «\u00a0{id}\u00a0» doivent se suivre "
                        "(une autre ligne les sépare)"
                    ).format(id=row.group),
                )
            previous = row.group
    used = {row.group for row in rows}
    for index, group in enumerate(groups):
        where = _join(_join(path, "row_groups"), index)
        if group.id not in used:
            raise MatrixError(
                where, _("le groupe «\u00a0{id}\u00a0» n'a aucune ligne").format(id=group.id)
            )
        if group.repeatable and layout is GroupLayout.COLUMN:
            raise MatrixError(
                _join(where, "repeatable"),
                _("un groupe répétable s'affiche en bande (group_layout «\u00a0band\u00a0»)"),
            )
    if layout is GroupLayout.COLUMN and any(not row.group for row in rows):
        raise MatrixError(
            _join(path, "group_layout"),
            _("en disposition «\u00a0column\u00a0», chaque ligne appartient à un groupe"),
        )


def _sheet(value: object, path: str) -> Sheet:
    fields = _object(value, path, {"id", "label"}, {"id", "label"})
    return Sheet(
        id=_identifier(fields["id"], _join(path, "id")),
        label=_text(fields["label"], _join(path, "label"), MAX_TITLE),
    )


def parse_template(data: object, *, origin: str = "", builtin: bool = False) -> MatrixTemplate:
    """The MatrixTemplate that ``data`` (decoded JSON) describes, or MatrixError."""
    fields = _object(data, "", _TOP_KEYS, {"format", "format_version", "id", "title", "sections"})
    if fields["format"] != FORMAT_NAME:
        raise MatrixError(
            "format",
            _("ce n'est pas une matrice CapaDesk (attendu\u00a0: «\u00a0{name}\u00a0»)").format(
                name=FORMAT_NAME
            ),
        )
    version = fields["format_version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise MatrixError("format_version", _("un numéro de version entier est attendu"))
    if version > FORMAT_VERSION:
        raise MatrixError(
            "format_version",
            _(
                "version {version} du format, écrite par une version plus récente de CapaDesk "
                "(celle-ci lit jusqu'à la version {known})"
            ).format(version=version, known=FORMAT_VERSION),
        )
    sheets = _list(fields.get("sheets", []), "sheets", 0, MAX_SHEETS, _sheet)
    _unique(sheets, "sheets", _("la feuille"))
    sections = _list(fields["sections"], "sections", 1, MAX_SECTIONS, _section)
    _unique(sections, "sections", _("la section"))
    activity = ""
    if "activity" in fields:
        activity = _choice(
            fields["activity"],
            "activity",
            [kind.value for kind in ActivityKind],
            _("un type d'activité"),
        )
    return MatrixTemplate(
        id=_identifier(fields["id"], "id"),
        title=_text(fields["title"], "title", MAX_TITLE),
        sections=sections,
        sheets=sheets or NO_SHEETS,
        description=_text(
            fields.get("description", ""), "description", MAX_DESCRIPTION, required=False
        ),
        source=_text(fields.get("source", ""), "source", MAX_LABEL, required=False),
        activity=activity,
        format_version=version,
        origin=origin,
        builtin=builtin,
    )
