"""DefaultPreemption: when a pod fits nowhere, evict lower-priority pods to
make room on one node (``defaultpreemption/default_preemption.go``).

On each candidate node (a copy of it), every lower-priority pod is removed;
if the pod still does not fit, preemption cannot help there. Otherwise the
victims are put back one by one, most important first, PDB-protected ones
before the rest, and those the pod cannot live with stay victims.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.fit_error import Diagnosis
from cluster.scheduler.framework.interface import Handle, PostFilterResult
from cluster.scheduler.framework.labels import SelectorError, label_selector
from cluster.scheduler.framework.nominated import run_filter_with_nominated_pods
from cluster.scheduler.framework.status import Code, Status, unresolvable
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.plugins import names
from cluster.scheduler.preemption.candidates import Candidate, start_time
from cluster.scheduler.preemption.evaluator import Evaluator, random_offset
from cluster.scheduler.preemption.executor import REASON, Executor

if TYPE_CHECKING:
    from cluster.scheduler.framework.runtime import Framework

Obj = dict[str, Any]
NAME = names.DEFAULT_PREEMPTION
NO_VICTIMS = "No preemption victims found for incoming pod"


class DefaultPreemption:
    name = NAME

    def __init__(self, args: Mapping[str, Any], handle: Handle) -> None:
        self._handle = handle
        self.min_percentage = int(args.get("minCandidateNodesPercentage", 10))
        self.min_absolute = int(args.get("minCandidateNodesAbsolute", 100))
        self._fw: Framework | None = None
        self._evaluator: Evaluator | None = None

    def set_framework(self, fw: Framework) -> None:
        """The framework this plugin serves (Go's fh), for its Filters."""
        self._fw = fw
        self._evaluator = Evaluator(
            self, self._handle.node_infos, self._pdbs, self._prepare
        )

    def _prepare(self, candidate: Candidate, pod: PodInfo) -> None:
        assert self._fw is not None
        handle = self._handle
        executor = Executor(
            handle.api,
            handle.recorder(self._fw.profile_name),
            handle.actor,
            handle.nominator,
        )
        executor.prepare(candidate, pod)

    def post_filter(
        self, state: CycleState, pod: PodInfo, diagnosis: Diagnosis
    ) -> tuple[PostFilterResult | None, Status]:
        assert self._evaluator is not None, "set_framework was not called"
        result, status = self._evaluator.preempt(state, pod, diagnosis)
        if status.message():
            return result, Status(status.code, (f"preemption: {status.message()}",))
        return result, status

    # -- preemption.Interface ------------------------------------------------

    def offset_and_num_candidates(self, num_nodes: int) -> tuple[int, int]:
        return random_offset(self._handle.rng, num_nodes), self.num_candidates(
            num_nodes
        )

    def num_candidates(self, num_nodes: int) -> int:
        """calculateNumCandidates: a share of the nodes, at least the
        absolute minimum, at most all of them."""
        wanted = max(num_nodes * self.min_percentage // 100, self.min_absolute)
        return min(wanted, num_nodes)

    def eligible_to_preempt_others(
        self, pod: PodInfo, nominated_status: Status | None
    ) -> tuple[bool, str]:
        """PodEligibleToPreemptOthers."""
        if pod.spec.get("preemptionPolicy") == "Never":
            return False, "not eligible due to preemptionPolicy=Never."
        nominated = pod.status.get("nominatedNodeName") or ""
        if not nominated:
            return True, ""
        if (
            nominated_status is not None
            and nominated_status.code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE
        ):
            return True, ""
        info = next((n for n in self._handle.node_infos() if n.name == nominated), None)
        for other in info.pods.values() if info else ():
            if other.priority < pod.priority and terminating_by_preemption(other):
                return (
                    False,
                    "not eligible due to a terminating pod on the nominated node.",
                )
        return True, ""

    def select_victims_on_node(
        self, state: CycleState, pod: PodInfo, node: NodeInfo, pdbs: list[Obj]
    ) -> tuple[list[PodInfo], int, Status | None]:
        """SelectVictimsOnNode, on a copy of the node and the state."""
        fw = self._fw
        assert fw is not None
        potential = [p for p in node.pods.values() if p.priority < pod.priority]
        if not potential:
            return [], 0, unresolvable(NO_VICTIMS)
        for victim in potential:
            node.remove_pod(victim.key)
            fw.run_pre_filter_remove_pod(state, pod, victim, node)
        status = self._filter(state, pod, node)
        if status is not None:
            return [], 0, status
        potential.sort(key=importance)
        violating, fine = split_by_pdb(potential, pdbs)
        victims: list[PodInfo] = []
        violations = sum(
            1 for p in violating if not self._reprieve(state, pod, node, p, victims)
        )
        for other in fine:
            self._reprieve(state, pod, node, other, victims)
        if violating and fine:
            victims.sort(key=importance)
        return victims, violations, None

    def _reprieve(
        self,
        state: CycleState,
        pod: PodInfo,
        node: NodeInfo,
        candidate: PodInfo,
        victims: list[PodInfo],
    ) -> bool:
        """Put the pod back; if the preemptor no longer fits, it is a victim."""
        fw = self._fw
        assert fw is not None
        node.add_pod(candidate)
        fw.run_pre_filter_add_pod(state, pod, candidate, node)
        if self._filter(state, pod, node) is None:
            return True
        node.remove_pod(candidate.key)
        fw.run_pre_filter_remove_pod(state, pod, candidate, node)
        victims.append(candidate)
        return False

    def _filter(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> Status | None:
        assert self._fw is not None
        return run_filter_with_nominated_pods(
            self._fw, state, pod, node, self._handle.nominator
        )

    def _pdbs(self) -> list[Obj]:
        return list(self._handle.listers.list("poddisruptionbudgets"))


def importance(pod: PodInfo) -> tuple[int, str]:
    """MoreImportantPod as a sort key: higher priority first, then the pod
    that started earlier."""
    return -pod.priority, start_time(pod)


def terminating_by_preemption(pod: PodInfo) -> bool:
    if not pod.terminating:
        return False
    return any(
        c.get("type") == "DisruptionTarget"
        and c.get("status") == "True"
        and c.get("reason") == REASON
        for c in pod.status.get("conditions") or ()
    )


def split_by_pdb(
    pods: list[PodInfo], pdbs: list[Obj]
) -> tuple[list[PodInfo], list[PodInfo]]:
    """filterPodsWithPDBViolation: pods whose eviction would take a PDB below
    its allowed disruptions, and the rest; order kept."""
    allowed = [
        int((p.get("status") or {}).get("disruptionsAllowed") or 0) for p in pdbs
    ]
    violating: list[PodInfo] = []
    fine: list[PodInfo] = []
    for pod in pods:
        broken = False
        for i, pdb in enumerate(pdbs):
            if _covers(pdb, pod):
                allowed[i] -= 1
                broken = broken or allowed[i] < 0
        (violating if broken else fine).append(pod)
    return violating, fine


def _covers(pdb: Obj, pod: PodInfo) -> bool:
    if not pod.labels or pdb["metadata"].get("namespace") != pod.namespace:
        return False
    try:
        selector = label_selector((pdb.get("spec") or {}).get("selector"))
    except SelectorError:
        return False
    if selector.empty or not selector.matches(pod.labels):
        return False
    # Already counted by the API server's eviction: not a new violation.
    return pod.name not in ((pdb.get("status") or {}).get("disruptedPods") or {})


def new(args: Mapping[str, Any] | None, handle: Handle) -> DefaultPreemption:
    return DefaultPreemption(args or {}, handle)
