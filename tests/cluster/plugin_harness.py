"""Run one scheduler plugin the way the framework does, over a small cache:
PreFilter then Filter per node, or PreScore, Score and NormalizeScore."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cluster.scheduler.cache import Cache
from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.status import Code, Status
from cluster.scheduler.framework.types import PodInfo
from cluster.scheduler.handle import SchedulerHandle
from cluster.scheduler.listers import Listers
from cluster.scheduler.registry import IN_TREE

Obj = dict[str, Any]


def handle_for(
    nodes: list[Obj],
    pods: tuple[Obj, ...] = (),
    objects: Mapping[str, list[Obj]] | None = None,
) -> SchedulerHandle:
    """A handle over a cache holding ``nodes`` and the bound ``pods``;
    ``objects`` fills the listers (services, namespaces...)."""
    cache = Cache()
    for node in nodes:
        cache.add_node(node)
    for pod in pods:
        cache.add_pod(PodInfo(pod))
    listers = Listers()
    for plural, items in (objects or {}).items():
        for item in items:
            listers.add(plural, item)
    return SchedulerHandle(None, cache, listers)


def plugin(name: str, handle: SchedulerHandle, args: Obj | None = None) -> Any:
    return IN_TREE[name](args, handle)


def filter_all(
    name: str,
    pod: Obj,
    nodes: list[Obj],
    pods: tuple[Obj, ...] = (),
    args: Obj | None = None,
    **objects: list[Obj],
) -> dict[str, str | None]:
    """Node -> None (fits) or the rejection's message; a PreFilter
    rejection or Skip shows on every node as "PreFilter: <message>"/"skip"."""
    handle = handle_for(nodes, pods, objects)
    pl, state, info = plugin(name, handle, args), CycleState(), PodInfo(pod)
    infos = handle.node_infos()
    _, status = pl.pre_filter(state, info, infos)
    if status is not None:
        text = "skip" if status.code == Code.SKIP else f"PreFilter: {status.message()}"
        return {n.name: text for n in infos}
    return {n.name: _message(pl.filter(state, info, n)) for n in infos}


def score_all(
    name: str,
    pod: Obj,
    nodes: list[Obj],
    pods: tuple[Obj, ...] = (),
    args: Obj | None = None,
    feasible: list[str] | None = None,
    **objects: list[Obj],
) -> dict[str, int] | str:
    """Node -> normalized score, or "skip" when PreScore skips."""
    handle = handle_for(nodes, pods, objects)
    pl, state, info = plugin(name, handle, args), CycleState(), PodInfo(pod)
    infos = [n for n in handle.node_infos() if feasible is None or n.name in feasible]
    if hasattr(pl, "pre_score"):
        status = pl.pre_score(state, info, infos)
        if status is not None:
            return "skip" if status.code == Code.SKIP else status.message()
    scores = [pl.score(state, info, n) for n in infos]
    if hasattr(pl, "normalize_score"):
        pl.normalize_score(state, info, infos, scores)
    return {n.name: s for n, s in zip(infos, scores, strict=True)}


def _message(status: Status | None) -> str | None:
    return None if status is None else status.message()
