"""InterPodAffinity's PreFilter and Filter (``interpodaffinity/filtering.go``).

PreFilter counts, per topology pair (key, value):
- existing pods whose required anti-affinity terms match the incoming pod;
- existing pods matching all of the incoming pod's required affinity terms;
- existing pods matching each of its required anti-affinity terms.
Filter rejects a node whose domain breaks one of these, in that order of
checks: affinity (unresolvable), the pod's anti-affinity, then existing pods'
anti-affinity. A pod whose affinity matches itself may go first, when no pod
anywhere matches yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cluster.scheduler.framework.affinityindex import REQUIRED_ANTI, AffinityIndex
from cluster.scheduler.framework.labels import Selector
from cluster.scheduler.framework.podaffinity import AffinityTerm
from cluster.scheduler.framework.status import Status, unresolvable, unschedulable
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.plugins import names
from cluster.scheduler.plugins.interpodaffinity.common import (
    TopologyPair,
    bump,
    candidates,
)

NAME = names.INTER_POD_AFFINITY
PRE_FILTER_STATE_KEY = "PreFilter" + NAME
ERR_REASON_EXISTING_ANTI_AFFINITY = (
    "node(s) didn't satisfy existing pods anti-affinity rules"
)
ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules"
ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules"
_AFFINITY = unresolvable(ERR_REASON_AFFINITY, plugin=NAME)
_ANTI = unschedulable(ERR_REASON_ANTI_AFFINITY, plugin=NAME)
_EXISTING = unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY, plugin=NAME)
Counts = dict[TopologyPair, int]


@dataclass
class PreFilterState:
    pod: PodInfo
    affinity: tuple[AffinityTerm, ...]
    anti_affinity: tuple[AffinityTerm, ...]
    ns_labels: dict[str, str]
    existing_anti: Counts = field(default_factory=dict)
    affinity_counts: Counts = field(default_factory=dict)
    anti_counts: Counts = field(default_factory=dict)

    def clone(self) -> PreFilterState:
        return PreFilterState(
            self.pod,
            self.affinity,
            self.anti_affinity,
            self.ns_labels,
            dict(self.existing_anti),
            dict(self.affinity_counts),
            dict(self.anti_counts),
        )

    def update_with_pod(self, other: PodInfo, node: NodeInfo, sign: int) -> None:
        """AddPod/RemovePod during preemption's dry run."""
        pod = self.pod
        for term in other.affinity.required_anti_affinity:
            if term.matches(pod.namespace, pod.labels, self.ns_labels):
                _count(self.existing_anti, node, term.topology_key, sign)
        if self.affinity and _matches_all(self.affinity, other):
            for term in self.affinity:
                _count(self.affinity_counts, node, term.topology_key, sign)
        for term in self.anti_affinity:
            if term.matches(other.namespace, other.labels, None):
                _count(self.anti_counts, node, term.topology_key, sign)

    @property
    def trivial(self) -> bool:
        return not self.existing_anti and not self.affinity and not self.anti_affinity


def existing_anti_counts(state: PreFilterState, index: AffinityIndex) -> None:
    """getExistingAntiAffinityCounts, one distinct term at a time."""
    pod = state.pod
    for entry in index.terms(REQUIRED_ANTI):
        if entry.term.matches(pod.namespace, pod.labels, state.ns_labels):
            key = entry.term.topology_key
            for value, count in entry.counts.items():
                bump(state.existing_anti, (key, value), count)


def incoming_counts(
    state: PreFilterState, nodes_for: Callable[[Selector], list[NodeInfo]]
) -> None:
    """getIncomingAffinityAntiAffinityCounts: existing pods matching all the
    affinity terms, and each anti-affinity term, per topology pair (on the
    nodes holding a pod the term's selector may match)."""
    if state.affinity:
        for node in nodes_for(state.affinity[0].selector):
            matched = sum(
                1
                for p in candidates(node, state.affinity[0])
                if _matches_all(state.affinity, p)
            )
            for term in state.affinity if matched else ():
                _count(state.affinity_counts, node, term.topology_key, matched)
    for term in state.anti_affinity:
        for node in nodes_for(term.selector):
            matched = sum(
                1
                for p in candidates(node, term)
                if term.matches(p.namespace, p.labels, None)
            )
            if matched:
                _count(state.anti_counts, node, term.topology_key, matched)


def filter_node(state: PreFilterState, node: NodeInfo) -> Status | None:
    if not _satisfies_affinity(state, node):
        return _AFFINITY
    if state.anti_counts and _in_counted_domain(
        state.anti_affinity, state.anti_counts, node
    ):
        return _ANTI
    if state.existing_anti and any(
        state.existing_anti.get(pair, 0) > 0 for pair in node.labels.items()
    ):
        return _EXISTING
    return None


def _satisfies_affinity(state: PreFilterState, node: NodeInfo) -> bool:
    pods_exist = True
    for term in state.affinity:
        value = node.labels.get(term.topology_key)
        if value is None:
            return False
        if state.affinity_counts.get((term.topology_key, value), 0) <= 0:
            pods_exist = False
    if pods_exist:
        return True
    # The first of a group of pods with affinity to each other may go.
    return not state.affinity_counts and _matches_all(state.affinity, state.pod)


def _in_counted_domain(
    terms: tuple[AffinityTerm, ...], counts: Counts, node: NodeInfo
) -> bool:
    for term in terms:
        value = node.labels.get(term.topology_key)
        if value is not None and counts.get((term.topology_key, value), 0) > 0:
            return True
    return False


def _matches_all(terms: tuple[AffinityTerm, ...], pod: PodInfo) -> bool:
    """podMatchesAllAffinityTerms: incoming terms have namespaces merged."""
    return bool(terms) and all(
        t.matches(pod.namespace, pod.labels, None) for t in terms
    )


def _count(counts: Counts, node: NodeInfo, key: str, value: int) -> None:
    label = node.labels.get(key)
    if label is not None:
        bump(counts, (key, label), value)
