"""Graceful deletion: the kubelet stops the containers (quickly if the image
handles its stop signal, at the grace deadline otherwise), reports the final
status, frees the pod IP and deletes the pod with grace period 0."""

from __future__ import annotations

from typing import Any

from cluster.node.kuberuntime import MINIMUM_GRACE_PERIOD
from cluster.node.pleg import RELIST_PERIOD

from .test_kubelet_harness import NodeHarness, pod_manifest

Obj = dict[str, Any]


def last_status(node: NodeHarness, name: str) -> Obj:
    """The pod's final stored status, from the kubelet's last write."""
    writes = [
        e
        for e in node.events
        if e["type"] == "object" and e["kind"] == "Pod" and e["name"] == name
    ]
    return writes[-1]["view"]


def deleted_at(node: NodeHarness, name: str) -> float:
    return next(
        e["time"]
        for e in node.events
        if e["type"] == "object"
        and e["kind"] == "Pod"
        and e["name"] == name
        and e["verb"] == "DELETED"
    )


def running_node(manifest: Obj) -> NodeHarness:
    node = NodeHarness()
    node.run_pod(manifest)
    node.advance(30)
    return node


def test_nginx_stops_at_once_and_the_pod_is_removed() -> None:
    node = running_node(pod_manifest(image="nginx"))
    node.api.delete("pods", "web", "default", actor="kubectl")
    asked = node.clock.now
    node.advance(5)
    assert node.pod("web") is None
    assert node.timeline("web")[-1][1:] == (
        "Normal",
        "Killing",
        "Stopping container app",
    )
    assert deleted_at(node, "web") - asked < 1
    assert last_status(node, "web")["phase"] == "Succeeded"


def test_final_status_reports_the_terminated_container() -> None:
    node = running_node(pod_manifest(image="nginx"))
    seen: list[Obj] = []
    node.api.watch("pods", lambda verb, pod: seen.append(pod), actor="test")
    node.api.delete("pods", "web", "default", actor="kubectl")
    node.advance(5)
    final = seen[-1]["status"]
    terminated = final["containerStatuses"][0]["state"]["terminated"]
    assert (terminated["exitCode"], terminated["reason"]) == (0, "Completed")
    assert final["phase"] == "Succeeded"
    ready = next(c for c in final["conditions"] if c["type"] == "Ready")
    assert (ready["status"], ready["reason"]) == ("False", "PodCompleted")


def test_a_shell_ignores_sigterm_and_is_killed_at_the_grace_deadline() -> None:
    node = running_node(
        pod_manifest(
            image="busybox:1.36",
            command=["sleep", "3600"],
            terminationGracePeriodSeconds=5,
        )
    )
    node.api.delete("pods", "web", "default", actor="kubectl")
    asked = node.clock.now
    node.advance(4.9)
    assert node.pod("web") is not None
    node.advance(1)
    assert node.pod("web") is None
    assert 5 <= deleted_at(node, "web") - asked < 5.5
    assert last_status(node, "web")["phase"] == "Failed"


def test_default_grace_is_thirty_seconds() -> None:
    node = running_node(pod_manifest(image="busybox:1.36", command=["sleep", "3600"]))
    node.api.delete("pods", "web", "default", actor="kubectl")
    asked = node.clock.now
    node.advance(60)
    assert 30 <= deleted_at(node, "web") - asked < 30.5


def test_grace_below_two_seconds_still_gets_the_minimum() -> None:
    node = running_node(pod_manifest(image="busybox:1.36", command=["sleep", "3600"]))
    node.api.delete("pods", "web", "default", actor="kubectl", grace_period_seconds=1)
    asked = node.clock.now
    node.advance(10)
    assert MINIMUM_GRACE_PERIOD <= deleted_at(node, "web") - asked < 2.5


def test_the_pod_ip_and_runtime_state_are_released() -> None:
    node = running_node(pod_manifest(image="nginx"))
    runtime = node.kubelets["node-1"].runtime
    assert runtime.ipam is not None and runtime.ipam.allocated
    node.api.delete("pods", "web", "default", actor="kubectl")
    node.advance(5)
    assert runtime.ipam.allocated == {}
    assert runtime.sandboxes == {} and runtime.containers == {}


def test_deleting_during_an_image_pull_cancels_it() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest(image="perl:5.34.0"))
    node.advance(3)
    node.api.delete("pods", "web", "default", actor="kubectl")
    node.advance(RELIST_PERIOD + 0.5)  # the kill waits for a fresh pod cache
    assert node.pod("web") is None
    assert [reason for _, _, reason, _ in node.timeline("web")] == [
        "Pulling",
        "Failed",
        "Failed",
    ]
    message = node.timeline("web")[1][3]
    assert message.startswith(
        'Failed to pull image "perl:5.34.0": rpc error: code = Canceled desc = '
        'failed to pull and unpack image "docker.io/library/perl:5.34.0": '
    )
    assert message.endswith(": context canceled")
    assert node.kubelets["node-1"].runtime.image_status("perl:5.34.0") is None


def test_a_pod_deleted_before_it_started_ends_with_container_status_unknown() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest(image="perl:5.34.0"))
    node.advance(3)
    seen: list[Obj] = []
    node.api.watch("pods", lambda verb, pod: seen.append(pod), actor="test")
    node.api.delete("pods", "web", "default", actor="kubectl")
    node.advance(30)
    final = seen[-1]["status"]
    assert final["phase"] == "Failed"
    assert final["containerStatuses"][0]["state"]["terminated"] == {
        "exitCode": 137,
        "reason": "ContainerStatusUnknown",
        "message": "The container could not be located when the pod was terminated",
    }
    assert "Created" not in node.reasons("web")


def test_a_force_deleted_pod_still_has_its_containers_stopped() -> None:
    node = running_node(pod_manifest(image="nginx"))
    node.api.delete("pods", "web", "default", actor="kubectl")
    node.api.delete("pods", "web", "default", actor="kubectl", grace_period_seconds=0)
    node.advance(5)
    runtime = node.kubelets["node-1"].runtime
    assert runtime.containers == {} and runtime.sandboxes == {}
