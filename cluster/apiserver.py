"""kube-apiserver: the only door to the store. Verbs, admission, defaulting,
validation, and watch fan-out.

Every request names its ``actor`` (the component making it) so the diagram can
draw the hop; every accepted write lands in the store and fans out to watches.

A write with ``dry_run=True`` (``?dryRun=All``) runs the same admission,
defaulting and validation and answers with what would have been stored, but
stores nothing: no revision is used, no event goes on the stream, and the
random streams later writes draw from (generated names, uids, ClusterIPs) are
left where they were; its uid comes from a stream of its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from cluster.api import admission, deletion, plugins, resources, updates
from cluster.api.errors import (
    StatusError,
    already_exists,
    bad_request,
    conflict,
    invalid_object,
    not_found,
)
from cluster.api.kinds.pod import SUFFIX_ALPHABET
from cluster.api.limits import ObjectLimits
from cluster.api.plugins import Request
from cluster.api.plugins.service_alloc import IP_STREAM, PORT_STREAM
from cluster.api.resources import ResourceType
from cluster.api.selectors import (
    fields_match,
    parse_field_selector,
    parse_label_selector,
)
from cluster.api.strategy import strategy_for
from cluster.api.validation import check_quantities
from cluster.clock import Clock
from cluster.events import EventStream
from cluster.jsoncopy import json_copy
from cluster.store import Store
from cluster.views import ObjectViews
from cluster.watch import Handler, Watcher, WatchHub

Obj = dict[str, Any]
NAME = "kube-apiserver"
# The random streams a write may draw from; a dry run puts them back.
_WRITE_STREAMS = ("generate-name", "uid", IP_STREAM, PORT_STREAM)


class APIServer:
    def __init__(
        self,
        clock: Clock,
        store: Store,
        stream: EventStream,
        limits: Mapping[str, int] | None = None,
    ) -> None:
        self.clock = clock
        self.store = store
        self.stream = stream
        self.limits = ObjectLimits(store, limits)
        self.views = ObjectViews(store, clock.epoch)
        self._watches = WatchHub(clock, stream)
        # Like kube-apiserver's watch cache, fan-out is fed by watching etcd.
        store.watch("/registry/", self._watches.on_change)

    # -- reads ---------------------------------------------------------------

    def get(self, plural: str, name: str, namespace: str | None = None) -> Obj:
        rt = resources.lookup(plural)
        kv = self.store.get(rt.key(name, namespace or "default"))
        if kv is None:
            raise not_found(rt, name)
        return json_copy(kv.value)

    def list(
        self,
        plural: str,
        namespace: str | None = None,
        label_selector: str | None = None,
        field_selector: str | None = None,
    ) -> list[Obj]:
        """Matching objects, by namespace then name; ``namespace=None`` is all."""
        rt = resources.lookup(plural)
        labels = parse_label_selector(label_selector)
        fields = parse_field_selector(field_selector)
        return [
            json_copy(kv.value)
            for kv in self.store.range(rt.prefix(namespace))
            if labels(kv.value) and fields_match(kv.value, fields)
        ]

    def watch(
        self,
        plural: str,
        handler: Handler,
        *,
        actor: str,
        namespace: str | None = None,
        field_selector: str | None = None,
    ) -> Callable[[], None]:
        """Deliver ``handler(verb, obj)`` for every later change; returns a canceller.

        Handlers receive the stored object itself: treat it as read-only.
        """
        rt = resources.lookup(plural)
        watcher = Watcher(
            actor, rt.kind, namespace, parse_field_selector(field_selector), handler
        )
        return self._watches.add(rt.plural, watcher)

    # -- writes --------------------------------------------------------------

    def create(
        self,
        obj: Obj,
        *,
        actor: str,
        namespace: str | None = None,
        dry_run: bool = False,
    ) -> Obj:
        with self._streams_kept(dry_run):
            return self._create(json_copy(obj), actor, namespace, dry_run)

    def _create(
        self, obj: Obj, actor: str, namespace: str | None, dry_run: bool
    ) -> Obj:
        rt = self._type_of(obj)
        meta = obj.setdefault("metadata", {})
        self._admit_namespace(rt, meta, namespace)
        self._decode_check(rt, obj)
        if not meta.get("name") and meta.get("generateName"):
            meta["name"] = self._generate_name(rt, meta)
        strategy = strategy_for(rt.kind)
        strategy.default(obj)
        admission.canonicalize_quantities(obj)
        strategy.admit(obj, self.clock.rng("generate-name"))
        plugins.admit(self, Request(plugins.CREATE, rt, obj, dry_run=dry_run))
        self._validate(rt, obj)
        key = rt.key(meta["name"], meta.get("namespace"))
        if self.store.get(key):
            raise already_exists(rt, meta["name"])
        self.limits.check(rt, meta["name"])
        plugins.validate(self, Request(plugins.CREATE, rt, obj, dry_run=dry_run))
        uid = self._dry_run_uid() if dry_run else self.clock.new_uid()
        meta.update(uid=uid, creationTimestamp=self.clock.timestamp())
        strategy.prepare_for_create(obj)
        if dry_run:
            return obj
        self._request(actor, "create", rt, meta)
        return self._write(rt, key, obj, "ADDED")

    def update(
        self,
        obj: Obj,
        *,
        actor: str,
        subresource: str | None = None,
        dry_run: bool = False,
    ) -> Obj:
        """Replace an object (or only its status); stale resourceVersions conflict."""
        obj = json_copy(obj)
        rt = self._type_of(obj)
        meta = obj["metadata"]
        key = rt.key(meta["name"], meta.get("namespace"))
        current = self.store.get(key)
        if current is None:
            raise not_found(rt, meta["name"])
        if meta.get("resourceVersion") not in (
            None,
            "",
            current.value["metadata"]["resourceVersion"],
        ):
            raise conflict(rt, meta["name"])
        self._decode_check(rt, obj)
        merged = updates.merge(current.value, obj, subresource)
        updates.prepare(rt, current.value, merged, obj, subresource)
        admission.canonicalize_quantities(merged)
        if subresource is None:
            request = Request(plugins.UPDATE, rt, merged, current.value, dry_run)
            with self._streams_kept(dry_run):
                plugins.admit(self, request)
            self._validate(rt, merged)
            self._validate_update(rt, current.value, merged)
            plugins.validate(self, request)
        if merged == current.value or dry_run:
            return json_copy(merged)
        self._request(
            actor,
            "update" if subresource is None else f"update {subresource}",
            rt,
            meta,
        )
        if deletion.finished(merged):
            # The last finalizer went: the deletion it held back completes.
            self.store.delete(key)
            self._emit_object("DELETED", merged)
            return json_copy(merged)
        return self._write(rt, key, merged, "MODIFIED")

    def bind(self, namespace: str, name: str, node_name: str, *, actor: str) -> None:
        """The pods/binding subresource: set the node, mark PodScheduled."""
        pod = self.get("pods", name, namespace)
        if pod["spec"].get("nodeName"):
            raise StatusError(
                409,
                "Conflict",
                f'Operation cannot be fulfilled on pods/binding "{name}": '
                f"pod {name} is already assigned to node "
                f'"{pod["spec"]["nodeName"]}"',
            )
        pod["spec"]["nodeName"] = node_name
        # ClearingNominatedNodeNameAfterBinding (beta, on in v1.35).
        pod.get("status", {}).pop("nominatedNodeName", None)
        _set_condition(pod, "PodScheduled", "True", self.clock.timestamp())
        self.stream.message(
            actor,
            NAME,
            "bind",
            f"{actor}: bind pod/{name} to {node_name}",
            resource="Pod",
            name=name,
            namespace=namespace,
            node=node_name,
        )
        rt = resources.POD
        self._store(rt.key(name, namespace), pod, "MODIFIED")

    def delete(
        self,
        plural: str,
        name: str,
        namespace: str | None = None,
        *,
        actor: str,
        grace_period_seconds: int | None = None,
        propagation_policy: str | None = None,
        dry_run: bool = False,
    ) -> Obj:
        """Delete now, or, for a pod on a node, mark it for graceful deletion.

        ``propagation_policy`` (Foreground, Background, Orphan; the kind's
        default when None) adds the garbage collector's finalizers; an object
        with finalizers stays, marked for deletion, until they are removed.
        A dry run answers with the object as the deletion would leave it.
        """
        rt = resources.lookup(plural)
        key = rt.key(name, namespace or "default")
        current = self.store.get(key)
        if current is None:
            raise not_found(rt, name)
        obj = json_copy(current.value)
        plugins.admit(self, Request(plugins.DELETE, rt, obj, dry_run=dry_run))
        if not dry_run:
            self._request(actor, "delete", rt, obj["metadata"])
        grace = deletion.grace_period(obj, grace_period_seconds)
        deletion.gc_finalizers(
            obj, propagation_policy, strategy_for(rt.kind).default_gc_policy
        )
        if grace > 0:
            return self._mark_deleting(rt, key, obj, grace, dry_run)
        if deletion.has_finalizers(obj):
            deletion.mark_deleting(obj, self.clock.timestamp())
            if obj == current.value or dry_run:
                return obj
            return self._write(rt, key, obj, "MODIFIED")
        kept = strategy_for(rt.kind).begin_delete(obj, self.clock.timestamp())
        if kept == current.value:
            return kept
        if dry_run:
            return obj if kept is None else kept
        if kept is not None:
            return self._write(rt, key, kept, "MODIFIED")
        self.store.delete(key)
        self._emit_object("DELETED", obj)
        return obj

    # -- helpers -------------------------------------------------------------

    def _write(self, rt: ResourceType, key: str, obj: Obj, verb: str) -> Obj:
        """Store a private ``obj`` and return a copy the caller may change."""
        self._store(key, obj, verb)
        return json_copy(obj)

    def _store(self, key: str, obj: Obj, verb: str) -> None:
        obj["metadata"]["resourceVersion"] = str(self.store.revision + 1)
        self.store.put(key, obj, owned=True)
        self._emit_object(verb, obj)

    def _mark_deleting(
        self, rt: ResourceType, key: str, obj: Obj, grace: int, dry_run: bool
    ) -> Obj:
        meta = obj["metadata"]
        if meta.get("deletionTimestamp"):
            return obj
        meta["deletionTimestamp"] = self.clock.timestamp(self.clock.now + grace)
        meta["deletionGracePeriodSeconds"] = grace
        return obj if dry_run else self._write(rt, key, obj, "MODIFIED")

    def _dry_run_uid(self) -> str:
        """A fresh uid for each dry run, from a stream of its own."""
        return str(
            uuid.UUID(int=self.clock.rng("dry-run-uid").getrandbits(128), version=4)
        )

    @contextmanager
    def _streams_kept(self, dry_run: bool) -> Iterator[None]:
        """A dry run draws from copies: the random streams end where they began,
        so the cluster's later names and uids are those it would have had."""
        saved = [(s, self.clock.rng(s).getstate()) for s in _WRITE_STREAMS if dry_run]
        try:
            yield
        finally:
            for stream, state in saved:
                self.clock.rng(stream).setstate(state)

    def _emit_object(self, verb: str, obj: Obj) -> None:
        meta = obj["metadata"]
        self.stream.emit(
            "object",
            verb=verb,
            kind=obj.get("kind"),
            namespace=meta.get("namespace"),
            name=meta["name"],
            uid=meta.get("uid"),
            resourceVersion=meta.get("resourceVersion"),
            view=self.views.of(obj),
        )
        if obj.get("kind") == "EndpointSlice":
            # The diagram draws endpoints on their Service: it changed too.
            service = self.views.service_of(obj)
            if service is not None:
                self._emit_object("MODIFIED", service)

    def _request(self, actor: str, verb: str, rt: ResourceType, meta: Obj) -> None:
        self.stream.message(
            actor,
            NAME,
            verb,
            f"{actor}: {verb} {rt.singular}/{meta.get('name')}",
            resource=rt.kind,
            name=meta.get("name"),
            namespace=meta.get("namespace"),
        )

    def _type_of(self, obj: Obj) -> ResourceType:
        try:
            return resources.for_kind(obj.get("kind", ""), obj.get("apiVersion", ""))
        except KeyError:
            raise StatusError(
                404, "NotFound", "the server could not find the requested resource"
            ) from None

    def _admit_namespace(
        self, rt: ResourceType, meta: Obj, namespace: str | None
    ) -> None:
        if not rt.namespaced:
            meta.pop("namespace", None)
            return
        if namespace and meta.get("namespace") not in (None, "", namespace):
            raise bad_request(
                "the namespace of the provided object does not match "
                "the namespace sent on the request"
            )
        meta["namespace"] = meta.get("namespace") or namespace or "default"
        if self.store.get(resources.NAMESPACE.key(meta["namespace"], None)) is None:
            raise not_found(resources.NAMESPACE, meta["namespace"])

    def _decode_check(self, rt: ResourceType, obj: Obj) -> None:
        problem = check_quantities(obj)
        if problem:
            raise bad_request(
                f'{rt.kind} in version "{rt.api_version.rpartition("/")[2]}" cannot be '
                f"handled as a {rt.kind}: {problem}"
            )

    def _validate(self, rt: ResourceType, obj: Obj) -> None:
        errors = strategy_for(rt.kind).validate(obj)
        if errors:
            raise invalid_object(
                rt.kind, obj["metadata"].get("name", ""), errors, rt.group
            )

    def _validate_update(self, rt: ResourceType, old: Obj, new: Obj) -> None:
        errors = strategy_for(rt.kind).validate_update(old, new)
        if errors:
            raise invalid_object(rt.kind, new["metadata"]["name"], errors, rt.group)

    def _generate_name(self, rt: ResourceType, meta: Obj) -> str:
        rng = self.clock.rng("generate-name")
        while True:
            suffix = "".join(rng.choice(SUFFIX_ALPHABET) for _ in range(5))
            name = meta["generateName"][:58] + suffix
            if self.store.get(rt.key(name, meta.get("namespace"))) is None:
                return name


def _set_condition(obj: Obj, type_: str, status: str, now: str) -> None:
    conditions = obj.setdefault("status", {}).setdefault("conditions", [])
    for condition in conditions:
        if condition["type"] == type_:
            if condition["status"] != status:
                condition.update(status=status, lastTransitionTime=now)
            return
    conditions.append(
        {
            "type": type_,
            "status": status,
            "lastProbeTime": None,
            "lastTransitionTime": now,
        }
    )
