"""The kubelet's node lease (``component-helpers/apimachinery/lease/controller.go``).

Each kubelet holds a Lease named after its node in ``kube-node-lease``
(``leaseDurationSeconds: 40``, owned by the Node) and renews it every 10 s
(a quarter of the duration, with ``wait.JitterUntil``'s 4 % jitter) by
writing ``renewTime``: the cheap heartbeat the node lifecycle controller
watches, so that the Node itself need only be written when its status
changes or every five minutes.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from cluster.api.errors import StatusError
from cluster.clock import Clock, Timer

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
NAMESPACE = "kube-node-lease"
DURATION_SECONDS = 40
RENEW_INTERVAL = DURATION_SECONDS * 0.25
JITTER = 0.04
RETRY_INTERVAL = 0.2  # the first retries after a failed renewal (doubling)


class NodeLease:
    def __init__(
        self, api: APIServer, clock: Clock, node_name: str, actor: str
    ) -> None:
        self.api = api
        self.clock = clock
        self.node_name = node_name
        self.actor = actor
        self._rng: random.Random = clock.rng(f"node-lease/{node_name}")
        self._latest: Obj | None = None
        self._timer: Timer | None = None
        self._node_uid: str | None = None

    def start(self, node_uid: str | None) -> None:
        self._node_uid = node_uid
        self._timer = self.clock.call_later(0, self._sync)

    def stop(self) -> None:
        if self._timer:
            self._timer.cancel()
            self._timer = None
        self._latest = None

    def _sync(self) -> None:
        try:
            self._latest = self._renew() if self._latest else self._ensure()
            delay = RENEW_INTERVAL * (1 + JITTER * self._rng.random())
        except StatusError:
            self._latest = None  # read it afresh next time
            delay = RETRY_INTERVAL
        self._timer = self.clock.call_later(delay, self._sync)

    def _ensure(self) -> Obj:
        try:
            lease = self.api.get("leases", self.node_name, NAMESPACE)
        except StatusError as err:
            if err.code != 404:
                raise
            return self.api.create(self._new_lease(), actor=self.actor)
        return self._renew(lease)

    def _renew(self, lease: Obj | None = None) -> Obj:
        lease = lease or self._latest or {}
        spec = dict(lease.get("spec") or {})
        spec.update(
            holderIdentity=self.node_name,
            leaseDurationSeconds=DURATION_SECONDS,
            renewTime=self._micro_now(),
        )
        return self.api.update({**lease, "spec": spec}, actor=self.actor)

    def _new_lease(self) -> Obj:
        meta: Obj = {"name": self.node_name, "namespace": NAMESPACE}
        if self._node_uid:
            meta["ownerReferences"] = [
                {
                    "apiVersion": "v1",
                    "kind": "Node",
                    "name": self.node_name,
                    "uid": self._node_uid,
                }
            ]
        return {
            "apiVersion": "coordination.k8s.io/v1",
            "kind": "Lease",
            "metadata": meta,
            "spec": {
                "holderIdentity": self.node_name,
                "leaseDurationSeconds": DURATION_SECONDS,
                "renewTime": self._micro_now(),
            },
        }

    def _micro_now(self) -> str:
        """``metav1.MicroTime``: RFC 3339 with microseconds."""
        return self.clock.wall().strftime("%Y-%m-%dT%H:%M:%S.%fZ")
