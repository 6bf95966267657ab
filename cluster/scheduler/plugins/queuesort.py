"""PrioritySort: the activeQ order, higher ``spec.priority`` first, then the
pod that entered the queue earlier (``queuesort/priority_sort.go``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cluster.scheduler.framework.interface import Handle
from cluster.scheduler.plugins import names

if TYPE_CHECKING:
    from cluster.scheduler.queue import QueuedPodInfo

NAME = names.PRIORITY_SORT


class PrioritySort:
    name = NAME

    def less(self, a: QueuedPodInfo, b: QueuedPodInfo) -> bool:
        pa, pb = a.pod_info.priority, b.pod_info.priority
        return pa > pb or (pa == pb and a.timestamp < b.timestamp)


def new(args: Mapping[str, Any] | None, handle: Handle) -> PrioritySort:
    return PrioritySort()
