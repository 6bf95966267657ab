"""Carrying out a preemption (``prepareCandidate`` and ``PreemptPod``):

- each victim gets a DisruptionTarget condition (reason
  PreemptionByScheduler), then is deleted gracefully through the API server,
  then a ``Preempted`` event says by whom;
- lower-priority pods nominated to the same node lose their nomination, so
  they look elsewhere rather than wait for room that is no longer theirs.

With async preemption (beta and on since v1.33) kube-scheduler makes these
calls in a goroutine; here they take no simulated time, so the result is the
same.
"""

from __future__ import annotations

from typing import Any

from cluster.api.errors import StatusError
from cluster.apiserver import APIServer
from cluster.recorder import EventRecorder
from cluster.scheduler.framework.types import PodInfo
from cluster.scheduler.nominator import Nominator
from cluster.scheduler.preemption.candidates import Candidate

Obj = dict[str, Any]
REASON = "PreemptionByScheduler"


class Executor:
    def __init__(
        self,
        api: APIServer,
        recorder: EventRecorder,
        actor: str,
        nominator: Nominator | None,
    ) -> None:
        self._api = api
        self._recorder = recorder
        self._actor = actor
        self._nominator = nominator

    def prepare(self, candidate: Candidate, preemptor: PodInfo) -> None:
        for victim in candidate.victims:
            if not victim.terminating:
                self.preempt_pod(candidate.node_name, preemptor, victim)
        self._clear_lower_nominations(candidate.node_name, preemptor)

    def preempt_pod(self, node_name: str, preemptor: PodInfo, victim: PodInfo) -> None:
        try:
            current = self._api.get("pods", victim.name, victim.namespace)
            scheduler = preemptor.scheduler_name or "default-scheduler"
            if _set_disruption_target(current, scheduler, self._api.clock.timestamp()):
                current = self._api.update(
                    current, actor=self._actor, subresource="status"
                )
            self._api.delete("pods", victim.name, victim.namespace, actor=self._actor)
        except StatusError:
            return  # already gone: nothing to preempt
        self._recorder.normal(
            current,
            "Preempted",
            f"Preempted by pod {preemptor.uid} on node {node_name}",
        )

    def _clear_lower_nominations(self, node_name: str, preemptor: PodInfo) -> None:
        if not self._nominator:
            return
        for pod in self._nominator.pods_for_node(node_name):
            if pod.priority < preemptor.priority:
                self._clear_nomination(pod)

    def _clear_nomination(self, pod: PodInfo) -> None:
        try:
            current = self._api.get("pods", pod.name, pod.namespace)
            if current.get("status", {}).pop("nominatedNodeName", None):
                self._api.update(current, actor=self._actor, subresource="status")
        except StatusError:
            pass


def _set_disruption_target(pod: Obj, scheduler: str, now: str) -> bool:
    """UpdatePodCondition: False when the condition is already just so."""
    condition: Obj = {
        "type": "DisruptionTarget",
        "status": "True",
        "lastProbeTime": None,
        "lastTransitionTime": now,
        "reason": REASON,
        "message": f"{scheduler}: preempting to accommodate a higher priority pod",
    }
    generation = pod["metadata"].get("generation")
    if generation is not None:
        condition["observedGeneration"] = generation
    conditions = pod.setdefault("status", {}).setdefault("conditions", [])
    old = next((c for c in conditions if c.get("type") == "DisruptionTarget"), None)
    if old is None:
        conditions.append(condition)
        return True
    if all(old.get(k) == condition[k] for k in ("status", "reason", "message")):
        return False
    if old.get("status") == condition["status"]:
        condition["lastTransitionTime"] = old.get("lastTransitionTime")
    conditions[conditions.index(old)] = condition
    return True
