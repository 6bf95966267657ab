"""What filtering and scoring share (``podtopologyspread/common.go``):
parsed constraints, the node inclusion policies, counting matching pods.

Defaults for unset fields: minDomains 1, nodeAffinityPolicy Honor,
nodeTaintsPolicy Ignore. ``matchLabelKeys`` are merged into the selector from
the pod's own labels (kube-apiserver merges them on create since v1.34; the
result is the same).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cluster.scheduler.framework.labels import Selector, from_set, label_selector
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.plugins.helper import tolerations_tolerate_taint

Obj = dict[str, Any]
DO_NOT_SCHEDULE = "DoNotSchedule"
SCHEDULE_ANYWAY = "ScheduleAnyway"
HONOR, IGNORE = "Honor", "Ignore"
LABEL_HOSTNAME = "kubernetes.io/hostname"
LABEL_ZONE = "topology.kubernetes.io/zone"
SYSTEM_DEFAULT_CONSTRAINTS: tuple[Obj, ...] = (
    {"topologyKey": LABEL_HOSTNAME, "whenUnsatisfiable": SCHEDULE_ANYWAY, "maxSkew": 3},
    {"topologyKey": LABEL_ZONE, "whenUnsatisfiable": SCHEDULE_ANYWAY, "maxSkew": 5},
)
_DO_NOT_SCHEDULE_TAINTS = ("NoSchedule", "NoExecute")


@dataclass(frozen=True, slots=True)
class Constraint:
    max_skew: int
    topology_key: str
    selector: Selector
    min_domains: int = 1
    node_affinity_policy: str = HONOR
    node_taints_policy: str = IGNORE

    def includes_all(self, pod: PodInfo) -> bool:
        """True when every node counts for this pod (no policy applies)."""
        affinity_free = (
            self.node_affinity_policy != HONOR or pod.required_node_affinity.trivial
        )
        return affinity_free and self.node_taints_policy != HONOR

    def includes(self, pod: PodInfo, node: NodeInfo) -> bool:
        """matchNodeInclusionPolicies: does this node count for the pod?"""
        if (
            self.node_affinity_policy == HONOR
            and not pod.required_node_affinity.matches(node.name, node.labels)
        ):
            return False
        if self.node_taints_policy == HONOR:
            return not untolerated_taint(node, pod)
        return True


def parse_constraints(
    constraints: Iterable[Obj], pod_labels: Mapping[str, str], action: str
) -> list[Constraint]:
    """filterTopologySpreadConstraints: those with this whenUnsatisfiable."""
    return [
        _constraint(c, pod_labels)
        for c in constraints
        if c.get("whenUnsatisfiable") == action
    ]


def _constraint(spec: Obj, pod_labels: Mapping[str, str]) -> Constraint:
    selector = label_selector(spec.get("labelSelector"))
    keys = [k for k in spec.get("matchLabelKeys") or () if k in pod_labels]
    if keys:
        # mergeLabelSetWithSelector: a nil selector contributes nothing.
        own = from_set({k: pod_labels[k] for k in keys})
        selector = own.add(*selector.requirements)
    return Constraint(
        int(spec.get("maxSkew") or 0),
        str(spec.get("topologyKey", "")),
        selector,
        int(spec.get("minDomains") or 1),
        spec.get("nodeAffinityPolicy") or HONOR,
        spec.get("nodeTaintsPolicy") or IGNORE,
    )


def node_has_keys(labels: Mapping[str, str], constraints: list[Constraint]) -> bool:
    """nodeLabelsMatchSpreadConstraints: every topology key is present."""
    for constraint in constraints:
        if constraint.topology_key not in labels:
            return False
    return True


def count_matching(node: NodeInfo, selector: Selector, namespace: str) -> int:
    """countPodsMatchSelector: pods of the namespace, not terminating, whose
    labels the selector matches."""
    if selector.nothing:
        return 0
    pair = selector.equality()
    pods = node.pods_labelled(*pair) if pair else node.pods.values()
    return sum(
        1
        for p in pods
        if p.namespace == namespace and not p.terminating and selector.matches(p.labels)
    )


def untolerated_taint(node: NodeInfo, pod: PodInfo) -> bool:
    return any(
        t.get("effect") in _DO_NOT_SCHEDULE_TAINTS
        and not tolerations_tolerate_taint(pod.tolerations, t)
        for t in node.taints
    )
