"""kubectl's STATUS/READY/RESTARTS derivation (printers.go printPod, printNode)."""

from __future__ import annotations

from typing import Any

import pytest

from cluster.kubectl.podstatus import (
    last_termination,
    node_roles,
    node_status,
    pod_columns,
    pod_ready,
    pod_restart_count,
    pod_status,
)


def pod(
    phase: str = "Pending",
    containers: list[dict[str, Any]] | None = None,
    inits: list[dict[str, Any]] | None = None,
    init_specs: int = 0,
    deleting: bool = False,
    reason: str | None = None,
    conditions: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    status: dict[str, Any] = {"phase": phase, "conditions": conditions or []}
    if reason:
        status["reason"] = reason
    if containers is not None:
        status["containerStatuses"] = containers
    if inits is not None:
        status["initContainerStatuses"] = inits
    return {
        "metadata": {"name": "p", **({"deletionTimestamp": "x"} if deleting else {})},
        "spec": {
            "containers": [
                {"name": f"c{i}"} for i in range(max(1, len(containers or [])))
            ],
            "initContainers": [{"name": f"i{i}"} for i in range(init_specs)],
        },
        "status": status,
    }


def waiting(reason: str) -> dict[str, Any]:
    return {"state": {"waiting": {"reason": reason}}, "ready": False}


def running(ready: bool = True, restarts: int = 0) -> dict[str, Any]:
    return {"state": {"running": {}}, "ready": ready, "restartCount": restarts}


def terminated(code: int, reason: str = "", signal: int = 0) -> dict[str, Any]:
    state: dict[str, Any] = {"exitCode": code}
    if reason:
        state["reason"] = reason
    if signal:
        state["signal"] = signal
    return {"state": {"terminated": state}, "ready": False}


STATUS_CASES = [
    ("new pod", pod(), "Pending"),
    ("creating", pod(containers=[waiting("ContainerCreating")]), "ContainerCreating"),
    ("running", pod("Running", [running()]), "Running"),
    ("crashloop", pod("Running", [waiting("CrashLoopBackOff")]), "CrashLoopBackOff"),
    ("image pull", pod(containers=[waiting("ImagePullBackOff")]), "ImagePullBackOff"),
    ("completed", pod("Succeeded", [terminated(0, "Completed")]), "Completed"),
    ("oom", pod("Running", [terminated(137, "OOMKilled")]), "OOMKilled"),
    ("exit code", pod("Failed", [terminated(3)]), "ExitCode:3"),
    ("signal", pod("Failed", [terminated(0, signal=9)]), "Signal:9"),
    (
        "last container wins",
        pod("Running", [waiting("CrashLoopBackOff"), running()]),
        "CrashLoopBackOff",
    ),
    (
        "init waiting",
        pod(
            inits=[waiting("PodInitializing")],
            init_specs=2,
            containers=[waiting("PodInitializing")],
        ),
        "Init:0/2",
    ),
    (
        "init second",
        pod(inits=[terminated(0, "Completed"), running(False)], init_specs=2),
        "Init:1/2",
    ),
    (
        "init crash",
        pod(inits=[waiting("CrashLoopBackOff")], init_specs=1),
        "Init:CrashLoopBackOff",
    ),
    ("init error", pod(inits=[terminated(1, "Error")], init_specs=1), "Init:Error"),
    ("terminating", pod("Running", [running()], deleting=True), "Terminating"),
    (
        "node lost",
        pod("Running", [running()], deleting=True, reason="NodeLost"),
        "Unknown",
    ),
    ("evicted", pod("Failed", reason="Evicted"), "Evicted"),
    (
        "completed with a running sidecar-like container",
        pod(
            "Running",
            [running(), terminated(0, "Completed")],
            conditions=[{"type": "Ready", "status": "True"}],
        ),
        "Running",
    ),
    (
        "completed and not ready",
        pod("Running", [running(), terminated(0, "Completed")]),
        "NotReady",
    ),
    (
        "gated",
        pod(conditions=[{"type": "PodScheduled", "reason": "SchedulingGated"}]),
        "SchedulingGated",
    ),
]


@pytest.mark.parametrize(
    ("obj", "expected"), [c[1:] for c in STATUS_CASES], ids=[c[0] for c in STATUS_CASES]
)
def test_pod_status_column(obj: dict[str, Any], expected: str) -> None:
    assert pod_status(obj) == expected


def test_ready_and_restarts() -> None:
    obj = pod("Running", [running(True, 2), running(False, 1)])
    assert pod_ready(obj) == "1/2"
    assert pod_restart_count(obj) == 3


def test_last_termination_is_the_newest_finish() -> None:
    obj = pod(
        "Running",
        [
            {
                **running(),
                "lastState": {"terminated": {"finishedAt": "2026-01-05T09:00:10Z"}},
            },
            {
                **running(),
                "lastState": {"terminated": {"finishedAt": "2026-01-05T09:01:00Z"}},
            },
        ],
    )
    assert last_termination(obj) == "2026-01-05T09:01:00Z"


NODE_CASES = [
    ("ready", [{"type": "Ready", "status": "True"}], False, "Ready"),
    ("not ready", [{"type": "Ready", "status": "False"}], False, "NotReady"),
    (
        "unknown is shown as not ready",
        [{"type": "Ready", "status": "Unknown"}],
        False,
        "NotReady",
    ),
    ("no condition", [], False, "Unknown"),
    (
        "cordoned",
        [{"type": "Ready", "status": "True"}],
        True,
        "Ready,SchedulingDisabled",
    ),
]


@pytest.mark.parametrize(
    ("conditions", "cordoned", "expected"),
    [c[1:] for c in NODE_CASES],
    ids=[c[0] for c in NODE_CASES],
)
def test_node_status_column(
    conditions: list[dict[str, Any]], cordoned: bool, expected: str
) -> None:
    node = {"spec": {"unschedulable": cordoned}, "status": {"conditions": conditions}}
    assert node_status(node) == expected


def test_node_roles_come_from_role_labels() -> None:
    node = {
        "metadata": {
            "labels": {
                "node-role.kubernetes.io/control-plane": "",
                "kubernetes.io/role": "infra",
                "x": "y",
            }
        }
    }
    assert node_roles(node) == ["control-plane", "infra"]
    assert node_roles({"metadata": {}}) == []


def test_restarts_while_initializing_count_every_init_container() -> None:
    init = {
        **waiting("CrashLoopBackOff"),
        "restartCount": 4,
        "name": "i0",
        "lastState": {"terminated": {"finishedAt": "2026-01-05T09:02:00Z"}},
    }
    obj = pod(
        inits=[init],
        init_specs=1,
        containers=[{**waiting("PodInitializing"), "restartCount": 0}],
    )
    columns = pod_columns(obj)
    assert (columns.status, columns.restarts, columns.last_restart) == (
        "Init:CrashLoopBackOff",
        4,
        "2026-01-05T09:02:00Z",
    )


def test_after_initialization_only_sidecars_and_containers_count() -> None:
    done = {**terminated(0, "Completed"), "restartCount": 2, "name": "i0"}
    obj = pod("Running", [running(True, 1)], inits=[done], init_specs=1)
    assert pod_columns(obj).restarts == 1


def test_ready_counts_started_ready_sidecars_but_not_running_unready() -> None:
    obj = pod("Running", [running(True), running(False)])
    obj["spec"]["initContainers"] = [{"name": "proxy", "restartPolicy": "Always"}]
    obj["status"]["initContainerStatuses"] = [
        {"name": "proxy", "started": True, "ready": True, "state": {"running": {}}}
    ]
    assert pod_ready(obj) == "2/3"


def test_terminating_is_not_shown_for_terminal_phases() -> None:
    obj = pod("Succeeded", [terminated(0, "Completed")], deleting=True)
    assert pod_status(obj) == "Completed"
    assert pod_status(pod("Running", [terminated(0, "Completed")], deleting=True)) == (
        "Terminating"
    )
