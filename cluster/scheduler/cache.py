"""The scheduler's cache (``pkg/scheduler/backend/cache``): a NodeInfo per node,
kept current from watch events, plus the pods it assumed on nodes before the
binding came back.

Nodes are listed as kube-scheduler's node tree lists them: round-robin across
zones (``topology.kubernetes.io/region`` + ``zone``), each zone in the order
its nodes arrived, so a partial search still spreads over zones.
"""

from __future__ import annotations

from typing import Any

from cluster.scheduler.framework.affinityindex import AffinityIndex
from cluster.scheduler.framework.types import ImageState, NodeInfo, PodInfo

Obj = dict[str, Any]


def zone_key(node: Obj) -> str:
    """utilnode.GetZoneKey: region and zone, falling back to the beta labels."""
    labels = node["metadata"].get("labels") or {}
    zone = labels.get(
        "topology.kubernetes.io/zone",
        labels.get("failure-domain.beta.kubernetes.io/zone", ""),
    )
    region = labels.get(
        "topology.kubernetes.io/region",
        labels.get("failure-domain.beta.kubernetes.io/region", ""),
    )
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
            names += [
                self._tree[z][index] for z in self._zones if index < len(self._tree[z])
            ]
        return names


class Cache:
    def __init__(self) -> None:
        self._nodes: dict[str, NodeInfo] = {}
        self._tree = NodeTree()
        self._listed: list[NodeInfo] | None = None
        self._pod_nodes: dict[str, str] = {}
        self._assumed: set[str] = set()
        self._images: dict[str, ImageState] = {}
        # Nodes holding pods with (anti-)affinity, and with required
        # anti-affinity: HavePodsWithAffinityList and its sibling.
        self._with_affinity: set[str] = set()
        self._with_anti_affinity: set[str] = set()
        self.affinity_index = AffinityIndex()
        # (label key, value) -> the nodes holding a pod labelled so.
        self._label_nodes: dict[tuple[str, str], dict[str, NodeInfo]] = {}

    # -- nodes -----------------------------------------------------------------

    def add_node(self, node: Obj) -> None:
        name = node["metadata"]["name"]
        info = self._nodes.setdefault(name, NodeInfo(name))
        self._index_affinity(info, -1)
        info.set_node(node)
        self._index_affinity(info, 1)
        self._set_images(info, node)
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
        self._index_affinity(info, -1)
        info.node = None
        self._drop_images(info)
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

    def nodes_with_affinity_pods(
        self, required_anti_only: bool = False
    ) -> list[NodeInfo]:
        """HavePodsWithAffinityList / HavePodsWithRequiredAntiAffinityList,
        in node-tree order."""
        names = self._with_anti_affinity if required_anti_only else self._with_affinity
        if not names:
            return []
        return [n for n in self.node_infos() if n.name in names]

    def _set_images(self, info: NodeInfo, node: Obj) -> None:
        """addNodeImageStates: one shared summary per image name; the size
        comes from the first node that reported the image."""
        self._drop_images(info)
        states: dict[str, ImageState] = {}
        for image in (node.get("status") or {}).get("images") or ():
            for name in image.get("names") or ():
                state = self._images.get(name)
                if state is None:
                    state = self._images[name] = ImageState(
                        int(image.get("sizeBytes") or 0)
                    )
                state.nodes.add(info.name)
                states.setdefault(name, state)
        info.image_states = states

    def _drop_images(self, info: NodeInfo) -> None:
        for name, state in info.image_states.items():
            state.nodes.discard(info.name)
            if not state.nodes:
                self._images.pop(name, None)
        info.image_states = {}

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
        pod = info.remove_pod(key)
        if pod is not None and pod.affinity.any and info.node is not None:
            self.affinity_index.update(pod, info, -1)
        if pod is not None:
            self._unlabel(pod, info)
        self._track_affinity(info)
        if info.node is None and not info.pods:
            del self._nodes[info.name]

    def has_pod(self, key: str) -> bool:
        return key in self._pod_nodes

    def pod(self, key: str) -> PodInfo | None:
        name = self._pod_nodes.get(key)
        info = self._nodes.get(name) if name else None
        return info.pods.get(key) if info is not None else None

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
        for pair in pod.labels.items():
            self._label_nodes.setdefault(pair, {})[node_name] = info
        if pod.affinity.any:
            self._track_affinity(info)
            if info.node is not None:
                self.affinity_index.update(pod, info, 1)

    def _index_affinity(self, info: NodeInfo, sign: int) -> None:
        """(Un)count the node's pods' terms, around a label change."""
        if info.node is not None:
            for pod in info.pods_with_affinity.values():
                self.affinity_index.update(pod, info, sign)

    def _unlabel(self, pod: PodInfo, info: NodeInfo) -> None:
        for pair in pod.labels.items():
            nodes = self._label_nodes.get(pair)
            if nodes is not None and not info.pods_labelled(*pair):
                nodes.pop(info.name, None)
                if not nodes:
                    del self._label_nodes[pair]

    def nodes_with_pod_label(self, key: str, value: str) -> list[NodeInfo]:
        """The nodes (with a Node) holding a pod whose label ``key`` is
        ``value``: where a selector needing that label can match anything."""
        found = self._label_nodes.get((key, value))
        return [n for n in found.values() if n.node is not None] if found else []

    def _track_affinity(self, info: NodeInfo) -> None:
        for names, pods in (
            (self._with_affinity, info.pods_with_affinity),
            (self._with_anti_affinity, info.pods_with_required_anti_affinity),
        ):
            if pods:
                names.add(info.name)
            else:
                names.discard(info.name)
