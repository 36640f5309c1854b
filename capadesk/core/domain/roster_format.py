"""The roster as a CSV file: read (encoding, separator and French headers guessed) and write.

Reading never saves anything: ``parse_roster`` returns a ``RosterPreview`` with the lines it
understood and, for the others, the line number and a French message. A problem with the whole
file (not text, no « nom » column, too many lines) raises ``ValidationError``.

Written files are UTF-8 with a BOM and « ; » between columns: what French Excel opens as is.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import math
import re
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import BinaryIO, NamedTuple

from capadesk.core.domain.people import (
    ParticipantFields,
    ParticipantView,
    check_km,
    clean_fields,
    identity_key,
)
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.domain.workshop import folded
from capadesk.core.errors import ValidationError
from capadesk.i18n import _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
SEPARATORS = (";", "\t", ",")  # in order of preference when a header line has as many of each


class Column(Enum):
    """What a column of the file holds."""

    NAME = "nom"
    FIRST_NAME = "prénom"
    ORGANISATION = "organisation"
    TYPE = "type"
    TERRITORY = "territoire"
    KM = "km"
    CONSENT = "consentement"
    ARRIVAL = "arrivée"


_HEADERS: dict[Column, set[str]] = {
    Column.NAME: {"nom", "nom prenom", "prenom nom", "nom et prenom", "prenom et nom", "name"}
    | {"nom complet", "participant", "participante", "identite", "full name"},
    Column.FIRST_NAME: {"prenom", "first name", "firstname"},
    Column.ORGANISATION: {"organisation", "organization", "structure", "organisme", "societe"}
    | {"employeur", "etablissement", "entite", "institution", "organisation structure"},
    Column.TYPE: {"type", "type d acteur", "type de participant", "type participant"}
    | {"categorie", "profil", "college", "famille", "statut"},
    Column.TERRITORY: {"territoire", "ville", "commune", "territory", "lieu", "region"},
    Column.KM: {"km", "kms", "kilometres", "kilometre", "km parcourus", "distance", "distance km"},
    Column.CONSENT: {"consentement", "consent", "accord", "autorisation", "nom public"},
    Column.ARRIVAL: {"arrivee", "arrive", "arrivee a", "heure d arrivee", "emargement"}
    | {"present", "presente", "presence"},
}
# Looser clues, tried in this order when no header above matches exactly.
_CLUES: tuple[tuple[Column, re.Pattern[str]], ...] = (
    (Column.CONSENT, re.compile(r"consent")),
    (Column.KM, re.compile(r"\bkms?\b|kilomet|distance")),
    (Column.ARRIVAL, re.compile(r"arriv|emarg|presen")),
    (Column.ORGANISATION, re.compile(r"organi|structure|societe|employeur|etablissement")),
    (Column.TYPE, re.compile(r"\btype|categor|profil")),
    (Column.TERRITORY, re.compile(r"territ|\bville|commune")),
    (Column.FIRST_NAME, re.compile(r"^prenoms?$")),
    (Column.NAME, re.compile(r"\bnom\b|\bname\b")),
)

_TYPE_WORDS: dict[ParticipantType, set[str]] = {
    ParticipantType.ELECTED: {"elu", "elue", "elus", "elu e", "elu local", "elue locale"},
    ParticipantType.AGENT: {"agent", "agente", "agent e", "technicien", "technicienne"},
    ParticipantType.COMPANY: {"entreprise", "prive", "privee", "societe", "secteur prive"},
    ParticipantType.PARTNER: {"partenaire", "institution", "institutionnel", "financeur"},
    ParticipantType.FACILITATOR: {"animateur", "animatrice", "animation", "facilitateur"},
    ParticipantType.RESIDENT: {"usager", "usagere", "habitant", "habitante", "citoyen"}
    | {"citoyenne", "usager habitant", "habitant usager"},
}
_YES = {"oui", "o", "yes", "y", "1", "x", "vrai", "true", "ok", "d accord", "present", "presente"}
_NO = {"", "non", "n", "no", "0", "faux", "false", "absent", "absente"}
_TICKS = {"✓", "✔", "☑"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _key(text: str) -> str:
    """Lower case, no accents, one space between words (« Type d'acteur » → « type d acteur »)."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded(text)).split())


@functools.cache
def _type_table() -> dict[str, ParticipantType]:
    table: dict[str, ParticipantType] = {}
    for kind, words in _TYPE_WORDS.items():
        for word in {*words, _key(kind.value), _key(kind.label)}:
            table[word] = kind
            if kind in (ParticipantType.ELECTED, ParticipantType.AGENT):
                table["collectivite " + word] = kind  # « Collectivité élue »
    return table


def match_type(raw: str) -> ParticipantType | None:
    """The participant type ``raw`` names (a label or value, accents and case aside)."""
    return _type_table().get(_key(raw))


class RosterLine(NamedTuple):
    """A line of the file that can be imported."""

    line: int
    fields: ParticipantFields
    arrived_at: dt.datetime | None


class LineError(NamedTuple):
    """A line that cannot be imported, and why (in French)."""

    line: int
    message: str

    def __str__(self) -> str:
        return _("Ligne {line}\u00a0: {message}").format(line=self.line, message=self.message)


class RosterPreview(NamedTuple):
    """What an import would do; nothing is saved until it is accepted."""

    lines: tuple[RosterLine, ...]
    errors: tuple[LineError, ...]
    encoding: str
    separator: str
    columns: tuple[Column, ...]
    ignored_headers: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when every line can be imported."""
        return not self.errors

    def summary(self) -> str:
        """« 12 participants prêts, 2 lignes en erreur (UTF-8, séparateur « ; ») »."""
        ready = _("{count} participant(s) prêt(s)").format(count=len(self.lines))
        errors = (
            _(", {count} ligne(s) en erreur").format(count=len(self.errors)) if self.errors else ""
        )
        shown = {"\t": _("tabulation")}.get(self.separator, self.separator)
        return _("{ready}{errors} ({encoding}, séparateur «\u00a0{separator}\u00a0»)").format(
            ready=ready, errors=errors, encoding=self.encoding, separator=shown
        )


def accepted(preview: RosterPreview, *, skip_invalid: bool = False) -> list[RosterLine]:
    """The lines to import, or ValidationError when some are invalid and not skipped."""
    if preview.errors and not skip_invalid:
        raise ValidationError(
            _(
                "Rien n'a été importé\u00a0: {count} ligne(s) en erreur. Corrigez le fichier ou "
                "choisissez d'ignorer les lignes en erreur."
            ).format(count=len(preview.errors))
        )
    return list(preview.lines)


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the name of its encoding (UTF-8 with or without BOM, or
    Windows-1252), or ValidationError when it is not such a text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        raise ValidationError(
            _(
                "Ce fichier n'est pas un texte CSV lisible (encodage UTF-16 ou fichier binaire). "
                "Enregistrez-le au format «\u00a0CSV UTF-8\u00a0»."
            )
        )
    if data.startswith(codecs.BOM_UTF8):
        try:
            text, encoding = data[3:].decode("utf-8"), _("UTF-8 avec BOM")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("Le fichier annonce de l'UTF-8 mais ne l'est pas (octet {at}).").format(
                    at=error.start + 3
                )
            ) from error
    else:
        try:
            text, encoding = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "Windows-1252"
            except UnicodeDecodeError as error:
                raise ValidationError(
                    _("Encodage non reconnu\u00a0: ni UTF-8 ni Windows-1252 (octet {at}).").format(
                        at=error.start
                    )
                ) from error
    if any(ord(c) < 32 and c not in "\t\r\n" for c in text):
        raise ValidationError(
            _("Ce fichier contient des caractères de contrôle\u00a0: ce n'est pas un texte CSV.")
        )
    return text, encoding


def detect_separator(header: str) -> str:
    """The separator the header line uses most (outside quotes); « ; » when there is none."""
    outside = re.sub(r'"[^"]*"', "", header)
    counts = {sep: outside.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])  # first of the ties wins
    return best if counts[best] else ";"


def map_headers(headers: Sequence[str]) -> tuple[dict[Column, int], list[str]]:
    """Which column holds what, and the headers left unused."""
    found: dict[Column, int] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        key = _key(header)
        column = next((c for c, names in _HEADERS.items() if key in names), None)
        if column is None and key:
            column = next((c for c, clue in _CLUES if clue.search(key)), None)
        if column is None or column in found:
            if header.strip():
                ignored.append(header.strip())
            continue
        found[column] = index
    missing = [c for c in (Column.NAME, Column.TYPE) if c not in found]
    if missing:
        read = ", ".join(f"«\u00a0{h.strip()}\u00a0»" for h in headers if h.strip())
        raise ValidationError(
            _(
                "Colonne «\u00a0{column}\u00a0» introuvable. En-têtes lus\u00a0: {read}. "
                "Colonnes attendues\u00a0: nom, organisation (ou structure), type, territoire, "
                "km, consentement, arrivée."
            ).format(column=missing[0].value, read=read or _("aucun"))
        )
    return found, ignored


def parse_roster(
    data: bytes, *, now: dt.datetime, existing: Iterable[tuple[str, str]] = ()
) -> RosterPreview:
    """Read a roster file's bytes (see module docstring).

    ``now`` dates arrivals given as « oui »; ``existing`` holds the ``identity_key`` of people
    already on the roster, whose lines are refused as duplicates.
    """
    if len(data) > MAX_BYTES:
        raise ValidationError(too_big_message(len(data)))
    text, encoding = decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise ValidationError(_("Le fichier est vide."))
    separator = detect_separator(first)
    rows = _records(text, separator)
    headers = rows[0][1]
    columns, ignored = map_headers(headers)
    known = set(existing)
    seen: dict[tuple[str, str], int] = {}
    lines: list[RosterLine] = []
    errors: list[LineError] = []
    for number, cells in rows[1:]:
        try:
            line = _line(number, cells, len(headers), columns, now)
        except ValidationError as error:
            errors.append(LineError(number, error.message))
            continue
        key = identity_key(line.fields.name, line.fields.organisation)
        if key in known:
            errors.append(
                LineError(number, _("déjà dans la liste des participants de cet atelier"))
            )
        elif key in seen:
            errors.append(LineError(number, _("doublon de la ligne {line}").format(line=seen[key])))
        else:
            seen[key] = number
            lines.append(line)
    return RosterPreview(
        tuple(lines), tuple(errors), encoding, separator, tuple(columns), tuple(ignored)
    )


def too_big_message(size: int) -> str:
    """The refusal of a file of ``size`` bytes."""
    return _("Le fichier est trop gros ({size}\u00a0Mo, {limit}\u00a0Mo au plus).").format(
        size=f"{size / 1024 / 1024:.1f}".replace(".", ","), limit=MAX_BYTES // 1024 // 1024
    )


def _records(text: str, separator: str) -> list[tuple[int, list[str]]]:
    """The non-blank records, each with the line it starts on (a quoted cell may span lines).

    Stops past ``MAX_ROWS``: a 5 MB file of tiny lines must not become millions of lists.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    records: list[tuple[int, list[str]]] = []
    previous = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return records
        except csv.Error as error:
            raise ValidationError(
                _("Fichier CSV illisible après la ligne {line}\u00a0: {error}").format(
                    line=previous, error=error
                )
            ) from error
        if any(cell.strip() for cell in cells):
            records.append((previous + 1, cells))
        previous = reader.line_num
        if len(records) > MAX_ROWS + 1:  # the header, then one line too many
            raise ValidationError(
                _("Trop de lignes\u00a0: {limit} participants au plus par fichier.").format(
                    limit=MAX_ROWS
                )
            )


def _cell(cells: Sequence[str], columns: dict[Column, int], column: Column) -> str:
    index = columns.get(column)
    if index is None or index >= len(cells):
        return ""
    value = cells[index].strip()
    # Undo the apostrophe ``write_roster`` puts before a cell a spreadsheet would compute.
    if value.startswith("'") and value[1:2] in _FORMULA_START:
        value = value[1:]
    return value


def _line(
    number: int,
    cells: Sequence[str],
    width: int,
    columns: dict[Column, int],
    now: dt.datetime,
) -> RosterLine:
    problems: list[str] = []
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        problems.append(
            _(
                "{count} valeurs pour {width} colonnes "
                "(séparateur dans un texte sans guillemets\u00a0?)"
            ).format(count=len(cells), width=width)
        )
    name = " ".join(
        part
        for part in (_cell(cells, columns, Column.FIRST_NAME), _cell(cells, columns, Column.NAME))
        if part
    )
    raw_type = _cell(cells, columns, Column.TYPE)
    kind = match_type(raw_type)
    if not raw_type:
        problems.append(_("type manquant"))
    elif kind is None:
        problems.append(_type_problem(raw_type))
    km = _parse_km(_cell(cells, columns, Column.KM), problems)
    consent = _parse_bool(_cell(cells, columns, Column.CONSENT), _("consentement"), problems)
    arrived = _parse_arrival(_cell(cells, columns, Column.ARRIVAL), now, problems)
    if not name:
        problems.insert(0, _("nom manquant"))
    fields = ParticipantFields(
        name=name or "?",
        organisation=_cell(cells, columns, Column.ORGANISATION),
        type=kind or ParticipantType.AGENT,
        territory=_cell(cells, columns, Column.TERRITORY),
        km_travelled=km,
        consent_named=consent,
    )
    try:
        fields = clean_fields(fields)
    except ValidationError as error:
        problems.insert(0, error.message.rstrip("."))
    if problems:
        raise ValidationError("\u00a0; ".join(problems))
    return RosterLine(number, fields, arrived)


def _type_problem(raw: str) -> str:
    if _key(raw) == "collectivite":
        return _("type «\u00a0{value}\u00a0»\u00a0: précisez élu ou agent").format(value=raw)
    expected = ", ".join(kind.label for kind in ParticipantType)
    return _("type «\u00a0{value}\u00a0» inconnu (attendu\u00a0: {expected})").format(
        value=_short(raw), expected=expected
    )


def _short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _parse_km(raw: str, problems: list[str]) -> float | None:
    if not raw:
        return None
    text = re.sub(r"\s|km|kms", "", raw.casefold()).replace(",", ".")
    try:
        value = float(text)
        if not math.isfinite(value):
            raise ValueError(text)
        return check_km(value)
    except ValueError:
        problems.append(
            _("km «\u00a0{value}\u00a0»\u00a0: nombre attendu").format(value=_short(raw))
        )
    except ValidationError as error:
        problems.append(error.message.rstrip("."))
    return None


def _parse_bool(raw: str, what: str, problems: list[str]) -> bool:
    key = _key(raw)
    if raw.strip() in _TICKS or key in _YES:
        return True
    if key in _NO:
        return False
    problems.append(
        _("{what} «\u00a0{value}\u00a0»\u00a0: oui ou non attendu").format(
            what=what, value=_short(raw)
        )
    )
    return False


def _parse_arrival(raw: str, now: dt.datetime, problems: list[str]) -> dt.datetime | None:
    key = _key(raw)
    if key in _NO:
        return None
    if raw.strip() in _TICKS or key in _YES:
        return now
    for parse in (dt.datetime.fromisoformat, _french_datetime):
        try:
            moment = parse(raw)
        except ValueError:
            continue
        # A time without zone is the laptop's local time, as ``write_roster`` writes it.
        return moment.astimezone(dt.UTC)
    problems.append(
        _("arrivée «\u00a0{value}\u00a0»\u00a0: oui, non ou AAAA-MM-JJ HH:MM attendu").format(
            value=_short(raw)
        )
    )
    return None


def _french_datetime(raw: str) -> dt.datetime:
    for pattern in ("%d/%m/%Y %H:%M", "%d/%m/%Y %Hh%M", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(raw.strip(), pattern)  # noqa: DTZ007 (local time on purpose)
        except ValueError:
            continue
    raise ValueError(raw)


HEADER = ("Nom", "Organisation", "Type", "Territoire", "Km parcourus", "Consentement", "Arrivée")


def _safe(value: str) -> str:
    """A cell a spreadsheet will show as text, never compute (« =cmd… » gets an apostrophe)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _km_text(km: float | None) -> str:
    if km is None:
        return ""
    return f"{km:g}".replace(".", ",") if km != int(km) else str(int(km))


def write_roster(participants: Iterable[ParticipantView], stream: BinaryIO) -> None:
    """Write the roster as UTF-8 with a BOM, « ; »-separated, a header line first."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_(h) for h in HEADER])
    for person in participants:
        arrival = (
            person.arrived_at.astimezone().strftime("%Y-%m-%d %H:%M") if person.arrived_at else ""
        )
        writer.writerow(
            [
                _safe(person.name),
                _safe(person.organisation),
                person.type.label,
                _safe(person.territory),
                _km_text(person.km_travelled),
                _("oui") if person.consent_named else _("non"),
                arrival,
            ]
        )
    stream.write(codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8"))
