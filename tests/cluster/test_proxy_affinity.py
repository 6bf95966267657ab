"""sessionAffinity: ClientIP — every request from one client reaches the same
endpoint (iptables ``-m recent`` lists, IPVS persistence) until the timeout
passes; different clients still spread."""

from __future__ import annotations

import pytest

from tests.cluster.proxy_helpers import apply, pod, run, stats, web_cluster

AFFINITY = {"sessionAffinity": "ClientIP",
            "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 60}}}  # fmt: skip


@pytest.mark.parametrize("mode", ["iptables", "ipvs"])
def test_one_client_sticks_to_one_endpoint(mode: str) -> None:
    cluster = web_cluster(seed=5, **AFFINITY)
    if mode == "ipvs":
        run(cluster, "sim proxy-mode ipvs")
    run(cluster, "sim traffic svc/web --rps 10 --from pod/client --for 10s", 11)
    counts = stats(cluster)
    assert list(counts.values()) == [100]


def test_many_clients_spread() -> None:
    cluster = web_cluster(seed=5, **AFFINITY)
    clients = [pod(f"c{i}", "node-1", {"app": "client"}) for i in range(12)]
    apply(cluster, *clients)
    cluster.advance(20)
    for i in range(12):
        run(cluster, f"sim traffic svc/web --rps 2 --from pod/c{i} --for 2s")
    cluster.advance(3)
    assert len(stats(cluster)) > 1


def test_affinity_expires_after_timeout() -> None:
    cluster = web_cluster(seed=5, **AFFINITY)
    proxy = cluster.proxies["node-1"]
    run(cluster, "sim traffic svc/web --rps 1 --from pod/client --for 1s", 2)
    assert any(proxy.recent.values())
    for _ in range(8):  # each time the entry has expired: a fresh choice
        run(cluster, "sim traffic svc/web --rps 1 --from pod/client --for 1s", 70)
    assert len(stats(cluster)) > 1


def test_iptables_save_shows_the_recent_lists() -> None:
    cluster = web_cluster(seed=5, **AFFINITY)
    out = run(cluster, "ssh node-1 iptables-save -t nat")
    assert out.count("--rcheck --seconds 60 --reap --name KUBE-SEP-") == 3
    assert out.count("-m recent --set --name KUBE-SEP-") == 3
