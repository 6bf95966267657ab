"""The event recorder every component uses to post core/v1 Events through the API.

Like client-go's recorder it names events ``<object>.<hex nanoseconds>`` and
folds repeats of the same (object, reason, message, source) into one Event
whose ``count`` rises, as ``kubectl get events`` shows them.
"""

from __future__ import annotations

from typing import Any

from cluster.api.errors import StatusError
from cluster.apiserver import APIServer

Obj = dict[str, Any]


class EventRecorder:
    def __init__(
        self,
        api: APIServer,
        component: str,
        host: str | None = None,
        actor: str | None = None,
    ) -> None:
        self._api = api
        self._source = {"component": component, **({"host": host} if host else {})}
        self._actor = actor or component
        self._seen: dict[tuple[str, ...], str] = {}
        self._last_nanos = 0

    def normal(
        self, obj: Obj, reason: str, message: str, field_path: str | None = None
    ) -> None:
        self.record(obj, "Normal", reason, message, field_path)

    def warning(
        self, obj: Obj, reason: str, message: str, field_path: str | None = None
    ) -> None:
        self.record(obj, "Warning", reason, message, field_path)

    def record(
        self,
        obj: Obj,
        type_: str,
        reason: str,
        message: str,
        field_path: str | None = None,
    ) -> None:
        """Post an Event about ``obj``; ``field_path`` names a part, e.g.
        ``spec.containers{nginx}``."""
        meta = obj["metadata"]
        namespace = meta.get("namespace") or "default"
        key = (namespace, meta.get("uid", ""), type_, reason, message, field_path or "")
        try:
            if key in self._seen:
                self._bump(namespace, self._seen[key])
                return
            event = self._new_event(obj, type_, reason, message)
            if field_path:
                event["involvedObject"]["fieldPath"] = field_path
            created = self._api.create(event, actor=self._actor)
            self._seen[key] = created["metadata"]["name"]
        except StatusError:
            # Event posting is best effort in client-go too: a lost event
            # never fails the work it describes.
            self._seen.pop(key, None)

    def _new_event(self, obj: Obj, type_: str, reason: str, message: str) -> Obj:
        meta, now = obj["metadata"], self._api.clock.timestamp()
        nanos = int(round(self._api.clock.wall().timestamp() * 1e9))
        nanos += self._api.clock.rng("event-names").randrange(1_000_000)
        # Names follow creation order, as real nanosecond clocks make them.
        nanos = self._last_nanos = max(nanos, self._last_nanos + 1)
        return {
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": {
                "name": f"{meta['name']}.{nanos:x}",
                "namespace": meta.get("namespace") or "default",
            },
            "involvedObject": _reference(obj),
            "reason": reason,
            "message": message,
            "type": type_,
            "source": dict(self._source),
            "firstTimestamp": now,
            "lastTimestamp": now,
            "count": 1,
            "reportingComponent": self._source["component"],
            "reportingInstance": self._source.get("host", ""),
        }

    def _bump(self, namespace: str, name: str) -> None:
        event = self._api.get("events", name, namespace)
        event["count"] = event.get("count", 1) + 1
        event["lastTimestamp"] = self._api.clock.timestamp()
        self._api.update(event, actor=self._actor)


def _reference(obj: Obj) -> Obj:
    meta = obj["metadata"]
    ref = {
        "kind": obj.get("kind"),
        "name": meta["name"],
        "uid": meta.get("uid"),
        "apiVersion": obj.get("apiVersion", "v1"),
        "resourceVersion": meta.get("resourceVersion"),
    }
    if meta.get("namespace"):
        ref["namespace"] = meta["namespace"]
    return ref
