"""The InterPodAffinity plugin (``interpodaffinity/plugin.go``): its args
(``hardPodAffinityWeight``, ``ignorePreferredTermsOfExistingPods``) and the
extension points."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.interface import Handle, PreFilterResult
from cluster.scheduler.framework.podaffinity import WeightedTerm
from cluster.scheduler.framework.status import SKIP, Status, error, unresolvable
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.plugins import names
from cluster.scheduler.plugins.interpodaffinity import filtering, scoring
from cluster.scheduler.plugins.interpodaffinity.common import merge_namespaces

NAME = names.INTER_POD_AFFINITY
PRE_SCORE_STATE_KEY = "PreScore" + NAME


class InterPodAffinity:
    name = NAME

    def __init__(self, args: Mapping[str, Any], handle: Handle) -> None:
        self._handle = handle
        self.hard_weight = int(args.get("hardPodAffinityWeight", 1))
        self.ignore_existing_preferred = bool(
            args.get("ignorePreferredTermsOfExistingPods", False)
        )

    @property
    def _index(self) -> Any:
        return self._handle.affinity_index()

    # -- filtering -----------------------------------------------------------

    def pre_filter(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> tuple[PreFilterResult | None, Status | None]:
        if pod.parse_error:
            return None, unresolvable(f"parsing pod: {pod.parse_error}")
        listers = self._handle.listers
        terms = pod.affinity
        prefilter = filtering.PreFilterState(
            pod,
            tuple(merge_namespaces(t, listers) for t in terms.required_affinity),
            tuple(merge_namespaces(t, listers) for t in terms.required_anti_affinity),
            listers.namespace_labels(pod.namespace),
        )
        filtering.existing_anti_counts(prefilter, self._index)
        filtering.incoming_counts(prefilter, self._handle.nodes_for)
        if prefilter.trivial:
            return None, SKIP
        state.write(filtering.PRE_FILTER_STATE_KEY, prefilter)
        return None, None

    def filter(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> Status | None:
        return filtering.filter_node(state.read(filtering.PRE_FILTER_STATE_KEY), node)

    def add_pod(
        self, state: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo
    ) -> None:
        if state.has(filtering.PRE_FILTER_STATE_KEY):
            state.read(filtering.PRE_FILTER_STATE_KEY).update_with_pod(added, node, 1)

    def remove_pod(
        self, state: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo
    ) -> None:
        if state.has(filtering.PRE_FILTER_STATE_KEY):
            state.read(filtering.PRE_FILTER_STATE_KEY).update_with_pod(
                removed, node, -1
            )

    # -- scoring -------------------------------------------------------------

    def pre_score(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> Status | None:
        if pod.parse_error:
            return error(f"failed to parse pod: {pod.parse_error}")
        terms = pod.affinity
        has_preferred = bool(terms.preferred_affinity or terms.preferred_anti_affinity)
        if self.ignore_existing_preferred and not has_preferred:
            return SKIP
        prescore = scoring.PreScoreState()
        scoring.incoming_terms(
            prescore, self._merged(terms.preferred_affinity), self._handle.nodes_for, 1
        )
        scoring.incoming_terms(
            prescore,
            self._merged(terms.preferred_anti_affinity),
            self._handle.nodes_for,
            -1,
        )
        ns_labels = self._handle.listers.namespace_labels(pod.namespace)
        scoring.existing_terms(prescore, pod, self._index, ns_labels, self.hard_weight)
        if not prescore.topology_score:
            return SKIP
        state.write(PRE_SCORE_STATE_KEY, prescore)
        return None

    def _merged(self, terms: tuple[WeightedTerm, ...]) -> tuple[WeightedTerm, ...]:
        listers = self._handle.listers
        return tuple(
            WeightedTerm(merge_namespaces(w.term, listers), w.weight) for w in terms
        )

    def score(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> int:
        return scoring.score_node(state.read(PRE_SCORE_STATE_KEY), node)

    def score_nodes(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> list[int]:
        prescore = state.read(PRE_SCORE_STATE_KEY)
        return [scoring.score_node(prescore, n) for n in nodes]

    def normalize_score(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo], scores: list[int]
    ) -> Status | None:
        scoring.normalize(state.read(PRE_SCORE_STATE_KEY), scores)
        return None


def new(args: Mapping[str, Any] | None, handle: Handle) -> InterPodAffinity:
    return InterPodAffinity(args or {}, handle)
