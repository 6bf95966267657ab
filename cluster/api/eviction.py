"""The pods/eviction subresource (``pkg/registry/core/pod/storage/eviction.go``).

An eviction is a delete that respects PodDisruptionBudgets. A pod that is
pending, finished or already terminating is simply deleted. Otherwise the
one PDB selecting it must allow a disruption: the API server takes one from
``disruptionsAllowed``, notes the pod under ``disruptedPods`` so the
disruption controller does not count it, marks the pod ``DisruptionTarget``
and deletes it. With no disruption left it answers 429 TooManyRequests, which
``kubectl drain`` retries every five seconds. A dry run checks the budget and
the deletion and changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cluster.api import labelselector
from cluster.api.errors import StatusError, too_many_requests

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
ACTOR = "kube-apiserver"
CAUSE = "DisruptionBudget"
VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget."
CONDITION = {
    "type": "DisruptionTarget",
    "status": "True",
    "reason": "EvictionByEvictionAPI",
    "message": "Eviction API: evicting",
}


def evict(
    api: APIServer,
    namespace: str,
    name: str,
    grace: int | None,
    actor: str,
    dry_run: bool = False,
) -> None:
    pod = api.get("pods", name, namespace)
    if not dry_run:
        api.stream.message(
            actor,
            ACTOR,
            "create",
            f"{actor}: evict pod/{name}",
            resource="Pod",
            name=name,
            namespace=namespace,
        )
    if not _can_ignore_pdb(pod):
        _check_budget(api, pod, dry_run)
        if not dry_run:
            _mark_disruption_target(api, pod)
    api.delete(
        "pods",
        name,
        namespace,
        actor=actor,
        grace_period_seconds=grace,
        dry_run=dry_run,
    )


def _can_ignore_pdb(pod: Obj) -> bool:
    phase = pod.get("status", {}).get("phase")
    return phase in ("Succeeded", "Failed", "Pending") or bool(
        pod["metadata"].get("deletionTimestamp")
    )


def _check_budget(api: APIServer, pod: Obj, dry_run: bool) -> None:
    pdbs = [
        pdb
        for pdb in api.list("poddisruptionbudgets", pod["metadata"]["namespace"])
        if not labelselector.is_empty(pdb["spec"].get("selector"))
        and labelselector.matches(
            pdb["spec"].get("selector"), pod["metadata"].get("labels")
        )
    ]
    if len(pdbs) > 1:
        raise StatusError(
            500,
            "InternalError",
            "This pod has more than one PodDisruptionBudget, which the eviction "
            "subresource does not support.",
        )
    if not pdbs:
        return
    status = pdbs[0].get("status", {})
    desired = status.get("desiredHealthy", 0)
    if not _ready(pod) and status.get("currentHealthy", 0) >= desired > 0:
        return  # an unready pod does not count towards the budget
    _decrement(api, pdbs[0], pod["metadata"]["name"], dry_run)


def _decrement(api: APIServer, pdb: Obj, pod_name: str, dry_run: bool) -> None:
    name, status = pdb["metadata"]["name"], pdb.setdefault("status", {})
    if status.get("observedGeneration", 0) < pdb["metadata"].get("generation", 0):
        message = (
            f"The disruption budget {name} is still being processed by the server."
        )
        raise too_many_requests(VIOLATION, [{"reason": CAUSE, "message": message}])
    if status.get("disruptionsAllowed", 0) <= 0:
        message = (
            f"The disruption budget {name} needs {status.get('desiredHealthy', 0)} "
            f"healthy pods and has {status.get('currentHealthy', 0)} currently"
        )
        raise too_many_requests(VIOLATION, [{"reason": CAUSE, "message": message}])
    if dry_run:
        return
    status["disruptionsAllowed"] -= 1
    status.setdefault("disruptedPods", {})[pod_name] = api.clock.timestamp()
    api.update(pdb, actor=ACTOR, subresource="status")


def _mark_disruption_target(api: APIServer, pod: Obj) -> None:
    now = api.clock.timestamp()
    conditions = pod.setdefault("status", {}).setdefault("conditions", [])
    conditions[:] = [c for c in conditions if c.get("type") != CONDITION["type"]]
    conditions.append({**CONDITION, "lastProbeTime": None, "lastTransitionTime": now})
    api.update(pod, actor=ACTOR, subresource="status")


def _ready(pod: Obj) -> bool:
    return any(
        c.get("type") == "Ready" and c.get("status") == "True"
        for c in pod.get("status", {}).get("conditions") or []
    )
