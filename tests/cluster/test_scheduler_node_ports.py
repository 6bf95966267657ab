"""NodePorts, case by case (``nodeports/node_ports_test.go``, TestNodePorts,
and ``framework/types_test.go``' HostPortInfo cases)."""

from __future__ import annotations

from typing import Any

import pytest

from cluster.scheduler.framework.hostports import HostPortInfo, host_ports, sanitize

from .builders import container, make_node, make_pod
from .plugin_harness import filter_all

Obj = dict[str, Any]
TAKEN = "node(s) didn't have free ports for the requested pod ports"


def port(spec: str) -> Obj:
    """'PROTO/IP/PORT' as the Go tests write it."""
    proto, ip, number = spec.split("/")
    return {
        "containerPort": int(number),
        "hostPort": int(number),
        "protocol": proto,
        **({"hostIP": ip} if ip else {}),
    }


def pod_with(*ports: str, name: str = "web", node: str | None = None) -> Obj:
    return make_pod(
        name,
        node_name=node,
        containers=[container("app", ports=[port(p) for p in ports])],
    )


@pytest.mark.parametrize(
    ("wanted", "existing", "fits"),
    [
        ((), (), True),
        (("UDP/127.0.0.1/8080",), ("UDP/127.0.0.1/9090",), True),
        (("UDP/127.0.0.1/8080",), ("UDP/127.0.0.1/8080",), False),
        (("TCP/127.0.0.1/8080",), ("TCP/127.0.0.1/8080",), False),
        (("TCP/127.0.0.1/8001",), ("UDP/127.0.0.1/8001",), True),
        (("TCP/127.0.0.1/8001",), ("TCP/0.0.0.0/8001",), False),
        (("TCP/0.0.0.0/8001",), ("TCP/127.0.0.1/8001",), False),
        (("TCP/127.0.0.1/8001",), ("TCP/127.0.0.2/8001",), True),
        (("UDP/127.0.0.1/8001", "TCP/127.0.0.1/8002"), ("UDP/127.0.0.1/8001",), False),
        (("TCP//8001",), ("TCP/0.0.0.0/8001",), False),
        (("TCP/0.0.0.0/8001", "UDP/0.0.0.0/8001"), ("UDP/127.0.0.1/8001",), False),
    ],
    ids=[
        "nothing-running",
        "other-port",
        "same-udp-port",
        "same-tcp-port",
        "same-port-other-protocol",
        "wants-ip-held-on-all",
        "wants-all-held-on-ip",
        "different-ips",
        "second-port-free-first-taken",
        "empty-ip-means-all",
        "all-ips-both-protocols",
    ],
)
def test_filter(wanted: tuple[str, ...], existing: tuple[str, ...], fits: bool) -> None:
    pods = (pod_with(*existing, name="old", node="node-1"),) if existing else ()
    result = filter_all("NodePorts", pod_with(*wanted), [make_node()], pods)
    expected = "skip" if not wanted else None if fits else TAKEN
    assert result == {"node-1": expected}


def test_sidecar_ports_count_plain_init_container_ports_do_not() -> None:
    spec = {
        "initContainers": [
            container("init", ports=[port("TCP//81")]),
            container("side", restart_policy="Always", ports=[port("TCP//82")]),
        ],
        "containers": [container("app", ports=[port("TCP//83")])],
    }
    assert [p[2] for p in host_ports(spec)] == [82, 83]


def test_host_port_info_sanitizes_and_forgets() -> None:
    info = HostPortInfo()
    info.add((sanitize("", "", 80), sanitize("not-an-ip", "UDP", 53)))
    assert info.conflicts("127.0.0.1", "TCP", 80)
    assert info.conflicts("0.0.0.0", "UDP", 53)
    info.add((sanitize("", "", 80),), -1)
    assert not info.conflicts("127.0.0.1", "TCP", 80)
