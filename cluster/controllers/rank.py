"""Which pods a ReplicaSet deletes first when it scales down.

``getPodsToDelete`` ranks each pod by how many active pods of the same
controller (its sibling ReplicaSets included) share its node, then sorts by
``ActivePodsWithRanks.Less`` (``pkg/controller/controller_utils.go``), with
PodDeletionCost and LogarithmicScaleDown on, as in v1.35. "Less" is deleted
first:

1. unassigned before assigned;
2. Pending before Unknown before Running;
3. not ready before ready;
4. lower ``controller.kubernetes.io/pod-deletion-cost`` first;
5. higher rank (more active related pods on its node) first;
6. both ready: ready more recently first, by log2 buckets of time, then UID;
7. more container restarts first;
8. created more recently first, by log2 buckets, then UID.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from datetime import datetime
from typing import Any

from cluster.controllers.podutil import is_active, is_ready, phase, ready_since
from cluster.kubectl.timefmt import parse_timestamp

Obj = dict[str, Any]
DELETION_COST = "controller.kubernetes.io/pod-deletion-cost"
_PHASE_ORDER = {"Pending": 0, "Unknown": 1, "Running": 2}


def pods_to_delete(
    pods: list[Obj], related: list[Obj], diff: int, now: datetime
) -> list[Obj]:
    if diff >= len(pods):
        return pods[:diff]
    on_node = Counter(p["spec"].get("nodeName", "") for p in related if is_active(p))
    ranked = [(pod, on_node[pod["spec"].get("nodeName", "")]) for pod in pods]
    ranked.sort(key=functools.cmp_to_key(functools.partial(_compare, now=now)))
    return [pod for pod, _ in ranked[:diff]]


def _compare(a: tuple[Obj, int], b: tuple[Obj, int], now: datetime) -> int:
    if _less(a, b, now):
        return -1
    return 1 if _less(b, a, now) else 0


def _less(a: tuple[Obj, int], b: tuple[Obj, int], now: datetime) -> bool:
    for rule in _RULES:
        verdict = rule(a, b, now)
        if verdict is not None:
            return verdict
    return False


def _assigned(a: tuple[Obj, int], b: tuple[Obj, int], now: datetime) -> bool | None:
    na, nb = a[0]["spec"].get("nodeName", ""), b[0]["spec"].get("nodeName", "")
    if na != nb and (not na or not nb):
        return not na
    return None


def _phase(a: tuple[Obj, int], b: tuple[Obj, int], now: datetime) -> bool | None:
    pa, pb = _PHASE_ORDER.get(phase(a[0]), 0), _PHASE_ORDER.get(phase(b[0]), 0)
    return pa < pb if pa != pb else None


def _ready(a: tuple[Obj, int], b: tuple[Obj, int], now: datetime) -> bool | None:
    ra, rb = is_ready(a[0]), is_ready(b[0])
    return not ra if ra != rb else None


def _cost(a: tuple[Obj, int], b: tuple[Obj, int], now: datetime) -> bool | None:
    ca, cb = _deletion_cost(a[0]), _deletion_cost(b[0])
    return ca < cb if ca != cb else None


def _rank(a: tuple[Obj, int], b: tuple[Obj, int], now: datetime) -> bool | None:
    return a[1] > b[1] if a[1] != b[1] else None


def _ready_time(a: tuple[Obj, int], b: tuple[Obj, int], now: datetime) -> bool | None:
    if not (is_ready(a[0]) and is_ready(b[0])):
        return None
    ta, tb = ready_since(a[0]), ready_since(b[0])
    return None if ta == tb else _newer_first(ta, tb, a[0], b[0], now)


def _restarts(a: tuple[Obj, int], b: tuple[Obj, int], now: datetime) -> bool | None:
    ra, rb = _max_restarts(a[0]), _max_restarts(b[0])
    return ra > rb if ra != rb else None


def _created(a: tuple[Obj, int], b: tuple[Obj, int], now: datetime) -> bool | None:
    ta, tb = _creation(a[0]), _creation(b[0])
    return None if ta == tb else _newer_first(ta, tb, a[0], b[0], now)


def _newer_first(
    ta: datetime | None, tb: datetime | None, pa: Obj, pb: Obj, now: datetime
) -> bool:
    """``afterOrZero``, or with LogarithmicScaleDown the log2 bucket of age."""
    if ta is None or tb is None:
        return ta is None
    diff = _log2_age(ta, now) - _log2_age(tb, now)
    if diff == 0:
        return str(pa["metadata"].get("uid")) < str(pb["metadata"].get("uid"))
    return diff < 0


def _log2_age(t: datetime, now: datetime) -> int:
    nanos = (now - t).total_seconds() * 1e9
    return int(math.log2(nanos)) if nanos > 0 else -1


def _deletion_cost(pod: Obj) -> int:
    text = (pod["metadata"].get("annotations") or {}).get(DELETION_COST)
    try:
        return int(text) if text is not None else 0
    except ValueError:
        return 0


def _max_restarts(pod: Obj) -> int:
    statuses = (pod.get("status") or {}).get("containerStatuses") or []
    return max((s.get("restartCount", 0) for s in statuses), default=0)


def _creation(pod: Obj) -> datetime | None:
    stamp = pod["metadata"].get("creationTimestamp")
    return parse_timestamp(stamp) if stamp else None


_RULES = (_assigned, _phase, _ready, _cost, _rank, _ready_time, _restarts, _created)
