"""What InterPodAffinity's filtering and scoring share: namespace selectors
folded into namespace lists, and finding the pods a term may match."""

from __future__ import annotations

from collections.abc import Iterable

from cluster.scheduler.framework.podaffinity import AffinityTerm
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.listers import Listers

TopologyPair = tuple[str, str]


def merge_namespaces(term: AffinityTerm, listers: Listers) -> AffinityTerm:
    """mergeAffinityTermNamespacesIfNotEmpty: an incoming pod's term with a
    namespaceSelector gets the namespaces it selects now. An empty selector
    (all namespaces) is left as it is."""
    if term.namespace_selector.empty:
        return term
    selected = frozenset(
        ns["metadata"]["name"]
        for ns in listers.list("namespaces")
        if term.namespace_selector.matches(ns["metadata"].get("labels") or {})
    )
    return term.with_namespaces(selected)


def candidates(node: NodeInfo, term: AffinityTerm) -> Iterable[PodInfo]:
    """The node's pods that could match the term (by one label it needs)."""
    pair = term.selector.equality()
    return node.pods_labelled(*pair) if pair else node.pods.values()


def bump(counts: dict[TopologyPair, int], pair: TopologyPair, value: int) -> None:
    counts[pair] = counts.get(pair, 0) + value
    if counts[pair] == 0:
        del counts[pair]
