"""DefaultSelector (``plugins/helper/spread.go``): the selector that finds a
pod's siblings, from the Services selecting it and the controller owning it.

Service selectors are merged as a label set; a ReplicationController's too; a
ReplicaSet's or StatefulSet's requirements are added. A pod that nothing
selects or owns gets the empty selector, and no default spreading.
"""

from __future__ import annotations

from typing import Any

from cluster.scheduler.framework.labels import (
    Selector,
    SelectorError,
    from_set,
    label_selector,
)
from cluster.scheduler.framework.types import PodInfo
from cluster.scheduler.listers import Listers

Obj = dict[str, Any]
_OWNERS = {
    ("v1", "ReplicationController"): "replicationcontrollers",
    ("apps/v1", "ReplicaSet"): "replicasets",
    ("apps/v1", "StatefulSet"): "statefulsets",
}


def default_selector(pod: PodInfo, listers: Listers) -> Selector:
    merged: dict[str, str] = {}
    for service in pod_services(pod, listers):
        merged.update(service["spec"]["selector"])
    selector = from_set(merged)
    found, plural = _owner(pod, listers)
    if found is None:
        return selector
    if plural == "replicationcontrollers":
        merged.update((found.get("spec") or {}).get("selector") or {})
        return from_set(merged)
    try:
        other = label_selector((found.get("spec") or {}).get("selector"))
    except SelectorError:
        return selector
    return selector.add(*other.requirements)


def _owner(pod: PodInfo, listers: Listers) -> tuple[Obj | None, str]:
    """The pod's controller, if it is an RC, RS or StatefulSet that exists."""
    owner = controller_of(pod.pod)
    if owner is None:
        return None, ""
    plural = _OWNERS.get((str(owner.get("apiVersion")), str(owner.get("kind"))), "")
    if not plural:
        return None, ""
    return listers.get(plural, pod.namespace, str(owner.get("name"))), plural


def pod_services(pod: PodInfo, listers: Listers) -> list[Obj]:
    """GetPodServices: Services of the namespace whose selector matches; a
    Service without a selector matches nothing."""
    found = []
    for service in listers.list("services", pod.namespace):
        wanted = (service.get("spec") or {}).get("selector")
        if wanted is not None and all(
            pod.labels.get(k) == v for k, v in wanted.items()
        ):
            found.append(service)
    return found


def controller_of(pod: Obj) -> Obj | None:
    for ref in pod["metadata"].get("ownerReferences") or ():
        if ref.get("controller"):
            return dict(ref)
    return None
