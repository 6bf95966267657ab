"""The extension points, as protocols (``k8s.io/kube-scheduler/framework``).

A plugin is any object with a ``name`` and the methods of the extension points
it serves; the framework finds them by these protocols when it builds a
profile, as kube-scheduler expands ``multiPoint`` plugins. Methods return
``None`` for success or a ``Status`` for an expected outcome; Score returns the
node's raw score. Since v1.34 Score takes the NodeInfo itself, not a name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.status import Status
from cluster.scheduler.framework.types import NodeInfo, PodInfo

if TYPE_CHECKING:
    import random

    from cluster.apiserver import APIServer
    from cluster.recorder import EventRecorder
    from cluster.scheduler.framework.affinityindex import AffinityIndex
    from cluster.scheduler.framework.fit_error import Diagnosis
    from cluster.scheduler.framework.labels import Selector
    from cluster.scheduler.listers import Listers
    from cluster.scheduler.nominator import Nominator
    from cluster.scheduler.queue import QueuedPodInfo


@dataclass(frozen=True)
class PreFilterResult:
    """Nodes a PreFilter already knows are the only candidates (None: all)."""

    node_names: frozenset[str] | None = None


@dataclass(frozen=True)
class PostFilterResult:
    nominated_node_name: str = ""
    # The pods preemption evicts to make room there ("ns/name"), in order.
    victims: tuple[str, ...] = ()


class Handle(Protocol):
    """What the framework offers plugins: the API, the node snapshot, the
    informer caches, the nominator, event recorders and randomness."""

    actor: str
    nominator: Nominator | None
    rng: random.Random

    @property
    def api(self) -> APIServer: ...

    @property
    def listers(self) -> Listers: ...

    def recorder(self, scheduler_name: str) -> EventRecorder: ...

    def node_infos(self) -> list[NodeInfo]: ...

    def nodes_with_affinity_pods(
        self, required_anti_only: bool = False
    ) -> list[NodeInfo]: ...

    def affinity_index(self) -> AffinityIndex: ...

    def nodes_for(self, selector: Selector) -> list[NodeInfo]: ...


@runtime_checkable
class Plugin(Protocol):
    name: str


@runtime_checkable
class PreEnqueuePlugin(Plugin, Protocol):
    def pre_enqueue(self, pod: PodInfo) -> Status | None: ...


@runtime_checkable
class QueueSortPlugin(Plugin, Protocol):
    def less(self, a: QueuedPodInfo, b: QueuedPodInfo) -> bool: ...


@runtime_checkable
class PreFilterPlugin(Plugin, Protocol):
    def pre_filter(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> tuple[PreFilterResult | None, Status | None]: ...


@runtime_checkable
class PreFilterExtensions(Plugin, Protocol):
    """AddPod/RemovePod: keep PreFilter's state true while preemption tries
    nodes without some pods (or with nominated ones)."""

    def add_pod(
        self, state: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo
    ) -> None: ...

    def remove_pod(
        self, state: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo
    ) -> None: ...


@runtime_checkable
class FilterPlugin(Plugin, Protocol):
    def filter(
        self, state: CycleState, pod: PodInfo, node: NodeInfo
    ) -> Status | None: ...


@runtime_checkable
class PostFilterPlugin(Plugin, Protocol):
    def post_filter(
        self, state: CycleState, pod: PodInfo, diagnosis: Diagnosis
    ) -> tuple[PostFilterResult | None, Status]: ...


@runtime_checkable
class PreScorePlugin(Plugin, Protocol):
    def pre_score(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> Status | None: ...


@runtime_checkable
class ScorePlugin(Plugin, Protocol):
    def score(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> int: ...


@runtime_checkable
class ScoreNodesPlugin(Plugin, Protocol):
    """Optional: Score for many nodes in one call, in order. The numbers are
    Score's; only the Python call overhead per node goes away, which Go does
    not have. The framework uses it when a plugin offers it."""

    def score_nodes(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> list[int]: ...


@runtime_checkable
class NormalizeScorePlugin(Plugin, Protocol):
    """ScoreExtensions: rescale one plugin's raw scores, in place, to 0..100.
    ``scores`` runs parallel to ``nodes``, the nodes that were scored."""

    def normalize_score(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo], scores: list[int]
    ) -> Status | None: ...


@runtime_checkable
class ReservePlugin(Plugin, Protocol):
    def reserve(
        self, state: CycleState, pod: PodInfo, node_name: str
    ) -> Status | None: ...

    def unreserve(self, state: CycleState, pod: PodInfo, node_name: str) -> None: ...


@runtime_checkable
class PermitPlugin(Plugin, Protocol):
    """Returns a status and, for Wait, how many seconds to wait at most."""

    def permit(
        self, state: CycleState, pod: PodInfo, node_name: str
    ) -> tuple[Status | None, float]: ...


@runtime_checkable
class PreBindPlugin(Plugin, Protocol):
    def pre_bind(
        self, state: CycleState, pod: PodInfo, node_name: str
    ) -> Status | None: ...


@runtime_checkable
class BindPlugin(Plugin, Protocol):
    """Returns Skip to let the next bind plugin handle the pod."""

    def bind(
        self, state: CycleState, pod: PodInfo, node_name: str
    ) -> Status | None: ...


@runtime_checkable
class PostBindPlugin(Plugin, Protocol):
    def post_bind(self, state: CycleState, pod: PodInfo, node_name: str) -> None: ...
