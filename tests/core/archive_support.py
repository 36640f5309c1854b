"""Shared by the archive tests: a store with every table filled, archives rewritten or patched
by hand (hostile ones), and fingerprints of what must stay untouched."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import struct
import warnings
import zipfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from capadesk.core.storage.migrate import open_store
from capadesk.core.storage.models import Base, Photo, Workshop
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from tests.fixtures.rows import fixed_id
from tests.fixtures.stores import head_fixture

NOW = dt.datetime(2024, 3, 14, 17, 30, tzinfo=dt.UTC)
LYON = fixed_id("workshop-lyon")
ECULLY = fixed_id("workshop-ecully")
PHOTO_BYTES = b"\xff\xd8\xff\xe0 pas vraiment un JPEG, mais des octets qui voyagent " * 50
PHOTO_SHA = hashlib.sha256(PHOTO_BYTES).hexdigest()
PHOTO_ID = fixed_id("photo-archive")


class CancelError(Exception):
    """What a test's progress callback raises to cancel."""


def rich_store(app_paths: AppPaths) -> Store:
    """The head fixture (every table filled) in ``app_paths``, plus a photo with its file."""
    app_paths.ensure()
    shutil.copyfile(head_fixture(), app_paths.db_path)
    store, _report = open_store(app_paths.db_path, app_paths.backups_dir)
    file_name = f"{PHOTO_SHA[:2]}/{PHOTO_SHA}.jpg"
    target = app_paths.photos_dir / file_name
    target.parent.mkdir(parents=True)
    target.write_bytes(PHOTO_BYTES)
    with store.write() as session:
        lyon = session.query(Workshop).filter_by(public_id=LYON).one()
        moment = dt.datetime(2022, 6, 14, 15, 0, tzinfo=dt.UTC)
        session.add(
            Photo(
                public_id=PHOTO_ID,
                workshop_id=lyon.id,
                file_name=file_name,
                sha256=PHOTO_SHA,
                media_type="image/jpeg",
                width=640,
                height=480,
                size_bytes=len(PHOTO_BYTES),
                caption="Tour en Lego «\u00a0données\u00a0» — 1\u00a0500\u00a0€",
                created_at=moment,
                updated_at=moment,
            )
        )
    return store


def members(archive: Path) -> dict[str, bytes]:
    """Every member's bytes, by name."""
    with zipfile.ZipFile(archive) as opened:
        return {info.filename: opened.read(info) for info in opened.infolist()}


def manifest_of(archive: Path) -> dict[str, Any]:
    """The archive's manifest, as JSON."""
    loaded: dict[str, Any] = json.loads(members(archive)["manifest.json"])
    return loaded


def data_of(archive: Path) -> dict[str, Any]:
    """The archive's data.json, as JSON."""
    loaded: dict[str, Any] = json.loads(members(archive)["data.json"])
    return loaded


def dump(data: Any) -> bytes:
    """JSON as the archive writes it."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()


def rewrite(
    source: Path,
    target: Path,
    *,
    change: Callable[[dict[str, bytes]], object] | None = None,
    extra: tuple[tuple[zipfile.ZipInfo | str, bytes], ...] = (),
    relist: bool = True,
) -> Path:
    """A copy of ``source`` with its members changed in place by ``change`` and ``extra`` ones
    appended as they are. With ``relist``, the manifest lists the changed members with their
    true sizes and hashes, so only the change under test is wrong."""
    content = members(source)
    if change is not None:
        change(content)
    if relist and "manifest.json" in content:
        manifest = json.loads(content["manifest.json"])
        manifest["members"] = [
            {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in sorted(content.items())
            if name != "manifest.json"
        ]
        content["manifest.json"] = dump(manifest)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as written:
        for name, data in content.items():
            written.writestr(name, data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a duplicate name is what some tests want
            for info, data in extra:
                written.writestr(info, data)
    return target


def zeros_member(archive: Path, name: str, size: int) -> None:
    """Append ``size`` zero bytes, deflated, as ``name`` (streamed: never in memory at once)."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.file_size = size
    block = bytes(1 << 20)
    with zipfile.ZipFile(archive, "a") as written, written.open(info, "w") as stream:
        for start in range(0, size, len(block)):
            stream.write(block[: min(len(block), size - start)])


def patch_header(
    archive: Path, name: str, *, file_size: int | None = None, compress_size: int | None = None
) -> None:
    """Make the local and central headers of ``name`` lie about its sizes."""
    raw = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as opened:
        info = opened.getinfo(name)
        position = opened.start_dir  # where the central directory starts
    local = info.header_offset
    assert raw[local : local + 4] == b"PK\x03\x04"
    if compress_size is not None:
        struct.pack_into("<I", raw, local + 18, compress_size)
    if file_size is not None:
        struct.pack_into("<I", raw, local + 22, file_size)
    while raw[position : position + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", raw, position + 28)
        if raw[position + 46 : position + 46 + name_length].decode() == name:
            if compress_size is not None:
                struct.pack_into("<I", raw, position + 20, compress_size)
            if file_size is not None:
                struct.pack_into("<I", raw, position + 24, file_size)
        position += 46 + name_length + extra_length + comment_length
    archive.write_bytes(bytes(raw))


def file_hashes(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path → SHA-256); folders count as ``dir``."""
    if not folder.exists():
        return {}
    return {
        path.relative_to(folder).as_posix(): (
            "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        )
        for path in sorted(folder.rglob("*"))
    }


def store_bytes(db_path: Path) -> str:
    """The store file's SHA-256, taken while no connection is open.

    The last connection to close checkpoints the WAL into the file and removes ``-wal``: so with
    the store closed, every commit is in the one file and its bytes say all. (Hashing while the
    store is open would see the main file only, without what the WAL still holds.)
    """
    assert not Path(f"{db_path}-wal").exists(), "close the store before fingerprinting it"
    return hashlib.sha256(db_path.read_bytes()).hexdigest()


def rows_of(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: the content, whatever the file layout.

    For a closed store (``immutable``: no ``-wal``/``-shm`` is created beside it).
    """
    uri = f"{db_path.resolve().as_uri()}?mode=ro&immutable=1"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in Base.metadata.tables
        }
