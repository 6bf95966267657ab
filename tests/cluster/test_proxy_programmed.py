"""kube-proxy reports what it programmed: after each sync the kube-proxy of
the node the diagram shows emits a ``proxyrules`` event with the blocks of the
Services that changed, and the snapshot carries the latest ones."""

from __future__ import annotations

import json
from typing import Any

from cluster.engine import Cluster
from cluster.proxy.programmed import shown_node

from .proxy_helpers import run, web_cluster

Obj = dict[str, Any]


def record(cluster: Cluster) -> list[Obj]:
    events: list[Obj] = []
    cluster.subscribe(events.append)
    return events


def rules(events: list[Obj]) -> list[Obj]:
    return [e for e in events if e["type"] == "proxyrules"]


def web_uid(cluster: Cluster) -> str:
    return str(cluster.api.get("services", "web", "default")["metadata"]["uid"])


def node(name: str, control_plane: bool = False) -> Obj:
    labels = {"node-role.kubernetes.io/control-plane": ""} if control_plane else {}
    return {"metadata": {"name": name, "labels": labels}}


def test_the_shown_node_is_the_first_worker_by_name() -> None:
    nodes = [node("cp-1", True), node("node-2"), node("node-1")]
    assert shown_node(nodes) == "node-1"
    assert shown_node([node("cp-1", True)]) == "cp-1"
    assert shown_node([]) == ""


def test_the_snapshot_carries_the_probability_ladder() -> None:
    cluster = web_cluster()
    snapshot = cluster.snapshot()
    proxy = snapshot["proxy"]
    assert (proxy["node"], proxy["mode"], proxy["scheduler"]) == (
        "node-1", "iptables", None,
    )  # fmt: skip
    (port,) = proxy["services"][web_uid(cluster)]
    assert port["mode"] == "iptables" and port["port"] == "default/web"
    assert port["chain"].startswith("KUBE-SVC-") and len(port["chain"]) == 25
    web = next(s for s in snapshot["services"] if s["name"] == "web")
    ips = sorted(f"{e['ip']}:80" for e in web["endpoints"])
    assert sorted(e["address"] for e in port["endpoints"]) == ips
    odds = [e["probability"] for e in port["endpoints"]]
    assert odds == ["0.3333333333", "0.5000000000", None]
    assert json.loads(json.dumps(snapshot)) == snapshot


def test_only_the_shown_kube_proxy_reports_and_only_what_changed() -> None:
    cluster = web_cluster()
    events = record(cluster)
    run(cluster, "kubectl delete pod web-2 --wait=false", 5)
    found = rules(events)
    assert found and {e["node"] for e in found} == {"node-1"}
    assert all(set(e["services"]) == {web_uid(cluster)} for e in found)
    (port,) = found[-1]["services"][web_uid(cluster)]
    assert [e["probability"] for e in port["endpoints"]] == ["0.5000000000", None]
    assert json.loads(json.dumps(found)) == found


def test_in_ipvs_mode_it_names_the_scheduler_and_real_servers() -> None:
    cluster = web_cluster()
    events = record(cluster)
    run(cluster, "sim proxy-mode ipvs --scheduler lc", 1)
    (switched,) = rules(events)
    assert (switched["mode"], switched["scheduler"]) == ("ipvs", "lc")
    kube = cluster.api.get("services", "kubernetes", "default")["metadata"]["uid"]
    assert {kube, web_uid(cluster)} <= set(switched["services"])
    (port,) = switched["services"][web_uid(cluster)]
    assert (port["mode"], port["scheduler"], port["chain"]) == ("ipvs", "lc", None)
    assert port["virtual"].endswith(":80") and len(port["endpoints"]) == 3
    assert all(e["weight"] == 1 for e in port["endpoints"])
    assert cluster.snapshot()["proxy"]["mode"] == "ipvs"


def test_a_deleted_service_is_reported_gone() -> None:
    cluster = web_cluster()
    uid = web_uid(cluster)
    events = record(cluster)
    run(cluster, "kubectl delete service web", 2)
    assert rules(events)[-1]["services"] == {uid: None}
    assert uid not in cluster.snapshot()["proxy"]["services"]


def test_a_restarted_kube_proxy_keeps_reporting() -> None:
    cluster = web_cluster()
    run(cluster, "sim node-down node-1", 1)
    run(cluster, "sim node-up node-1", 2)
    assert cluster.proxies["node-1"].reports
    events = record(cluster)
    run(cluster, "kubectl delete pod web-2 --wait=false", 5)
    assert rules(events) and rules(events)[-1]["node"] == "node-1"
