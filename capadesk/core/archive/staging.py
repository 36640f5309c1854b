"""Unpack an archive into a staging folder, trusting nothing it says about itself.

In order: every name is checked (no absolute path, ``..``, drive letter, backslash, reserved
or unexpected name, duplicate, symlink, encryption); the sizes the headers declare are held to
the limits (per member, in all, compression ratio, and the compressed sizes must fit in the
file: overlapping members do not); the manifest is read and checked (format, version, schema
revision); the members must be exactly those it lists. Then each member is streamed out with
its bytes counted against the same limits, whatever the header said, and hashed: a size or
SHA-256 that differs from the manifest refuses the archive.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import stat
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, NamedTuple

from capadesk.core.archive.errors import ArchiveError
from capadesk.core.archive.files import CHUNK
from capadesk.core.archive.format import (
    DATA,
    LIMITS,
    MANIFEST,
    ArchiveLimits,
    Manifest,
    check_member_name,
    parse_manifest,
    photo_member_hash,
)
from capadesk.core.storage.backup import is_disk_full
from capadesk.i18n import _

# (bytes done, bytes in all, what is being done), as for the other exports; it cancels by
# raising (``capadesk.core.export.files.ExportCancelledError``), which goes through as it is.
Progress = Callable[[int, int, str], None]
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


class Staged(NamedTuple):
    """An archive whose members all passed: the manifest, data.json's bytes, the photo files."""

    manifest: Manifest
    data: bytes
    photos: dict[str, Path]  # member name → file in the staging folder


class Budget:
    """The bytes an archive may still expand to, and the progress callback."""

    def __init__(self, total: int, declared: int, progress: Progress | None) -> None:
        self.left, self.declared, self.done, self._progress = total, declared, 0, progress

    def spend(self, count: int) -> None:
        self.left -= count
        self.done += count
        if self.left < 0:
            raise ArchiveError(_("l'archive se décompresse au-delà de la taille permise."))
        if self._progress is not None:
            self._progress(self.done, self.declared, _("Vérification de l'archive"))


def _size_text(count: int) -> str:
    return _("{n}\u00a0Mo").format(n=f"{count / 1_000_000:.1f}".replace(".", ","))


def _cap(name: str, limits: ArchiveLimits) -> int:
    if name == MANIFEST:
        return limits.max_manifest_bytes
    return limits.max_data_bytes if name == DATA else limits.max_photo_bytes


def _too_big(name: str, cap: int) -> ArchiveError:
    return ArchiveError(
        _("l'élément {name} dépasse la taille permise ({cap}).").format(
            name=name, cap=_size_text(cap)
        )
    )


def _bomb(name: str, limits: ArchiveLimits) -> ArchiveError:
    return ArchiveError(
        _(
            "l'élément {name} se décompresse plus de {ratio} fois (archive piégée, "
            "«\u00a0bombe zip\u00a0»)."
        ).format(name=name, ratio=limits.max_ratio)
    )


def copy_limited(
    stream: IO[bytes],
    target: IO[bytes],
    *,
    name: str,
    cap: int,
    compressed: int,
    budget: Budget,
    limits: ArchiveLimits,
) -> tuple[int, str]:
    """Copy a member's bytes, counting them as they come: (size, SHA-256).

    Stops as soon as the member passes its cap, the archive its total, or the member its
    compression ratio, so a lying header cannot fill the disk.
    """
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > cap:
            raise _too_big(name, cap)
        if size > limits.ratio_floor and size > limits.max_ratio * max(compressed, 1):
            raise _bomb(name, limits)
        budget.spend(len(chunk))
        digest.update(chunk)
        target.write(chunk)
    return size, digest.hexdigest()


def _open(source: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except FileNotFoundError:
        raise ArchiveError(_("le fichier {path} n'existe pas.").format(path=source)) from None
    except zipfile.BadZipFile:
        try:
            with source.open("rb") as stream:
                zipped = stream.read(4) == b"PK\x03\x04"
        except OSError:
            zipped = False
        if zipped:
            reason = _("l'archive est tronquée ou endommagée (copie interrompue\u00a0?).")
        else:
            reason = _("ce fichier n'est pas une archive d'atelier CapaDesk (ce n'est pas un zip).")
        raise ArchiveError(reason) from None
    except OSError as error:
        raise ArchiveError(_("lecture impossible\u00a0: {error}").format(error=error)) from None


def _check_entries(infos: list[zipfile.ZipInfo], file_size: int, limits: ArchiveLimits) -> int:
    """Every header, before a byte is extracted; returns the declared size in all."""
    if len(infos) > limits.max_members:
        raise ArchiveError(
            _("l'archive a trop d'éléments ({count}, {limit} au plus).").format(
                count=len(infos), limit=limits.max_members
            )
        )
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        check_member_name(name, limits)
        if name.casefold() in seen:
            raise ArchiveError(
                _("l'élément {name} apparaît deux fois (à la casse près).").format(name=name)
            )
        seen.add(name.casefold())
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ArchiveError(
                _("l'élément {name} est un lien symbolique, refusé.").format(name=name)
            )
        if info.flag_bits & 0x1:
            raise ArchiveError(_("l'élément {name} est chiffré.").format(name=name))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ArchiveError(
                _("l'élément {name} utilise une compression non prise en charge.").format(name=name)
            )
        cap = _cap(name, limits)
        if info.file_size > cap:
            raise _too_big(name, cap)
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise _bomb(name, limits)
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_total_bytes:
        raise ArchiveError(
            _("l'archive se décompresse en {size}, plus que les {cap} permis.").format(
                size=_size_text(declared), cap=_size_text(limits.max_total_bytes)
            )
        )
    if sum(info.compress_size for info in infos) > file_size:
        raise ArchiveError(
            _("des éléments de l'archive se chevauchent (archive piégée ou endommagée).")
        )
    return declared


def stage(
    source: Path,
    folder: Path,
    known_revision: Callable[[str], bool],
    *,
    limits: ArchiveLimits = LIMITS,
    progress: Progress | None = None,
) -> Staged:
    """Check ``source`` and unpack it into ``folder`` (an empty staging folder)."""
    archive = _open(source)
    with archive:
        infos = archive.infolist()
        declared = _check_entries(infos, source.stat().st_size, limits)
        if shutil.disk_usage(folder).free < declared:
            raise ArchiveError(
                _("pas assez de place sur le disque pour décompresser l'archive ({size}).").format(
                    size=_size_text(declared)
                )
            )
        by_name = {info.filename: info for info in infos}
        if MANIFEST not in by_name:
            raise ArchiveError(
                _(
                    "l'archive ne contient pas de {manifest}\u00a0: ce n'est pas une archive "
                    "d'atelier CapaDesk."
                ).format(manifest=MANIFEST)
            )
        budget = Budget(limits.max_total_bytes, declared, progress)
        buffer = io.BytesIO()
        _extract(archive, by_name[MANIFEST], buffer, budget, limits)
        manifest = parse_manifest(buffer.getvalue(), known_revision, limits)
        listed = {entry.name: entry for entry in manifest.members}
        unlisted = sorted(by_name.keys() - listed.keys() - {MANIFEST})
        if unlisted:
            raise ArchiveError(
                _("l'élément {name} n'est pas listé dans le manifeste.").format(name=unlisted[0])
            )
        missing = sorted(listed.keys() - by_name.keys())
        if missing:
            raise ArchiveError(
                _("l'élément {name}, listé dans le manifeste, manque.").format(name=missing[0])
            )
        data = b""
        photos: dict[str, Path] = {}
        for name in sorted(listed):
            entry = listed[name]
            if name == DATA:
                buffer = io.BytesIO()
                size, digest = _extract(archive, by_name[name], buffer, budget, limits)
                data = buffer.getvalue()
            else:
                target = folder / name
                target.parent.mkdir(exist_ok=True)
                with target.open("xb") as stream:
                    size, digest = _extract(archive, by_name[name], stream, budget, limits)
                photos[name] = target
            if size != entry.size or digest != entry.sha256:
                raise ArchiveError(
                    _(
                        "le contenu de {name} ne correspond pas à son empreinte dans le "
                        "manifeste (fichier altéré ou mal copié)."
                    ).format(name=name)
                )
            if name != DATA and photo_member_hash(name) != digest:
                raise ArchiveError(
                    _("la photo {name} ne correspond pas à son nom (empreinte).").format(name=name)
                )
    return Staged(manifest, data, photos)


def _extract(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    target: IO[bytes],
    budget: Budget,
    limits: ArchiveLimits,
) -> tuple[int, str]:
    try:
        with archive.open(info) as stream:
            return copy_limited(
                stream,
                target,
                name=info.filename,
                cap=_cap(info.filename, limits),
                compressed=info.compress_size,
                budget=budget,
                limits=limits,
            )
    except _READ_ERRORS as error:
        raise ArchiveError(
            _("l'élément {name} est illisible, l'archive est endommagée ({error}).").format(
                name=info.filename, error=error
            )
        ) from None
    except OSError as error:
        if is_disk_full(error):
            raise ArchiveError(
                _("le disque est plein, l'archive n'a pas pu être décompressée.")
            ) from None
        raise ArchiveError(_("lecture impossible\u00a0: {error}").format(error=error)) from None
