"""The ResourceQuota admission plugin (``plugin/pkg/admission/resourcequota``).

Each new object is measured; every quota of its namespace that tracks one of
those resources (judged by the quota's ``status.hard``, so a quota the
controller has not seen yet does not apply) must still have room, or the
request is refused. When all quotas have room, their ``status.used`` is
charged at once, before the object is stored, as the real plugin does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cluster.api import quota, resources
from cluster.api.errors import StatusError, forbidden
from cluster.api.plugins import CREATE, UPDATE, Request

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
ACTOR = "kube-apiserver"


def validate(api: APIServer, request: Request) -> None:
    if not _handles(request):
        return
    stored = api.store.range(resources.RESOURCEQUOTA.prefix(request.namespace))
    quotas = [kv.value for kv in stored]
    if not quotas:
        return
    delta = quota.usage(request.rt, request.obj)
    if request.old is not None:
        delta = quota.subtract(delta, quota.usage(request.rt, request.old))
    charged = [_charge(request, q, delta) for q in quotas]
    if request.dry_run:
        return  # checked, but nothing is charged
    for q, used in zip(quotas, charged, strict=True):
        if used is not None:
            _write_used(api, q, used)


def _handles(request: Request) -> bool:
    if request.operation == CREATE:
        return request.rt.namespaced
    return request.operation == UPDATE and request.rt is resources.SERVICE


def _charge(request: Request, q: Obj, delta: quota.Usage) -> quota.Usage | None:
    """The quota's new ``used``, None if it is not concerned; raise if it is full."""
    hard = quota.parse_list(q.get("status", {}).get("hard"))
    tracked = quota.covered(request.rt, sorted(hard))
    if not tracked:
        return None
    name = q["metadata"]["name"]
    if request.rt is resources.POD and request.operation == CREATE:
        missing = quota.missing_requests(request.obj, tracked)
        if missing:
            raise _refuse(request, f"failed quota: {name}: {missing}")
    requested = {r: delta[r] for r in tracked if r in delta}
    if not any(amount.value != 0 for amount in requested.values()):
        return None
    used = quota.parse_list(q.get("status", {}).get("used"))
    after = quota.add(used, requested)
    over = sorted(r for r in requested if after[r].value > hard[r].value)
    if over:
        raise _refuse(request, _exceeded(name, requested, used, hard, over))
    return after


def _exceeded(
    name: str,
    requested: quota.Usage,
    used: quota.Usage,
    hard: quota.Usage,
    over: list[str],
) -> str:
    def pick(amounts: quota.Usage) -> str:
        return quota.pretty({r: amounts.get(r, quota.ZERO) for r in over})

    return (
        f"exceeded quota: {name}, requested: {pick(requested)}, "
        f"used: {pick(used)}, limited: {pick(hard)}"
    )


def _refuse(request: Request, reason: str) -> StatusError:
    return forbidden(request.rt, request.name, reason)


def _write_used(api: APIServer, q: Obj, used: quota.Usage) -> None:
    status = dict(q.get("status") or {})
    status["used"] = {**(status.get("used") or {}), **quota.as_list(used)}
    updated = {**q, "status": status}
    try:
        api.update(updated, actor=ACTOR, subresource="status")
    except StatusError:
        return  # the resourcequota controller recounts on its next sync
