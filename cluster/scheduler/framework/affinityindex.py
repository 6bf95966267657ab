"""Existing pods' (anti-)affinity terms, summed per topology domain.

InterPodAffinity asks, for every incoming pod, what the terms of every
placed pod with affinity say about it: required anti-affinity (PreFilter)
and required affinity, preferred affinity and anti-affinity (PreScore). The
answer is a sum over pods, so pods whose terms are identical can be counted
together: this index keeps, per distinct term, how many placed pods carry it
in each topology domain. The plugins then match each distinct term once,
rather than each pod, and get exactly the sums Go's per-pod loops get.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from cluster.scheduler.framework.podaffinity import AffinityTerm
from cluster.scheduler.framework.types import NodeInfo, PodInfo

TermKey = tuple[object, ...]
# Kinds of term an existing pod brings, and the sign its weight takes.
REQUIRED_ANTI = "requiredAnti"
REQUIRED_AFFINITY = "requiredAffinity"
PREFERRED_AFFINITY = "preferredAffinity"
PREFERRED_ANTI = "preferredAnti"


@dataclass
class TermCounts:
    """One distinct term (with its weight), and per topology value the
    number of placed pods carrying it."""

    term: AffinityTerm
    weight: int
    counts: dict[str, int] = field(default_factory=dict)


def term_key(term: AffinityTerm, weight: int) -> TermKey:
    return (
        tuple(sorted(term.namespaces)),
        term.selector.key,
        term.namespace_selector.key,
        term.topology_key,
        weight,
    )


class AffinityIndex:
    def __init__(self) -> None:
        self._by_kind: dict[str, dict[TermKey, TermCounts]] = {
            k: {}
            for k in (
                REQUIRED_ANTI,
                REQUIRED_AFFINITY,
                PREFERRED_AFFINITY,
                PREFERRED_ANTI,
            )
        }

    def terms(self, kind: str) -> Iterator[TermCounts]:
        return iter(self._by_kind[kind].values())

    def update(self, pod: PodInfo, node: NodeInfo, sign: int) -> None:
        """Count (sign 1) or uncount (-1) a placed pod's terms on its node."""
        terms = pod.affinity
        if not terms.any or not node.labels:
            return
        for term in terms.required_anti_affinity:
            self._count(REQUIRED_ANTI, term, 0, node, sign)
        for term in terms.required_affinity:
            self._count(REQUIRED_AFFINITY, term, 0, node, sign)
        for weighted in terms.preferred_affinity:
            self._count(PREFERRED_AFFINITY, weighted.term, weighted.weight, node, sign)
        for weighted in terms.preferred_anti_affinity:
            self._count(PREFERRED_ANTI, weighted.term, weighted.weight, node, sign)

    def _count(
        self, kind: str, term: AffinityTerm, weight: int, node: NodeInfo, sign: int
    ) -> None:
        value = node.labels.get(term.topology_key)
        if value is None:
            return
        index = self._by_kind[kind]
        key = term_key(term, weight)
        entry = index.get(key)
        if entry is None:
            entry = index[key] = TermCounts(term, weight)
        entry.counts[value] = entry.counts.get(value, 0) + sign
        if entry.counts[value] == 0:
            del entry.counts[value]
            if not entry.counts:
                del index[key]
