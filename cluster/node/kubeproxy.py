"""kube-proxy on one node.

In the walking skeleton it runs, in the default Linux mode (iptables), and
keeps an informer-style cache of Services and EndpointSlices for whichever of
those resources the API server serves. It programs nothing yet: with no
Services there is nothing to program, and it never invents objects.

Issue 5 adds the proxier: on every Service or EndpointSlice change it
computes the nat and filter tables real kube-proxy writes (KUBE-SERVICES,
KUBE-SVC-/KUBE-SEP- chains with hashed names, ``--probability`` rules, the
KUBE-NODEPORTS and KUBE-MARK-MASQ chains), renders them for
``ssh NODE iptables-save``, switches to IPVS on ``sim proxy-mode``, and routes
simulated requests through them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from cluster.api import resources
from cluster.apiserver import APIServer
from cluster.clock import Clock
from cluster.events import EventStream

Obj = dict[str, Any]
DEFAULT_MODE = "iptables"
WATCHED = ("services", "endpointslices")


class KubeProxy:
    def __init__(
        self, api: APIServer, clock: Clock, stream: EventStream, node_name: str
    ) -> None:
        self.api = api
        self.clock = clock
        self.stream = stream
        self.node_name = node_name
        self.id = f"kube-proxy/{node_name}"
        self.mode = DEFAULT_MODE
        self.running = False
        self.cache: dict[str, dict[tuple[str, str], Obj]] = {}
        self._cancels: list[Callable[[], None]] = []

    def start(self) -> None:
        self.running = True
        for plural in WATCHED:
            if _served(plural):
                self._inform(plural)

    def stop(self) -> None:
        self.running = False
        for cancel in self._cancels:
            cancel()
        self._cancels.clear()

    @property
    def watching(self) -> list[str]:
        return sorted(self.cache)

    def _inform(self, plural: str) -> None:
        cache = self.cache.setdefault(plural, {})
        for obj in self.api.list(plural):
            cache[_key(obj)] = obj
        self._cancels.append(
            self.api.watch(
                plural,
                lambda verb, obj: self._on_change(cache, verb, obj),
                actor=self.id,
            )
        )

    def _on_change(
        self, cache: dict[tuple[str, str], Obj], verb: str, obj: Obj
    ) -> None:
        if verb == "DELETED":
            cache.pop(_key(obj), None)
        else:
            cache[_key(obj)] = copy.deepcopy(obj)


def _served(plural: str) -> bool:
    try:
        resources.lookup(plural)
    except KeyError:
        return False
    return True


def _key(obj: Obj) -> tuple[str, str]:
    meta = obj["metadata"]
    return meta.get("namespace") or "", meta["name"]
