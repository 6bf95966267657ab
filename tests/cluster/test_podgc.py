"""The pod garbage collector: orphaned pods (node gone), terminated pods past
the threshold, terminating pods on out-of-service nodes — every 20 s."""

from __future__ import annotations

from typing import Any

from cluster.controllers.manager import ControllerManager
from cluster.controllers.podgc import (
    GC_CHECK_PERIOD,
    QUARANTINE_TIME,
    PodGCController,
)
from cluster.nodes import node_manifest

from .conftest import ControlPlane

Obj = dict[str, Any]


def pod(name: str) -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name},
        "spec": {"containers": [{"name": "app", "image": "nginx"}]},
    }


class World(ControlPlane):
    """A control plane with nodes but no kubelets: pods stay as they are put."""

    def __init__(
        self, nodes: tuple[str, ...] = ("node-1",), threshold: int | None = None
    ) -> None:
        super().__init__()
        for index, name in enumerate(nodes):
            self.api.create(node_manifest({"name": name}, index), actor="test")
        self.manager = ControllerManager(self.api, self.clock, self.stream)
        if threshold is not None:
            gc = self.manager.controllers["pod-garbage-collector-controller"]
            assert isinstance(gc, PodGCController)
            gc.terminated_pod_threshold = threshold
        self.manager.start()
        self.seen: list[tuple[float, str, Obj]] = []
        self.api.watch(
            "pods",
            lambda verb, obj: self.seen.append((self.clock.now, verb, obj)),
            actor="test",
        )

    def bound_pod(self, name: str, node: str, phase: str = "Running") -> None:
        self.api.create(pod(name), actor="test")
        self.api.bind("default", name, node, actor="kube-scheduler")
        current = self.api.get("pods", name)
        current["status"]["phase"] = phase
        self.api.update(current, actor="test", subresource="status")

    def run_until(self, t: float) -> None:
        self.clock.run_until(t)

    def exists(self, name: str) -> bool:
        return any(p["metadata"]["name"] == name for p in self.api.list("pods"))

    def deleted_at(self, name: str) -> float:
        return next(
            t
            for t, verb, obj in self.seen
            if verb == "DELETED" and obj["metadata"]["name"] == name
        )


def test_an_orphaned_pod_waits_out_the_quarantine_then_goes() -> None:
    world = World()
    world.bound_pod("orphan", "node-9")
    world.run_until(QUARANTINE_TIME - 1)
    assert world.exists("orphan")
    world.run_until(QUARANTINE_TIME + 1)
    assert not world.exists("orphan")
    assert world.deleted_at("orphan") == QUARANTINE_TIME  # the third pass


def test_an_orphaned_pod_is_marked_failed_with_a_disruption_target_first() -> None:
    world = World()
    world.bound_pod("orphan", "node-9")
    world.run_until(60)
    final = [
        obj
        for _, verb, obj in world.seen
        if verb == "MODIFIED" and obj["metadata"]["name"] == "orphan"
    ][-1]
    assert final["status"]["phase"] == "Failed"
    condition = final["status"]["conditions"][-1]
    assert {k: condition[k] for k in ("type", "status", "reason", "message")} == {
        "type": "DisruptionTarget",
        "status": "True",
        "reason": "DeletionByPodGC",
        "message": "PodGC: node no longer exists",
    }


def test_pods_on_existing_nodes_are_left_alone() -> None:
    world = World()
    world.bound_pod("web", "node-1")
    world.run_until(300)
    assert world.exists("web")


def test_deleting_a_node_orphans_its_pods() -> None:
    world = World(nodes=("node-1", "node-2"))
    world.bound_pod("web", "node-2")
    world.run_until(5)
    world.api.delete("nodes", "node-2", actor="kubectl")
    world.run_until(200)
    # Seen missing at the pass at 20 s, checked again 40 s later.
    assert world.deleted_at("web") == GC_CHECK_PERIOD + QUARANTINE_TIME


def test_a_node_that_comes_back_saves_its_pods() -> None:
    world = World(nodes=("node-1", "node-2"))
    world.bound_pod("web", "node-2")
    node = world.api.get("nodes", "node-2")
    world.api.delete("nodes", "node-2", actor="kubectl")
    world.run_until(30)
    del node["metadata"]["resourceVersion"]
    world.api.create(node, actor="kubelet/node-2")
    world.run_until(200)
    assert world.exists("web")


def test_terminated_pods_beyond_the_threshold_go_oldest_first() -> None:
    world = World(threshold=1)
    world.bound_pod("old", "node-1", phase="Succeeded")
    world.run_until(1)
    world.bound_pod("new", "node-1", phase="Failed")
    world.run_until(GC_CHECK_PERIOD + 1)
    assert not world.exists("old")
    assert world.exists("new")


def test_terminating_pods_on_an_out_of_service_node_are_force_deleted() -> None:
    world = World()
    node = world.api.get("nodes", "node-1")
    node["spec"]["taints"] = [
        {
            "key": "node.kubernetes.io/out-of-service",
            "value": "nodeshutdown",
            "effect": "NoExecute",
        }
    ]
    world.api.update(node, actor="kubectl")
    node = world.api.get("nodes", "node-1")
    node["status"]["conditions"] = [{"type": "Ready", "status": "Unknown"}]
    world.api.update(node, actor="test", subresource="status")
    world.bound_pod("web", "node-1")
    world.api.delete("pods", "web", "default", actor="kubectl")
    assert world.exists("web")  # graceful: waits for a kubelet that is gone
    world.run_until(GC_CHECK_PERIOD + 1)
    assert not world.exists("web")


def test_the_collector_runs_at_start_and_every_gc_check_period() -> None:
    world = World()
    passes = [t for t, *_ in _list_calls(world, until=3 * GC_CHECK_PERIOD)]
    assert passes == [0.0, GC_CHECK_PERIOD, 2 * GC_CHECK_PERIOD, 3 * GC_CHECK_PERIOD]


def test_the_controller_manager_hosts_and_stops_its_controllers() -> None:
    world = World()
    assert world.manager.running
    assert "pod-garbage-collector-controller" in world.manager.controllers
    world.manager.stop()
    world.bound_pod("orphan", "node-9")
    world.run_until(300)
    assert world.exists("orphan")


def _list_calls(world: World, until: float) -> list[tuple[float, str]]:
    """When the collector listed pods: once per pass."""
    calls: list[tuple[float, str]] = []
    real_list = world.api.list

    def spy(plural: str, *args: Any, **kwargs: Any) -> list[Obj]:
        if plural == "pods":
            calls.append((world.clock.now, plural))
        return real_list(plural, *args, **kwargs)

    world.api.list = spy  # type: ignore[method-assign]
    world.run_until(until)
    return calls
