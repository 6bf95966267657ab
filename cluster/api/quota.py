"""How quota measures objects (``pkg/quota/v1/evaluator/core``).

Shared by the ResourceQuota admission plugin, which charges each new object
against the quotas of its namespace, and the resourcequota controller, which
recounts a namespace from scratch. Amounts are ``Quantity`` values keyed by
resource name (``pods``, ``requests.cpu``, ``count/deployments.apps`` ...).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cluster.api import resources
from cluster.api.quantity import Quantity, QuantityError, parse_quantity
from cluster.api.resources import ResourceType

Obj = dict[str, Any]
Usage = dict[str, Quantity]
ZERO = Quantity(Decimal(0), "DecimalSI")
# Object counts quota knows by their old names.
LEGACY_COUNTS = {
    "configmaps",
    "persistentvolumeclaims",
    "replicationcontrollers",
    "resourcequotas",
    "secrets",
    "services",
}
POD_RESOURCES = {
    "pods",
    "cpu",
    "memory",
    "ephemeral-storage",
    "requests.cpu",
    "requests.memory",
    "requests.ephemeral-storage",
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
}
# Resources a pod must state for every container once a quota tracks them.
MUST_SPECIFY = {
    "cpu",
    "memory",
    "requests.cpu",
    "requests.memory",
    "limits.cpu",
    "limits.memory",
}


def count_name(rt: ResourceType) -> str:
    """``count/pods``, ``count/deployments.apps``."""
    return f"count/{rt.plural}.{rt.group}" if rt.group else f"count/{rt.plural}"


def covered(rt: ResourceType, names: list[str]) -> list[str]:
    """The quota resources among ``names`` that objects of ``rt`` use."""
    own = {count_name(rt)}
    if rt is resources.POD:
        own |= POD_RESOURCES
    elif rt is resources.SERVICE:
        own |= {"services", "services.nodeports", "services.loadbalancers"}
    elif rt.plural in LEGACY_COUNTS:
        own.add(rt.plural)
    return [name for name in names if name in own]


def usage(rt: ResourceType, obj: Obj) -> Usage:
    used = {count_name(rt): _count(1)}
    if rt is resources.POD:
        used.update(_pod_usage(obj))
    elif rt is resources.SERVICE:
        used.update(_service_usage(obj))
    elif rt.plural in LEGACY_COUNTS:
        used[rt.plural] = _count(1)
    return used


def add(a: Usage, b: Usage) -> Usage:
    """``quota.Add``: a zero amount takes the other's format."""
    out = dict(a)
    for name, amount in b.items():
        base = out.get(name)
        if base is None or base.value == 0:
            out[name] = Quantity(
                (base.value if base else 0) + amount.value, amount.format
            )
        else:
            out[name] = Quantity(base.value + amount.value, base.format)
    return out


def subtract(a: Usage, b: Usage) -> Usage:
    out = dict(a)
    for name, amount in b.items():
        base = out.get(name, ZERO)
        out[name] = Quantity(base.value - amount.value, base.format)
    return out


def parse_list(values: Obj | None) -> Usage:
    out: Usage = {}
    for name, text in (values or {}).items():
        try:
            out[name] = parse_quantity(text)
        except QuantityError:
            continue
    return out


def pretty(amounts: Usage) -> str:
    """``prettyPrint``: ``requests.memory=700Mi,pods=1`` sorted by name."""
    return ",".join(f"{name}={_text(amounts[name])}" for name in sorted(amounts))


def as_list(amounts: Usage) -> dict[str, str]:
    return {name: _text(amounts[name]) for name in sorted(amounts)}


def missing_requests(pod: Obj, required: list[str]) -> str | None:
    """The pod evaluator's Constraints: ``must specify ...`` or None."""
    wanted = sorted(set(required) & MUST_SPECIFY)
    missing: dict[str, list[str]] = {}
    spec = pod.get("spec", {})
    for container in (spec.get("containers") or []) + (
        spec.get("initContainers") or []
    ):
        res = container.get("resources") or {}
        have = set(
            _compute(parse_list(res.get("requests")), parse_list(res.get("limits")))
        )
        for name in wanted:
            if name not in have:
                missing.setdefault(name, []).append(container.get("name", ""))
    if not missing:
        return None
    parts = [
        f"{name} for: {','.join(sorted(set(c)))}" for name, c in sorted(missing.items())
    ]
    return "must specify " + "; ".join(parts)


def _text(q: Quantity) -> str:
    return "0" if q.value == 0 else str(q)


def _count(n: int) -> Quantity:
    return Quantity(Decimal(n), "DecimalSI")


def _pod_usage(pod: Obj) -> Usage:
    if pod.get("status", {}).get("phase") in ("Succeeded", "Failed"):
        return {}
    spec = pod.get("spec", {})
    return _compute(_pod_total(spec, "requests"), _pod_total(spec, "limits"))


def _compute(requests: Usage, limits: Usage) -> Usage:
    """``podComputeUsageHelper`` over a container's (or a pod's) resources."""
    used: Usage = {"pods": _count(1)}
    for name in ("cpu", "memory", "ephemeral-storage"):
        if name in requests:
            used[name] = used[f"requests.{name}"] = requests[name]
        if name in limits:
            used[f"limits.{name}"] = limits[name]
    return used


def _pod_total(spec: Obj, key: str) -> Usage:
    """``PodRequests``/``PodLimits``: containers summed, the largest init step."""
    total: Usage = {}
    for container in spec.get("containers") or []:
        total = add(total, parse_list((container.get("resources") or {}).get(key)))
    for container in spec.get("initContainers") or []:
        for name, amount in parse_list(
            (container.get("resources") or {}).get(key)
        ).items():
            if name not in total or amount.value > total[name].value:
                total[name] = amount
    return total


def _service_usage(svc: Obj) -> Usage:
    spec = svc.get("spec", {})
    used = {"services": _count(1)}
    if spec.get("type") in ("NodePort", "LoadBalancer"):
        used["services.nodeports"] = _count(len(spec.get("ports") or []))
    if spec.get("type") == "LoadBalancer":
        used["services.loadbalancers"] = _count(1)
    return used
