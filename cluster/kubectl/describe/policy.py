"""``kubectl describe`` for ResourceQuotas, PodDisruptionBudgets and
PriorityClasses, and the quota section of ``describe namespace``
(describe.go ``describeQuota``, ``DescribeResourceQuotas``,
``describePodDisruptionBudgetV1``, ``describePriorityClass``)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from cluster.api.labelselector import format_selector
from cluster.api.quantity import Quantity, QuantityError, parse_quantity
from cluster.kubectl.describe.events import describe_events, search_events
from cluster.kubectl.describe.writer import PrefixWriter

Obj = dict[str, Any]
ZERO = Quantity(Decimal(0), "DecimalSI")


def describe_quota(api: Any, rq: Obj, now: datetime) -> str:
    meta, status = rq["metadata"], rq.get("status", {})
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta['name']}\n")
    w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
    w.write(0, "Resource\tUsed\tHard\n")
    w.write(0, "--------\t----\t----\n")
    hard, used = status.get("hard") or {}, status.get("used") or {}
    for name in sorted(hard):
        amount = _parse(hard[name])
        w.write(
            0, f"{name}\t{_used_as(_parse(used.get(name)), amount)}\t{_text(amount)}\n"
        )
    return w.getvalue()


def quota_section(w: PrefixWriter, quotas: list[Obj]) -> None:
    """``DescribeResourceQuotas``: every quota of a namespace, by name."""
    if not quotas:
        w.write(0, "No resource quota.\n")
        return
    w.write(0, "Resource Quotas\n")
    for rq in sorted(quotas, key=lambda q: q["metadata"]["name"]):
        w.write(1, f"Name:\t{rq['metadata']['name']}\n")
        w.write(1, "Resource\tUsed\tHard\n")
        w.write(1, "--------\t---\t---\n")
        hard = rq.get("status", {}).get("hard") or {}
        used = rq.get("status", {}).get("used") or {}
        for name in sorted(hard):
            w.write(
                1,
                f"{name}\t{_text(_parse(used.get(name)))}\t{_text(_parse(hard[name]))}\n",
            )


def describe_pdb(api: Any, pdb: Obj, now: datetime) -> str:
    meta, spec, status = pdb["metadata"], pdb.get("spec", {}), pdb.get("status", {})
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta['name']}\n")
    w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
    if spec.get("minAvailable") is not None:
        w.write(0, f"Min available:\t{spec['minAvailable']}\n")
    elif spec.get("maxUnavailable") is not None:
        w.write(0, f"Max unavailable:\t{spec['maxUnavailable']}\n")
    selector = spec.get("selector")
    shown = format_selector(selector) if selector is not None else "<unset>"
    w.write(0, f"Selector:\t{shown}\n")
    w.write(0, "Status:\n")
    w.write(2, f"Allowed disruptions:\t{status.get('disruptionsAllowed', 0)}\n")
    w.write(2, f"Current:\t{status.get('currentHealthy', 0)}\n")
    w.write(2, f"Desired:\t{status.get('desiredHealthy', 0)}\n")
    w.write(2, f"Total:\t{status.get('expectedPods', 0)}\n")
    _events(w, api, pdb, now)
    return w.getvalue()


def describe_priorityclass(api: Any, pc: Obj, now: datetime) -> str:
    meta = pc["metadata"]
    annotations = meta.get("annotations") or {}
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta['name']}\n")
    w.write(0, f"Value:\t{pc.get('value', 0)}\n")
    w.write(0, f"GlobalDefault:\t{'true' if pc.get('globalDefault') else 'false'}\n")
    w.write(0, f"PreemptionPolicy:\t{pc.get('preemptionPolicy', '')}\n")
    w.write(0, f"Description:\t{pc.get('description', '')}\n")
    shown = ",".join(f"{k}={annotations[k]}" for k in sorted(annotations))
    w.write(0, f"Annotations:\t{shown or '<none>'}\n")
    _events(w, api, pc, now)
    return w.getvalue()


def _events(w: PrefixWriter, api: Any, obj: Obj, now: datetime) -> None:
    meta = obj["metadata"]
    events = search_events(
        api, name=meta["name"], namespace=meta.get("namespace", ""), uid=meta.get("uid")
    )
    describe_events(w, events, now)


def _parse(value: Any) -> Quantity:
    try:
        return parse_quantity(value) if value is not None else ZERO
    except QuantityError:
        return ZERO


def _text(q: Quantity) -> str:
    return "0" if q.value == 0 else str(q)


def _used_as(used: Quantity, hard: Quantity) -> str:
    """A used amount in another format is shown as its whole value in hard's."""
    if used.format != hard.format:
        used = Quantity(Decimal(used.whole()), hard.format)
    return _text(used)
