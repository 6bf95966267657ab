"""The default profile of kube-scheduler v1.35, weights and plugin args in one
place (``pkg/scheduler/apis/config/v1/default_plugins.go`` and
``default_plugins``' ``PluginConfigsV1``).

Every default plugin is enabled through ``multiPoint`` in this order; the
framework puts each one at every extension point it implements, in this order.
Plugin args are kept in the shape of a KubeSchedulerConfiguration's
``pluginConfig[].args`` so a ``schedulerConfig:`` can override them as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cluster.scheduler.plugins import names

DEFAULT_SCHEDULER_NAME = "default-scheduler"
Args = dict[str, Any]


@dataclass(frozen=True)
class PluginSpec:
    name: str
    # Only Score plugins use it; 0 means the default weight of 1.
    weight: int = 0


@dataclass(frozen=True)
class PluginSet:
    """One extension point's ``enabled`` and ``disabled`` plugins."""

    enabled: tuple[PluginSpec, ...] = ()
    disabled: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    scheduler_name: str = DEFAULT_SCHEDULER_NAME
    # multiPoint's enabled plugins: each goes to every point it implements.
    plugins: tuple[PluginSpec, ...] = ()
    plugin_args: dict[str, Args] = field(default_factory=dict)
    # None (or 0) means adaptive: 50% minus 1% per 125 nodes, at least 5%.
    percentage_of_nodes_to_score: int | None = None
    # Per extension point ("filter", "score"...): plugins enabled there
    # explicitly, and those disabled there ("*" for all of multiPoint's).
    points: dict[str, PluginSet] = field(default_factory=dict)


DEFAULT_PLUGINS: tuple[PluginSpec, ...] = (
    PluginSpec(names.SCHEDULING_GATES),
    PluginSpec(names.PRIORITY_SORT),
    PluginSpec(names.NODE_UNSCHEDULABLE),
    PluginSpec(names.NODE_NAME),
    PluginSpec(names.TAINT_TOLERATION, weight=3),
    PluginSpec(names.NODE_AFFINITY, weight=2),
    PluginSpec(names.NODE_PORTS),
    PluginSpec(names.NODE_RESOURCES_FIT, weight=1),
    PluginSpec(names.VOLUME_RESTRICTIONS),
    PluginSpec(names.NODE_VOLUME_LIMITS),
    PluginSpec(names.VOLUME_BINDING),
    PluginSpec(names.VOLUME_ZONE),
    PluginSpec(names.POD_TOPOLOGY_SPREAD, weight=2),
    PluginSpec(names.INTER_POD_AFFINITY, weight=2),
    # Inserted here by the DynamicResourceAllocation gate, GA and on in v1.34+.
    PluginSpec(names.DYNAMIC_RESOURCES),
    PluginSpec(names.DEFAULT_PREEMPTION),
    PluginSpec(names.NODE_RESOURCES_BALANCED_ALLOCATION, weight=1),
    PluginSpec(names.IMAGE_LOCALITY, weight=1),
    PluginSpec(names.DEFAULT_BINDER),
)

CPU_AND_MEMORY = [{"name": "cpu", "weight": 1}, {"name": "memory", "weight": 1}]

DEFAULT_PLUGIN_ARGS: dict[str, Args] = {
    names.DEFAULT_PREEMPTION: {
        "minCandidateNodesPercentage": 10,
        "minCandidateNodesAbsolute": 100,
    },
    names.INTER_POD_AFFINITY: {"hardPodAffinityWeight": 1},
    names.NODE_RESOURCES_FIT: {
        "scoringStrategy": {"type": "LeastAllocated", "resources": CPU_AND_MEMORY}
    },
    names.NODE_RESOURCES_BALANCED_ALLOCATION: {"resources": CPU_AND_MEMORY},
    names.POD_TOPOLOGY_SPREAD: {"defaultingType": "System"},
    names.VOLUME_BINDING: {"bindTimeoutSeconds": 600},
}


def default_profile() -> Profile:
    return Profile(plugins=DEFAULT_PLUGINS, plugin_args=dict(DEFAULT_PLUGIN_ARGS))
