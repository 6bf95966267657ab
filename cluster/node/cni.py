"""The CNI IPAM plugin containerd calls for every pod sandbox: host-local.

host-local hands out addresses from the node's pod CIDR, skipping the network
address, the gateway (``.1``) and the broadcast address, so the first pod on a
node gets ``.2``. It remembers the last address it reserved and continues from
there, wrapping round, so a freed address is not handed out again at once.
"""

from __future__ import annotations

import ipaddress


class AddressesExhausted(Exception):
    """host-local's ``no IP addresses available in range set``."""


class HostLocalIPAM:
    def __init__(self, subnet: str) -> None:
        self.network = ipaddress.ip_network(subnet, strict=False)
        self.gateway = self.network.network_address + 1
        self._last: ipaddress.IPv4Address | ipaddress.IPv6Address | None = None
        self.allocated: dict[str, str] = {}  # ip -> sandbox id

    def allocate(self, sandbox_id: str) -> str:
        for candidate in self._candidates():
            ip = str(candidate)
            if ip not in self.allocated:
                self.allocated[ip] = sandbox_id
                self._last = candidate
                return ip
        raise AddressesExhausted(
            f"no IP addresses available in range set: {self._range_text()}"
        )

    def release(self, sandbox_id: str) -> None:
        for ip, owner in list(self.allocated.items()):
            if owner == sandbox_id:
                del self.allocated[ip]

    def _candidates(self) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        usable = [h for h in self.network.hosts() if h != self.gateway]
        if self._last is None or self._last not in usable:
            return usable
        start = usable.index(self._last) + 1
        return usable[start:] + usable[:start]

    def _range_text(self) -> str:
        # The range starts at the gateway; host-local skips it when allocating.
        hosts = list(self.network.hosts())
        return f"{hosts[0]}-{hosts[-1]}"
