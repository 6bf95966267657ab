"""client-go's shared informers (``tools/cache``, ``informers/factory.go``).

A ``SharedInformerFactory`` hands out one ``Informer`` per resource, so a
process lists and watches each resource once, however many of its
controllers need it. An informer keeps the resource in a local cache (its
indexer, read through ``get`` and ``list`` as a lister is) and passes every
change to the event handlers the controllers added, in the order they were
added. The cache is updated before the handlers run, as ``HandleDeltas``
does, so a handler reading the lister sees what it was told about; it is as
fresh as the last watch delivery, so it lags a write by the watch hop, and a
controller reading it may act on what it has not yet seen change.

Unlike client-go, the first list fills the cache without calling the
handlers: each controller queues what it finds in the listers when it
starts, as it did when it listed for itself, which keeps the start order
(and so the transcript) of the controllers it replaced. ``get`` and ``list``
return copies, as the API server's reads do, so a controller may edit what
it read and write it back; ``shared`` returns the cached objects themselves,
read-only, for readers that only look.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cluster.api import resources
from cluster.api.errors import not_found
from cluster.api.selectors import (
    fields_match,
    parse_field_selector,
    parse_label_selector,
)
from cluster.jsoncopy import json_copy

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
Objs = list[Obj]  # named here: inside Informer, ``list`` is the lister's
Handler = Callable[[str, Obj], None]  # (verb, obj), verbs as a watch names them


@dataclass(frozen=True)
class EventHandler:
    """``ResourceEventHandlerFuncs``: any of the three may be left out."""

    on_add: Callable[[Obj], None] | None = None
    on_update: Callable[[Obj, Obj], None] | None = None  # (old, new)
    on_delete: Callable[[Obj], None] | None = None

    @classmethod
    def of(cls, handler: Handler) -> EventHandler:
        """One ``handler(verb, obj)`` for all three, verbs named as a watch's."""
        return cls(
            on_add=lambda obj: handler("ADDED", obj),
            on_update=lambda old, new: handler("MODIFIED", new),
            on_delete=lambda obj: handler("DELETED", obj),
        )


class Informer:
    def __init__(self, api: APIServer, plural: str, actor: str) -> None:
        self.api = api
        self.rt = resources.lookup(plural)
        self.actor = actor
        self._items: dict[str, Obj] = {}  # etcd key -> the stored object
        self._keys: list[str] = []  # sorted, so reads come in the API's order
        self._handlers: list[EventHandler] = []
        self._cancel: Callable[[], None] | None = None
        self._synced = False  # listed once: reads before that are a bug

    @property
    def started(self) -> bool:
        return self._cancel is not None

    def add_event_handler(self, handler: EventHandler) -> Callable[[], None]:
        """Add a handler for later changes; returns its remover."""
        self._handlers.append(handler)

        def remove() -> None:
            if handler in self._handlers:
                self._handlers.remove(handler)

        return remove

    def start(self) -> None:
        """List into the cache, then watch; a started informer is left alone."""
        if self.started:
            return
        self._items.clear()
        self._keys.clear()
        for obj in self.api.list(self.rt.plural):
            self._put(obj)
        self._synced = True
        self._cancel = self.api.watch(self.rt.plural, self._on_watch, actor=self.actor)

    def stop(self) -> None:
        if self._cancel is not None:
            self._cancel()
            self._cancel = None

    # -- the lister ------------------------------------------------------------

    def get(self, name: str, namespace: str | None = None) -> Obj:
        """The cached object; NotFound, as the lister's error, if absent."""
        obj = self.find(name, namespace)
        if obj is None:
            raise not_found(self.rt, name)
        return obj

    def find(self, name: str, namespace: str | None = None) -> Obj | None:
        """The cached object, or None."""
        self._check_synced()
        obj = self._items.get(self.rt.key(name, namespace or "default"))
        return None if obj is None else json_copy(obj)

    def list(
        self,
        namespace: str | None = None,
        label_selector: str | None = None,
        field_selector: str | None = None,
    ) -> Objs:
        """Matching cached objects, by namespace then name; ``None`` is all."""
        return [
            json_copy(obj)
            for obj in self.shared(namespace, label_selector, field_selector)
        ]

    def shared(
        self,
        namespace: str | None = None,
        label_selector: str | None = None,
        field_selector: str | None = None,
    ) -> Objs:
        """``list`` without the copies, as client-go's listers return: the
        objects are the store's own, read-only, for readers on hot paths."""
        labels = parse_label_selector(label_selector)
        fields = parse_field_selector(field_selector)
        return [
            obj
            for obj in self._range(self.rt.prefix(namespace))
            if labels(obj) and fields_match(obj, fields)
        ]

    # -- internals ---------------------------------------------------------------

    def _range(self, prefix: str) -> Objs:
        self._check_synced()
        keys = self._keys
        start = bisect.bisect_left(keys, prefix)
        end = bisect.bisect_left(keys, prefix + "\xff", start)
        return [self._items[key] for key in keys[start:end]]

    def _check_synced(self) -> None:
        # One asked for after its factory started would quietly read as
        # empty: controllers ask for their informers when they are built.
        if not self._synced:
            raise RuntimeError(f"the {self.rt.plural} informer was read unstarted")

    def _key(self, obj: Obj) -> str:
        meta = obj["metadata"]
        return self.rt.key(meta["name"], meta.get("namespace"))

    def _put(self, obj: Obj) -> Obj | None:
        key = self._key(obj)
        old = self._items.get(key)
        if old is None:
            bisect.insort(self._keys, key)
        self._items[key] = obj
        return old

    def _on_watch(self, verb: str, obj: Obj) -> None:
        if verb == "DELETED":
            key = self._key(obj)
            if self._items.pop(key, None) is not None:
                del self._keys[bisect.bisect_left(self._keys, key)]
            self._distribute(lambda h: h.on_delete and h.on_delete(obj))
            return
        old = self._put(obj)
        if old is None:
            self._distribute(lambda h: h.on_add and h.on_add(obj))
        else:
            self._distribute(lambda h: h.on_update and h.on_update(old, obj))

    def _distribute(self, call: Callable[[EventHandler], object]) -> None:
        # A copy: a handler may remove itself (its controller stopping).
        for handler in list(self._handlers):
            call(handler)


class SharedInformerFactory:
    """One informer per resource for one process (``actor`` on the diagram)."""

    def __init__(self, api: APIServer, actor: str) -> None:
        self.api = api
        self.actor = actor
        self._informers: dict[str, Informer] = {}

    def informer(self, plural: str) -> Informer:
        rt = resources.lookup(plural)
        if rt.plural not in self._informers:
            self._informers[rt.plural] = Informer(self.api, rt.plural, self.actor)
        return self._informers[rt.plural]

    def start(self) -> None:
        """Start the informers not yet started, in the order they were asked for."""
        for informer in list(self._informers.values()):
            informer.start()

    def stop(self) -> None:
        for informer in self._informers.values():
            informer.stop()


class Registrations:
    """One controller's handlers on shared informers: added when it is built,
    removed when it stops (``RemoveEventHandler``), added again if it restarts."""

    def __init__(
        self,
        informers: SharedInformerFactory,
        handlers: Sequence[tuple[str, Handler | EventHandler]],
    ) -> None:
        self._informers = informers
        self._handlers = [
            (plural, h if isinstance(h, EventHandler) else EventHandler.of(h))
            for plural, h in handlers
        ]
        self._removers: list[Callable[[], None]] = []
        self.add()

    def add(self) -> None:
        if self._removers:
            return
        self._removers = [
            self._informers.informer(plural).add_event_handler(handler)
            for plural, handler in self._handlers
        ]

    def remove(self) -> None:
        for remove in self._removers:
            remove()
        self._removers.clear()
