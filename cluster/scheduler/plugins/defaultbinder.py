"""DefaultBinder: POST a Binding for the pod (``pods/binding``), which sets
``spec.nodeName`` and the PodScheduled condition."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cluster.api.errors import StatusError
from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.interface import Handle
from cluster.scheduler.framework.status import Status, error
from cluster.scheduler.framework.types import PodInfo
from cluster.scheduler.plugins import names

NAME = names.DEFAULT_BINDER
ACTOR = "kube-scheduler"


class DefaultBinder:
    name = NAME

    def __init__(self, handle: Handle) -> None:
        self._handle = handle

    def bind(self, state: CycleState, pod: PodInfo, node_name: str) -> Status | None:
        try:
            self._handle.api.bind(pod.namespace, pod.name, node_name, actor=ACTOR)
        except StatusError as err:
            # The API said no (pod gone, already bound): an Error status, and
            # the scheduler retries the pod after backoff if it still exists.
            return error(err.message, plugin=NAME)
        return None


def new(args: Mapping[str, Any] | None, handle: Handle) -> DefaultBinder:
    return DefaultBinder(handle)
