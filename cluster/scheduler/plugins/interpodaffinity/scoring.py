"""InterPodAffinity's PreScore, Score and NormalizeScore
(``interpodaffinity/scoring.go``).

PreScore sums weights per topology domain: + the incoming pod's preferred
affinity terms and - its preferred anti-affinity terms, for every existing pod
they match; + hardPodAffinityWeight for every existing pod's required
affinity term, + (or -) its preferred affinity (or anti-affinity) terms, when
they match the incoming pod. A node scores the sum of its domains; scores are
then stretched to 0..100 between the lowest and the highest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cluster.scheduler.framework.affinityindex import (
    PREFERRED_AFFINITY,
    PREFERRED_ANTI,
    REQUIRED_AFFINITY,
    AffinityIndex,
)
from cluster.scheduler.framework.labels import Selector
from cluster.scheduler.framework.podaffinity import WeightedTerm
from cluster.scheduler.framework.status import MAX_NODE_SCORE
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.plugins.interpodaffinity.common import candidates

# topology key -> topology value -> summed weight
TopologyScore = dict[str, dict[str, int]]


@dataclass
class PreScoreState:
    topology_score: TopologyScore = field(default_factory=dict)

    def add(self, key: str, value: str, amount: int) -> None:
        values = self.topology_score.setdefault(key, {})
        values[value] = values.get(value, 0) + amount


def incoming_terms(
    state: PreScoreState,
    terms: tuple[WeightedTerm, ...],
    nodes_for: Callable[[Selector], list[NodeInfo]],
    sign: int,
) -> None:
    """The incoming pod's preferred terms against every existing pod (on
    the nodes holding a pod the term's selector may match)."""
    for weighted in terms:
        term, amount = weighted.term, weighted.weight * sign
        for node in nodes_for(term.selector):
            value = node.labels.get(term.topology_key)
            if value is None:
                continue
            matched = sum(
                1
                for p in candidates(node, term)
                if term.matches(p.namespace, p.labels, None)
            )
            if matched:
                state.add(term.topology_key, value, amount * matched)


def existing_terms(
    state: PreScoreState,
    pod: PodInfo,
    index: AffinityIndex,
    ns_labels: dict[str, str],
    hard_weight: int,
) -> None:
    """Existing pods' terms against the incoming pod, per distinct term."""
    kinds = [(PREFERRED_AFFINITY, 1), (PREFERRED_ANTI, -1)]
    if hard_weight > 0:
        kinds.insert(0, (REQUIRED_AFFINITY, 1))
    for kind, sign in kinds:
        for entry in index.terms(kind):
            if not entry.term.matches(pod.namespace, pod.labels, ns_labels):
                continue
            weight = hard_weight if kind == REQUIRED_AFFINITY else entry.weight
            for value, count in entry.counts.items():
                state.add(entry.term.topology_key, value, weight * sign * count)


def score_node(state: PreScoreState, node: NodeInfo) -> int:
    total = 0
    for key, values in state.topology_score.items():
        value = node.labels.get(key)
        if value is not None:
            total += values.get(value, 0)
    return total


def normalize(state: PreScoreState, scores: list[int]) -> None:
    if not state.topology_score or not scores:
        return
    low, high = min(scores), max(scores)
    diff = high - low
    for i, score in enumerate(scores):
        scores[i] = int(MAX_NODE_SCORE * ((score - low) / diff)) if diff > 0 else 0
