"""The in-tree registry: plugin name -> factory (``plugins/registry.go``).

A factory takes the plugin's args (``pluginConfig[].args``) and the framework
handle and returns the plugin.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from cluster.scheduler.framework.interface import Handle, Plugin
from cluster.scheduler.plugins import (
    defaultbinder,
    defaultpreemption,
    imagelocality,
    names,
    nodeaffinity,
    nodename,
    nodeports,
    nodeunschedulable,
    queuesort,
    schedulinggates,
    tainttoleration,
)
from cluster.scheduler.plugins.interpodaffinity import plugin as interpodaffinity
from cluster.scheduler.plugins.noderesources import balanced_allocation, fit
from cluster.scheduler.plugins.podtopologyspread import plugin as podtopologyspread

Factory = Callable[[Mapping[str, Any] | None, Handle], Plugin]

IN_TREE: dict[str, Factory] = {
    names.SCHEDULING_GATES: schedulinggates.new,
    names.PRIORITY_SORT: queuesort.new,
    names.NODE_UNSCHEDULABLE: nodeunschedulable.new,
    names.NODE_NAME: nodename.new,
    names.TAINT_TOLERATION: tainttoleration.new,
    names.NODE_AFFINITY: nodeaffinity.new,
    names.NODE_PORTS: nodeports.new,
    names.NODE_RESOURCES_FIT: fit.new,
    names.POD_TOPOLOGY_SPREAD: podtopologyspread.new,
    names.INTER_POD_AFFINITY: interpodaffinity.new,
    names.DEFAULT_PREEMPTION: defaultpreemption.new,
    names.NODE_RESOURCES_BALANCED_ALLOCATION: balanced_allocation.new,
    names.IMAGE_LOCALITY: imagelocality.new,
    names.DEFAULT_BINDER: defaultbinder.new,
}

# Default-profile plugins that are not simulated: the volume plugins have
# nothing to do without volumes (out of scope), nor DynamicResources without
# ResourceClaims. The framework leaves them out instead of failing; a
# configuration naming them is accepted, as kube-scheduler accepts it.
NOT_SIMULATED = frozenset(
    {
        names.VOLUME_RESTRICTIONS,
        names.NODE_VOLUME_LIMITS,
        names.VOLUME_BINDING,
        names.VOLUME_ZONE,
        names.DYNAMIC_RESOURCES,
    }
)
NOT_YET_IMPLEMENTED = NOT_SIMULATED
