"""Small pieces the runtime and kubelet lean on: Go duration formatting and
host-local IPAM."""

from __future__ import annotations

import pytest

from cluster.node.cni import AddressesExhausted, HostLocalIPAM
from cluster.node.gofmt import go_duration, truncate_ms


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0s"),
        (1.393, "1.393s"),
        (0.83, "830ms"),
        (2, "2s"),
        (10, "10s"),
        (80, "1m20s"),
        (160, "2m40s"),
        (300, "5m0s"),
        (3600, "1h0m0s"),
        (0.0015, "1.5ms"),
        (62.5, "1m2.5s"),
    ],
    ids=[
        "zero",
        "seconds",
        "millis",
        "whole",
        "ten",
        "1m20s",
        "2m40s",
        "5m0s",
        "hour",
        "fraction-ms",
        "minute-fraction",
    ],
)
def test_go_duration_strings(seconds: float, text: str) -> None:
    assert go_duration(seconds) == text


def test_truncate_to_milliseconds() -> None:
    assert truncate_ms(3.78991) == 3.789
    assert go_duration(truncate_ms(0.0008)) == "0s"


def test_host_local_starts_after_the_gateway_and_round_robins() -> None:
    ipam = HostLocalIPAM("10.244.0.0/29")  # hosts .1-.6, .1 is the gateway
    assert [ipam.allocate(str(i)) for i in range(5)] == [
        "10.244.0.2",
        "10.244.0.3",
        "10.244.0.4",
        "10.244.0.5",
        "10.244.0.6",
    ]
    ipam.release("0")
    assert ipam.allocate("again") == "10.244.0.2"
    with pytest.raises(
        AddressesExhausted, match="no IP addresses available in range set"
    ):
        ipam.allocate("one-too-many")
