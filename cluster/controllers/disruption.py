"""The disruption controller (``pkg/controller/disruption``): PDB status.

For each PodDisruptionBudget it counts the selected pods that are Ready and
not being deleted (``currentHealthy``), works out how many must stay
(``desiredHealthy``: ``minAvailable``, or the expected count less
``maxUnavailable``, percentages scaled from the pods' controllers) and
publishes ``disruptionsAllowed``, the difference, with a ``DisruptionAllowed``
condition. Pods the eviction API just took are left out until they are gone
or two minutes pass (``DeletionTimeout``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from cluster.api import labelselector
from cluster.api.errors import StatusError
from cluster.clock import Clock
from cluster.controllers.informers import Registrations, SharedInformerFactory
from cluster.controllers.workqueue import InstantBatch
from cluster.recorder import EventRecorder

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
DELETION_TIMEOUT = 120.0
SCALED_KINDS = {
    "ReplicaSet": "replicasets",
    "ReplicationController": "replicationcontrollers",
    "StatefulSet": "statefulsets",
    "Deployment": "deployments",
}


class DisruptionController:
    def __init__(
        self,
        api: APIServer,
        clock: Clock,
        actor: str,
        informers: SharedInformerFactory | None = None,
    ) -> None:
        self.api = api
        self.clock = clock
        self.actor = actor
        self.recorder = EventRecorder(api, "controllermanager", actor=actor)
        self._batch = InstantBatch(clock, self._sync_key)
        self.informers = informers or SharedInformerFactory(api, actor)
        self.pdbs = self.informers.informer("poddisruptionbudgets")
        self.pods = self.informers.informer("pods")
        self.handlers = Registrations(
            self.informers,
            [("poddisruptionbudgets", self._on_pdb), ("pods", self._on_pod)],
        )

    def start(self) -> None:
        self.handlers.add()
        self.informers.start()
        for pdb in self.pdbs.list():
            self._on_pdb("ADDED", pdb)

    def stop(self) -> None:
        self.handlers.remove()
        self._batch.stop()

    def _on_pdb(self, verb: str, pdb: Obj) -> None:
        if verb != "DELETED" and _stale(pdb):
            self._mark_pdb(pdb)

    def _on_pod(self, verb: str, pod: Obj) -> None:
        labels = pod["metadata"].get("labels")
        for pdb in self.pdbs.shared(pod["metadata"]["namespace"]):
            if labelselector.matches(pdb["spec"].get("selector"), labels):
                self._mark_pdb(pdb)

    def _mark_pdb(self, pdb: Obj) -> None:
        meta = pdb["metadata"]
        self._batch.mark((meta["namespace"], meta["name"]))

    def _sync_key(self, key: tuple[str, str]) -> None:
        namespace, name = key
        try:
            self.sync(self.pdbs.get(name, namespace))
        except StatusError:
            return

    def sync(self, pdb: Obj) -> None:
        pods = self._pods(pdb)
        if not pods:
            self.recorder.normal(pdb, "NoPods", "No matching pods found")
        expected, desired = self._expected(pdb, pods)
        disrupted = self._disrupted(pdb, pods)
        healthy = sum(
            1
            for p in pods
            if _ready(p)
            and not p["metadata"].get("deletionTimestamp")
            and p["metadata"]["name"] not in disrupted
        )
        self._write(pdb, expected, desired, healthy, disrupted)

    def _pods(self, pdb: Obj) -> list[Obj]:
        selector = pdb["spec"].get("selector")
        return [
            p
            for p in self.pods.list(pdb["metadata"]["namespace"])
            if labelselector.matches(selector, p["metadata"].get("labels"))
        ]

    def _expected(self, pdb: Obj, pods: list[Obj]) -> tuple[int, int]:
        spec = pdb["spec"]
        if isinstance(spec.get("minAvailable"), int):
            return len(pods), spec["minAvailable"]
        expected = self._scale(pods)
        if "maxUnavailable" in spec:
            return expected, max(
                0, expected - _scaled(spec["maxUnavailable"], expected)
            )
        if "minAvailable" in spec:
            return expected, _scaled(spec["minAvailable"], expected)
        return expected, expected

    def _scale(self, pods: list[Obj]) -> int:
        """The summed replicas of the pods' controllers (``getExpectedScale``)."""
        seen: dict[str, int] = {}
        for pod in pods:
            ref = _controller_ref(pod)
            if ref is None:
                continue
            owner = self._scaled_owner(ref, pod["metadata"]["namespace"])
            if owner is not None:
                seen[owner["metadata"]["uid"]] = int(owner["spec"].get("replicas", 1))
        return sum(seen.values())

    def _scaled_owner(self, ref: Obj, namespace: str) -> Obj | None:
        plural = SCALED_KINDS.get(ref.get("kind", ""))
        try:
            owner = self.api.get(plural, ref["name"], namespace) if plural else None
        except (KeyError, StatusError):
            return None
        parent = _controller_ref(owner) if owner else None
        if owner and parent and parent.get("kind") == "Deployment":
            return self._scaled_owner(parent, namespace)
        return owner

    def _disrupted(self, pdb: Obj, pods: list[Obj]) -> dict[str, str]:
        """``disruptedPods`` entries still pending: pod present, not timed out."""
        names = {p["metadata"]["name"]: p for p in pods}
        kept = {}
        for name, since in (pdb.get("status", {}).get("disruptedPods") or {}).items():
            pod = names.get(name)
            fresh = self.clock.now - self.clock.seconds_of(since) < DELETION_TIMEOUT
            if (
                pod is not None
                and not pod["metadata"].get("deletionTimestamp")
                and fresh
            ):
                kept[name] = since
        if kept:
            self.clock.call_later(DELETION_TIMEOUT, self._mark_pdb, pdb)
        return kept

    def _write(
        self,
        pdb: Obj,
        expected: int,
        desired: int,
        healthy: int,
        disrupted: dict[str, str],
    ) -> None:
        old = pdb.get("status", {})
        allowed = max(0, healthy - desired)
        status: Obj = {
            "currentHealthy": healthy,
            "desiredHealthy": desired,
            "disruptionsAllowed": allowed,
            "expectedPods": expected,
            "observedGeneration": pdb["metadata"].get("generation", 1),
        }
        if disrupted:
            status["disruptedPods"] = disrupted
        status["conditions"] = [
            _condition(allowed, old, status, self.clock.timestamp())
        ]
        if status == old:
            return
        pdb["status"] = status
        try:
            self.api.update(pdb, actor=self.actor, subresource="status")
        except StatusError:
            self._mark_pdb(pdb)


def _condition(allowed: int, old: Obj, status: Obj, now: str) -> Obj:
    state = "True" if allowed > 0 else "False"
    previous: Obj = next(
        (
            c
            for c in old.get("conditions") or []
            if c.get("type") == "DisruptionAllowed"
        ),
        {},
    )
    return {
        "type": "DisruptionAllowed",
        "status": state,
        "reason": "SufficientPods" if allowed > 0 else "InsufficientPods",
        "message": "",
        "observedGeneration": status["observedGeneration"],
        "lastTransitionTime": previous.get("lastTransitionTime", now)
        if previous.get("status") == state
        else now,
    }


def _stale(pdb: Obj) -> bool:
    status = pdb.get("status", {})
    return status.get("observedGeneration", 0) < pdb["metadata"].get("generation", 0)


def _scaled(value: Any, total: int) -> int:
    """``GetScaledValueFromIntOrPercent`` rounding up."""
    if isinstance(value, str) and value.endswith("%"):
        return math.ceil(int(value[:-1]) * total / 100)
    return int(value)


def _controller_ref(obj: Obj) -> Obj | None:
    refs = obj["metadata"].get("ownerReferences") or []
    return next((r for r in refs if r.get("controller")), None)


def _ready(pod: Obj) -> bool:
    return any(
        c.get("type") == "Ready" and c.get("status") == "True"
        for c in pod.get("status", {}).get("conditions") or []
    )
