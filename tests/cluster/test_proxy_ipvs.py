"""IPVS mode (deprecated in v1.35): ``sim proxy-mode`` restarts every
kube-proxy, which warns; ``ipvsadm -Ln`` shows the virtual servers in
ipvsadm's layout; lc and sh schedule as the kernel does."""

from __future__ import annotations

from cluster.proxy import ipvs
from tests.cluster.proxy_helpers import run, stats, web_cluster

DEPRECATION = (
    "The ipvs proxier is now deprecated and may be removed in a future release. "
    "Please use 'nftables' instead."
)


def test_switch_warns_and_records_an_event() -> None:
    cluster = web_cluster()
    out = run(cluster, "sim proxy-mode ipvs --scheduler lc")
    assert out.endswith(f"Warning: {DEPRECATION}")
    assert {p.mode for p in cluster.proxies.values()} == {"ipvs"}
    assert {p.scheduler for p in cluster.proxies.values()} == {"lc"}
    events = cluster.api.list("events", "default")
    reasons = [e for e in events if e.get("reason") == "IPVSDeprecation"]
    assert len(reasons) == len(cluster.proxies)
    assert reasons[0]["type"] == "Warning" and reasons[0]["message"] == DEPRECATION


def test_ipvsadm_layout() -> None:
    cluster = web_cluster(type="NodePort")
    run(cluster, "sim proxy-mode ipvs", 2)
    lines = run(cluster, "ssh node-1 ipvsadm -Ln").splitlines()
    assert lines[:3] == [
        "IP Virtual Server version 1.2.1 (size=4096)",
        "Prot LocalAddress:Port Scheduler Flags",
        "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn",
    ]
    assert "TCP  10.96.0.1:443 rr" in lines
    assert "  -> 192.168.49.2:6443            Masq    1      0          0         " in (
        lines
    )
    node_port = [line for line in lines if line.startswith("TCP  192.168.49.3:")]
    assert len(node_port) == 1


def test_iptables_rules_for_services_go_in_ipvs_mode() -> None:
    cluster = web_cluster()
    run(cluster, "sim proxy-mode ipvs", 2)
    assert "KUBE-SVC-" not in run(cluster, "ssh node-1 iptables-save")
    run(cluster, "sim proxy-mode iptables", 2)
    assert "KUBE-SVC-" in run(cluster, "ssh node-1 iptables-save")
    assert run(cluster, "ssh node-1 ipvsadm -Ln").count("\n") == 2


def test_least_connection_spreads_concurrent_requests() -> None:
    cluster = web_cluster(seed=3)
    run(cluster, "sim proxy-mode ipvs --scheduler lc")
    run(cluster, "sim traffic svc/web --rps 30 --from pod/client --for 1s", 2)
    assert stats(cluster) == {"web-0": 10, "web-1": 10, "web-2": 10}


def test_source_hashing_keeps_a_client_on_one_server() -> None:
    cluster = web_cluster(seed=3)
    run(cluster, "sim proxy-mode ipvs --scheduler sh")
    run(cluster, "sim traffic svc/web --rps 10 --from pod/client --for 3s", 4)
    assert list(stats(cluster).values()) == [30]
    assert ipvs.source_hash("10.244.1.3") == ipvs.source_hash("10.244.1.3")


def test_mode_survives_a_node_restart() -> None:
    cluster = web_cluster()
    run(cluster, "sim proxy-mode ipvs", 1)
    run(cluster, "sim node-down node-2", 1)
    run(cluster, "sim node-up node-2", 2)
    assert cluster.proxies["node-2"].mode == "ipvs"
    assert "TCP  10.96.0.1:443 rr" in run(cluster, "ssh node-2 ipvsadm -Ln")


def test_ipvs_mode_iptables_rules_use_ipsets() -> None:
    cluster = web_cluster(type="NodePort")
    run(cluster, "sim proxy-mode ipvs", 1)
    lines = run(cluster, "ssh node-1 iptables-save -t nat").splitlines()
    assert (
        '-A KUBE-SERVICES ! -s 10.244.0.0/16 -m comment --comment "Kubernetes service'
        ' cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP'
        " dst,dst -j KUBE-MARK-MASQ"
    ) in lines
    assert "-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT" in (
        lines
    )
    postrouting = [line for line in lines if line.startswith("-A KUBE-POSTROUTING")]
    assert "KUBE-LOOP-BACK" in postrouting[0]
    assert ":KUBE-NODEPORTS - [0:0]" not in lines
