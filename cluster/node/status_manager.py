"""The kubelet's status manager (``pkg/kubelet/status/status_manager.go``).

It writes pod status through the ``pods/status`` subresource, keeping each
condition's ``lastTransitionTime`` unless its status changed, keeping the
conditions other components own (``DisruptionTarget``...) ahead of the
kubelet's, and never moving a terminal phase back. When a terminated pod is
being deleted it finishes the deletion with grace period 0.

API errors never stop the node: a conflict or a vanished pod is re-read or
dropped, and the next sync writes again.
"""

from __future__ import annotations

from typing import Any

from cluster.api.errors import StatusError
from cluster.apiserver import APIServer
from cluster.clock import Clock

Obj = dict[str, Any]
KUBELET_CONDITIONS = frozenset(
    {
        "PodReadyToStartContainers",
        "Initialized",
        "Ready",
        "ContainersReady",
        "PodScheduled",
    }
)
TERMINAL = ("Succeeded", "Failed")
ATTEMPTS = 3


class StatusManager:
    def __init__(self, api: APIServer, clock: Clock, actor: str) -> None:
        self._api = api
        self._clock = clock
        self._actor = actor

    def set_pod_status(self, pod: Obj, status: Obj) -> Obj | None:
        """Write ``status`` for ``pod``; the pod as stored, or None if it is gone."""
        for _ in range(ATTEMPTS):
            current = self._current(pod)
            if current is None:
                return None
            merged = self._merge(current.get("status") or {}, status)
            if merged == current.get("status"):
                return current
            current["status"] = merged
            try:
                return self._api.update(
                    current, actor=self._actor, subresource="status"
                )
            except StatusError as err:
                if err.reason != "Conflict":
                    return None
        return None

    def delete_pod(self, pod: Obj) -> None:
        """The final delete of a terminated pod (grace period 0)."""
        current = self._current(pod)
        if current is None:
            return
        meta = current["metadata"]
        try:
            self._api.delete(
                "pods",
                meta["name"],
                meta.get("namespace"),
                actor=self._actor,
                grace_period_seconds=0,
            )
        except StatusError:
            return

    def _current(self, pod: Obj) -> Obj | None:
        meta = pod["metadata"]
        try:
            current = self._api.get("pods", meta["name"], meta.get("namespace"))
        except StatusError:
            return None
        # A pod recreated under the same name is not ours.
        return current if current["metadata"].get("uid") == meta.get("uid") else None

    def _merge(self, old: Obj, new: Obj) -> Obj:
        merged = dict(new)
        if old.get("phase") in TERMINAL and new.get("phase") not in TERMINAL:
            merged["phase"] = old["phase"]
        merged["startTime"] = old.get("startTime") or self._clock.timestamp()
        merged["conditions"] = self._conditions(
            old.get("conditions") or [], new.get("conditions") or []
        )
        return merged

    def _conditions(self, old: list[Obj], new: list[Obj]) -> list[Obj]:
        by_type = {c["type"]: c for c in old}
        ours = [c for c in new if c["type"] not in KUBELET_CONDITIONS]
        kept = [c for c in old if c["type"] not in KUBELET_CONDITIONS]
        kept = [c for c in kept if c["type"] not in {o["type"] for o in ours}]
        # Conditions the kubelet adds beyond its own (DisruptionTarget when
        # it evicts) come first, as other components' do.
        return (
            kept
            + [self._stamped(c, by_type.get(c["type"])) for c in ours]
            + [
                self._stamped(c, by_type.get(c["type"]))
                for c in new
                if c["type"] in KUBELET_CONDITIONS
            ]
        )

    def _stamped(self, condition: Obj, before: Obj | None) -> Obj:
        stamped = dict(condition)
        if before is not None and before.get("status") == condition["status"]:
            stamped["lastTransitionTime"] = before.get("lastTransitionTime")
        else:
            stamped["lastTransitionTime"] = self._clock.timestamp()
        return stamped
