"""The framework handle plugins get (``framework.Handle``): the API server,
the cache's node snapshot, the informer caches, the nominator, an event
recorder per profile and the scheduler's seeded randomness."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from cluster.scheduler.cache import Cache
from cluster.scheduler.framework.affinityindex import AffinityIndex
from cluster.scheduler.framework.labels import Selector
from cluster.scheduler.framework.types import NodeInfo
from cluster.scheduler.listers import Listers
from cluster.scheduler.nominator import Nominator

if TYPE_CHECKING:
    from cluster.apiserver import APIServer
    from cluster.recorder import EventRecorder

ACTOR = "kube-scheduler"


class SchedulerHandle:
    def __init__(
        self,
        api: APIServer | None,
        cache: Cache,
        listers: Listers | None = None,
        nominator: Nominator | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._api = api
        self.cache = cache
        self._listers = listers or Listers()
        self.nominator = nominator
        self.rng = rng or random.Random(0)
        self.actor = ACTOR
        self._recorders: dict[str, EventRecorder] = {}

    @property
    def api(self) -> APIServer:
        if self._api is None:
            raise RuntimeError("this handle has no API server")
        return self._api

    @property
    def listers(self) -> Listers:
        return self._listers

    def recorder(self, scheduler_name: str) -> EventRecorder:
        """The profile's event recorder: events come from its scheduler name."""
        if scheduler_name not in self._recorders:
            from cluster.recorder import EventRecorder

            self._recorders[scheduler_name] = EventRecorder(
                self.api, scheduler_name, actor=self.actor
            )
        return self._recorders[scheduler_name]

    def node_infos(self) -> list[NodeInfo]:
        """The snapshot's nodes, in node-tree order."""
        return self.cache.node_infos()

    def nodes_with_affinity_pods(
        self, required_anti_only: bool = False
    ) -> list[NodeInfo]:
        return self.cache.nodes_with_affinity_pods(required_anti_only)

    def nodes_for(self, selector: Selector) -> list[NodeInfo]:
        """The nodes whose pods the selector may match: those holding a pod
        with the one label it needs, or all of them."""
        pair = selector.equality()
        if pair is None:
            return self.cache.node_infos()
        return self.cache.nodes_with_pod_label(*pair)

    def affinity_index(self) -> AffinityIndex:
        return self.cache.affinity_index
