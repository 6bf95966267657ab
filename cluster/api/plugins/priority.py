"""The Priority admission plugin (``plugin/pkg/admission/priority/admission.go``).

A pod naming a PriorityClass gets that class's value and preemption policy;
a pod naming none gets the global default class, if there is one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cluster.api import resources
from cluster.api.errors import forbidden
from cluster.api.plugins import CREATE, Request

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
DEFAULT_PREEMPTION_POLICY = "PreemptLowerPriority"


def admit(api: APIServer, request: Request) -> None:
    if request.operation != CREATE or request.rt is not resources.POD:
        return
    spec = request.obj["spec"]
    name = spec.get("priorityClassName")
    pc = _named(api, name) if name else _global_default(api)
    if name and pc is None:
        raise forbidden(
            request.rt, request.name, f"no PriorityClass with name {name} was found"
        )
    if pc is None:
        return
    spec["priorityClassName"] = pc["metadata"]["name"]
    spec["priority"] = pc.get("value", 0)
    spec["preemptionPolicy"] = pc.get("preemptionPolicy", DEFAULT_PREEMPTION_POLICY)


def _named(api: APIServer, name: str) -> Obj | None:
    kv = api.store.get(resources.PRIORITYCLASS.key(name, None))
    return kv.value if kv else None


def _global_default(api: APIServer) -> Obj | None:
    classes = api.store.range(resources.PRIORITYCLASS.prefix())
    defaults = [kv.value for kv in classes if kv.value.get("globalDefault")]
    # With several (a race the API allows), the lowest value wins.
    return min(defaults, key=lambda pc: pc.get("value", 0), default=None)
