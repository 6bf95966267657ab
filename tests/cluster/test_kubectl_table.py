"""kubectl get tables on hand-built objects (printers.go and tableprinter.go)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from cluster.api import resources
from cluster.kubectl.printers.table import TableOptions, render
from cluster.kubectl.tabwriter import TABLE, layout

NOW = datetime(2026, 1, 5, 10, 0, 0, tzinfo=UTC)
Obj = dict[str, Any]


def pod(name: str, created: str = "2026-01-05T09:55:00Z", **status: Any) -> Obj:
    return {
        "metadata": {
            "name": name,
            "namespace": "default",
            "creationTimestamp": created,
            "labels": {"app": name},
        },
        "spec": {"containers": [{"name": "c"}], "nodeName": status.pop("node", "")},
        "status": {"phase": "Running", **status},
    }


def running(restarts: int = 0, finished: str | None = None) -> list[Obj]:
    status: Obj = {
        "name": "c",
        "ready": True,
        "restartCount": restarts,
        "state": {"running": {}},
    }
    if finished:
        status["lastState"] = {"terminated": {"finishedAt": finished}}
    return [status]


def table(kind: str, objs: list[Obj], **options: Any) -> str:
    rt = resources.lookup(kind)
    return layout(render(rt, objs, TableOptions(**options), NOW), *TABLE)


def test_pods() -> None:
    pods = [
        pod("web", containerStatuses=running()),
        pod(
            "crashy",
            created="2026-01-04T08:00:00Z",
            containerStatuses=running(3, "2026-01-05T09:59:15Z"),
        ),
        pod("pending", phase="Pending"),
    ]
    assert table("pods", pods) == (
        "NAME      READY   STATUS    RESTARTS      AGE\n"
        "web       1/1     Running   0             5m\n"
        "crashy    1/1     Running   3 (45s ago)   26h\n"
        "pending   0/1     Pending   0             5m\n"
    )


def test_pods_wide_and_all_namespaces() -> None:
    pods = [
        pod(
            "web",
            node="node-1",
            podIPs=[{"ip": "10.244.1.2"}],
            containerStatuses=running(),
        )
    ]
    assert table("pods", pods, wide=True, with_namespace=True) == (
        "NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE   IP           NODE     "
        "NOMINATED NODE   READINESS GATES\n"
        "default     web    1/1     Running   0          5m    10.244.1.2   node-1   "
        "<none>           <none>\n"
    )


def test_show_labels_and_kind_prefix() -> None:
    assert table("pods", [pod("web")], show_labels=True, with_kind=True) == (
        "NAME      READY   STATUS    RESTARTS   AGE   LABELS\n"
        "pod/web   0/1     Running   0          5m    app=web\n"
    )


def test_nodes() -> None:
    nodes = [
        {
            "metadata": {
                "name": "cp-1",
                "creationTimestamp": "2026-01-05T09:00:00Z",
                "labels": {"node-role.kubernetes.io/control-plane": ""},
            },
            "spec": {"unschedulable": True},
            "status": {
                "conditions": [{"type": "Ready", "status": "Unknown"}],
                "nodeInfo": {"kubeletVersion": "v1.35.0"},
            },
        }
    ]
    assert table("nodes", nodes) == (
        "NAME   STATUS                        ROLES           AGE   VERSION\n"
        "cp-1   NotReady,SchedulingDisabled   control-plane   60m   v1.35.0\n"
    )


def test_events() -> None:
    event = {
        "metadata": {"name": "web.1", "namespace": "default"},
        "involvedObject": {"kind": "Pod", "name": "web"},
        "type": "Warning",
        "reason": "BackOff",
        "count": 4,
        "message": "Back-off restarting failed container\n",
        "firstTimestamp": "2026-01-05T09:50:00Z",
        "lastTimestamp": "2026-01-05T09:59:30Z",
        "source": {"component": "kubelet", "host": "node-1"},
    }
    assert table("events", [event]) == (
        "LAST SEEN   TYPE      REASON    OBJECT    MESSAGE\n"
        "30s         Warning   BackOff   pod/web   Back-off restarting failed "
        "container\n"
    )
    assert table("events", [event], wide=True).splitlines()[1].split() == [
        "30s",
        "Warning",
        "BackOff",
        "pod/web",
        "kubelet,",
        "node-1",
        "Back-off",
        "restarting",
        "failed",
        "container",
        "10m",
        "4",
        "web.1",
    ]


def test_no_rows_no_header() -> None:
    assert table("namespaces", []) == ""
