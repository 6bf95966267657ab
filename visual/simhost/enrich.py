"""Adds what the diagram draws but the engine's views leave out.

Listens to the engine's event stream beside the recorder and reads the full
objects from the engine's store at the moment of each change (events are
emitted right after the write, so the store holds exactly that version). Pod
views gain their containers; a change to a Service or to one of its
EndpointSlices becomes a ``Service`` object event with its ClusterIP and
endpoints. See ``visual.lib.details``; the engine should one day emit these in
its own views, and then this module goes away.
"""

from __future__ import annotations

from typing import Any

from cluster.engine import Cluster
from visual.lib.details import pod_details, service_of_slice, service_view

Event = dict[str, Any]


class Enricher:
    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster

    def __call__(self, event: Event) -> list[Event]:
        """``event`` with details added, plus any event it implies."""
        if event.get("type") != "object":
            return [event]
        kind = event.get("kind")
        if kind == "Pod" and event.get("verb") != "DELETED":
            return [self._pod(event)]
        if kind in ("Service", "EndpointSlice"):
            return [event, *self._service_events(event)]
        return [event]

    def snapshot(self, state: dict[str, Any]) -> dict[str, Any]:
        """A cluster snapshot with detailed pods and the Services."""
        pods = [{**p, **self._pod_extra(p)} for p in state.get("pods", [])]
        services = [
            self._service(kv.value)
            for kv in self.cluster.store.range("/registry/services/specs/")
        ]
        return {**state, "pods": pods, "services": services}

    def _pod(self, event: Event) -> Event:
        view = event.get("view") or {}
        return {**event, "view": {**view, **self._pod_extra(view)}}

    def _pod_extra(self, view: dict[str, Any]) -> dict[str, Any]:
        key = f"/registry/pods/{view.get('namespace')}/{view.get('name')}"
        kv = self.cluster.store.get(key)
        if kv is None:
            return {}
        return pod_details(kv.value, self.cluster.clock.seconds_of)

    def _service_events(self, event: Event) -> list[Event]:
        namespace, name = event.get("namespace"), event.get("name")
        if event.get("kind") == "EndpointSlice":
            view = event.get("view") or {}
            name = view.get("service") or self._slice_owner(namespace, name)
        elif event.get("verb") == "DELETED":
            return []
        kv = self.cluster.store.get(f"/registry/services/specs/{namespace}/{name}")
        if kv is None:
            return []
        view = self._service(kv.value)
        return [{**event, "kind": "Service", "verb": "MODIFIED", "view": view}]

    def _slice_owner(self, namespace: Any, name: Any) -> str | None:
        key = f"/registry/endpointslices/{namespace}/{name}"
        kv = self.cluster.store.get(key)
        return service_of_slice(kv.value) if kv else None

    def _service(self, service: dict[str, Any]) -> dict[str, Any]:
        meta = service["metadata"]
        prefix = f"/registry/endpointslices/{meta.get('namespace')}/"
        slices = [
            kv.value
            for kv in self.cluster.store.range(prefix)
            if service_of_slice(kv.value) == meta["name"]
        ]
        return service_view(service, slices)
