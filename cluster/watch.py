"""The API server's watch fan-out: store changes become ADDED/MODIFIED/DELETED
for each watcher whose namespace and field selector they match.

Delivery is asynchronous, as over a real HTTP watch: each event is queued on
the clock and handled after the write that caused it has returned.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cluster.api import resources
from cluster.api.selectors import FieldRequirement, field_value, fields_match
from cluster.clock import Clock
from cluster.events import EventStream
from cluster.store import Change

Obj = dict[str, Any]
Handler = Callable[[str, Obj], None]


@dataclass(eq=False)
class Watcher:
    actor: str
    kind: str
    namespace: str | None
    fields: list[FieldRequirement]
    handler: Handler
    active: bool = True

    def matches(self, obj: Obj | None) -> bool:
        if obj is None:
            return False
        if self.namespace and obj["metadata"].get("namespace") != self.namespace:
            return False
        return fields_match(obj, self.fields)


Delivery = tuple[Watcher, str, Obj]


class WatchHub:
    """Watchers per resource, indexed by one equality field so a change for a
    pod on node-7 reaches node-7's kubelet without asking every other one."""

    def __init__(self, clock: Clock, stream: EventStream) -> None:
        self._clock = clock
        self._stream = stream
        self._plain: dict[str, list[Watcher]] = defaultdict(list)
        self._indexed: dict[tuple[str, str, str], list[Watcher]] = defaultdict(list)
        self._paths: dict[str, set[str]] = defaultdict(set)

    def add(self, plural: str, watcher: Watcher) -> Callable[[], None]:
        bucket = self._bucket(plural, watcher)
        bucket.append(watcher)

        def cancel() -> None:
            watcher.active = False
            if watcher in bucket:
                bucket.remove(watcher)

        return cancel

    def on_change(self, change: Change) -> None:
        """Fan one etcd change out to the watchers of its resource.

        The watchers of one component share one delivery, as a process's
        informers share one watch stream: the diagram draws one hop per
        component, however many of its controllers listen.
        """
        plural = resources.plural_of_key(change.key)
        batches: dict[str, list[Delivery]] = {}
        for watcher in self._candidates(plural, change):
            verb = _verb(watcher, change)
            obj = change.value if verb != "DELETED" else change.prev
            if verb and obj is not None:
                batches.setdefault(watcher.actor, []).append((watcher, verb, obj))
        for batch in batches.values():
            self._clock.call_later(0, self._deliver, batch)

    def _deliver(self, batch: list[Delivery]) -> None:
        live = [delivery for delivery in batch if delivery[0].active]
        if not live:
            return
        watcher, verb, obj = live[0]
        meta = obj["metadata"]
        self._stream.message(
            "kube-apiserver",
            watcher.actor,
            "watch",
            f"watch: {verb} {watcher.kind.lower()}/{meta['name']} → {watcher.actor}",
            resource=watcher.kind,
            name=meta["name"],
            namespace=meta.get("namespace"),
            event=verb,
        )
        for each, each_verb, each_obj in live:
            if each.active:
                each.handler(each_verb, each_obj)

    def _bucket(self, plural: str, watcher: Watcher) -> list[Watcher]:
        equal = [(p, v) for p, op, v in watcher.fields if op == "="]
        if equal:
            path, value = equal[0]
            self._paths[plural].add(path)
            return self._indexed[(plural, path, value)]
        return self._plain[plural]

    def _candidates(self, plural: str, change: Change) -> list[Watcher]:
        found = list(self._plain.get(plural, ()))
        for path in sorted(self._paths.get(plural, ())):
            values = {field_value(o, path) for o in (change.value, change.prev) if o}
            for value in sorted(values):
                found.extend(self._indexed.get((plural, path, value), ()))
        return found


def _verb(watcher: Watcher, change: Change) -> str | None:
    now, before = watcher.matches(change.value), watcher.matches(change.prev)
    if now and before:
        return "MODIFIED"
    if now:
        return "ADDED"
    if before:
        return "DELETED"
    return None
