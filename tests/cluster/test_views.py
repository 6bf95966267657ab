"""The engine's object views: pods carry their containers, Services their
ClusterIP, ports and endpoints, and an EndpointSlice change reports its
Service again; snapshots list the Services."""

from __future__ import annotations

import json
from typing import Any

from cluster.engine import Cluster
from cluster.views import ObjectViews, container_view, service_view

from .proxy_helpers import run, web_cluster

Obj = dict[str, Any]


def objects(events: list[Obj], kind: str) -> list[Obj]:
    return [e for e in events if e["type"] == "object" and e["kind"] == kind]


def record(cluster: Cluster) -> list[Obj]:
    events: list[Obj] = []
    cluster.subscribe(events.append)
    return events


def test_a_running_container_has_no_last_termination() -> None:
    status = {"name": "c", "ready": True, "restartCount": 0,
              "state": {"running": {"startedAt": "2026-01-05T09:00:04Z"}}}  # fmt: skip
    assert container_view(status) == {
        "name": "c", "ready": True, "restarts": 0, "state": "running",
        "reason": None, "message": None, "exitCode": None,
        "lastReason": None, "lastExitCode": None, "lastFinished": None,
    }  # fmt: skip


def test_a_container_without_state_is_waiting() -> None:
    view = container_view({"name": "c", "lastState": {"terminated": {}}})
    assert (view["state"], view["restarts"], view["lastFinished"]) == (
        "waiting",
        0,
        None,
    )


def test_a_service_without_slices_has_no_endpoints() -> None:
    service = {"metadata": {"name": "db", "namespace": "prod", "uid": "u"},
               "spec": {"type": "NodePort", "clusterIP": "10.96.0.9",
                        "ports": [{"port": 5432, "protocol": "TCP"}]}}  # fmt: skip
    assert service_view(service) == {
        "kind": "Service", "namespace": "prod", "name": "db", "uid": "u",
        "type": "NodePort", "clusterIP": "10.96.0.9",
        "ports": ["5432→5432/TCP"], "endpoints": [],
    }  # fmt: skip


def test_pod_events_carry_containers_with_simulated_times() -> None:
    cluster = web_cluster()
    events = record(cluster)
    run(cluster, "sim crash pod/web-0", 3)
    views = [e["view"] for e in objects(events, "Pod") if e["name"] == "web-0"]
    crashed = next(v for v in views if v["containers"][0]["lastReason"])
    (container,) = crashed["containers"]
    assert container["name"] == "c"
    assert container["lastExitCode"] is not None
    finished = container["lastFinished"]
    assert isinstance(finished, float) and 30 <= finished <= cluster.now
    assert json.loads(json.dumps(crashed)) == crashed


def test_a_slice_change_reports_its_service_with_endpoints() -> None:
    cluster = web_cluster()
    events = record(cluster)
    run(cluster, "kubectl delete pod web-2 --wait=false", 5)
    services = objects(events, "Service")
    assert services and all(e["verb"] == "MODIFIED" for e in services)
    last = services[-1]
    assert (last["namespace"], last["name"]) == ("default", "web")
    assert last["view"]["uid"] == last["uid"]
    assert sorted(e["pod"] for e in last["view"]["endpoints"]) == ["web-0", "web-1"]
    assert {"ip", "pod", "node", "ready"} <= set(last["view"]["endpoints"][0])


def test_the_snapshot_lists_services_and_detailed_pods() -> None:
    cluster = web_cluster()
    snapshot = cluster.snapshot()
    names = {s["name"] for s in snapshot["services"]}
    assert {"kubernetes", "web"} <= names
    web = next(s for s in snapshot["services"] if s["name"] == "web")
    assert web["clusterIP"] and len(web["endpoints"]) == 3
    assert all(e["ready"] for e in web["endpoints"])
    assert all(p["containers"] for p in snapshot["pods"])
    assert json.loads(json.dumps(snapshot)) == snapshot


def test_object_views_read_a_stored_pod() -> None:
    cluster = web_cluster()
    views = ObjectViews(cluster.store, cluster.clock.epoch)
    pod = cluster.api.get("pods", "web-0", "default")
    assert views.of(pod)["containers"][0]["state"] == "running"


def test_a_service_view_leaves_kube_proxys_rules_to_kube_proxy() -> None:
    cluster = web_cluster()
    web = next(s for s in cluster.snapshot()["services"] if s["name"] == "web")
    assert "proxy" not in web and "proxyNode" not in web
