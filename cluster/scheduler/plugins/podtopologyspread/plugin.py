"""The PodTopologySpread plugin (``podtopologyspread/plugin.go``): its args,
where constraints come from, and the extension points.

A pod's own constraints apply when it has any; otherwise the default
constraints do (the system defaults unless ``defaultingType: List``), with
the selector DefaultSelector builds. The system defaults are ScheduleAnyway
only, so they never filter.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.interface import Handle, PreFilterResult
from cluster.scheduler.framework.labels import SelectorError
from cluster.scheduler.framework.status import SKIP, Status, error
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.plugins import names
from cluster.scheduler.plugins.podtopologyspread import filtering, scoring
from cluster.scheduler.plugins.podtopologyspread.common import (
    DO_NOT_SCHEDULE,
    SCHEDULE_ANYWAY,
    SYSTEM_DEFAULT_CONSTRAINTS,
    Constraint,
    parse_constraints,
)
from cluster.scheduler.plugins.spread import default_selector

Obj = dict[str, Any]
NAME = names.POD_TOPOLOGY_SPREAD
PRE_SCORE_STATE_KEY = "PreScore" + NAME
SYSTEM_DEFAULTING, LIST_DEFAULTING = "System", "List"


class PodTopologySpread:
    name = NAME

    def __init__(self, args: Mapping[str, Any], handle: Handle) -> None:
        self._handle = handle
        self.system_defaulted = (
            args.get("defaultingType", SYSTEM_DEFAULTING) == SYSTEM_DEFAULTING
        )
        self.default_constraints: tuple[Obj, ...] = (
            SYSTEM_DEFAULT_CONSTRAINTS
            if self.system_defaulted
            else tuple(args.get("defaultConstraints") or ())
        )

    def constraints(self, pod: PodInfo, action: str) -> list[Constraint]:
        """getConstraints / the soft ones for scoring; SelectorError if a
        selector does not parse."""
        own = pod.spec.get("topologySpreadConstraints") or ()
        if own:
            return parse_constraints(own, pod.labels, action)
        defaults = parse_constraints(self.default_constraints, pod.labels, action)
        if not defaults:
            return []
        selector = default_selector(pod, self._handle.listers)
        if selector.empty:
            return []
        return [
            Constraint(
                c.max_skew,
                c.topology_key,
                selector,
                c.min_domains,
                c.node_affinity_policy,
                c.node_taints_policy,
            )
            for c in defaults
        ]

    # -- filtering -----------------------------------------------------------

    def pre_filter(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> tuple[PreFilterResult | None, Status | None]:
        try:
            constraints = self.constraints(pod, DO_NOT_SCHEDULE)
        except SelectorError as err:
            return None, error(f"get constraints from pod: {err}")
        if not constraints:
            return None, SKIP
        state.write(
            filtering.PRE_FILTER_STATE_KEY, filtering.calculate(pod, constraints, nodes)
        )
        return None, None

    def filter(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> Status | None:
        return filtering.filter_node(
            state.read(filtering.PRE_FILTER_STATE_KEY), pod, node
        )

    def add_pod(
        self, state: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo
    ) -> None:
        self._update(state, pod, added, node, 1)

    def remove_pod(
        self, state: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo
    ) -> None:
        self._update(state, pod, removed, node, -1)

    @staticmethod
    def _update(
        state: CycleState, pod: PodInfo, other: PodInfo, node: NodeInfo, delta: int
    ) -> None:
        if state.has(filtering.PRE_FILTER_STATE_KEY):
            s = state.read(filtering.PRE_FILTER_STATE_KEY)
            s.update_with_pod(other, pod, node, delta)

    # -- scoring -------------------------------------------------------------

    def pre_score(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> Status | None:
        everything = self._handle.node_infos()
        if not everything:
            return SKIP
        require_all = (
            bool(pod.spec.get("topologySpreadConstraints")) or not self.system_defaulted
        )
        try:
            constraints = self.constraints(pod, SCHEDULE_ANYWAY)
        except SelectorError as err:
            return error(f"calculating preScoreState: {err}")
        if not constraints:
            return SKIP
        prescore = scoring.init_state(constraints, nodes, require_all)
        scoring.count_all(prescore, pod, self._handle.nodes_for, require_all)
        state.write(PRE_SCORE_STATE_KEY, prescore)
        return None

    def score(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> int:
        return scoring.score_node(state.read(PRE_SCORE_STATE_KEY), pod, node)

    def score_nodes(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> list[int]:
        prescore = state.read(PRE_SCORE_STATE_KEY)
        return [scoring.score_node(prescore, pod, n) for n in nodes]

    def normalize_score(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo], scores: list[int]
    ) -> Status | None:
        scoring.normalize(state.read(PRE_SCORE_STATE_KEY), nodes, scores)
        return None


def new(args: Mapping[str, Any] | None, handle: Handle) -> PodTopologySpread:
    return PodTopologySpread(args or {}, handle)
