"""Roster CSV import (preview, per-line errors, refusals) and export."""

from __future__ import annotations

import codecs
import datetime as dt
import uuid
from pathlib import Path

import pytest

from capadesk.core.domain.people import ParticipantFields
from capadesk.core.domain.roster_format import MAX_ROWS, Column, match_type, parse_roster
from capadesk.core.domain.vocabulary import ParticipantType
from capadesk.core.errors import ValidationError
from capadesk.core.runner.clock import FakeClock
from capadesk.core.services import participants
from capadesk.core.services.roster_csv import (
    export_roster,
    import_roster,
    preview_roster,
    read_roster_bytes,
)
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.store import Store

CLOCK = FakeClock()
GOOD = (
    "Nom;Structure;Type d'acteur;Territoire;Km parcourus;Consentement\n"
    "Anne Durand;Ville de Toulon;Collectivité — élu;Toulon;12,5;oui\n"
    "Bruno Martin;ACME;entreprise;;;non\n"
    "Élodie Petit;ADEME;PARTENAIRE institutionnel;Paris;840;x\n"
)


@pytest.fixture
def wid(store: Store) -> uuid.UUID:
    summary, _changes = create_workshop(store, "Toulon")
    return summary.public_id


def write(tmp_path: Path, data: bytes, name: str = "liste.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def names(store: Store, wid: uuid.UUID) -> list[str]:
    return [p.name for p in participants.list_participants(store, wid)]


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda text: text.encode("utf-8"), "UTF-8"),
        (lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), "UTF-8 avec BOM"),
        (lambda text: text.encode("cp1252"), "Windows-1252"),
    ],
)
@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_encodings_and_separators_are_detected(
    store: Store, wid: uuid.UUID, tmp_path: Path, encode: object, encoding: str, separator: str
) -> None:
    # A decimal comma is quoted, as a spreadsheet does when « , » separates the columns.
    text = GOOD.replace("12,5", '"12,5"').replace(";", separator).replace("\n", "\r\n")
    path = write(tmp_path, encode(text))  # type: ignore[operator]
    preview = preview_roster(store, wid, path, CLOCK)
    assert (preview.encoding, preview.separator, preview.errors) == (encoding, separator, ())
    assert preview.lines[0].fields == ParticipantFields(
        "Anne Durand", "Ville de Toulon", ParticipantType.ELECTED, "Toulon", 12.5, True
    )
    assert [line.fields.type for line in preview.lines] == [
        ParticipantType.ELECTED,
        ParticipantType.COMPANY,
        ParticipantType.PARTNER,
    ]
    assert names(store, wid) == []  # a preview saves nothing
    views, changes = import_roster(store, wid, preview)
    assert len(views) == 3
    assert changes.participants == frozenset({wid})
    assert names(store, wid) == ["Anne Durand", "Bruno Martin", "Élodie Petit"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("élu", ParticipantType.ELECTED),
        ("ELUE", ParticipantType.ELECTED),
        ("Collectivité élue", ParticipantType.ELECTED),
        ("collectivite-agent", ParticipantType.AGENT),
        ("Collectivité — agent", ParticipantType.AGENT),
        ("Privé", ParticipantType.COMPANY),
        ("Usager / habitant", ParticipantType.RESIDENT),
        ("citoyenne", ParticipantType.RESIDENT),
        ("Animatrice", ParticipantType.FACILITATOR),
        ("partenaire-institutionnel", ParticipantType.PARTNER),
        ("collectivité", None),
        ("martien", None),
    ],
)
def test_type_values_match_labels_and_values_accents_and_case_aside(
    raw: str, expected: ParticipantType | None
) -> None:
    assert match_type(raw) is expected


def test_headers_are_matched_loosely_and_first_name_joins_the_name() -> None:
    data = (
        "Prénom;NOM DE FAMILLE;Nom de la structure;Catégorie;Ville;Distance (km);"
        "Consentement à être nommé;Émargement;Divers\n"
        "Anne;Durand;Ville de Toulon;agent;Toulon;3;non;oui;rien\n"
    ).encode()
    preview = parse_roster(data, now=CLOCK.now())
    assert preview.columns == (
        Column.FIRST_NAME,
        Column.NAME,
        Column.ORGANISATION,
        Column.TYPE,
        Column.TERRITORY,
        Column.KM,
        Column.CONSENT,
        Column.ARRIVAL,
    )
    assert preview.ignored_headers == ("Divers",)
    line = preview.lines[0]
    assert line.fields.name == "Anne Durand"
    assert line.fields.organisation == "Ville de Toulon"
    assert line.arrived_at == CLOCK.now()  # « oui »: arrived when the file is read


def test_per_line_errors_name_the_line_and_the_problem_in_french() -> None:
    data = (
        "nom;organisation;type;km;consentement;arrivée\n"
        "Anne;Toulon;élue;;;\n"
        ";ACME;entreprise;;;\n"
        "Bruno;ACME;martien;loin;peut-être;hier\n"
        '"Chloé\nsur deux lignes";ADEME;partenaire;;;\n'
        "Denis;X;agent;-4;;\n"
        "anne ;toulon;agent;;;\n"
        "Eve;Y;agent;;;2024-03-14 10:12\n"
    ).encode()
    preview = parse_roster(data, now=CLOCK.now())
    messages = {error.line: error.message for error in preview.errors}
    assert messages[3] == "nom manquant"
    assert messages[4] == (
        "type «\u00a0martien\u00a0» inconnu (attendu\u00a0: Collectivité — élu, "
        "Collectivité — agent, Entreprise, Partenaire institutionnel, Animateur, "
        "Usager / habitant)\u00a0; km «\u00a0loin\u00a0»\u00a0: nombre attendu\u00a0; "
        "consentement «\u00a0peut-être\u00a0»\u00a0: oui ou non attendu\u00a0; "
        "arrivée «\u00a0hier\u00a0»\u00a0: oui, non ou AAAA-MM-JJ HH:MM attendu"
    )
    assert messages[7].startswith("Distance invraisemblable")
    assert messages[8] == "doublon de la ligne 2"  # case, accents and spaces aside
    assert str(preview.errors[0]) == "Ligne 3\u00a0: nom manquant"
    assert [line.line for line in preview.lines] == [2, 5, 9]  # a quoted cell spans 5–6
    eve = preview.lines[-1]
    assert eve.arrived_at == dt.datetime(2024, 3, 14, 10, 12).astimezone(dt.UTC)
    assert preview.summary() == (
        "3 participant(s) prêt(s), 4 ligne(s) en erreur (UTF-8, séparateur «\u00a0;\u00a0»)"
    )


def test_an_invalid_line_refuses_the_whole_file_unless_skipped(
    store: Store, wid: uuid.UUID, tmp_path: Path
) -> None:
    path = write(tmp_path, (GOOD + "Zoé;Z;inconnu;;;\n").encode())
    preview = preview_roster(store, wid, path, CLOCK)
    assert str(preview.errors[0]).startswith("Ligne 5\u00a0: type «\u00a0inconnu")
    with pytest.raises(ValidationError, match="Rien n'a été importé\u00a0: 1 ligne"):
        import_roster(store, wid, preview)
    assert names(store, wid) == []
    import_roster(store, wid, preview, skip_invalid=True)
    assert len(names(store, wid)) == 3


def test_duplicate_lines_and_people_already_listed_are_errors(
    store: Store, wid: uuid.UUID, tmp_path: Path
) -> None:
    path = write(tmp_path, (GOOD + "anne durand;VILLE DE TOULON;agent;;;\n").encode())
    preview = preview_roster(store, wid, path, CLOCK)
    assert [str(e) for e in preview.errors] == ["Ligne 5\u00a0: doublon de la ligne 2"]
    with pytest.raises(ValidationError):
        import_roster(store, wid, preview)
    assert names(store, wid) == []

    import_roster(store, wid, preview_roster(store, wid, write(tmp_path, GOOD.encode()), CLOCK))
    again = preview_roster(store, wid, write(tmp_path, GOOD.encode()), CLOCK)
    assert len(again.errors) == 3
    assert again.errors[0].message == "déjà dans la liste des participants de cet atelier"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (GOOD.encode("utf-16"), "UTF-16 ou fichier binaire"),
        (b"\x89PNG\r\n\x1a\n\x01\x02binary", "caractères de contrôle"),
        (codecs.BOM_UTF8 + "Nom;Type\nAnne;élu\n".encode("cp1252"), "annonce de l'UTF-8"),
        (b"\x81\x8d\x8f;\x90\x9d\n", "Encodage non reconnu"),
        (b"Nom;Organisation\nAnne;Toulon\n", "Colonne «\u00a0type\u00a0» introuvable"),
        ("Organisation;Type\nToulon;élu\n".encode(), "Colonne «\u00a0nom\u00a0» introuvable"),
        (b"", "Le fichier est vide"),
        (b"\r\n\r\n", "Le fichier est vide"),
    ],
)
def test_malformed_files_get_a_clear_message_and_leave_the_roster_unchanged(
    store: Store, wid: uuid.UUID, tmp_path: Path, data: bytes, message: str
) -> None:
    participants.add_participant(store, wid, ParticipantFields("Déjà là"))
    with pytest.raises(ValidationError, match=message):
        preview_roster(store, wid, write(tmp_path, data), CLOCK)
    assert names(store, wid) == ["Déjà là"]


def test_missing_column_message_lists_what_was_read() -> None:
    with pytest.raises(ValidationError) as raised:
        parse_roster(b"Nom;Organisation\nAnne;Toulon\n", now=CLOCK.now())
    assert (
        "En-têtes lus\u00a0: «\u00a0Nom\u00a0», «\u00a0Organisation\u00a0»" in raised.value.message
    )


def test_a_50_mb_file_is_refused_without_being_read(
    store: Store, wid: uuid.UUID, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "enorme.csv"
    with path.open("wb") as stream:
        stream.write(GOOD.encode())
        stream.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to the disk
    opened: list[Path] = []
    real_open = Path.open

    def spy(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", spy)
    with pytest.raises(ValidationError, match="trop gros \\(50,0\u00a0Mo, 5\u00a0Mo au plus\\)"):
        preview_roster(store, wid, path, CLOCK)
    assert path not in opened
    assert names(store, wid) == []


def test_too_many_lines_are_refused_early() -> None:
    data = ("Nom;Type\n" + "x;agent\n" * (MAX_ROWS + 5)).encode()
    with pytest.raises(ValidationError, match="Trop de lignes"):
        parse_roster(data, now=CLOCK.now())


def test_a_directory_or_missing_file_is_refused(tmp_path: Path) -> None:
    for path in (tmp_path, tmp_path / "absent.csv"):
        with pytest.raises(ValidationError, match="n'est pas un fichier"):
            read_roster_bytes(path)


def test_export_is_utf8_with_bom_semicolons_and_round_trips(
    store: Store, wid: uuid.UUID, tmp_path: Path
) -> None:
    anne, _ = participants.add_participant(
        store,
        wid,
        ParticipantFields(
            '=HYPERLINK("x")', "Ville; de Toulon", ParticipantType.ELECTED, "", 12.5, True
        ),
    )
    participants.mark_arrived(store, anne.public_id, dt.datetime(2024, 3, 14, 8, 5, tzinfo=dt.UTC))
    participants.add_participant(
        store, wid, ParticipantFields("Bruno", "", ParticipantType.COMPANY)
    )
    path = tmp_path / "export.csv"
    assert export_roster(store, wid, path) == 2
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0] == "Nom;Organisation;Type;Territoire;Km parcourus;Consentement;Arrivée"
    # A formula gets an apostrophe (shown as text by a spreadsheet), quoted like any « " ».
    assert lines[1].startswith(
        '"\'=HYPERLINK(""x"")";"Ville; de Toulon";Collectivité — élu;;12,5;oui;2024-'
    )
    assert lines[2] == "Bruno;;Entreprise;;;non;"

    other, _changes = create_workshop(store, "Copie")
    preview = preview_roster(store, other.public_id, path, CLOCK)
    assert preview.errors == ()
    import_roster(store, other.public_id, preview)
    copied = participants.list_participants(store, other.public_id)
    original = participants.list_participants(store, wid)
    strip = [
        (p.name, p.organisation, p.type, p.km_travelled, p.consent_named, p.arrived_at)
        for p in original
    ]
    assert [
        (p.name, p.organisation, p.type, p.km_travelled, p.consent_named, p.arrived_at)
        for p in copied
    ] == strip


def test_export_failure_is_a_french_message(store: Store, wid: uuid.UUID, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="n'a pas pu être écrit"):
        export_roster(store, wid, tmp_path / "absent" / "liste.csv")
