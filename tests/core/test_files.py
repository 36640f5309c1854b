"""Atomic writes: the target is whole or as it was, and no temporary file stays behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from capadesk.core.files import atomic_write, copy_atomically, fsync_dir, write_atomically


class BoomError(Exception):
    pass


def test_nothing_under_the_real_name_until_the_block_ends(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    with atomic_write(target) as stream:
        stream.write(b"abc")
        assert not target.exists()
        [partial] = tmp_path.iterdir()
        assert partial.name.startswith(".out.bin.") and partial.name.endswith(".part")
    assert target.read_bytes() == b"abc"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("existing", [None, b"old content"])
def test_an_error_in_the_block_leaves_the_target_as_it_was(
    tmp_path: Path, existing: bytes | None
) -> None:
    target = tmp_path / "out.bin"
    if existing is not None:
        target.write_bytes(existing)
    with pytest.raises(BoomError), atomic_write(target) as stream:
        stream.write(b"half")
        raise BoomError
    if existing is None:
        assert not target.exists()
        assert list(tmp_path.iterdir()) == []
    else:
        assert target.read_bytes() == existing
        assert list(tmp_path.iterdir()) == [target]


def test_a_failing_fsync_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def test_write_atomically_replaces_and_names_its_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "réglages.json"
    target.write_bytes(b"old")
    renamed: list[str] = []
    real_replace = Path.replace

    def watched(self: Path, other: str | os.PathLike[str]) -> Path:
        renamed.append(self.name)
        return real_replace(self, other)

    monkeypatch.setattr(Path, "replace", watched)
    write_atomically(target, b"new", prefix=".settings-", suffix=".tmp")
    assert target.read_bytes() == b"new"
    [name] = renamed
    assert name.startswith(".settings-") and name.endswith(".tmp")


def test_a_missing_folder_is_an_error_not_created(tmp_path: Path) -> None:
    target = tmp_path / "absent" / "out.bin"
    with pytest.raises(FileNotFoundError):
        write_atomically(target, b"x")
    assert not target.parent.exists()


def test_copy_round_trips_a_file_larger_than_a_chunk(tmp_path: Path) -> None:
    source = tmp_path / "source.bin"
    data = os.urandom(3 * (1 << 20) + 17)
    source.write_bytes(data)
    target = tmp_path / "dest" / "copy.bin"
    target.parent.mkdir()
    target.write_bytes(b"old")
    copy_atomically(source, target)
    assert target.read_bytes() == data
    assert list(target.parent.iterdir()) == [target]


def test_copying_a_missing_source_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "copy.bin"
    with pytest.raises(FileNotFoundError):
        copy_atomically(tmp_path / "absent.bin", target)
    assert list(tmp_path.iterdir()) == []


def test_fsync_dir_accepts_a_folder_and_refuses_a_missing_one(tmp_path: Path) -> None:
    fsync_dir(tmp_path)
    if os.name == "posix":
        with pytest.raises(FileNotFoundError):
            fsync_dir(tmp_path / "absent")


def test_the_module_is_stdlib_only() -> None:
    # Settings read it before the first window: no SQLAlchemy, Qt or Pillow on the way.
    code = (
        "import sys, capadesk.core.files; "
        "print(sorted(m for m in ('sqlalchemy', 'PySide6', 'PIL') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
