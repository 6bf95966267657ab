"""TaintToleration: Filter keeps pods off nodes whose NoSchedule/NoExecute
taints they do not tolerate; Score prefers nodes with fewer untolerated
PreferNoSchedule taints (the count, reversed by DefaultNormalizeScore)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cluster.scheduler.framework.batch import Rejected, split
from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.interface import Handle
from cluster.scheduler.framework.status import MAX_NODE_SCORE, Status, unresolvable
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.plugins import names
from cluster.scheduler.plugins.helper import (
    default_normalize_score,
    tolerations_tolerate_taint,
)

Obj = dict[str, Any]
NAME = names.TAINT_TOLERATION
PRE_SCORE_STATE_KEY = "PreScore" + NAME
# v1.35 (PR #134740) no longer names the taint: "{key: value}" is gone.
ERR_REASON_NOT_MATCH = "node(s) had untolerated taint(s)"
_UNTOLERATED = unresolvable(ERR_REASON_NOT_MATCH, plugin=NAME)
_DO_NOT_SCHEDULE = ("NoSchedule", "NoExecute")


class TaintToleration:
    name = NAME

    def filter(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> Status | None:
        if not node.taints:
            return None
        for taint in node.taints:
            if taint.get(
                "effect"
            ) in _DO_NOT_SCHEDULE and not tolerations_tolerate_taint(
                pod.tolerations, taint
            ):
                return _UNTOLERATED
        return None

    def filter_nodes(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> tuple[list[NodeInfo], Rejected]:
        fits = [n for n in nodes if not n.taints]
        return split(nodes, fits, self.filter, state, pod)

    def pre_score(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> Status | None:
        # An empty effect tolerates every effect, PreferNoSchedule included.
        prefer = tuple(
            t
            for t in pod.tolerations
            if (t.get("effect") or "PreferNoSchedule") == "PreferNoSchedule"
        )
        state.write(PRE_SCORE_STATE_KEY, prefer)
        return None

    def score(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> int:
        return self.score_nodes(state, pod, [node])[0]

    def score_nodes(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> list[int]:
        tolerations = state.read(PRE_SCORE_STATE_KEY)
        return [
            _intolerable_prefer_no_schedule(node.taints, tolerations)
            if node.taints
            else 0
            for node in nodes
        ]

    def normalize_score(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo], scores: list[int]
    ) -> Status | None:
        default_normalize_score(MAX_NODE_SCORE, True, scores)
        return None


def _intolerable_prefer_no_schedule(
    taints: tuple[Obj, ...], tolerations: tuple[Obj, ...]
) -> int:
    return sum(
        1
        for taint in taints
        if taint.get("effect") == "PreferNoSchedule"
        and not tolerations_tolerate_taint(tolerations, taint)
    )


def new(args: Mapping[str, Any] | None, handle: Handle) -> TaintToleration:
    return TaintToleration()
