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
    names,
    nodename,
    nodeunschedulable,
    queuesort,
    tainttoleration,
)
from cluster.scheduler.plugins.noderesources import balanced_allocation, fit

Factory = Callable[[Mapping[str, Any] | None, Handle], Plugin]

IN_TREE: dict[str, Factory] = {
    names.PRIORITY_SORT: queuesort.new,
    names.NODE_UNSCHEDULABLE: nodeunschedulable.new,
    names.NODE_NAME: nodename.new,
    names.TAINT_TOLERATION: tainttoleration.new,
    names.NODE_RESOURCES_FIT: fit.new,
    names.NODE_RESOURCES_BALANCED_ALLOCATION: balanced_allocation.new,
    names.DEFAULT_BINDER: defaultbinder.new,
}

# Default-profile plugins the walking skeleton does not simulate yet; the
# framework leaves them out instead of failing. Issue 4 adds them. The volume
# plugins have nothing to do without volumes (out of scope), and without
# DefaultPreemption there is no PostFilter, so no "preemption: ..." message.
NOT_YET_IMPLEMENTED = frozenset({
    names.SCHEDULING_GATES,
    names.NODE_AFFINITY,
    names.NODE_PORTS,
    names.VOLUME_RESTRICTIONS,
    names.NODE_VOLUME_LIMITS,
    names.VOLUME_BINDING,
    names.VOLUME_ZONE,
    names.POD_TOPOLOGY_SPREAD,
    names.INTER_POD_AFFINITY,
    names.DYNAMIC_RESOURCES,
    names.DEFAULT_PREEMPTION,
    names.IMAGE_LOCALITY,
})
