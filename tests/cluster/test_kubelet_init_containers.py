"""Init containers run one at a time before the app containers; sidecars
(init containers with restartPolicy Always) keep running beside them."""

from __future__ import annotations

from typing import Any

from cluster.kubectl.podstatus import pod_columns

from .test_kubelet_harness import NodeHarness

Obj = dict[str, Any]


def init_pod(inits: list[Obj], policy: str = "Always", name: str = "web") -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name},
        "spec": {
            "restartPolicy": policy,
            "initContainers": inits,
            "containers": [
                {"name": "main", "image": "busybox:1.36", "command": ["sleep", "3600"]}
            ],
        },
    }


def step(name: str, script: str, **extra: Any) -> Obj:
    return {
        "name": name,
        "image": "busybox:1.36",
        "command": ["sh", "-c", script],
        **extra,
    }


def columns(node: NodeHarness, name: str = "web") -> tuple[str, str]:
    pod = node.pod(name)
    assert pod is not None
    cols = pod_columns(pod)
    return f"{cols.ready}/{cols.total}", cols.status


def test_init_containers_run_in_order_then_the_app_starts() -> None:
    node = NodeHarness()
    node.run_pod(init_pod([step("first", "sleep 5"), step("second", "sleep 5")]))
    node.advance(4)
    assert columns(node) == ("0/1", "Init:0/2")
    node.advance(5)
    assert columns(node) == ("0/1", "Init:1/2")
    node.advance(10)
    assert columns(node) == ("1/1", "Running")
    started = [m for _, _, r, m in node.timeline("web") if r == "Started"]
    assert len(started) == 3
    fields = [
        e["involvedObject"]["fieldPath"]
        for e in sorted(node.api.list("events"), key=lambda e: e["metadata"]["name"])
        if e["reason"] == "Started"
    ]
    assert set(fields) == {
        "spec.initContainers{first}",
        "spec.initContainers{second}",
        "spec.containers{main}",
    }


def test_app_containers_wait_with_pod_initializing() -> None:
    node = NodeHarness()
    node.run_pod(init_pod([step("wait", "sleep 600")]))
    node.advance(5)
    pod = node.pod("web")
    assert pod is not None
    main = pod["status"]["containerStatuses"][0]
    assert main["state"] == {"waiting": {"reason": "PodInitializing"}}
    initialized = next(
        c for c in pod["status"]["conditions"] if c["type"] == "Initialized"
    )
    assert (initialized["status"], initialized["reason"], initialized["message"]) == (
        "False",
        "ContainersNotInitialized",
        "containers with incomplete status: [wait]",
    )
    assert pod["status"]["phase"] == "Pending"


def test_a_failing_init_container_is_retried_with_back_off() -> None:
    node = NodeHarness()
    node.run_pod(init_pod([step("fail", "exit 1")]))
    node.advance(60)
    assert columns(node)[1] in ("Init:Error", "Init:CrashLoopBackOff")
    pod = node.pod("web")
    assert pod is not None
    assert pod["status"]["initContainerStatuses"][0]["restartCount"] >= 2
    assert "BackOff" in node.reasons("web")
    assert not any(m for _, _, r, m in node.timeline("web") if "main" in m)


def test_with_restart_policy_never_a_failed_init_container_fails_the_pod() -> None:
    node = NodeHarness()
    node.run_pod(init_pod([step("fail", "exit 1")], policy="Never"))
    node.advance(30)
    pod = node.pod("web")
    assert pod is not None
    assert pod["status"]["phase"] == "Failed"
    assert columns(node) == ("0/1", "Init:Error")
    assert pod["status"]["initContainerStatuses"][0]["restartCount"] == 0


def test_a_sidecar_starts_before_the_app_and_counts_in_ready() -> None:
    node = NodeHarness()
    sidecar = step("log-shipper", "sleep 3600", restartPolicy="Always")
    node.run_pod(init_pod([sidecar]))
    node.advance(10)
    assert columns(node) == ("2/2", "Running")
    pod = node.pod("web")
    assert pod is not None
    status = pod["status"]["initContainerStatuses"][0]
    assert (status["ready"], status["started"]) == (True, True)


def test_a_crashing_sidecar_is_restarted_while_the_app_runs() -> None:
    node = NodeHarness()
    sidecar = step("flaky", "sleep 2; exit 1", restartPolicy="Always")
    node.run_pod(init_pod([sidecar]))
    node.advance(60)
    pod = node.pod("web")
    assert pod is not None
    assert pod["status"]["phase"] == "Running"
    assert pod["status"]["initContainerStatuses"][0]["restartCount"] >= 2
    assert pod["status"]["containerStatuses"][0]["restartCount"] == 0
    assert pod_columns(pod).restarts >= 2  # sidecar restarts count
