"""The workshop archive: export, import into a fresh home, export again — the same archive;
importing twice adds nothing; a newer row replaces an older one, never the reverse."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from capadesk import paths
from capadesk.core.archive.importer import ImportPaths, import_archive
from capadesk.core.archive.tables import ORDER, SPECS
from capadesk.core.archive.writer import export_archive
from capadesk.core.errors import NotFoundError
from capadesk.core.storage.backups import BackupKind, list_backups
from capadesk.core.storage.migrate import open_store
from capadesk.core.storage.models import (
    Base,
    Capture,
    Document,
    Photo,
    RunnerEvent,
    Step,
    Thread,
    ThreadCapture,
    Track,
    Workshop,
)
from capadesk.core.storage.store import Store
from capadesk.paths import AppPaths
from tests.core.archive_support import (
    ECULLY,
    LYON,
    NOW,
    PHOTO_BYTES,
    PHOTO_ID,
    PHOTO_SHA,
    CancelError,
    data_of,
    file_hashes,
    manifest_of,
    members,
    rich_store,
    rows_of,
)
from tests.fixtures.rows import fixed_id


@pytest.fixture
def origin(app_paths: AppPaths) -> Iterator[Store]:
    """Home A: the fixture store with every table filled, and a photo file."""
    store = rich_store(app_paths)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def fresh_paths(tmp_path: Path) -> AppPaths:
    return paths.resolve(tmp_path / "home-b").ensure()


@pytest.fixture
def fresh(fresh_paths: AppPaths) -> Iterator[Store]:
    """Home B: an empty store."""
    store, _report = open_store(fresh_paths.db_path, fresh_paths.backups_dir)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def archive(origin: Store, app_paths: AppPaths, tmp_path: Path) -> Path:
    return export_archive(origin, LYON, tmp_path / "lyon.capadesk", app_paths.photos_dir, now=NOW)


def test_export_import_export_gives_the_same_archive(
    archive: Path, fresh: Store, fresh_paths: AppPaths, tmp_path: Path
) -> None:
    report = import_archive(fresh, archive, fresh_paths, NOW)

    again = export_archive(
        fresh, LYON, tmp_path / "again.capadesk", fresh_paths.photos_dir, now=NOW
    )
    assert members(again)["data.json"] == members(archive)["data.json"]
    assert again.read_bytes() == archive.read_bytes()  # manifest, photos and order too
    assert report.counts["capture"].added == 7
    assert report.counts["workshop"].added == 1
    assert report.photos_copied == 1
    assert set(report.counts) == {name for name in ORDER if data_of(archive)[name]}


def test_every_table_and_column_travels(archive: Path) -> None:
    assert set(ORDER) == set(Base.metadata.tables)
    data = data_of(archive)
    assert list(data) == sorted(ORDER)
    for name in ORDER:
        spec = SPECS[name]
        assert data[name], f"the fixture fills {name}: the archive must carry it"
        columns = {column.name for column in spec.table.columns}
        written = {key for row in data[name] for key in row}
        expected = {
            "id" if column == "public_id" else column.removesuffix("_id")
            for column in columns - {"id", spec.owner, "file_name"}
        }
        assert written == expected | ({"extension"} if name == "photo" else set())


def test_rows_arrive_linked_by_uuid(archive: Path, fresh: Store, fresh_paths: AppPaths) -> None:
    import_archive(fresh, archive, fresh_paths, NOW)

    with fresh.read() as session:
        lyon = session.scalars(select(Workshop).where(Workshop.public_id == LYON)).one()
        inner = session.scalars(select(Step).where(Step.public_id == fixed_id("inner-acb"))).one()
        track = session.get(Track, inner.track_id)
        assert track is not None and track.public_id == fixed_id("t2")
        assert lyon.programme is not None and lyon.programme.title == "CAPACities 2022"
        thread = session.scalars(
            select(Thread).where(Thread.public_id == fixed_id("thread-sharing"))
        ).one()
        assert thread.workshop_id == lyon.id and thread.programme_id == lyon.programme_id
        cards = session.scalars(
            select(Capture.public_id)
            .join(ThreadCapture, ThreadCapture.capture_id == Capture.id)
            .where(ThreadCapture.thread_id == thread.id)
            .order_by(ThreadCapture.position)
        ).all()
        assert cards == [
            fixed_id("capture-irritant"),
            fixed_id("capture-wish"),
            fixed_id("capture-idea"),
        ]
        deleted = session.scalars(
            select(Capture).where(Capture.public_id == fixed_id("capture-deleted"))
        ).one()
        assert deleted.deleted_at is not None
        photo = session.scalars(select(Photo).where(Photo.public_id == PHOTO_ID)).one()
        assert photo.file_name == f"{PHOTO_SHA[:2]}/{PHOTO_SHA}.jpg"
        assert session.scalar(select(Workshop.id).where(Workshop.public_id == ECULLY)) is None
        documents = session.scalars(select(Document)).all()
        assert {d.kind for d in documents} == {"persona", "matrix"}  # persona: programme-wide
        events = session.scalars(select(RunnerEvent).where(RunnerEvent.workshop_id == lyon.id))
        assert len(events.all()) == 6
    assert (fresh_paths.photos_dir / photo.file_name).read_bytes() == PHOTO_BYTES


def test_the_json_exports_match_after_a_round_trip(
    origin: Store, archive: Path, fresh: Store, fresh_paths: AppPaths
) -> None:
    data_export = pytest.importorskip("capadesk.core.export.data_export")
    import_archive(fresh, archive, fresh_paths, NOW)

    for full in (False, True):
        assert data_export.export_json(fresh, LYON, full=full) == data_export.export_json(
            origin, LYON, full=full
        )


def test_importing_twice_adds_nothing(archive: Path, fresh: Store, fresh_paths: AppPaths) -> None:
    import_archive(fresh, archive, fresh_paths, NOW)
    fresh.close()
    before, photos = rows_of(fresh_paths.db_path), file_hashes(fresh_paths.photos_dir)

    report = import_archive(fresh, archive, fresh_paths, NOW + dt.timedelta(minutes=1))

    assert report.added == 0 and report.updated == 0 and report.photos_copied == 0
    assert report.photos_present == 1
    assert report.counts["capture"].kept == 7
    assert "Rien de nouveau" in "\n".join(report.lines())
    fresh.close()
    assert rows_of(fresh_paths.db_path) == before
    assert file_hashes(fresh_paths.photos_dir) == photos


def test_importing_into_the_store_it_came_from_adds_nothing(
    origin: Store, archive: Path, app_paths: AppPaths
) -> None:
    origin.close()
    before = rows_of(app_paths.db_path)

    report = import_archive(origin, archive, app_paths, NOW)

    assert report.added == 0 and report.updated == 0
    origin.close()
    assert rows_of(app_paths.db_path) == before
    backups = list_backups(app_paths.backups_dir, with_content=False)
    assert [b.kind for b in backups] == [BackupKind.BEFORE_IMPORT]


def _retitle(store: Store, public_id: object, text: str, moment: dt.datetime) -> None:
    with store.write() as session:
        capture = session.scalars(select(Capture).where(Capture.public_id == public_id)).one()
        capture.text = text
        capture.updated_at = moment


def _text(store: Store, public_id: object) -> str:
    with store.read() as session:
        return session.scalars(select(Capture.text).where(Capture.public_id == public_id)).one()


def test_a_newer_row_replaces_an_older_one_never_the_reverse(
    origin: Store,
    archive: Path,
    app_paths: AppPaths,
    fresh: Store,
    fresh_paths: AppPaths,
    tmp_path: Path,
) -> None:
    wish = fixed_id("capture-wish")
    import_archive(fresh, archive, fresh_paths, NOW)
    _retitle(origin, wish, "Un tableau de bord « vélo » partagé", NOW)
    newer = export_archive(origin, LYON, tmp_path / "newer.capadesk", app_paths.photos_dir)

    report = import_archive(fresh, newer, fresh_paths, NOW)
    assert report.counts["capture"] == (0, 6, 1)
    assert _text(fresh, wish) == "Un tableau de bord « vélo » partagé"

    report = import_archive(fresh, archive, fresh_paths, NOW)  # the older archive again
    assert report.counts["capture"] == (0, 7, 0)
    assert _text(fresh, wish) == "Un tableau de bord « vélo » partagé"


def test_a_card_already_in_another_thread_stays_there(
    archive: Path, fresh: Store, fresh_paths: AppPaths
) -> None:
    import_archive(fresh, archive, fresh_paths, NOW)
    with fresh.write() as session:
        card = session.scalars(
            select(Capture.id).where(Capture.public_id == fixed_id("capture-wish"))
        ).one()
        other = session.scalars(
            select(Thread.id).where(Thread.public_id == fixed_id("thread-dropped"))
        ).one()
        link = session.scalars(select(ThreadCapture).where(ThreadCapture.capture_id == card)).one()
        link.thread_id = other

    report = import_archive(fresh, archive, fresh_paths, NOW)

    assert report.counts["thread_capture"] == (0, 3, 0)
    with fresh.read() as session:
        links = session.scalars(select(ThreadCapture).where(ThreadCapture.capture_id == card))
        assert [link.thread_id for link in links] == [other]


def test_a_photo_without_its_file_travels_without_it(archive: Path) -> None:
    data = data_of(archive)
    shas = {row["sha256"] for row in data["photo"]}
    assert len(shas) == 2  # the fixture's photo row has no file on disk
    photos = [name for name in members(archive) if name.startswith("photos/")]
    assert photos == [f"photos/{PHOTO_SHA}.jpg"]
    listed = {m["name"]: m for m in manifest_of(archive)["members"]}
    assert listed[photos[0]]["size"] == len(PHOTO_BYTES)


def test_the_archive_is_deterministic_and_written_atomically(
    origin: Store, app_paths: AppPaths, archive: Path, tmp_path: Path
) -> None:
    second = export_archive(
        origin, LYON, tmp_path / "second.capadesk", app_paths.photos_dir, now=NOW
    )
    assert second.read_bytes() == archive.read_bytes()
    with zipfile.ZipFile(archive) as opened:
        assert opened.namelist() == ["manifest.json", "data.json", f"photos/{PHOTO_SHA}.jpg"]

    old = archive.read_bytes()

    def cancel_at_the_end(done: int, total: int, label: str) -> None:
        assert label == "Écriture de l'archive"
        if done == total:
            raise CancelError

    with pytest.raises(CancelError):
        export_archive(
            origin, LYON, archive, app_paths.photos_dir, now=NOW, progress=cancel_at_the_end
        )
    assert archive.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []


def test_an_unknown_workshop_is_not_exported(
    origin: Store, app_paths: AppPaths, tmp_path: Path
) -> None:
    with pytest.raises(NotFoundError):
        export_archive(origin, fixed_id("nowhere"), tmp_path / "x.capadesk", app_paths.photos_dir)
    assert not (tmp_path / "x.capadesk").exists()


def test_import_paths_may_be_given_by_hand(
    archive: Path, fresh: Store, tmp_path: Path, fresh_paths: AppPaths
) -> None:
    places = ImportPaths(photos_dir=tmp_path / "photos", backups_dir=tmp_path / "saves")

    report = import_archive(fresh, archive, places, NOW)

    assert (tmp_path / "photos" / PHOTO_SHA[:2] / f"{PHOTO_SHA}.jpg").read_bytes() == PHOTO_BYTES
    assert report.backup.path.parent == tmp_path / "saves"
    assert not fresh_paths.photos_dir.exists()


def test_both_workshops_rebuild_the_whole_store(
    origin: Store, app_paths: AppPaths, fresh: Store, fresh_paths: AppPaths, tmp_path: Path
) -> None:
    for workshop in (LYON, ECULLY):
        made = export_archive(origin, workshop, tmp_path / "w.capadesk", app_paths.photos_dir)
        import_archive(fresh, made, fresh_paths, NOW)
    origin.close()
    fresh.close()

    mine, theirs = rows_of(app_paths.db_path), rows_of(fresh_paths.db_path)
    assert {table: len(rows) for table, rows in theirs.items()} == {
        table: len(rows) for table, rows in mine.items()
    }


def test_a_damaged_photo_file_is_replaced(
    archive: Path, fresh: Store, fresh_paths: AppPaths
) -> None:
    damaged = fresh_paths.photos_dir / PHOTO_SHA[:2] / f"{PHOTO_SHA}.jpg"
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(b"\xff\xd8 tronque")

    report = import_archive(fresh, archive, fresh_paths, NOW)

    assert report.photos_copied == 1
    assert damaged.read_bytes() == PHOTO_BYTES
