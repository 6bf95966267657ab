"""Evaluator.Preempt (``framework/preemption/preemption.go``).

1. Is the pod eligible (preemptionPolicy, victims still terminating)?
2. Dry-run preemption on the nodes that failed with plain Unschedulable,
   from a random offset, until enough candidates are found.
3. No candidate: a FitError of the dry run's reasons, every other node
   "Preemption is not helpful for scheduling".
4. Pick the best candidate, evict its victims, nominate its node.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any, Protocol

from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.fit_error import Diagnosis, FitError
from cluster.scheduler.framework.interface import PostFilterResult
from cluster.scheduler.framework.status import Code, Status, unresolvable, unschedulable
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.preemption.candidates import Candidate, pick_one

NOT_HELPFUL = "Preemption is not helpful for scheduling"
Obj = dict[str, Any]


class Interface(Protocol):
    """What a preemption plugin decides (``preemption.Interface``)."""

    def offset_and_num_candidates(self, num_nodes: int) -> tuple[int, int]: ...

    def eligible_to_preempt_others(
        self, pod: PodInfo, nominated_status: Status | None
    ) -> tuple[bool, str]: ...

    def select_victims_on_node(
        self, state: CycleState, pod: PodInfo, node: NodeInfo, pdbs: list[Obj]
    ) -> tuple[list[PodInfo], int, Status | None]: ...


class Evaluator:
    def __init__(
        self,
        plugin: Interface,
        nodes: Callable[[], list[NodeInfo]],
        pdbs: Callable[[], list[Obj]],
        prepare: Callable[[Candidate, PodInfo], None],
    ) -> None:
        self.plugin = plugin
        self._nodes = nodes
        self._pdbs = pdbs
        self._prepare = prepare

    def preempt(
        self, state: CycleState, pod: PodInfo, diagnosis: Diagnosis
    ) -> tuple[PostFilterResult | None, Status]:
        nominated = pod.status.get("nominatedNodeName") or ""
        ok, message = self.plugin.eligible_to_preempt_others(
            pod, status_of(diagnosis, nominated)
        )
        if not ok:
            return None, unschedulable(message)
        all_nodes = self._nodes()
        candidates, statuses = self.find_candidates(state, pod, all_nodes, diagnosis)
        if not candidates:
            return PostFilterResult(""), unschedulable(
                _no_candidate_message(pod, all_nodes, statuses)
            )
        best = pick_one(candidates)
        if best is None:
            return None, unschedulable("no candidate node for preemption")
        self._prepare(best, pod)
        victims = tuple(victim.key for victim in best.victims)
        return PostFilterResult(best.node_name, victims), Status(Code.SUCCESS)

    def find_candidates(
        self,
        state: CycleState,
        pod: PodInfo,
        all_nodes: list[NodeInfo],
        diagnosis: Diagnosis,
    ) -> tuple[list[Candidate], dict[str, Status]]:
        potential = [n for n in all_nodes if _unschedulable(diagnosis, n.name)]
        if not potential:
            return [], {}
        offset, wanted = self.plugin.offset_and_num_candidates(len(potential))
        return self.dry_run(state, pod, potential, offset, wanted)

    def dry_run(
        self,
        state: CycleState,
        pod: PodInfo,
        potential: list[NodeInfo],
        offset: int,
        wanted: int,
    ) -> tuple[list[Candidate], dict[str, Status]]:
        """DryRunPreemption: nodes in turn from ``offset``, each on copies of
        the node and the cycle state, until enough candidates are found;
        PDB-respecting candidates come first."""
        pdbs = self._pdbs()
        fine: list[Candidate] = []
        violating: list[Candidate] = []
        statuses: dict[str, Status] = {}
        for i in range(len(potential)):
            node = potential[(offset + i) % len(potential)]
            victims, violations, status = self.plugin.select_victims_on_node(
                state.clone(), pod, node.clone(), pdbs
            )
            if status is None and victims:
                (violating if violations else fine).append(
                    Candidate(node.name, victims, violations)
                )
                if fine and len(fine) + len(violating) >= wanted:
                    break
                continue
            statuses[node.name] = status or unresolvable(
                f'expected at least one victim pod on node "{node.name}"'
            )
        return fine + violating, statuses


def status_of(diagnosis: Diagnosis, node_name: str) -> Status | None:
    """NodeToStatus.Get: the node's status, or the absent nodes' one."""
    found = diagnosis.node_to_status.get(node_name)
    return found if found is not None else diagnosis.absent_nodes_status


def _unschedulable(diagnosis: Diagnosis, node_name: str) -> bool:
    """NodesForStatusCode(Unschedulable): preemption may help there."""
    status = status_of(diagnosis, node_name)
    return status is not None and status.code == Code.UNSCHEDULABLE


def _no_candidate_message(
    pod: PodInfo, all_nodes: list[NodeInfo], statuses: dict[str, Status]
) -> str:
    diagnosis = Diagnosis(
        node_to_status=statuses, absent_nodes_status=unresolvable(NOT_HELPFUL)
    )
    return FitError(pod.key, len(all_nodes), diagnosis).message()


def random_offset(rng: random.Random, num_nodes: int) -> int:
    """rand.Int31n(n), from the scheduler's seeded stream."""
    return rng.randrange(num_nodes) if num_nodes > 0 else 0
