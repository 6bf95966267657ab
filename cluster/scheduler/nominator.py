"""The pod nominator (``backend/queue``'s nominator): which pending pods are
nominated to which node, so others respect the room preemption made.

A pod is nominated when preemption picks a node for it, or when it arrives
with ``status.nominatedNodeName`` set; it stops being nominated when it is
bound, deleted, or nominated elsewhere.
"""

from __future__ import annotations

from cluster.scheduler.framework.types import PodInfo


class Nominator:
    def __init__(self) -> None:
        self._by_node: dict[str, dict[str, PodInfo]] = {}
        self._node_of: dict[str, str] = {}

    def __bool__(self) -> bool:
        return bool(self._node_of)

    def add(self, pod: PodInfo, node_name: str) -> None:
        """AddNominatedPod: ``node_name`` empty means take the pod's own
        status.nominatedNodeName, as the queue does for informer pods."""
        self.delete(pod.key)
        node_name = node_name or pod.status.get("nominatedNodeName") or ""
        if not node_name:
            return
        self._node_of[pod.key] = node_name
        self._by_node.setdefault(node_name, {})[pod.key] = pod

    def delete(self, key: str) -> None:
        node_name = self._node_of.pop(key, None)
        if node_name is None:
            return
        pods = self._by_node[node_name]
        pods.pop(key, None)
        if not pods:
            del self._by_node[node_name]

    def update(self, old_nominated: str, pod: PodInfo) -> None:
        """UpdateNominatedPod: a nomination kept only in memory survives an
        update that leaves the status alone; otherwise the status decides."""
        node_name = pod.status.get("nominatedNodeName") or ""
        if not old_nominated and not node_name:
            node_name = self._node_of.get(pod.key, "")
        if node_name:
            self.add(pod, node_name)
        else:
            self.delete(pod.key)

    def node_of(self, key: str) -> str:
        return self._node_of.get(key, "")

    def pods_for_node(self, node_name: str) -> list[PodInfo]:
        return list(self._by_node.get(node_name, {}).values())

    def has_pods_for(self, node_name: str) -> bool:
        return node_name in self._by_node
