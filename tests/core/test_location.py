"""Where the live store is: a share or a removable drive is told from the system's own
description (mountinfo and sysfs, GetDriveTypeW, /Volumes), all faked here."""

from __future__ import annotations

from pathlib import Path

import pytest

from capadesk.core.storage.location import (
    DRIVE_REMOTE,
    DRIVE_REMOVABLE,
    Medium,
    Mount,
    linux_medium,
    location_warning,
    macos_medium,
    mount_of,
    parse_mountinfo,
    windows_medium,
)
from tests.core.runner_support import assert_french_typography

MOUNTINFO = """\
22 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw,errors=remount-ro
23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:5 - proc proc rw
40 22 259:1 / /boot/efi rw,relatime shared:30 - vfat /dev/nvme0n1p1 rw,fmask=0077
51 22 0:45 / /srv/partage rw,relatime shared:40 - nfs4 nas:/export/ateliers rw,vers=4.2
52 22 0:46 / /mnt/bureau rw,relatime shared:41 - cifs //serveur/Equipe rw,vers=3.1.1
53 22 0:47 / /mnt/smb3 rw,relatime - smb3 //serveur/Autre rw
54 22 0:48 / /home/anim/distant rw,nosuid,nodev,relatime shared:42 - fuse.sshfs anim@pc:/ rw
60 22 8:17 / /media/anim/CLE\\040USB rw,nosuid,nodev,relatime shared:50 - vfat /dev/sdb1 rw
61 22 8:33 / /run/media/anim/DISQUE rw,nosuid,nodev,relatime shared:51 - ext4 /dev/sdc1 rw
62 22 8:49 / /mnt/sauvegarde rw,relatime shared:52 - ext4 /dev/sdd1 rw
63 22 8:65 / /mnt/carte rw,relatime shared:53 - exfat /dev/sde1 rw
64 22 8:81 / /mnt/interne rw,relatime shared:54 - ext4 /dev/sdf1 rw
65 22 0:60 / /mnt/btrfs rw,relatime shared:55 - btrfs /dev/sdg2 rw,space_cache=v2
70 51 0:49 / /srv/partage/local rw,relatime shared:60 - ext4 /dev/loop0 rw
"""


def fake_sys(root: Path) -> Path:
    """A sysfs with a USB stick (sdd, says removable=0), a card reader (sde, removable=1), an
    internal SATA disk (sdf) and a USB disk holding btrfs (sdg, seen through its name)."""

    def disk(device_path: str, name: str, removable: str, *, partition: int) -> None:
        folder = root / "devices" / device_path / "block" / name
        folder.mkdir(parents=True)
        (folder / "removable").write_text(f"{removable}\n", encoding="ascii")
        part = folder / f"{name}{partition}"
        part.mkdir()
        (part / "partition").write_text(f"{partition}\n", encoding="ascii")
        major_minor = {"sdd": "8:49", "sde": "8:65", "sdf": "8:81", "sdg": "8:98"}[name]
        (root / "dev" / "block").mkdir(parents=True, exist_ok=True)
        (root / "dev" / "block" / major_minor).symlink_to(part)
        (root / "class" / "block").mkdir(parents=True, exist_ok=True)
        (root / "class" / "block" / part.name).symlink_to(part)

    disk("pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0", "sdd", "0",
         partition=1)  # fmt: skip
    disk("pci0000:00/0000:00:1d.0/host7/target7:0:0/7:0:0:0", "sde", "1", partition=1)
    disk("pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0", "sdf", "0", partition=1)
    disk("pci0000:00/0000:00:14.0/usb3/3-2/3-2:1.0/host8/target8:0:0/8:0:0:0", "sdg", "0",
         partition=2)  # fmt: skip
    return root


def test_mountinfo_is_read_with_its_optional_fields_and_escapes() -> None:
    mounts = parse_mountinfo(MOUNTINFO + "malformed line\n")

    assert mounts[0] == Mount("259:2", "/", "ext4", "/dev/nvme0n1p2")
    assert Mount("8:17", "/media/anim/CLE USB", "vfat", "/dev/sdb1") in mounts
    assert Mount("0:45", "/srv/partage", "nfs4", "nas:/export/ateliers") in mounts
    assert len(mounts) == MOUNTINFO.count("\n")


def test_the_deepest_mount_holds_a_path_and_a_later_one_hides_an_earlier() -> None:
    mounts = parse_mountinfo(MOUNTINFO)
    over = [*mounts, Mount("0:99", "/mnt/interne", "nfs", "nas:/autre")]

    assert mount_of(Path("/srv/partage/local/capadesk.db"), mounts) == mounts[-1]
    assert mount_of(Path("/srv/partagex/capadesk.db"), mounts) == mounts[0]  # not a prefix
    found = mount_of(Path("/mnt/interne/capadesk.db"), over)
    assert found is not None and found.fstype == "nfs"


@pytest.mark.parametrize(
    ("path", "medium"),
    [
        ("/home/anim/.local/share/CapaDesk/data/capadesk.db", Medium.LOCAL),
        ("/srv/partage/capadesk.db", Medium.NETWORK),
        ("/srv/partage/local/capadesk.db", Medium.LOCAL),  # a local disk mounted inside
        ("/mnt/bureau/CapaDesk/capadesk.db", Medium.NETWORK),
        ("/mnt/smb3/capadesk.db", Medium.NETWORK),
        ("/home/anim/distant/capadesk.db", Medium.NETWORK),
        ("/media/anim/CLE USB/capadesk.db", Medium.REMOVABLE),  # no sysfs entry: by its place
        ("/run/media/anim/DISQUE/capadesk.db", Medium.REMOVABLE),
        ("/mnt/sauvegarde/capadesk.db", Medium.REMOVABLE),  # on the USB bus, removable=0
        ("/mnt/carte/capadesk.db", Medium.REMOVABLE),  # removable=1
        ("/mnt/interne/capadesk.db", Medium.LOCAL),  # SATA, removable=0
        ("/mnt/btrfs/capadesk.db", Medium.REMOVABLE),  # anonymous device: found by its name
    ],
)
def test_linux_tells_shares_and_removable_drives_from_local_disks(
    tmp_path: Path, path: str, medium: Medium
) -> None:
    assert linux_medium(Path(path), MOUNTINFO, fake_sys(tmp_path / "sys")) is medium


def test_linux_without_sysfs_or_mounts_says_local(tmp_path: Path) -> None:
    assert linux_medium(Path("/mnt/carte/capadesk.db"), MOUNTINFO, tmp_path / "nothing") is (
        Medium.LOCAL
    )
    assert linux_medium(Path("/x/capadesk.db"), "", tmp_path) is Medium.LOCAL


def test_windows_asks_the_drive_type_and_knows_unc_paths_are_shares() -> None:
    asked: list[str] = []
    kinds = {"C:\\": 3, "E:\\": DRIVE_REMOVABLE, "Z:\\": DRIVE_REMOTE}

    def drive_type(root: str) -> int:
        asked.append(root)
        return kinds[root.upper()]

    assert windows_medium(r"C:\Users\anim\AppData\Local\CapaDesk\capadesk.db", drive_type) is (
        Medium.LOCAL
    )
    assert windows_medium(r"E:\CapaDesk\capadesk.db", drive_type) is Medium.REMOVABLE
    assert windows_medium(r"z:\CapaDesk\capadesk.db", drive_type) is Medium.NETWORK
    assert windows_medium(r"\\serveur\equipe\capadesk.db", drive_type) is Medium.NETWORK
    assert asked == ["C:\\", "E:\\", "z:\\"]  # a UNC path needs no question


def test_macos_volumes_other_than_the_boot_one_are_external(tmp_path: Path) -> None:
    volumes = tmp_path / "Volumes"
    (volumes / "CLE").mkdir(parents=True)
    root = tmp_path / "racine"
    (root / "Users" / "anim").mkdir(parents=True)
    (volumes / "Macintosh HD").symlink_to(root)  # the boot volume: a link to /

    assert macos_medium(volumes / "CLE" / "capadesk.db", volumes) is Medium.EXTERNAL
    assert macos_medium(root / "Users" / "anim" / "capadesk.db", volumes) is Medium.LOCAL
    boot = volumes / "Macintosh HD" / "Users" / "anim" / "capadesk.db"
    assert macos_medium(boot, volumes) is Medium.LOCAL


# --- the warning ------------------------------------------------------------------------------

LOCAL_DIR = Path("/home/anim/.local/share/CapaDesk")


def test_a_local_store_gets_no_warning() -> None:
    assert location_warning(LOCAL_DIR / "data" / "capadesk.db", LOCAL_DIR) is None


@pytest.mark.parametrize(
    ("medium", "where"),
    [
        (Medium.NETWORK, "sur un partage réseau"),
        (Medium.REMOVABLE, "sur un disque amovible"),
        (Medium.EXTERNAL, "sur un volume externe"),
    ],
)
def test_a_store_elsewhere_is_warned_about_and_the_local_folder_proposed(
    medium: Medium, where: str
) -> None:
    db = Path("/mnt/x/capadesk.db")

    warning = location_warning(
        db, LOCAL_DIR, detect=lambda path: medium if path == db else Medium.LOCAL
    )

    assert warning is not None
    assert warning.startswith(f"La base {db} est {where}")
    assert f"par exemple dans {LOCAL_DIR}." in warning
    assert warning.endswith("Une clé USB ne sert qu'à transporter des archives.")
    assert_french_typography(warning.replace(str(db), "").replace(str(LOCAL_DIR), ""))


def test_a_local_folder_that_is_itself_a_share_is_not_proposed() -> None:
    warning = location_warning(
        Path("/srv/home/anim/capadesk.db"), Path("/srv/home/anim"), detect=lambda _p: Medium.NETWORK
    )

    assert warning is not None
    assert "par exemple" not in warning
    assert "Gardez-la sur le disque de cet ordinateur." in warning
