"""Queueing hints: which cluster events may make a pod schedulable again,
per plugin that rejected it (each plugin's ``EventsToRegister`` and
``QueueingHintFn``; SchedulerQueueingHints is GA and on since v1.32).

A parked pod moves back to the activeQ (or backoffQ) on an event only if a
plugin that rejected it registered that event and its hint says the event
may help. The hints here follow the real ones in what they look at, more
coarsely in places; a plugin not listed is interested in every event, as
plugins without EnqueueExtensions are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cluster.scheduler.framework.hostports import HostPortInfo
from cluster.scheduler.framework.types import PodInfo, Resource
from cluster.scheduler.plugins import names
from cluster.scheduler.plugins.helper import tolerations_tolerate_taint
from cluster.scheduler.plugins.podtopologyspread.common import DO_NOT_SCHEDULE

Obj = dict[str, Any]
NODE_ADD, NODE_UPDATE, NODE_DELETE = "NodeAdd", "NodeUpdate", "NodeDelete"
POD_ADD, POD_UPDATE, POD_DELETE = (
    "AssignedPodAdd",
    "AssignedPodUpdate",
    "AssignedPodDelete",
)
# What changed in a node update (nodeSchedulingPropertiesChange).
LABEL, TAINT, ALLOCATABLE = "label", "taint", "allocatable"
_DO_NOT_SCHEDULE = ("NoSchedule", "NoExecute")


@dataclass(frozen=True)
class ClusterEvent:
    kind: str
    old: Any = None  # the old object (Obj) or PodInfo for pods
    new: Any = None
    changes: frozenset[str] = field(default_factory=frozenset)


Hint = Callable[[PodInfo, ClusterEvent], bool]


def should_move(plugins: set[str], pod: PodInfo, event: ClusterEvent) -> bool:
    """Does any rejecting plugin think the event may help the pod?"""
    for plugin in plugins:
        registered = HINTS.get(plugin)
        if registered is None:
            return True
        hint = registered.get(event.kind)
        if hint is not None and hint(pod, event):
            return True
    return False


def node_changes(old: Obj, new: Obj) -> frozenset[str]:
    found = set()
    if (old["metadata"].get("labels") or {}) != (new["metadata"].get("labels") or {}):
        found.add(LABEL)
    old_spec, new_spec = old.get("spec") or {}, new.get("spec") or {}
    if (old_spec.get("taints"), bool(old_spec.get("unschedulable"))) != (
        new_spec.get("taints"),
        bool(new_spec.get("unschedulable")),
    ):
        found.add(TAINT)
    if (old.get("status") or {}).get("allocatable") != (new.get("status") or {}).get(
        "allocatable"
    ):
        found.add(ALLOCATABLE)
    return frozenset(found)


# -- per-plugin hints ------------------------------------------------------------


def _always(pod: PodInfo, event: ClusterEvent) -> bool:
    return True


def _on(change: str, hint: Hint) -> Hint:
    """A node-update hint that only looks at updates changing ``change``."""
    return lambda pod, event: change in event.changes and hint(pod, event)


def _labels(node: Obj) -> dict[str, str]:
    return node["metadata"].get("labels") or {}


def _affinity_matches(pod: PodInfo, node: Obj | None) -> bool:
    return node is not None and pod.required_node_affinity.matches(
        node["metadata"]["name"], _labels(node)
    )


def _node_affinity(pod: PodInfo, event: ClusterEvent) -> bool:
    return _affinity_matches(pod, event.new) and not _affinity_matches(pod, event.old)


def _untolerated(pod: PodInfo, node: Obj | None) -> bool:
    spec = (node or {}).get("spec") or {}
    return any(
        t.get("effect") in _DO_NOT_SCHEDULE
        and not tolerations_tolerate_taint(pod.tolerations, t)
        for t in spec.get("taints") or ()
    )


def _taints(pod: PodInfo, event: ClusterEvent) -> bool:
    was = event.old is None or _untolerated(pod, event.old)
    return was and not _untolerated(pod, event.new)


def _unschedulable(node: Obj | None) -> bool:
    return bool(((node or {}).get("spec") or {}).get("unschedulable"))


def _cordon(pod: PodInfo, event: ClusterEvent) -> bool:
    return (event.old is None or _unschedulable(event.old)) and not _unschedulable(
        event.new
    )


def _node_name(pod: PodInfo, event: ClusterEvent) -> bool:
    return not pod.node_name or pod.node_name == event.new["metadata"]["name"]


def _fits_allocatable(pod: PodInfo, event: ClusterEvent) -> bool:
    """NodeResourcesFit: could the pod fit the empty node at all?"""
    from cluster.scheduler.framework.podresources import to_units

    status = event.new.get("status") or {}
    allocatable = Resource.of(to_units(status.get("allocatable")))
    need = pod.requests
    return (
        need.milli_cpu <= allocatable.milli_cpu
        and need.memory <= allocatable.memory
        and all(v <= allocatable.scalar.get(k, 0) for k, v in need.scalar.items())
    )


def _freed_resources(pod: PodInfo, event: ClusterEvent) -> bool:
    gone = event.old
    return bool(gone.node_name)


def _freed_ports(pod: PodInfo, event: ClusterEvent) -> bool:
    gone: PodInfo = event.old
    if not gone.host_ports or not pod.host_ports:
        return False
    held = HostPortInfo()
    held.add(gone.host_ports)
    return any(held.conflicts(*p) for p in pod.host_ports)


def _spread_pod(pod: PodInfo, event: ClusterEvent) -> bool:
    other: PodInfo = event.new or event.old
    if other.namespace != pod.namespace:
        return False
    constraints = pod.spec.get("topologySpreadConstraints") or ()
    if not constraints:
        return True  # default constraints: siblings unknown here, stay safe
    from cluster.scheduler.plugins.podtopologyspread.common import parse_constraints

    hard = parse_constraints(constraints, pod.labels, DO_NOT_SCHEDULE)
    return any(c.selector.matches(other.labels) for c in hard) or (
        event.old is not None
        and any(c.selector.matches(event.old.labels) for c in hard)
    )


def _spread_node(pod: PodInfo, event: ClusterEvent) -> bool:
    node = event.new or event.old
    keys = [
        c.get("topologyKey") for c in pod.spec.get("topologySpreadConstraints") or ()
    ]
    return all(k in _labels(node) for k in keys)


def _affinity_pod(pod: PodInfo, event: ClusterEvent) -> bool:
    """A pod matching one of the incoming pod's required affinity terms came,
    or one matching an anti-affinity term (or carrying its own) went."""
    other: PodInfo = event.new or event.old
    terms = pod.affinity
    if event.kind == POD_DELETE:
        return bool(other.affinity.required_anti_affinity) or any(
            t.matches(other.namespace, other.labels, None)
            for t in terms.required_anti_affinity
        )
    return any(
        t.matches(other.namespace, other.labels, None) for t in terms.required_affinity
    )


HINTS: dict[str, dict[str, Hint]] = {
    names.NODE_UNSCHEDULABLE: {NODE_ADD: _cordon, NODE_UPDATE: _on(TAINT, _cordon)},
    names.NODE_NAME: {NODE_ADD: _node_name},
    names.TAINT_TOLERATION: {NODE_ADD: _taints, NODE_UPDATE: _on(TAINT, _taints)},
    names.NODE_AFFINITY: {
        NODE_ADD: _node_affinity,
        NODE_UPDATE: _on(LABEL, _node_affinity),
    },
    names.NODE_PORTS: {NODE_ADD: _always, POD_DELETE: _freed_ports},
    names.NODE_RESOURCES_FIT: {
        NODE_ADD: _fits_allocatable,
        NODE_UPDATE: _on(ALLOCATABLE, _fits_allocatable),
        POD_DELETE: _freed_resources,
    },
    names.POD_TOPOLOGY_SPREAD: {
        POD_ADD: _spread_pod,
        POD_UPDATE: _spread_pod,
        POD_DELETE: _spread_pod,
        NODE_ADD: _spread_node,
        NODE_DELETE: _always,
        NODE_UPDATE: lambda p, e: (
            bool(e.changes & {LABEL, TAINT}) and _spread_node(p, e)
        ),
    },
    names.INTER_POD_AFFINITY: {
        POD_ADD: _affinity_pod,
        POD_UPDATE: _affinity_pod,
        POD_DELETE: _affinity_pod,
        NODE_ADD: _always,
        NODE_UPDATE: _on(LABEL, _always),
    },
    names.SCHEDULING_GATES: {},
    names.DEFAULT_PREEMPTION: {},
    names.NODE_RESOURCES_BALANCED_ALLOCATION: {},
    names.IMAGE_LOCALITY: {},
}
