"""A control plane with real kubelets and runtimes, for the node tests.

Pods are bound by hand (``api.bind``), so these tests need no scheduler. The
harness reads what happened from the event stream, as the diagram does:
kubectl's STATUS column over time, and the Events posted about a pod.
"""

from __future__ import annotations

from typing import Any

from cluster.api.errors import StatusError
from cluster.node.kubelet import Kubelet
from cluster.node.runtime import ContainerRuntime
from cluster.nodes import node_manifest

from .conftest import ControlPlane

Obj = dict[str, Any]


def pod_manifest(name: str = "web", image: str = "nginx", **container: Any) -> Obj:
    spec_keys = {"terminationGracePeriodSeconds", "restartPolicy"}
    spec = {k: container.pop(k) for k in list(container) if k in spec_keys}
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name},
        "spec": {"containers": [{"name": "app", "image": image, **container}], **spec},
    }


class NodeHarness(ControlPlane):
    def __init__(self, seed: int = 0, nodes: tuple[str, ...] = ("node-1",)) -> None:
        super().__init__(seed)
        self.kubelets: dict[str, Kubelet] = {}
        for index, name in enumerate(nodes, start=1):
            runtime = ContainerRuntime(self.clock, name)
            kubelet = Kubelet(
                self.api,
                self.clock,
                self.stream,
                node_manifest({"name": name}, index),
                runtime,
            )
            kubelet.start()
            self.kubelets[name] = kubelet
        self.clock.run_until(0)

    def run_pod(self, manifest: Obj, node: str = "node-1") -> Obj:
        created = self.api.create(manifest, actor="kubectl")
        self.api.bind(
            "default", created["metadata"]["name"], node, actor="kube-scheduler"
        )
        return created

    def advance(self, seconds: float) -> None:
        self.clock.run_until(self.clock.now + seconds)

    def pod(self, name: str) -> Obj | None:
        try:
            return self.api.get("pods", name)
        except StatusError:
            return None

    def statuses(self, name: str) -> list[tuple[float, str]]:
        """kubectl's STATUS each time it changed, from the object events."""
        seen: list[tuple[float, str]] = []
        for event in self.events:
            if (
                event["type"] == "object"
                and event["kind"] == "Pod"
                and event["name"] == name
                and event["verb"] != "DELETED"
            ):
                status = event["view"]["status"]
                if not seen or seen[-1][1] != status:
                    seen.append((event["time"], status))
        return seen

    def timeline(self, name: str) -> list[tuple[float, str, str, str]]:
        """(time, type, reason, message) for every Event posted about the pod,
        repeats included."""
        found = []
        for event in self.events:
            if (
                event["type"] == "object"
                and event["kind"] == "Event"
                and event["verb"] in ("ADDED", "MODIFIED")
                and event["view"]["object"] == f"pod/{name}"
            ):
                view = event["view"]
                found.append(
                    (event["time"], view["eventType"], view["reason"], view["message"])
                )
        return found

    def reasons(self, name: str) -> list[str]:
        return [reason for _, _, reason, _ in self.timeline(name)]

    def when(self, name: str, reason: str, nth: int = 0) -> float:
        times = [t for t, _, r, _ in self.timeline(name) if r == reason]
        return times[nth]

    def messages(self, source: str, verb: str) -> list[Obj]:
        return [
            e
            for e in self.events
            if e["type"] == "message" and e["source"] == source and e["verb"] == verb
        ]
