"""The protocol library: the built-in protocols shipped in ``resources/protocols``, and files.

A file is read whole only after its size is checked, decoded as strict UTF-8 JSON, then parsed
by ``parse_protocol``: every way it can be wrong becomes a ProtocolError with a French message.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from capadesk.core.domain.protocol import Protocol
from capadesk.core.domain.protocol_format import (
    MAX_ID,
    ProtocolError,
    parse_protocol,
    protocol_data,
)
from capadesk.core.errors import NotFoundError
from capadesk.i18n import _

if TYPE_CHECKING:
    from capadesk.paths import AppPaths

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 1_000_000  # the longest built-in protocol is a few tens of kilobytes
SCHEMA_FILE = "schema.json"


def builtin_dir() -> Path:
    """Where the built-in protocols are (inside the bundle when frozen)."""
    from capadesk.paths import resource_path

    return resource_path("protocols")


def read_protocol_file(path: Path) -> Protocol:
    """The protocol in ``path``, or ProtocolError saying what is wrong with the file."""
    too_big = ProtocolError(
        "", _("fichier trop gros ({limit} octets au plus)").format(limit=MAX_FILE_BYTES)
    )
    try:
        if not path.is_file():  # a pipe or a device (/dev/zero) would never end
            raise ProtocolError("", _("ce n'est pas un fichier ordinaire"))
        if path.stat().st_size > MAX_FILE_BYTES:
            raise too_big
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # bounded even if the file grows meanwhile
        if len(raw) > MAX_FILE_BYTES:
            raise too_big
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


TEMPLATE_PREFIX = "perso-"


def user_protocols_dir(app_paths: AppPaths) -> Path:
    """The folder of the facilitator's own templates (« Enregistrer comme modèle »)."""
    return app_paths.config_dir / "protocols"


def template_id(title: str) -> str:
    """The id of a personal template titled ``title``: « perso- » then the title in a slug.

    The prefix keeps personal ids apart from the built-in ones.
    """
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "modele"
    return (TEMPLATE_PREFIX + slug)[:MAX_ID].rstrip("-")


def write_protocol_file(protocol: Protocol, path: Path) -> None:
    """Write ``protocol`` as a protocol file (UTF-8 JSON, indented by 2)."""
    text = json.dumps(protocol_data(protocol), ensure_ascii=False, indent=2) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ProtocolError("", _("écriture impossible ({error})").format(error=error)) from error


def library(user_dir: Path | None = None) -> list[Protocol]:
    """The built-in protocols by id, then the personal templates of ``user_dir`` by title.

    A personal file that cannot be read, or whose id is already taken, is left out (and logged):
    one bad file in the user's folder must not empty the library.
    """
    protocols = builtin_protocols()
    if user_dir is None or not user_dir.is_dir():
        return protocols
    taken = {protocol.id for protocol in protocols}
    personal = []
    for path in sorted(user_dir.glob("*.json")):
        try:
            protocol = read_protocol_file(path)
        except ProtocolError as error:
            log.warning("personal protocol %s left out: %s", path, error)
            continue
        if protocol.id in taken:
            log.warning("personal protocol %s left out: id %s taken", path, protocol.id)
            continue
        taken.add(protocol.id)
        personal.append(protocol)
    return protocols + sorted(personal, key=lambda protocol: protocol.title.casefold())
