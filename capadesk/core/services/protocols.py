"""The protocol library: the built-in protocols shipped in ``resources/protocols``, and files.

A file is read whole only after its size is checked, decoded as strict UTF-8 JSON, then parsed
by ``parse_protocol``: every way it can be wrong becomes a ProtocolError with a French message.
"""

from __future__ import annotations

import json
from pathlib import Path

from capadesk.core.domain.protocol import Protocol
from capadesk.core.domain.protocol_format import ProtocolError, parse_protocol
from capadesk.core.errors import NotFoundError
from capadesk.i18n import _

MAX_FILE_BYTES = 1_000_000  # the longest built-in protocol is a few tens of kilobytes
SCHEMA_FILE = "schema.json"


def builtin_dir() -> Path:
    """Where the built-in protocols are (inside the bundle when frozen)."""
    from capadesk.paths import resource_path

    return resource_path("protocols")


def read_protocol_file(path: Path) -> Protocol:
    """The protocol in ``path``, or ProtocolError saying what is wrong with the file."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProtocolError(
                "",
                _("fichier trop gros ({size} octets, {limit} au plus)").format(
                    size=size, limit=MAX_FILE_BYTES
                ),
            )
        raw = path.read_bytes()[: MAX_FILE_BYTES + 1]
    except OSError as error:
        raise ProtocolError("", _("lecture impossible ({error})").format(error=error)) from error
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ProtocolError(
            "", _("le texte n'est pas en UTF-8 (octet {at})").format(at=error.start)
        ) from error
    except json.JSONDecodeError as error:
        raise ProtocolError(
            "",
            _("JSON invalide ligne {line}, colonne {column}\u00a0: {why}").format(
                line=error.lineno, column=error.colno, why=error.msg
            ),
        ) from error
    except (RecursionError, ValueError) as error:  # absurd nesting or numbers
        raise ProtocolError("", _("JSON illisible ({error})").format(error=error)) from error
    return parse_protocol(data, origin=str(path))


def builtin_protocols(directory: Path | None = None) -> list[Protocol]:
    """Every built-in protocol, by id. A broken built-in file is a bug: it raises."""
    folder = directory or builtin_dir()
    paths = sorted(p for p in folder.glob("*.json") if p.name != SCHEMA_FILE)
    return sorted((read_protocol_file(p) for p in paths), key=lambda protocol: protocol.id)


def find_protocol(protocol_id: str, directory: Path | None = None) -> Protocol:
    """The built-in protocol with this id, or NotFoundError listing the known ones."""
    protocols = builtin_protocols(directory)
    for protocol in protocols:
        if protocol.id == protocol_id:
            return protocol
    raise NotFoundError(
        _("Aucun protocole «\u00a0{id}\u00a0». Protocoles connus\u00a0: {known}.").format(
            id=protocol_id, known=", ".join(p.id for p in protocols)
        )
    )
