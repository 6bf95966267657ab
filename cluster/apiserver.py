"""kube-apiserver: the only door to the store. Verbs, admission, defaulting,
validation, and watch fan-out.

Every request names its ``actor`` (the component making it) so the diagram can
draw the hop; every accepted write lands in the store and fans out to watches.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from cluster.api import admission, defaults, deletion, plugins, resources
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

    def create(self, obj: Obj, *, actor: str, namespace: str | None = None) -> Obj:
        obj = json_copy(obj)
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
        plugins.admit(self, Request(plugins.CREATE, rt, obj))
        self._validate(rt, obj)
        key = rt.key(meta["name"], meta.get("namespace"))
        if self.store.get(key):
            raise already_exists(rt, meta["name"])
        self.limits.check(rt, meta["name"])
        plugins.validate(self, Request(plugins.CREATE, rt, obj))
        meta.update(uid=self.clock.new_uid(), creationTimestamp=self.clock.timestamp())
        strategy.prepare_for_create(obj)
        self._request(actor, "create", rt, meta)
        return self._write(rt, key, obj, "ADDED")

    def update(self, obj: Obj, *, actor: str, subresource: str | None = None) -> Obj:
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
        merged = _merge_update(current.value, obj, subresource)
        _prepare_update(rt, current.value, merged, obj, subresource)
        admission.canonicalize_quantities(merged)
        if subresource is None:
            request = Request(plugins.UPDATE, rt, merged, current.value)
            plugins.admit(self, request)
            self._validate(rt, merged)
            self._validate_update(rt, current.value, merged)
            plugins.validate(self, request)
        if merged == current.value:
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
    ) -> Obj:
        """Delete now, or, for a pod on a node, mark it for graceful deletion.

        ``propagation_policy`` (Foreground, Background, Orphan; the kind's
        default when None) adds the garbage collector's finalizers; an object
        with finalizers stays, marked for deletion, until they are removed.
        """
        rt = resources.lookup(plural)
        key = rt.key(name, namespace or "default")
        current = self.store.get(key)
        if current is None:
            raise not_found(rt, name)
        obj = json_copy(current.value)
        plugins.admit(self, Request(plugins.DELETE, rt, obj))
        self._request(actor, "delete", rt, obj["metadata"])
        grace = _grace_period(obj, grace_period_seconds)
        _gc_finalizers(rt, obj, propagation_policy)
        if grace > 0:
            return self._mark_deleting(rt, key, obj, grace)
        if deletion.has_finalizers(obj):
            deletion.mark_deleting(obj, self.clock.timestamp())
            if obj == current.value:
                return obj
            return self._write(rt, key, obj, "MODIFIED")
        kept = strategy_for(rt.kind).begin_delete(obj, self.clock.timestamp())
        if kept == current.value:
            return kept
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

    def _mark_deleting(self, rt: ResourceType, key: str, obj: Obj, grace: int) -> Obj:
        meta = obj["metadata"]
        if meta.get("deletionTimestamp"):
            return obj
        meta["deletionTimestamp"] = self.clock.timestamp(self.clock.now + grace)
        meta["deletionGracePeriodSeconds"] = grace
        return self._write(rt, key, obj, "MODIFIED")

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


def _prepare_update(
    rt: ResourceType, old: Obj, merged: Obj, new: Obj, subresource: str | None
) -> None:
    """Defaulting and the kind's PrepareForUpdate on a spec update; on a status
    update, the metadata the kind lets its status writers change."""
    strategy = strategy_for(rt.kind)
    if subresource is None:
        strategy.default(merged)
        strategy.prepare_for_update(old, merged)
    elif subresource == "status":
        for key in strategy.status_metadata:
            if key in new["metadata"]:
                merged["metadata"][key] = new["metadata"][key]


def _gc_finalizers(rt: ResourceType, obj: Obj, policy: str | None) -> None:
    """A DELETE without a policy keeps the GC finalizers the object has."""
    present = set(obj["metadata"].get("finalizers") or [])
    if policy is None and present & {
        deletion.FINALIZER_FOREGROUND,
        deletion.FINALIZER_ORPHAN,
    }:
        return
    deletion.add_gc_finalizers(obj, policy or strategy_for(rt.kind).default_gc_policy)


def _merge_update(current: Obj, new: Obj, subresource: str | None) -> Obj:
    """Status updates change only status; spec updates never change status."""
    merged = json_copy(current)
    if subresource == "status":
        merged["status"] = new.get("status", {})
        return merged
    if subresource == "finalize":
        merged["spec"]["finalizers"] = new.get("spec", {}).get("finalizers") or []
        return merged
    for key, value in new.items():
        if key not in ("status", "metadata"):
            merged[key] = value
    if "generation" in merged["metadata"] and merged.get("spec") != current.get("spec"):
        merged["metadata"]["generation"] += 1
    for key in ("labels", "annotations", "finalizers", "ownerReferences"):
        if key in new["metadata"]:
            merged["metadata"][key] = new["metadata"][key]
        else:
            merged["metadata"].pop(key, None)
    return merged


def _grace_period(obj: Obj, requested: int | None) -> int:
    if obj.get("kind") != "Pod" or not obj.get("spec", {}).get("nodeName"):
        return 0
    if obj.get("status", {}).get("phase") in ("Succeeded", "Failed"):
        return 0
    if requested is not None:
        return max(requested, 0)
    return int(
        obj["spec"].get(
            "terminationGracePeriodSeconds", defaults.DEFAULT_TERMINATION_GRACE_PERIOD
        )
    )


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
