"""Traffic over N endpoints in iptables mode splits evenly: each endpoint's
count is Binomial(n, 1/N). With n=3000 and N=3 the standard deviation is
sqrt(3000 * 1/3 * 2/3) ≈ 25.8 requests, so ±4 sd (±104 requests, ±3.5
points) holds with probability > 0.9999 per endpoint; the seed is fixed, so
the run is the same every time. IPVS rr is exact."""

from __future__ import annotations

import math

import pytest

from tests.cluster.proxy_helpers import run, stats, web_cluster

REQUESTS = 3000


@pytest.mark.parametrize("endpoints", [2, 3, 5], ids=["n2", "n3", "n5"])
def test_iptables_split_is_even_within_binomial_tolerance(endpoints: int) -> None:
    nodes = tuple(f"node-{1 + i % 3}" for i in range(endpoints))
    cluster = web_cluster(nodes=nodes, seed=11)
    run(cluster, "sim traffic svc/web --rps 100 --from pod/client --for 30s", 31)
    counts = stats(cluster)
    assert sum(counts.values()) == REQUESTS
    p = 1 / endpoints
    sd = math.sqrt(REQUESTS * p * (1 - p))
    for name, n in counts.items():
        assert abs(n - REQUESTS * p) <= 4 * sd, (name, n)
        assert abs(n / REQUESTS - p) <= 0.05, (name, n)
    assert len(counts) == endpoints


def test_ipvs_round_robin_is_exact() -> None:
    cluster = web_cluster(seed=11)
    run(cluster, "sim proxy-mode ipvs")
    events: list[dict] = []
    cluster.subscribe(lambda e: events.append(e) if e["type"] == "traffic" else None)
    run(cluster, "sim traffic svc/web --rps 10 --from pod/client --for 30s", 31)
    assert stats(cluster) == {"web-0": 100, "web-1": 100, "web-2": 100}
    order = [e["pod"] for e in events]
    assert order[:6] == ["web-0", "web-1", "web-2", "web-0", "web-1", "web-2"]
    assert all(e["mode"] == "ipvs" for e in events)
