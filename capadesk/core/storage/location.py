"""Where the live store may live: on this computer's own disk, not on a share nor a USB drive.

SQLite's locks and syncs hold only on a local file system: a share can drop a commit or damage
the file when the link goes, and a drive pulled out takes the WAL with it. USB is for archives.
The checks only read what the system says about its mounts; the app warns but still opens the
store (a facilitator may have no choice that day).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path, PurePath, PureWindowsPath
from typing import NamedTuple

from capadesk.i18n import N_, _

# Linux file system types that reach the data over a network.
NETWORK_FSTYPES = frozenset(
    {"nfs", "nfs4", "cifs", "smbfs", "smb3", "ncpfs", "afs", "ceph", "glusterfs", "davfs"}
)
NETWORK_FUSE = frozenset({"fuse.sshfs", "fuse.rclone", "fuse.davfs2", "fuse.s3fs", "fuse.smbnetfs"})
# Where desktops mount the drives plugged in (udisks: /media/<user>/…, /run/media/<user>/…).
REMOVABLE_ROOTS = ("/media", "/run/media")
# GetDriveTypeW's answers.
DRIVE_REMOVABLE = 2
DRIVE_REMOTE = 4

_ESCAPE = re.compile(r"\\([0-7]{3})")


class Medium(StrEnum):
    """What holds a file."""

    LOCAL = "local"
    NETWORK = "network"
    REMOVABLE = "removable"
    EXTERNAL = "external"  # another volume (macOS): a drive or a share, not told apart


class Mount(NamedTuple):
    """One line of ``/proc/self/mountinfo``."""

    device: str  # "major:minor"
    mount_point: str
    fstype: str
    source: str


def parse_mountinfo(text: str) -> list[Mount]:
    """The mounts, in the kernel's order (a later mount on the same point hides an earlier)."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if "-" not in fields[6:]:
            continue
        separator = fields.index("-", 6)
        if len(fields) < separator + 3:
            continue
        mounts.append(
            Mount(
                device=fields[2],
                mount_point=_unescape(fields[4]),
                fstype=fields[separator + 1],
                source=_unescape(fields[separator + 2]),
            )
        )
    return mounts


def _unescape(field: str) -> str:
    """The kernel writes a space as ``\\040`` (tab, newline and backslash likewise)."""
    return _ESCAPE.sub(lambda found: chr(int(found[1], 8)), field)


def _is_under(path: PurePath, folder: str) -> bool:
    return path == PurePath(folder) or PurePath(folder) in path.parents


def mount_of(path: PurePath, mounts: Sequence[Mount]) -> Mount | None:
    """The mount holding ``path``: the deepest mount point above it, the last one listed."""
    best: tuple[int, int] | None = None
    for position, mount in enumerate(mounts):
        if _is_under(path, mount.mount_point):
            rank = (len(PurePath(mount.mount_point).parts), position)
            best = rank if best is None or rank > best else best
    return None if best is None else mounts[best[1]]


def is_network_fstype(fstype: str) -> bool:
    """True for NFS, SMB/CIFS, SSHFS and the like."""
    return fstype in NETWORK_FSTYPES or fstype in NETWORK_FUSE or fstype.startswith("smb")


def _removable_device(mount: Mount, sys_root: Path) -> bool:
    """Whether the block device behind ``mount`` is removable or on USB (sysfs)."""
    links = [sys_root / "dev" / "block" / mount.device]
    if mount.source.startswith("/dev/"):  # btrfs shows an anonymous device number
        links.append(sys_root / "class" / "block" / PurePath(mount.source).name)
    for link in links:
        try:
            device = link.resolve(strict=True)
        except OSError:
            continue
        # USB disks and SSDs often say removable=0: their place on the bus says more.
        if any(part.startswith("usb") for part in device.parts):
            return True
        disk = device.parent if (device / "partition").exists() else device
        try:
            return (disk / "removable").read_text(encoding="ascii").strip() == "1"
        except OSError:
            continue
    return False


def linux_medium(path: Path, mountinfo: str, sys_root: Path = Path("/sys")) -> Medium:
    """What holds ``path`` (absolute, links resolved), from ``mountinfo`` and sysfs."""
    mount = mount_of(PurePath(path), parse_mountinfo(mountinfo))
    if mount is None:
        return Medium.LOCAL
    if is_network_fstype(mount.fstype):
        return Medium.NETWORK
    point = PurePath(mount.mount_point)
    if any(_is_under(point, root) and point != PurePath(root) for root in REMOVABLE_ROOTS):
        return Medium.REMOVABLE
    if _removable_device(mount, sys_root):
        return Medium.REMOVABLE
    return Medium.LOCAL


def windows_medium(path: str | PurePath, drive_type: Callable[[str], int]) -> Medium:
    """What holds ``path``: a UNC path is a share; else ``GetDriveTypeW`` of its drive."""
    drive = PureWindowsPath(path).drive
    if drive.startswith(("\\\\", "//")):
        return Medium.NETWORK
    if not drive:
        return Medium.LOCAL
    kind = drive_type(drive + "\\")
    if kind == DRIVE_REMOTE:
        return Medium.NETWORK
    if kind == DRIVE_REMOVABLE:
        return Medium.REMOVABLE
    return Medium.LOCAL


def _get_drive_type(root: str) -> int:
    if sys.platform == "win32":
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(root))
    return 0  # DRIVE_UNKNOWN


def macos_medium(path: Path, volumes: Path = Path("/Volumes")) -> Medium:
    """A path under ``/Volumes`` is on another volume than the boot one.

    The boot volume's entry there is a link to ``/``: resolving the path has already left it.
    """
    resolved = path.resolve()
    if resolved != volumes.resolve() and _is_under(resolved, str(volumes.resolve())):
        return Medium.EXTERNAL
    return Medium.LOCAL


def medium_of(path: Path) -> Medium:
    """What holds ``path`` on this machine (LOCAL when the system does not say)."""
    absolute = path.resolve()
    if sys.platform == "win32":
        return windows_medium(absolute, _get_drive_type)
    if sys.platform == "darwin":
        return macos_medium(absolute)
    try:
        mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return Medium.LOCAL
    return linux_medium(absolute, mountinfo)


_RISK = {
    Medium.NETWORK: N_(
        "La base {path} est sur un partage réseau\u00a0: si la connexion se coupe pendant un "
        "enregistrement, des saisies peuvent être perdues ou la base abîmée."
    ),
    Medium.REMOVABLE: N_(
        "La base {path} est sur un disque amovible (clé USB, disque externe)\u00a0: s'il est "
        "retiré pendant un enregistrement, des saisies peuvent être perdues ou la base abîmée."
    ),
    Medium.EXTERNAL: N_(
        "La base {path} est sur un volume externe (clé USB, disque externe ou partage "
        "réseau)\u00a0: s'il est retiré ou déconnecté pendant un enregistrement, des saisies "
        "peuvent être perdues ou la base abîmée."
    ),
}


def location_warning(
    db_path: Path,
    local_dir: Path | None = None,
    *,
    detect: Callable[[Path], Medium] = medium_of,
) -> str | None:
    """A French warning when the store is not on this computer's own disk, else None.

    ``local_dir`` (the platform's data folder) is proposed instead when it is local itself.
    """
    medium = detect(db_path)
    if medium is Medium.LOCAL:
        return None
    text = _(_RISK[medium]).format(path=db_path)
    if local_dir is not None and detect(local_dir) is Medium.LOCAL:
        text += " " + _(
            "Gardez-la sur le disque de cet ordinateur, par exemple dans {folder}."
        ).format(folder=local_dir)
    else:
        text += " " + _("Gardez-la sur le disque de cet ordinateur.")
    return text + " " + _("Une clé USB ne sert qu'à transporter des archives.")
