"""A Service with no ready endpoint rejects requests (the filter table's
REJECT: ``connection refused``); terminating-but-serving endpoints are the
fallback when nothing is ready."""

from __future__ import annotations

import pytest

from cluster.engine import Cluster
from tests.cluster.proxy_helpers import apply, pod, run, service, stats, web_cluster


@pytest.mark.parametrize("mode", ["iptables", "ipvs"])
def test_no_endpoints_is_refused(mode: str) -> None:
    cluster = web_cluster(nodes=())
    if mode == "ipvs":
        run(cluster, "sim proxy-mode ipvs")
    run(cluster, "sim traffic svc/web --rps 5 --from pod/client --for 2s", 3)
    assert stats(cluster) == {"connection refused": 10}
    out = run(cluster, "sim traffic-stats svc/web")
    assert "0 answered, 10 failed" in out
    assert "FAILED     connection refused" in out


def test_endpoints_going_away_mid_run() -> None:
    cluster = web_cluster(nodes=("node-2",))
    run(cluster, "sim traffic svc/web --rps 10 --from pod/client --for 20s", 5)
    run(cluster, "kubectl delete pod web-0 --grace-period=0 --force", 20)
    counts = stats(cluster)
    assert counts["web-0"] >= 40
    assert counts.get("connection refused", 0) >= 100


def test_terminating_endpoints_fallback() -> None:
    """A pod in its preStop hook is not ready but still serving: with no
    ready endpoint left, kube-proxy sends requests to it rather than fail."""
    cluster = Cluster.sandbox()
    web = pod("web-0", "node-2")
    hook = {"preStop": {"exec": {"command": ["sleep", "20"]}}}
    web["spec"]["containers"][0]["lifecycle"] = hook
    apply(cluster, web, pod("client", "node-1", {"app": "client"}), service())
    cluster.advance(30)
    run(cluster, "kubectl delete pod web-0 --wait=false", 2)
    run(cluster, "sim traffic svc/web --rps 5 --from pod/client --for 1s", 1.5)
    assert stats(cluster) == {"web-0": 5}


def test_selector_less_service_has_no_rules_to_reach() -> None:
    cluster = web_cluster(nodes=())
    apply(cluster, service("plain", selector=None))
    cluster.advance(2)
    run(cluster, "sim traffic svc/plain --rps 1 --from pod/client --for 1s", 2)
    assert stats(cluster, "plain") == {"connection refused": 1}
