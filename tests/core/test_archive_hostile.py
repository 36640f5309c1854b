"""Hostile and broken archives: each refused with its French reason, before any backup, with
the store file byte-for-byte as it was, the photos folder as it was and the staging folder
removed. Then the refusals that come later (a UUID owned by another workshop): rolled back."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from sqlalchemy import select

from capadesk import paths
from capadesk.core.archive.errors import ArchiveError
from capadesk.core.archive.format import LIMITS, ArchiveLimits
from capadesk.core.archive.importer import import_archive
from capadesk.core.archive.staging import Budget, copy_limited
from capadesk.core.archive.writer import export_archive
from capadesk.core.services.workshops import create_workshop
from capadesk.core.storage.backups import list_backups
from capadesk.core.storage.migrate import open_store
from capadesk.core.storage.models import Capture, Workshop
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from tests.core.archive_support import (
    LYON,
    NOW,
    PHOTO_SHA,
    CancelError,
    dump,
    file_hashes,
    patch_header,
    rewrite,
    rich_store,
    rows_of,
    store_bytes,
    zeros_member,
)
from tests.fixtures.rows import fixed_id

DATA = "data.json"
MANIFEST = "manifest.json"


class Target(NamedTuple):
    """A home with a store (closed between attempts) and its untouched state."""

    paths: AppPaths
    staging: Path


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good archive of the fixture's Lyon workshop, with one photo file (never modified)."""
    tmp_path = tmp_path_factory.mktemp("valid")
    source_paths = paths.resolve(tmp_path / "source")
    store = rich_store(source_paths)
    try:
        return export_archive(
            store, LYON, tmp_path / "lyon.capadesk", source_paths.photos_dir, now=NOW
        )
    finally:
        store.close()


@pytest.fixture
def target(tmp_path: Path) -> Target:
    """The home archives are imported into: it already holds a workshop and a photo."""
    home = paths.resolve(tmp_path / "target").ensure()
    store, _report = open_store(home.db_path, home.backups_dir)
    try:
        create_workshop(store, "Atelier déjà là")
    finally:
        store.close()
    photo = home.photos_dir / "ab" / ("ab" + "0" * 62 + ".png")
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"une photo du jour")
    staging = tmp_path / "staging"
    staging.mkdir()
    return Target(home, staging)


def attempt(target: Target, archive: Path, limits: ArchiveLimits = LIMITS) -> ArchiveError:
    """Import ``archive``; it must be refused with nothing changed. Returns the refusal."""
    home = target.paths
    before = (
        store_bytes(home.db_path),
        file_hashes(home.photos_dir),
        file_hashes(home.backups_dir),
    )
    store = Store(home.db_path)
    try:
        with pytest.raises(ArchiveError) as refused:
            import_archive(store, archive, home, NOW, limits=limits, staging_parent=target.staging)
    finally:
        store.close()
    after = (store_bytes(home.db_path), file_hashes(home.photos_dir), file_hashes(home.backups_dir))
    assert after == before  # store byte for byte, photos, and no backup taken
    assert list(target.staging.iterdir()) == []
    error = refused.value
    assert error.message.startswith(f"Import de «\u00a0{archive.name}\u00a0» ")
    assert error.message.endswith("La base n'a pas été modifiée.")
    return error


def _entry(name: str, mode: int = 0o100644) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = mode << 16
    return info


def _data(change: Callable[[dict[str, Any]], object]) -> Callable[[dict[str, bytes]], None]:
    def edit(content: dict[str, bytes]) -> None:
        data = json.loads(content[DATA])
        change(data)
        content[DATA] = dump(data)

    return edit


def _manifest(change: Callable[[dict[str, Any]], object]) -> Callable[[dict[str, bytes]], None]:
    def edit(content: dict[str, bytes]) -> None:
        manifest = json.loads(content[MANIFEST])
        change(manifest)
        content[MANIFEST] = dump(manifest)

    return edit


def _set(table: str, key: str, value: Any, index: int = 0) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data[table][index][key] = value

    return change


# name → (how to spoil the valid archive, words the reason must hold)
SPOILED: dict[str, tuple[Callable[[Path, Path], object], str]] = {
    "zip slip ..": (
        lambda src, dst: rewrite(src, dst, extra=(("../evil.txt", b"x"),)),
        "remonte hors du dossier d'import",
    ),
    "deep zip slip": (
        lambda src, dst: rewrite(src, dst, extra=(("photos/../../evil.txt", b"x"),)),
        "zip slip",
    ),
    "absolute path": (
        lambda src, dst: rewrite(src, dst, extra=(("/tmp/evil.txt", b"x"),)),
        "chemin absolu",
    ),
    "drive letter": (
        lambda src, dst: rewrite(src, dst, extra=(("C:/evil.txt", b"x"),)),
        "lecteur Windows",
    ),
    "backslash": (
        lambda src, dst: rewrite(src, dst, extra=(("..\\evil.txt", b"x"),)),
        "barre oblique inverse",
    ),
    "reserved name": (
        lambda src, dst: rewrite(src, dst, extra=(("photos/NUL", b"x"),)),
        "n'est pas permis",
    ),
    "unexpected member": (
        lambda src, dst: rewrite(src, dst, extra=(("lisezmoi.txt", b"x"),)),
        "élément inattendu",
    ),
    "symlink": (
        lambda src, dst: rewrite(
            src,
            dst,
            extra=((_entry(f"photos/{'c' * 64}.jpg", stat.S_IFLNK | 0o777), b"/etc/passwd"),),
            relist=False,
        ),
        "lien symbolique",
    ),
    "duplicate member": (
        lambda src, dst: rewrite(src, dst, extra=((DATA, b"{}"),), relist=False),
        "apparaît deux fois",
    ),
    "unlisted member": (
        lambda src, dst: rewrite(
            src, dst, extra=((f"photos/{hashlib.sha256(b'x').hexdigest()}.jpg", b"x"),)
        ),
        "n'est pas listé dans le manifeste",
    ),
    "wrong checksum": (
        lambda src, dst: rewrite(
            src, dst, change=_data(_set("capture", "text", "Texte altéré")), relist=False
        ),
        "ne correspond pas à son empreinte dans le manifeste",
    ),
    "photo named after another hash": (
        lambda src, dst: rewrite(
            src,
            dst,
            change=lambda c: c.update({f"photos/{PHOTO_SHA}.jpg": b"autre chose que la photo"}),
        ),
        "ne correspond pas à son nom",
    ),
    "newer format": (
        lambda src, dst: rewrite(
            src, dst, change=_manifest(_set_key("format_version", 2)), relist=False
        ),
        "version plus récente de CapaDesk (format 2",
    ),
    "unknown schema": (
        lambda src, dst: rewrite(
            src, dst, change=_manifest(_set_key("schema_revision", "9999_futur")), relist=False
        ),
        "schéma «\u00a09999_futur\u00a0» inconnu",
    ),
    "not capadesk": (
        lambda src, dst: rewrite(
            src, dst, change=_manifest(_set_key("format", "autre-chose")), relist=False
        ),
        "n'est pas une archive d'atelier CapaDesk (format inconnu",
    ),
    "missing manifest": (
        lambda src, dst: rewrite(src, dst, change=lambda c: c.pop(MANIFEST)),
        "ne contient pas de manifest.json",
    ),
    "member missing": (
        lambda src, dst: rewrite(
            src, dst, change=lambda c: c.pop(f"photos/{PHOTO_SHA}.jpg"), relist=False
        ),
        "listé dans le manifeste, manque",
    ),
    "truncated": (
        lambda src, dst: dst.write_bytes(src.read_bytes()[: src.stat().st_size // 2]),
        "tronquée ou endommagée",
    ),
    "not a zip": (
        lambda src, dst: dst.write_text("Nom;Organisation\nAnne;Toulon\n", "utf-8"),
        "ce n'est pas un zip",
    ),
    "empty file": (lambda src, dst: dst.write_bytes(b""), "ce n'est pas un zip"),
    "invalid JSON": (
        lambda src, dst: rewrite(src, dst, change=lambda c: c.update({DATA: b'{"capture": ['})),
        "data.json n'est pas un JSON valide",
    ),
    "duplicate JSON key": (
        lambda src, dst: rewrite(
            src, dst, change=lambda c: c.update({DATA: b'{"vote": [], "vote": []}'})
        ),
        "apparaît deux fois",
    ),
    "unknown capture kind": (
        lambda src, dst: rewrite(src, dst, change=_data(_set("capture", "kind", "pirate"))),
        "«\u00a0pirate\u00a0» n'est pas une valeur permise de «\u00a0kind\u00a0»",
    ),
    "dangling reference": (
        lambda src, dst: rewrite(
            src, dst, change=_data(_set("vote", "thread", str(fixed_id("nowhere"))))
        ),
        "absent de l'archive",
    ),
    "unknown column": (
        lambda src, dst: rewrite(src, dst, change=_data(_set("capture", "pirate", 1))),
        "champ inconnu «\u00a0pirate\u00a0»",
    ),
    "missing column": (
        lambda src, dst: rewrite(src, dst, change=_data(_drop("capture", "text"))),
        "champ «\u00a0text\u00a0» manquant",
    ),
    "another workshop": (
        lambda src, dst: rewrite(
            src, dst, change=_data(_set("workshop", "id", str(fixed_id("autre"))))
        ),
        "l'atelier que nomme le manifeste",
    ),
    "photo path in data": (
        lambda src, dst: rewrite(src, dst, change=_data(_set("photo", "sha256", "../../x"))),
        "empreinte SHA-256 invalide",
    ),
    "orphan photo file": (
        lambda src, dst: rewrite(src, dst, change=_data(_keep_photos(0))),
        "n'est décrit par aucune photo",
    ),
}


def _set_key(key: str, value: Any) -> Callable[[dict[str, Any]], object]:
    return lambda manifest: manifest.__setitem__(key, value)


def _drop(table: str, key: str) -> Callable[[dict[str, Any]], object]:
    return lambda data: data[table][0].pop(key)


def _keep_photos(count: int) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["document"] = [d for d in data["document"] if d["photo"] is None]
        data["photo"] = data["photo"][:count]

    return change


@pytest.mark.parametrize("case", sorted(SPOILED))
def test_a_spoiled_archive_is_refused_and_nothing_changes(
    case: str, valid: Path, target: Target, tmp_path: Path
) -> None:
    spoil, reason = SPOILED[case]
    archive = tmp_path / "abimee.capadesk"
    spoil(valid, archive)

    error = attempt(target, archive)

    assert reason in error.reason


def test_a_missing_file_is_named(target: Target, tmp_path: Path) -> None:
    error = attempt(target, tmp_path / "absente.capadesk")
    assert "n'existe pas" in error.reason


def test_a_zip_bomb_is_refused_from_its_headers(
    valid: Path, target: Target, tmp_path: Path
) -> None:
    archive = rewrite(valid, tmp_path / "bombe.capadesk")
    zeros_member(archive, f"photos/{'0' * 64}.jpg", 20 << 20)  # 20 MB → about 20 kB

    error = attempt(target, archive)

    assert "bombe zip" in error.reason


def test_a_member_over_its_cap_is_refused(valid: Path, target: Target, tmp_path: Path) -> None:
    archive = rewrite(valid, tmp_path / "enorme.capadesk")
    zeros_member(archive, f"photos/{'0' * 64}.jpg", LIMITS.max_photo_bytes + 1)

    error = attempt(target, archive)

    assert "dépasse la taille permise" in error.reason


def test_an_archive_over_the_total_is_refused(valid: Path, target: Target) -> None:
    limits = LIMITS._replace(max_total_bytes=1000)
    error = attempt(target, valid, limits)
    assert "plus que les" in error.reason


def test_a_header_lying_about_the_size_cannot_expand_the_member(
    valid: Path, target: Target, tmp_path: Path
) -> None:
    archive = rewrite(
        valid, tmp_path / "menteuse.capadesk", change=lambda c: c.pop(DATA), relist=False
    )
    zeros_member(archive, DATA, 20 << 20)
    patch_header(archive, DATA, file_size=1000)  # passes every check on the headers

    error = attempt(target, archive)

    assert "est illisible, l'archive est endommagée" in error.reason  # stopped at 1000 bytes


def test_overlapping_members_are_refused(valid: Path, target: Target, tmp_path: Path) -> None:
    archive = tmp_path / "chevauche.capadesk"
    archive.write_bytes(valid.read_bytes())
    patch_header(archive, DATA, compress_size=valid.stat().st_size)

    error = attempt(target, archive)

    assert "se chevauchent" in error.reason


def test_bytes_are_counted_while_streaming_whatever_the_header_says() -> None:
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            buffer[:] = bytes(len(buffer))
            return len(buffer)

    written = io.BytesIO()
    limits = LIMITS._replace(ratio_floor=0)
    with pytest.raises(ArchiveError, match="bombe zip"):
        copy_limited(
            io.BufferedReader(Endless()),
            written,
            name=DATA,
            cap=1 << 30,
            compressed=1000,
            budget=Budget(1 << 30, 1000, None),
            limits=limits,
        )
    assert len(written.getvalue()) <= 1000 * limits.max_ratio

    written = io.BytesIO()
    with pytest.raises(ArchiveError, match="au-delà de la taille permise"):
        copy_limited(
            io.BufferedReader(Endless()),
            written,
            name=DATA,
            cap=1 << 30,
            compressed=1 << 30,
            budget=Budget(3 << 20, 1000, None),
            limits=LIMITS,
        )
    assert len(written.getvalue()) <= 3 << 20


def cancel(done: int, total: int, label: str) -> None:
    assert label == "Vérification de l'archive"
    if done:
        raise CancelError


def test_cancelling_during_the_unpacking_changes_nothing(valid: Path, target: Target) -> None:
    home = target.paths
    before = store_bytes(home.db_path)
    store = Store(home.db_path)
    try:
        with pytest.raises(CancelError):
            import_archive(store, valid, home, NOW, progress=cancel, staging_parent=target.staging)
    finally:
        store.close()
    assert list(target.staging.iterdir()) == []
    assert store_bytes(home.db_path) == before
    assert list_backups(home.backups_dir) == []


def test_a_uuid_owned_by_another_workshop_rolls_the_whole_merge_back(
    valid: Path, target: Target
) -> None:
    home = target.paths
    store = Store(home.db_path)
    try:
        with store.write() as session:
            other = session.scalars(select(Workshop)).one()
            session.add(
                Capture(
                    public_id=fixed_id("capture-wish"), workshop_id=other.id, kind="note", text="x"
                )
            )
    finally:
        store.close()
    before_bytes, before_rows = store_bytes(home.db_path), rows_of(home.db_path)
    before_photos = file_hashes(home.photos_dir)

    store = Store(home.db_path)
    try:
        with pytest.raises(ArchiveError) as refused:
            import_archive(store, valid, home, NOW, staging_parent=target.staging)
    finally:
        store.close()

    assert "appartient déjà à un autre atelier" in refused.value.reason
    # The programme, the workshop and its steps went in before the captures: all rolled back.
    assert rows_of(home.db_path) == before_rows
    assert store_bytes(home.db_path) == before_bytes
    assert file_hashes(home.photos_dir) == before_photos  # the photo it copied is removed
    assert list(target.staging.iterdir()) == []
    assert len(list_backups(home.backups_dir)) == 1  # the way back was taken first


def test_the_fingerprint_sees_a_real_import(valid: Path, target: Target) -> None:
    """The control: the same check fails when an import does write."""
    home = target.paths
    before = store_bytes(home.db_path)
    store = Store(home.db_path)
    try:
        import_archive(store, valid, home, NOW)
    finally:
        store.close()
    assert store_bytes(home.db_path) != before
