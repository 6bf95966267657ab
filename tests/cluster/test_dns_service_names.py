"""Cluster DNS names for Services: ``web``, ``web.default``,
``web.default.svc`` and ``web.default.svc.cluster.local`` resolve to the
ClusterIP; a headless Service's name to its ready pods' IPs."""

from __future__ import annotations

import pytest

from cluster.node import dns
from tests.cluster.proxy_helpers import apply, run, web_cluster


@pytest.mark.parametrize(
    ("name", "namespace", "found"),
    [
        ("web", "default", True),
        ("web.default", "kube-system", True),
        ("web.default.svc", "kube-system", True),
        ("web.default.svc.cluster.local", "kube-system", True),
        ("web.default.svc.cluster.local.", "kube-system", True),
        ("web", "kube-system", False),
        ("web.other", "default", False),
        ("nope.default.svc.cluster.local", "default", False),
    ],
    ids=["short", "ns", "svc", "fqdn", "fqdn-dot", "other-ns-search", "wrong-ns",
         "unknown"],
)  # fmt: skip
def test_cluster_ip_names(name: str, namespace: str, found: bool) -> None:
    cluster = web_cluster()
    ip = cluster.api.get("services", "web", "default")["spec"]["clusterIP"]
    get = lambda n, ns: cluster.api.get("services", n, ns)  # noqa: E731
    assert dns.addresses(name, namespace, get) == ([ip] if found else [])


def test_headless_resolves_to_ready_pod_ips() -> None:
    cluster = web_cluster(clusterIP="None")
    get = lambda n, ns: cluster.api.get("services", n, ns)  # noqa: E731
    pods = [cluster.api.get("pods", f"web-{i}", "default") for i in range(3)]
    ips = sorted(p["status"]["podIP"] for p in pods)
    lister = dns.slice_lister(cluster.api)
    assert dns.addresses("web.default.svc.cluster.local", "default", get, lister) == ips


def test_nslookup_from_a_pod() -> None:
    cluster = web_cluster()
    box = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "box"},
           "spec": {"containers": [{"name": "b", "image": "busybox:1.28",
                                    "command": ["sleep", "3600"]}]}}  # fmt: skip
    apply(cluster, box)
    cluster.advance(20)
    ip = cluster.api.get("services", "web", "default")["spec"]["clusterIP"]
    out = run(cluster, "kubectl exec box -- nslookup web.default.svc.cluster.local")
    assert f"Address 1: {ip} web.default.svc.cluster.local" in out
