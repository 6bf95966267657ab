"""The kubelet's node registration and node status (``kubelet_node_status.go``,
``pkg/kubelet/nodestatus/setters.go``).

On start the kubelet creates its Node with the four kubelet-owned conditions
(MemoryPressure, DiskPressure, PIDPressure, Ready) and the images it holds.
Afterwards it checks every ``nodeStatusUpdateFrequency`` (10 s) and writes
only when something changed or ``nodeStatusReportFrequency`` (5 min) has
passed, as kubelets with node leases do. The lease itself (renewed every
10 s) is ``nodelease.py``.
"""

from __future__ import annotations

import copy
from typing import Any

from cluster.api.errors import StatusError
from cluster.apiserver import APIServer
from cluster.clock import Clock, Timer
from cluster.node.runtime import ContainerRuntime

Obj = dict[str, Any]
UPDATE_FREQUENCY = 10.0
REPORT_FREQUENCY = 300.0
MAX_IMAGES = 50  # nodeStatusMaxImages
CONDITIONS = (
    (
        "MemoryPressure",
        "False",
        "KubeletHasSufficientMemory",
        "kubelet has sufficient memory available",
    ),
    (
        "DiskPressure",
        "False",
        "KubeletHasNoDiskPressure",
        "kubelet has no disk pressure",
    ),
    (
        "PIDPressure",
        "False",
        "KubeletHasSufficientPID",
        "kubelet has sufficient PID available",
    ),
    ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
)


MEMORY_PRESSURE = (
    "MemoryPressure",
    "True",
    "KubeletHasInsufficientMemory",
    "kubelet has insufficient memory available",
)


class NodeStatus:
    def __init__(
        self,
        api: APIServer,
        clock: Clock,
        runtime: ContainerRuntime,
        manifest: Obj,
        actor: str,
    ) -> None:
        self._api = api
        self._clock = clock
        self._runtime = runtime
        self._manifest = manifest
        self._actor = actor
        self._last_report = clock.now
        self._timer: Timer | None = None
        # The status as last read or written: an idle tick compares with it
        # instead of reading the Node again (cheap heartbeats for big clusters).
        self._seen: Obj | None = None
        self.memory_pressure = False  # set by the eviction manager

    @property
    def name(self) -> str:
        return str(self._manifest["metadata"]["name"])

    def register(self) -> None:
        node = copy.deepcopy(self._manifest)
        node["status"] = self._status(node.get("status") or {})
        try:
            self._api.create(node, actor=self._actor)
        except StatusError as err:
            if err.reason != "AlreadyExists":
                raise
            self._report(force=True)
        self._last_report = self._clock.now
        self._schedule()

    def stop(self) -> None:
        if self._timer:
            self._timer.cancel()
            self._timer = None

    def _schedule(self) -> None:
        self._timer = self._clock.call_later(UPDATE_FREQUENCY, self._tick)

    def _tick(self) -> None:
        due = self._clock.now - self._last_report >= REPORT_FREQUENCY
        self._report(force=due)
        self._schedule()

    def _report(self, force: bool) -> None:
        if not force and self._seen is not None:
            if _without_heartbeats(self._status(self._seen)) == _without_heartbeats(
                self._seen
            ):
                return
        try:
            node = self._api.get("nodes", self.name)
        except StatusError:
            return
        status = self._status(node.get("status") or {})
        if not force and _without_heartbeats(status) == _without_heartbeats(
            node.get("status") or {}
        ):
            self._seen = node.get("status") or {}
            return
        node["status"] = status
        try:
            self._api.update(node, actor=self._actor, subresource="status")
            self._last_report = self._clock.now
            self._seen = status
        except StatusError:
            return  # retried at the next tick

    def _status(self, old: Obj) -> Obj:
        status = dict(old)
        status["conditions"] = self._conditions(old.get("conditions") or [])
        status["images"] = self._images()
        return status

    def _conditions(self, old: list[Obj]) -> list[Obj]:
        now = self._clock.timestamp()
        before = {c["type"]: c for c in old}
        owned = {spec[0] for spec in CONDITIONS}
        fresh = []
        for type_, status, reason, message in self._condition_specs():
            previous = before.get(type_, {})
            changed = previous.get("status") != status
            fresh.append(
                {
                    "type": type_,
                    "status": status,
                    "lastHeartbeatTime": now,
                    "lastTransitionTime": now
                    if changed
                    else previous.get("lastTransitionTime", now),
                    "reason": reason,
                    "message": message,
                }
            )
        return [c for c in old if c["type"] not in owned] + fresh

    def _condition_specs(self) -> tuple[tuple[str, str, str, str], ...]:
        """The eviction manager's memory pressure flips MemoryPressure."""
        if not self.memory_pressure:
            return CONDITIONS
        return (MEMORY_PRESSURE, *CONDITIONS[1:])

    def _images(self) -> list[Obj]:
        records = sorted(self._runtime.images.values(), key=lambda r: -r.size)
        return [
            {"names": r.repo_digests + r.repo_tags, "sizeBytes": r.size}
            for r in records[:MAX_IMAGES]
        ]


def _without_heartbeats(status: Obj) -> Obj:
    trimmed = dict(status)
    trimmed["conditions"] = [
        {k: v for k, v in c.items() if k != "lastHeartbeatTime"}
        for c in status.get("conditions") or []
    ]
    return trimmed
