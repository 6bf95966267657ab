"""A pod's resource requests as the scheduler counts them.

Follows ``resourcehelper.PodRequests`` (``k8s.io/component-helpers/resource``)
and the non-zero defaults of ``pkg/scheduler/util/pod_resources.go``: regular
containers add up, sidecars (init containers with ``restartPolicy: Always``)
run alongside them, each plain init container needs its own peak, pod-level
requests win for cpu and memory, and overhead comes on top. CPU is counted in
millicores, everything else in whole units, both rounded up as Quantity does.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from cluster.api.quantity import parse_quantity

Obj = dict[str, Any]
Requests = dict[str, int]

# "200 MB" in the Go comment, but the value is 200 MiB.
DEFAULT_MILLI_CPU_REQUEST = 100
DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024
NON_ZERO_DEFAULTS: Requests = {
    "cpu": DEFAULT_MILLI_CPU_REQUEST,
    "memory": DEFAULT_MEMORY_REQUEST,
}
# Pod-level requests (PodLevelResources, beta and on since v1.34) cover these.
POD_LEVEL_RESOURCES = ("cpu", "memory")


@lru_cache(maxsize=4096)
def amount(resource: str, quantity: str | int | float) -> int:
    """A quantity in scheduler units: MilliValue() for cpu, Value() otherwise."""
    parsed = parse_quantity(quantity)
    return parsed.milli() if resource == "cpu" else parsed.whole()


def to_units(resource_list: Obj | None) -> Requests:
    return {name: amount(name, q) for name, q in (resource_list or {}).items()}


def pod_requests(pod: Obj, non_missing: Requests | None = None) -> Requests:
    """PodRequests(); ``non_missing`` fills requests a container leaves unset
    (set but zero stays zero: "override if un-set, but not if explicitly set")."""
    spec = pod.get("spec", {})
    reqs: Requests = {}
    for container in spec.get("containers") or ():
        _add(reqs, _container_requests(container, non_missing))
    _apply_init_containers(reqs, spec.get("initContainers") or (), non_missing)
    _apply_pod_level(reqs, spec)
    _add(reqs, to_units(spec.get("overhead")))
    return reqs


def non_missing_defaults(reqs: Requests, pod: Obj) -> Requests:
    """getNonMissingContainerRequests(): with pod-level requests set, only the
    resources the pod-level block leaves out get container defaults."""
    if not _pod_level_requests(pod.get("spec", {})):
        return NON_ZERO_DEFAULTS
    return {k: v for k, v in NON_ZERO_DEFAULTS.items() if k not in reqs}


def _container_requests(container: Obj, non_missing: Requests | None) -> Requests:
    reqs = to_units((container.get("resources") or {}).get("requests"))
    for name, default in (non_missing or {}).items():
        reqs.setdefault(name, default)
    return reqs


def _apply_init_containers(
    reqs: Requests, init_containers: Any, non_missing: Requests | None
) -> None:
    sidecars: Requests = {}
    peak: Requests = {}
    for container in init_containers:
        own = _container_requests(container, non_missing)
        if container.get("restartPolicy") == "Always":
            # A sidecar keeps running next to the regular containers.
            _add(reqs, own)
            _add(sidecars, own)
            needed = dict(sidecars)
        else:
            needed = dict(own)
            _add(needed, sidecars)
        _max(peak, needed)
    _max(reqs, peak)


def _apply_pod_level(reqs: Requests, spec: Obj) -> None:
    for name, value in _pod_level_requests(spec).items():
        if name in POD_LEVEL_RESOURCES:
            reqs[name] = value


def _pod_level_requests(spec: Obj) -> Requests:
    return to_units((spec.get("resources") or {}).get("requests"))


def _add(into: Requests, other: Requests) -> None:
    for name, value in other.items():
        into[name] = into.get(name, 0) + value


def _max(into: Requests, other: Requests) -> None:
    for name, value in other.items():
        if name not in into or value > into[name]:
            into[name] = value
