"""The taint eviction controller (``pkg/controller/tainteviction``).

It follows the NoExecute taints of each node and the pods bound there. A pod
that does not tolerate every NoExecute taint of its node is deleted at once;
one that tolerates them all for a while (``tolerationSeconds``, 300 s for
the tolerations DefaultTolerationSeconds adds) is deleted when the shortest
of those runs out, counted from when the controller saw the taint; one that
tolerates them forever stays. Before deleting it posts ``TaintManagerEviction``
``Marking for deletion Pod <ns>/<name>`` and marks the pod with a
``DisruptionTarget`` condition; an eviction called off because the taint went
away posts ``Cancelling deletion of Pod <ns>/<name>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cluster.api.errors import StatusError
from cluster.clock import Clock, Timer
from cluster.controllers import podutil
from cluster.controllers.informers import (
    EventHandler,
    Registrations,
    SharedInformerFactory,
)
from cluster.recorder import EventRecorder
from cluster.scheduler.plugins.helper import tolerates

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
NAME = "taint-eviction-controller"
REASON = "TaintManagerEviction"
CONDITION = {
    "type": "DisruptionTarget",
    "status": "True",
    "reason": "DeletionByTaintManager",
    "message": "Taint manager: deleting due to NoExecute taint",
}
Key = tuple[str, str]


class TaintEvictionController:
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
        self.recorder = EventRecorder(api, NAME, actor=actor)
        self.tainted: dict[str, list[Obj]] = {}  # node -> its NoExecute taints
        self.work: dict[Key, tuple[float, Timer]] = {}  # pod -> (created, timer)
        self.informers = informers or SharedInformerFactory(api, actor)
        self.nodes = self.informers.informer("nodes")
        self.pods = self.informers.informer("pods")
        pod_handler = EventHandler(
            on_add=lambda pod: self._on_pod(None, pod),
            on_update=self._on_pod,
            on_delete=lambda pod: self._cancel(podutil.key_of(pod)),
        )
        self.handlers = Registrations(
            self.informers, [("nodes", self._on_node), ("pods", pod_handler)]
        )

    def start(self) -> None:
        self.handlers.add()
        self.informers.start()
        for node in self.nodes.list():
            self._on_node("ADDED", node)

    def stop(self) -> None:
        self.handlers.remove()
        for _, timer in self.work.values():
            timer.cancel()

    # -- informers ------------------------------------------------------------------

    def _on_node(self, verb: str, node: Obj) -> None:
        name = node["metadata"]["name"]
        taints = [] if verb == "DELETED" else _no_execute(node)
        if taints == self.tainted.get(name, []):
            return
        if taints:
            self.tainted[name] = taints
        else:
            self.tainted.pop(name, None)
        bound = self.pods.shared(field_selector=f"spec.nodeName={name}")
        for pod in sorted(bound, key=podutil.key_of):
            self._process(podutil.key_of(pod), pod, taints)

    def _on_pod(self, old: Obj | None, pod: Obj) -> None:
        key = podutil.key_of(pod)
        node = pod["spec"].get("nodeName")
        moved = old is None or old["spec"].get("nodeName") != node
        if node and (moved or _tolerations(old or pod) != _tolerations(pod)):
            self._process(key, pod, self.tainted.get(node, []))

    # -- decisions ---------------------------------------------------------------------

    def _process(self, key: Key, pod: Obj, taints: list[Obj]) -> None:
        """``processPodOnNode``."""
        if not taints:
            self._cancel(key)
            return
        used = _matching_tolerations(taints, pod["spec"].get("tolerations") or [])
        if used is None:
            self._cancel(key)
            self._schedule(key, self.clock.now, 0.0)
            return
        seconds = _min_toleration(used)
        if seconds is None:
            self._cancel(key)
            return
        created = self.clock.now
        if key in self.work:
            created = self.work[key][0]
            if created + seconds < self.clock.now + seconds:
                return  # the scheduled eviction comes sooner
            self._cancel(key)
        self._schedule(key, created, max(created + seconds - self.clock.now, 0.0))

    def _schedule(self, key: Key, created: float, delay: float) -> None:
        timer = self.clock.call_later(delay, self._evict, key)
        self.work[key] = (created, timer)

    def _cancel(self, key: Key) -> None:
        entry = self.work.pop(key, None)
        if entry is not None:
            entry[1].cancel()
            self._event(key, f"Cancelling deletion of Pod {key[0]}/{key[1]}")

    def _evict(self, key: Key) -> None:
        self.work.pop(key, None)
        self._event(key, f"Marking for deletion Pod {key[0]}/{key[1]}")
        try:
            pod = self.api.get("pods", key[1], key[0])
            _set_condition(pod, self.clock.timestamp())
            self.api.update(pod, actor=self.actor, subresource="status")
            self.api.delete("pods", key[1], key[0], actor=self.actor)
        except StatusError:
            return

    def _event(self, key: Key, message: str) -> None:
        # The reference names the pod without its uid, as the controller's does.
        ref = {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": key[1], "namespace": key[0]},
        }
        self.recorder.normal(ref, REASON, message)


def _no_execute(node: Obj) -> list[Obj]:
    return [
        t
        for t in node.get("spec", {}).get("taints") or []
        if t.get("effect") == "NoExecute"
    ]


def _tolerations(pod: Obj) -> list[Obj]:
    return list(pod["spec"].get("tolerations") or [])


def _matching_tolerations(
    taints: list[Obj], tolerations: list[Obj]
) -> list[Obj] | None:
    """``GetMatchingTolerations``: the toleration used per taint, None if one
    taint is not tolerated."""
    used = []
    for taint in taints:
        match = next((t for t in tolerations if tolerates(t, taint)), None)
        if match is None:
            return None
        used.append(match)
    return used


def _min_toleration(used: list[Obj]) -> float | None:
    """``getMinTolerationTime``: seconds, 0 for none or <= 0, None for forever."""
    if not used:
        return 0.0
    seconds = [
        t["tolerationSeconds"] for t in used if t.get("tolerationSeconds") is not None
    ]
    if not seconds:
        return None
    return float(max(min(seconds), 0))


def _set_condition(pod: Obj, now: str) -> None:
    conditions = pod.setdefault("status", {}).setdefault("conditions", [])
    old = next((c for c in conditions if c.get("type") == CONDITION["type"]), None)
    if old is not None and old.get("status") == CONDITION["status"]:
        old.update(CONDITION)
        return
    conditions[:] = [c for c in conditions if c.get("type") != CONDITION["type"]]
    conditions.append({**CONDITION, "lastProbeTime": None, "lastTransitionTime": now})
