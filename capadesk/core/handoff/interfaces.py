"""The laptop's network interfaces with their IPv4 addresses, and the one to propose.

Standard library only. On Linux each interface's address is asked with the ``SIOCGIFADDR``
ioctl; elsewhere the addresses come from
the host name's lookup, without interface names. Everywhere, a UDP socket « connected » to a
documentation address (no packet is sent) tells which address the default route uses.

The proposal is a private (RFC 1918) address: the venue's Wi-Fi or the laptop's own hotspot
(Windows 192.168.137.1, NetworkManager 10.42.0.1, macOS 192.168.2.1). Loopback is listed last,
for trying the page on the laptop itself.
"""

from __future__ import annotations

import ipaddress
import socket
import struct
import sys
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from capadesk.i18n import _

LOOPBACK = "127.0.0.1"
_PRIVATE = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
# Virtual bridges of containers and virtual machines: private, but no phone is on them.
_VIRTUAL_PREFIXES = ("docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "lxc", "tun", "tap")
_PROBE = ("198.51.100.1", 9)  # TEST-NET-2: routed by the default route, never answered
_SIOCGIFADDR = 0x8915


class Interface(NamedTuple):
    """One IPv4 address of the laptop, on the interface ``name`` (empty when unknown)."""

    name: str
    address: str
    default_route: bool = False

    @property
    def loopback(self) -> bool:
        return ipaddress.ip_address(self.address).is_loopback

    @property
    def private(self) -> bool:
        """True for an RFC 1918 address, the kind a venue's Wi-Fi or a hotspot hands out."""
        ip = ipaddress.ip_address(self.address)
        return any(ip in network for network in _PRIVATE)

    @property
    def virtual(self) -> bool:
        return self.name.startswith(_VIRTUAL_PREFIXES)

    @property
    def label(self) -> str:
        """« wlan0 — 192.168.1.12 (réseau local) », as the interface list shows it."""
        if self.loopback:
            kind = _("cet ordinateur seulement, pour essayer")
        elif self.private and not self.virtual:
            kind = _("réseau local")
        elif self.virtual:
            kind = _("réseau virtuel")
        else:
            kind = _("autre réseau")
        name = f"{self.name} — " if self.name else ""
        return f"{name}{self.address} ({kind})"


def is_private(address: str) -> bool:
    """True for an RFC 1918 IPv4 address."""
    return Interface("", address).private


def list_interfaces() -> list[Interface]:
    """Every IPv4 address of the laptop, the proposed one first and loopback last."""
    default = _default_route_address()
    found: dict[str, Interface] = {}
    for name, address in _addresses():
        found.setdefault(address, Interface(name, address, address == default))
    if default and default not in found:
        found[default] = Interface("", default, True)
    found.setdefault(
        LOOPBACK, Interface("lo" if sys.platform.startswith("linux") else "", LOOPBACK)
    )
    return ordered(found.values())


def ordered(interfaces: Iterable[Interface]) -> list[Interface]:
    """Private addresses first (the default route's, then real before virtual), loopback last."""
    return sorted(
        interfaces,
        key=lambda i: (
            i.loopback,
            not i.private,
            i.virtual,
            not i.default_route,
            ipaddress.ip_address(i.address),
        ),
    )


def proposed(interfaces: Sequence[Interface]) -> Interface | None:
    """The private, non-virtual address to bind; None when the laptop has none (then the
    facilitator should start the laptop's hotspot or join the venue's Wi-Fi)."""
    for interface in ordered(interfaces):
        if interface.private and not interface.virtual and not interface.loopback:
            return interface
    return None


def no_private_address_advice() -> str:
    """What to do when ``proposed`` finds nothing."""
    return _(
        "Cet ordinateur n'a pas d'adresse de réseau local. Les téléphones ne pourront pas "
        "l'atteindre. Démarrez le point d'accès (partage de connexion) de l'ordinateur, ou "
        "connectez-le au Wi-Fi de la salle, puis actualisez la liste."
    )


def _default_route_address() -> str | None:
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(_PROBE)  # UDP: sets the route and source address, sends nothing
        address = probe.getsockname()[0]
    except OSError:  # no route at all: an offline laptop without a hotspot
        return None
    finally:
        probe.close()
    return str(address) if address and address != "0.0.0.0" else None


def _addresses() -> list[tuple[str, str]]:
    if sys.platform.startswith("linux"):
        found = _linux_addresses()
        if found:
            return found
    return _host_addresses()


def _linux_addresses() -> list[tuple[str, str]]:
    import fcntl

    found: list[tuple[str, str]] = []
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        for _index, name in socket.if_nameindex():
            request = struct.pack("256s", name.encode("utf-8")[:15])
            try:
                answer = fcntl.ioctl(probe.fileno(), _SIOCGIFADDR, request)
            except OSError:  # down, or no IPv4 address
                continue
            found.append((name, socket.inet_ntoa(answer[20:24])))
    finally:
        probe.close()
    return found


def _host_addresses() -> list[tuple[str, str]]:
    try:
        _name, _aliases, addresses = socket.gethostbyname_ex(socket.gethostname())
    except OSError:
        return []
    return [("", a) for a in addresses]
