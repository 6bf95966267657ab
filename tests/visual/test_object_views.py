"""What the diagram gets from the engine's views, through the host: pods'
containers, and Services with their endpoints."""

from __future__ import annotations

from cluster.clock import DEFAULT_EPOCH
from cluster.views import pod_view, service_of_slice, service_view
from visual.simhost.journal import Journal
from visual.simhost.player import Player


def test_a_crash_looping_container_keeps_its_reason_message_and_last_exit():
    pod = {
        "kind": "Pod",
        "metadata": {"name": "p", "namespace": "default"},
        "status": {
            "containerStatuses": [
                {
                    "name": "app",
                    "ready": False,
                    "restartCount": 2,
                    "state": {
                        "waiting": {
                            "reason": "CrashLoopBackOff",
                            "message": "back-off 20s restarting failed container=app",
                        }
                    },
                    "lastState": {
                        "terminated": {
                            "reason": "Error",
                            "exitCode": 1,
                            "finishedAt": "2026-01-05T09:00:33Z",
                        }
                    },
                }
            ]
        },
    }
    assert DEFAULT_EPOCH.isoformat() == "2026-01-05T09:00:00+00:00"
    (container,) = pod_view(pod)["containers"]
    assert container == {
        "name": "app",
        "ready": False,
        "restarts": 2,
        "state": "waiting",
        "reason": "CrashLoopBackOff",
        "message": "back-off 20s restarting failed container=app",
        "exitCode": None,
        "lastReason": "Error",
        "lastExitCode": 1,
        "lastFinished": 33.0,
    }


def test_a_service_lists_its_endpoints_from_its_slices():
    service = {
        "metadata": {"name": "web", "namespace": "default", "uid": "u1"},
        "spec": {
            "clusterIP": "10.96.0.10",
            "ports": [{"port": 80, "targetPort": 8080}],
        },
    }
    slice_ = {
        "metadata": {"labels": {"kubernetes.io/service-name": "web"}},
        "endpoints": [
            {
                "addresses": ["10.244.1.2"],
                "conditions": {"ready": False},
                "nodeName": "node-1",
                "targetRef": {"name": "web-a", "uid": "p1"},
            }
        ],
    }
    assert service_of_slice(slice_) == "web"
    view = service_view(service, [slice_])
    assert view["clusterIP"] == "10.96.0.10"
    assert view["ports"] == ["80→8080/TCP"]
    assert view["endpoints"] == [
        {"ip": "10.244.1.2", "pod": "web-a", "uid": "p1", "node": "node-1",
         "ready": False}
    ]  # fmt: skip


def test_snapshots_and_deltas_carry_containers_and_services():
    player = Player(Journal(seed=0), stream="s")
    player.execute("kubectl create deployment web --image=nginx:1.27 --replicas=2")
    delta = player.execute("kubectl expose deployment web --port=80")
    services = [
        e["view"]
        for e in delta["events"]
        if e.get("type") == "object" and e.get("kind") == "Service"
    ]
    assert services and services[-1]["clusterIP"]
    for _ in range(40):
        player.advance(1.0)
    cluster = player.snapshot()["cluster"]
    web = next(s for s in cluster["services"] if s["name"] == "web")
    assert len(web["endpoints"]) == 2
    assert all(p["containers"][0]["name"] == "nginx" for p in cluster["pods"])
