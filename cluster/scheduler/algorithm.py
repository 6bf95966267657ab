"""One pod's scheduling algorithm (``pkg/scheduler/schedule_one.go``):
PreFilter, Filter over the nodes from a round-robin start index until enough
feasible nodes are found, then PreScore/Score/NormalizeScore and the pick.

Filter runs node by node here where Go runs 16 goroutines; the nodes examined
are the same ones, in node-tree order from ``next_start_node_index``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from cluster.scheduler.cache import Cache
from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.fit_error import (
    NO_NODES_AVAILABLE,
    Diagnosis,
    FitError,
)
from cluster.scheduler.framework.interface import PostFilterResult
from cluster.scheduler.framework.nominated import run_filter_with_nominated_pods
from cluster.scheduler.framework.runtime import (
    FilterFunc,
    Framework,
    ScoreTable,
    rejection,
)
from cluster.scheduler.framework.status import Code, Status
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.nominator import Nominator

MIN_FEASIBLE_NODES_TO_FIND = 100
MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5


@dataclass
class ScheduleResult:
    """What one attempt decided, and everything the diagram shows about why."""

    suggested_host: str | None = None
    evaluated_nodes: int = 0
    # The Filter plugins that ran (PreFilter skipped the others), in order.
    filter_plugins: list[str] = field(default_factory=list)
    # What PostFilter (preemption) decided: None leaves the pod's nomination
    # alone, a result (even with "") overrides it.
    nominating: PostFilterResult | None = None
    post_filter_plugin: str = ""
    # The explanation of this attempt (explain.record.AttemptRecord).
    record: Any = None
    feasible: list[NodeInfo] = field(default_factory=list)
    diagnosis: Diagnosis = field(default_factory=Diagnosis)
    scores: ScoreTable | None = None
    fit_error: FitError | None = None
    # A failure that is not "fits nowhere": no nodes, or a plugin error.
    status: Status | None = None

    def message(self) -> str:
        if self.fit_error is not None:
            return self.fit_error.message()
        return self.status.message() if self.status else ""


def num_feasible_nodes_to_find(percentage: int | None, num_all_nodes: int) -> int:
    """How many feasible nodes are enough: all below 100 nodes, else a share
    that shrinks with cluster size (50% - 1% per 125 nodes, at least 5%), never
    fewer than 100. Integer math, as in Go: 500 -> 230, 1000 -> 420."""
    if num_all_nodes < MIN_FEASIBLE_NODES_TO_FIND:
        return num_all_nodes
    if not percentage:
        percentage = max(
            50 - num_all_nodes // 125, MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND
        )
    found = num_all_nodes * percentage // 100
    return max(found, MIN_FEASIBLE_NODES_TO_FIND)


def select_host(table: ScoreTable, rng: random.Random) -> str:
    """The highest total wins; ties are broken uniformly at random from the
    scheduler's seeded stream, so a replay picks the same node. (v1.35
    keeps the random tie-break; the reservoir sampling it used to do it
    gave the same odds with one draw per tied node.)"""
    totals = table.totals
    best = max(totals)
    tied = [i for i, total in enumerate(totals) if total == best]
    pick = tied[rng.randrange(len(tied))] if len(tied) > 1 else tied[0]
    return table.nodes[pick].name


class ScheduleAlgorithm:
    """schedulePod for every profile: the round-robin start index is the
    scheduler's, shared by its profiles, as in Go."""

    def __init__(
        self,
        framework: Framework,
        cache: Cache,
        rng: random.Random,
        nominator: Nominator | None = None,
    ) -> None:
        self.framework = framework
        self.cache = cache
        self.rng = rng
        self.nominator = nominator
        # Round-robin across cycles, so every node gets examined in turn.
        self.next_start_node_index = 0

    def schedule_pod(
        self, state: CycleState, pod: PodInfo, fw: Framework | None = None
    ) -> ScheduleResult:
        fw = fw or self.framework
        nodes = self.cache.node_infos()
        if not nodes:
            return ScheduleResult(
                status=Status(
                    Code.UNSCHEDULABLE_AND_UNRESOLVABLE, (NO_NODES_AVAILABLE,)
                )
            )
        result = self._find_nodes_that_fit(fw, state, pod, nodes)
        if result.status is not None or result.fit_error is not None:
            return result
        return self._choose(fw, state, pod, result)

    def _find_nodes_that_fit(
        self, fw: Framework, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> ScheduleResult:
        result = ScheduleResult()
        pre, status, narrowing = fw.run_pre_filter(state, pod, nodes)
        if status is not None and not status.is_rejected():
            result.status = status
            return result
        if status is not None:
            return self._pre_filter_rejected(result, pod, nodes, status)
        if self._nominated_node_fits(fw, state, pod, result):
            return result
        candidates = nodes
        if pre is not None and pre.node_names is not None:
            candidates = [n for n in nodes if n.name in pre.node_names]
            result.diagnosis.absent_nodes_status = Status(
                Code.UNSCHEDULABLE_AND_UNRESOLVABLE,
                (f"node(s) didn't satisfy plugin(s) [{' '.join(narrowing)}]",),
            )
        result.feasible = self._find_nodes_that_pass_filters(
            fw, state, pod, candidates, len(nodes), result
        )
        if not result.feasible and result.status is None:
            result.fit_error = FitError(pod.key, len(nodes), result.diagnosis)
        return result

    def _nominated_node_fits(
        self, fw: Framework, state: CycleState, pod: PodInfo, result: ScheduleResult
    ) -> bool:
        """evaluateNominatedNode: the node preemption made room on is likely
        the only one that fits, so it is tried first, on its own."""
        info = self.cache.get(pod.status.get("nominatedNodeName") or "")
        if info is None or info.node is None:
            return False
        result.filter_plugins = [name for name, _ in fw.filter_plugins(state)]
        status = self._filter(fw, state, pod, info, fw.filter_plugins(state))
        if status is not None:
            result.diagnosis.node_to_status[info.name] = status
            return False
        result.feasible, result.evaluated_nodes = [info], 1
        return True

    def _pre_filter_rejected(
        self,
        result: ScheduleResult,
        pod: PodInfo,
        nodes: list[NodeInfo],
        status: Status,
    ) -> ScheduleResult:
        diagnosis = result.diagnosis
        diagnosis.absent_nodes_status = status
        diagnosis.pre_filter_msg = status.message()
        diagnosis.add_plugin_status(status)
        result.fit_error = FitError(pod.key, len(nodes), diagnosis)
        return result

    def _find_nodes_that_pass_filters(
        self,
        fw: Framework,
        state: CycleState,
        pod: PodInfo,
        nodes: list[NodeInfo],
        all_nodes: int,
        result: ScheduleResult,
    ) -> list[NodeInfo]:
        """Nodes from the round-robin start until ``wanted`` fit. Each round
        takes as many nodes as are still wanted: node by node Go would look
        at every one of them too, so the nodes examined are the same."""
        count = len(nodes)
        wanted = num_feasible_nodes_to_find(fw.percentage_of_nodes_to_score, count)
        result.filter_plugins = [name for name, _ in fw.filter_plugins(state)]
        feasible: list[NodeInfo] = []
        start, examined = self.next_start_node_index, 0
        while examined < count and len(feasible) < wanted and result.status is None:
            take = min(wanted - len(feasible), count - examined)
            chunk = _wrapped(nodes, (start + examined) % count, take)
            examined += take
            feasible += self._filter_chunk(fw, state, pod, chunk, result)
        for status in result.diagnosis.node_to_status.values():
            result.diagnosis.add_plugin_status(status)
        # Go advances by the nodes processed, modulo all nodes in the snapshot.
        self.next_start_node_index = (start + examined) % all_nodes
        result.evaluated_nodes = examined
        return feasible

    def _filter_chunk(
        self,
        fw: Framework,
        state: CycleState,
        pod: PodInfo,
        chunk: list[NodeInfo],
        result: ScheduleResult,
    ) -> list[NodeInfo]:
        """RunFilterPlugins over a list: each plugin sees the nodes the ones
        before it passed, so a node's status is its first failure."""
        statuses = result.diagnosis.node_to_status
        if self.nominator:
            return self._filter_each(fw, state, pod, chunk, result)
        survivors = chunk
        for name, batch in fw.filter_batches(state):
            survivors, rejected = batch(state, pod, survivors)
            for node, status in rejected:
                status = rejection(name, status)
                if status.code == Code.ERROR:
                    # A Filter error fails the whole attempt, not just the node.
                    result.status = status
                    return []
                statuses[node.name] = status
            if not survivors:
                break
        return survivors

    def _filter_each(
        self,
        fw: Framework,
        state: CycleState,
        pod: PodInfo,
        chunk: list[NodeInfo],
        result: ScheduleResult,
    ) -> list[NodeInfo]:
        """Node by node, for when some nodes have nominated pods."""
        filters = fw.filter_plugins(state)
        passed = []
        for node in chunk:
            status = self._filter(fw, state, pod, node, filters)
            if status is None:
                passed.append(node)
            elif status.code == Code.ERROR:
                result.status = status
                break
            else:
                result.diagnosis.node_to_status[node.name] = status
        return passed

    def _filter(
        self,
        fw: Framework,
        state: CycleState,
        pod: PodInfo,
        node: NodeInfo,
        filters: list[tuple[str, FilterFunc]],
    ) -> Status | None:
        if self.nominator and self.nominator.has_pods_for(node.name):
            return run_filter_with_nominated_pods(fw, state, pod, node, self.nominator)
        for name, filter_ in filters:
            status = filter_(state, pod, node)
            if status is not None:
                return rejection(name, status)
        return None

    def _choose(
        self, fw: Framework, state: CycleState, pod: PodInfo, result: ScheduleResult
    ) -> ScheduleResult:
        feasible = result.feasible
        if len(feasible) == 1:
            # "When only one node after predicate, just use it": no scoring.
            result.suggested_host = feasible[0].name
            return result
        status = fw.run_pre_score(state, pod, feasible)
        if status is not None:
            result.status = status
            return result
        result.scores = fw.run_score(state, pod, feasible)
        result.suggested_host = select_host(result.scores, self.rng)
        return result


def _wrapped(nodes: list[NodeInfo], first: int, take: int) -> list[NodeInfo]:
    """``take`` nodes from index ``first``, wrapping round: two slices."""
    chunk = nodes[first : first + take]
    return chunk + nodes[: take - len(chunk)] if len(chunk) < take else chunk
