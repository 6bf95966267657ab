"""SchedulingGates: a pod with ``spec.schedulingGates`` stays out of the
activeQ until every gate is removed (``schedulinggates/scheduling_gates.go``).

The API server gives such a pod PodScheduled=False, reason SchedulingGated,
when it is created; the scheduler never attempts it, so it writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cluster.scheduler.framework.interface import Handle
from cluster.scheduler.framework.status import Status, unresolvable
from cluster.scheduler.framework.types import PodInfo
from cluster.scheduler.plugins import names

NAME = names.SCHEDULING_GATES


class SchedulingGates:
    name = NAME

    def pre_enqueue(self, pod: PodInfo) -> Status | None:
        gates = pod.spec.get("schedulingGates") or ()
        if not gates:
            return None
        listed = " ".join(str(g.get("name", "")) for g in gates)
        # fmt's %v of a []string: "[a b]".
        return unresolvable(f"waiting for scheduling gates: [{listed}]", plugin=NAME)


def new(args: Mapping[str, Any] | None, handle: Handle) -> SchedulingGates:
    return SchedulingGates()
