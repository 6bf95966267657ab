"""The engine's one observation seam: a stream of typed, JSON-safe events.

Every component reports what it does here and nowhere else; the web side
subscribes and forwards. Events are plain dicts so they cross any channel
layer unchanged. Their ``type`` is one of:

``object``   an API object was added, modified or deleted
             (``verb``: ADDED|MODIFIED|DELETED, ``kind``, ``namespace``,
             ``name``, ``uid``, ``resourceVersion``, ``view``: a small summary
             the diagram draws; see ``cluster.views``). A change to an
             EndpointSlice is followed by a MODIFIED event for its Service,
             whose view lists the endpoints
``message``  one component talked to another (``source``, ``target``,
             ``verb``, ``resource``, ``name``, ``namespace``, ``text``: a
             one-line caption saying who did what and why)
``etcd``     the store wrote a key (``op``: put|delete, ``key``, ``revision``)
``schedule`` the scheduler finished a cycle for a pod (``pod``, ``node``,
             ``filtered``, ``scores``, ``weights``: {plugin: weight} of the
             profile that ran, ``message``, ``attempt``; after a preemption
             also ``nominatedNode`` and ``victims``: ["ns/name", ...]; see
             ``cluster.scheduler.report``)
``command``  a console command ran (``command``, ``ok``)
``component`` a component started or stopped (``view``: as in a snapshot's
             ``components``)
``watchline`` a running console session printed a line (``session``: an int
             per session, ``command``: the line that started it, e.g.
             ``kubectl get pods -w``, ``line``: the text, no newline); its
             last event has ``stopped: true`` and no ``line`` (the session
             ended: the next console command, or ``Cluster.stop_watches``;
             see ``cluster.consolewatch``)
``backoff``  a kubelet held a crashed container back (``pod``: ns/name,
             ``uid``, ``container``, ``delay`` seconds, ``until``: the
             simulated time it may restart), as CrashLoopBackOff counts down
``probe``    a kubelet's probe failed, or succeeded after failing (``pod``:
             ns/name, ``uid``, ``container``, ``probe``: liveness|readiness|
             startup, ``ok``, ``failures``: in a row so far, 0 when ``ok``,
             ``threshold``: its ``failureThreshold``); see
             ``cluster.node.prober``
``traffic``  a simulated request went through a node's kube-proxy rules
             (``service``, ``source``: {"pod"|"node": name}, ``node``,
             ``via``, ``endpoint``, ``pod``, ``target_node``, ``ok``,
             ``error``, ``mode``, ``count``: how many requests with this
             outcome the event stands for; see ``cluster.proxy.traffic``)
``proxyrules`` the kube-proxy of the node the diagram shows (the first worker
             by name) synced its rules (``node``, ``mode``: iptables|ipvs,
             ``scheduler``: the IPVS scheduler or None, ``services``: {Service
             uid: one block per port, or None once it is no longer
             programmed}, only the Services whose blocks changed). A block is
             ``port`` (svcPortName), ``mode``, ``chain`` (the KUBE-SVC/KUBE-SVL
             chain; None in IPVS mode), ``virtual`` (ClusterIP:port),
             ``scheduler`` and ``endpoints``: [{``address``, ``probability``:
             the rule's --probability, None on the last; ``weight`` in IPVS
             mode}]. A snapshot's ``proxy`` holds the latest of all; see
             ``cluster.proxy.programmed``
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster.clock import Clock

Event = dict[str, Any]
Listener = Callable[[Event], None]


class EventStream:
    """Fans each event out to every listener, in emission order."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Start delivering events to ``listener``; call the result to stop."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def emit(self, type_: str, **data: Any) -> None:
        if not self._listeners:
            return
        event: Event = {"type": type_, "time": self._clock.now, **data}
        for listener in list(self._listeners):
            listener(event)

    def message(
        self, source: str, target: str, verb: str, text: str, **data: Any
    ) -> None:
        """Report one hop between components, with a caption for the diagram."""
        self.emit("message", source=source, target=target, verb=verb, text=text, **data)
