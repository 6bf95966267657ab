"""The scheduler's cache (``pkg/scheduler/backend/cache``): a NodeInfo per node,
kept current from watch events, plus the pods it assumed on nodes before the
binding came back.

Nodes are listed as kube-scheduler's node tree lists them: round-robin across
zones (``topology.kubernetes.io/region`` + ``zone``), each zone in the order
its nodes arrived, so a partial search still spreads over zones.
"""

from __future__ import annotations

from typing import Any

from cluster.scheduler.framework.types import NodeInfo, PodInfo

Obj = dict[str, Any]


def zone_key(node: Obj) -> str:
    """utilnode.GetZoneKey: region and zone, falling back to the beta labels."""
    labels = node["metadata"].get("labels") or {}
    zone = labels.get("topology.kubernetes.io/zone",
                      labels.get("failure-domain.beta.kubernetes.io/zone", ""))
    region = labels.get("topology.kubernetes.io/region",
                        labels.get("failure-domain.beta.kubernetes.io/region", ""))
    return f"{region}:\x00:{zone}" if region or zone else ""


class NodeTree:
    def __init__(self) -> None:
        self._zones: list[str] = []
        self._tree: dict[str, list[str]] = {}
        self._zone_of: dict[str, str] = {}

    def add(self, name: str, zone: str) -> None:
        if name in self._zone_of:
            return
        if zone not in self._tree:
            self._zones.append(zone)
            self._tree[zone] = []
        self._tree[zone].append(name)
        self._zone_of[name] = zone

    def remove(self, name: str) -> None:
        zone = self._zone_of.pop(name, None)
        if zone is None:
            return
        self._tree[zone].remove(name)
        if not self._tree[zone]:
            del self._tree[zone]
            self._zones.remove(zone)

    def zone_of(self, name: str) -> str | None:
        return self._zone_of.get(name)

    def list(self) -> list[str]:
        """One node from each zone in turn until every zone is exhausted."""
        names: list[str] = []
        depth = max((len(v) for v in self._tree.values()), default=0)
        for index in range(depth):
            names += [self._tree[z][index] for z in self._zones
                      if index < len(self._tree[z])]
        return names


class Cache:
    def __init__(self) -> None:
        self._nodes: dict[str, NodeInfo] = {}
        self._tree = NodeTree()
        self._listed: list[NodeInfo] | None = None
        self._pod_nodes: dict[str, str] = {}
        self._assumed: set[str] = set()

    # -- nodes -----------------------------------------------------------------

    def add_node(self, node: Obj) -> None:
        name = node["metadata"]["name"]
        info = self._nodes.setdefault(name, NodeInfo(name))
        info.set_node(node)
        zone = zone_key(node)
        if self._tree.zone_of(name) not in (None, zone):
            self._tree.remove(name)
        if self._tree.zone_of(name) is None:
            self._tree.add(name, zone)
            # Like UpdateSnapshot, the node list is rebuilt on add and remove.
            self._listed = None

    def update_node(self, node: Obj) -> None:
        self.add_node(node)

    def remove_node(self, name: str) -> None:
        info = self._nodes.get(name)
        if info is None:
            return
        info.node = None
        self._tree.remove(name)
        self._listed = None
        if not info.pods:
            del self._nodes[name]

    def node_infos(self) -> list[NodeInfo]:
        """The snapshot's node list, in node-tree order."""
        if self._listed is None:
            self._listed = [self._nodes[n] for n in self._tree.list()]
        return self._listed

    def get(self, name: str) -> NodeInfo | None:
        return self._nodes.get(name)

    # -- pods ------------------------------------------------------------------

    def add_pod(self, pod: PodInfo) -> None:
        """A pod seen bound through the watch; confirms an assumed one."""
        self._assumed.discard(pod.key)
        self.remove_pod(pod.key)
        self._place(pod, pod.node_name)

    def remove_pod(self, key: str) -> None:
        name = self._pod_nodes.pop(key, None)
        info = self._nodes.get(name) if name else None
        if info is None:
            return
        info.remove_pod(key)
        if info.node is None and not info.pods:
            del self._nodes[info.name]

    def has_pod(self, key: str) -> bool:
        return key in self._pod_nodes

    def assume_pod(self, pod: PodInfo, node_name: str) -> None:
        """Count the pod on the node now, before its binding is confirmed, so
        the next cycle does not hand out the same room twice."""
        self._place(pod, node_name)
        self._assumed.add(pod.key)

    def forget_pod(self, key: str) -> None:
        if key in self._assumed:
            self._assumed.discard(key)
            self.remove_pod(key)

    def is_assumed(self, key: str) -> bool:
        return key in self._assumed

    def _place(self, pod: PodInfo, node_name: str) -> None:
        info = self._nodes.setdefault(node_name, NodeInfo(node_name))
        info.add_pod(pod)
        self._pod_nodes[pod.key] = node_name
