"""NodeAffinity: ``spec.nodeSelector`` and required node affinity filter
nodes; preferred terms score them by the sum of the matching weights
(``nodeaffinity/node_affinity.go``).

PreFilter skips pods with neither, and narrows the candidates to the node
names a required term pins with ``matchFields`` ``metadata.name In``. The
plugin's ``addedAffinity`` arg applies to every pod on top of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cluster.scheduler.framework.batch import Rejected, one_by_one, split
from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.interface import Handle, PreFilterResult
from cluster.scheduler.framework.nodeaffinity import (
    NAME_FIELD,
    NodeSelector,
    PreferredTerms,
    RequiredNodeAffinity,
    preferred_terms,
)
from cluster.scheduler.framework.status import (
    MAX_NODE_SCORE,
    SKIP,
    Status,
    error,
    unresolvable,
)
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.plugins import names
from cluster.scheduler.plugins.helper import default_normalize_score

Obj = dict[str, Any]
NAME = names.NODE_AFFINITY
PRE_FILTER_STATE_KEY = "PreFilter" + NAME
PRE_SCORE_STATE_KEY = "PreScore" + NAME
ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector"
ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity"
ERR_REASON_CONFLICT = "pod affinity terms conflict"
_MISMATCH = unresolvable(ERR_REASON_POD, plugin=NAME)
_ENFORCED = unresolvable(ERR_REASON_ENFORCED, plugin=NAME)


class NodeAffinity:
    name = NAME

    def __init__(self, args: Mapping[str, Any]) -> None:
        added = args.get("addedAffinity") or {}
        required = added.get("requiredDuringSchedulingIgnoredDuringExecution")
        self.added_selector = NodeSelector(required) if required else None
        preferred = added.get("preferredDuringSchedulingIgnoredDuringExecution")
        self.added_preferred = PreferredTerms(preferred) if preferred else None

    # -- filtering -----------------------------------------------------------

    def pre_filter(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> tuple[PreFilterResult | None, Status | None]:
        required = pod.required_node_affinity
        if required.trivial and self.added_selector is None:
            return None, SKIP
        state.write(PRE_FILTER_STATE_KEY, required)
        pinned = pinned_node_names(pod.spec)
        if pinned is not None and not pinned:
            return None, unresolvable(ERR_REASON_CONFLICT)
        return (PreFilterResult(pinned) if pinned else None), None

    def filter(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> Status | None:
        if self.added_selector is not None and not self.added_selector.matches(
            node.name, node.labels
        ):
            return _ENFORCED
        required: RequiredNodeAffinity = state.read(PRE_FILTER_STATE_KEY)
        return None if required.matches(node.name, node.labels) else _MISMATCH

    def filter_nodes(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> tuple[list[NodeInfo], Rejected]:
        if self.added_selector is not None:
            return one_by_one(self.filter)(state, pod, nodes)
        required: RequiredNodeAffinity = state.read(PRE_FILTER_STATE_KEY)
        fits = [n for n in nodes if required.matches(n.name, n.labels)]
        return split(nodes, fits, self.filter, state, pod)

    # -- scoring -------------------------------------------------------------

    def pre_score(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> Status | None:
        preferred = preferred_terms(pod.spec)
        if preferred is not None and preferred.errors():
            return error(preferred.errors()[0])
        if preferred is None and self.added_preferred is None:
            return SKIP
        state.write(PRE_SCORE_STATE_KEY, preferred)
        return None

    def score(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> int:
        return self.score_nodes(state, pod, [node])[0]

    def score_nodes(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> list[int]:
        terms = [
            t
            for t in (self.added_preferred, state.read(PRE_SCORE_STATE_KEY))
            if t is not None
        ]
        return [sum(t.score(n.name, n.labels) for t in terms) for n in nodes]

    def normalize_score(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo], scores: list[int]
    ) -> Status | None:
        default_normalize_score(MAX_NODE_SCORE, False, scores)
        return None


def pinned_node_names(spec: Obj) -> frozenset[str] | None:
    """The node names the required terms allow, when every term pins some
    with metadata.name In; None when any term leaves all nodes open."""
    affinity = (spec.get("affinity") or {}).get("nodeAffinity") or {}
    required = affinity.get("requiredDuringSchedulingIgnoredDuringExecution")
    terms = (required or {}).get("nodeSelectorTerms") or []
    if not terms:
        return None
    union: set[str] = set()
    for term in terms:
        pinned = _term_node_names(term)
        if pinned is None:
            return None
        union |= pinned
    return frozenset(union)


def _term_node_names(term: Obj) -> set[str] | None:
    found: set[str] | None = None
    for field in term.get("matchFields") or ():
        if field.get("key") == NAME_FIELD and field.get("operator") == "In":
            values = set(field.get("values") or ())
            found = values if found is None else found & values
    return found


def new(args: Mapping[str, Any] | None, handle: Handle) -> NodeAffinity:
    return NodeAffinity(args or {})
