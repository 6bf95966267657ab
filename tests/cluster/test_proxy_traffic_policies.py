"""internalTrafficPolicy and externalTrafficPolicy ``Local``: requests go
only to endpoints on the node they enter, and are dropped (time out) where
there are none; with ``Cluster`` they cross nodes."""

from __future__ import annotations

import pytest

from tests.cluster.proxy_helpers import run, stats, web_cluster

NODES = ("node-1", "node-2", "node-2")


@pytest.mark.parametrize(
    ("spec", "source", "expected"),
    [
        ({"internalTrafficPolicy": "Local"}, "pod/client", {"web-0": 60}),
        (
            {"type": "NodePort", "externalTrafficPolicy": "Local"},
            "node/node-2",
            {"web-1": 30, "web-2": 30},
        ),
        (
            {"type": "NodePort", "externalTrafficPolicy": "Local"},
            "node/node-3",
            {"connection timed out": 60},
        ),
        (
            {"internalTrafficPolicy": "Local"},
            "node/node-3",
            {"connection timed out": 60},
        ),
    ],
    ids=["internal-local", "external-local", "external-local-none", "internal-none"],
)
@pytest.mark.parametrize("mode", ["iptables", "ipvs"])
def test_local_policies(spec: dict, source: str, expected: dict, mode: str) -> None:
    cluster = web_cluster(nodes=NODES, seed=4, **spec)
    if mode == "ipvs":
        run(cluster, "sim proxy-mode ipvs")
    run(cluster, f"sim traffic svc/web --rps 20 --from {source} --for 3s", 4)
    counts = stats(cluster)
    if mode == "ipvs" and "connection timed out" in expected:
        expected = {"connection refused": 60}  # an empty virtual server refuses
    if mode == "iptables" and len(expected) == 2:
        assert set(counts) == set(expected) and sum(counts.values()) == 60
    else:
        assert counts == expected


def test_cluster_policy_crosses_nodes() -> None:
    cluster = web_cluster(nodes=NODES, seed=4)
    events: list[dict] = []
    cluster.subscribe(lambda e: events.append(e) if e["type"] == "traffic" else None)
    run(cluster, "sim traffic svc/web --rps 20 --from pod/client --for 3s", 4)
    hops = {(e["node"], e["target_node"]) for e in events}
    assert ("node-1", "node-2") in hops and ("node-1", "node-1") in hops
    first = events[0]
    assert first["source"] == {"pod": "client"}
    assert first["via"] == "kube-proxy/node-1" and first["mode"] == "iptables"
    assert first["service"] == "default/web" and first["ok"] is True


def test_node_port_from_a_node_with_cluster_policy() -> None:
    cluster = web_cluster(nodes=NODES, seed=4, type="NodePort")
    run(cluster, "sim traffic svc/web --rps 20 --from node/node-3 --for 3s", 4)
    assert sum(stats(cluster).values()) == 60
    assert "connection timed out" not in stats(cluster)
