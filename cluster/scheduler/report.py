"""How a scheduling attempt is told: the ``schedule`` event on the observation
seam, and the PodScheduled=False condition kube-scheduler writes on failure.

The event carries only JSON-safe primitives so it crosses any channel layer:
``filtered`` maps each rejected node to "<Plugin>: <reasons>", ``scores`` maps
each scored node to its weighted score per plugin plus ``total``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from cluster.scheduler.algorithm import ScheduleResult
from cluster.scheduler.framework.types import NodeInfo

Obj = dict[str, Any]
# validation.NoteLengthLimit: longer event notes are cut, ending " ...".
NOTE_LENGTH_LIMIT = 1024


def filtered(result: ScheduleResult, nodes: list[NodeInfo]) -> dict[str, str]:
    diagnosis = result.diagnosis
    if diagnosis.pre_filter_msg and diagnosis.absent_nodes_status is not None:
        # A PreFilter rejection applies to every node alike.
        why = _why(diagnosis.absent_nodes_status.plugin, diagnosis.pre_filter_msg)
        return {node.name: why for node in nodes}
    return {name: _why(status.plugin, status.message())
            for name, status in diagnosis.node_to_status.items()}


def scores(result: ScheduleResult) -> dict[str, dict[str, int]]:
    table = result.scores
    if table is None:
        return {}
    row = _row_builder((*table.plugins, "total"))
    names = [node.name for node in table.nodes]
    return dict(zip(names, map(row, *table.columns, table.totals), strict=True))


@lru_cache(maxsize=64)
def _row_builder(keys: tuple[str, ...]) -> Callable[..., dict[str, int]]:
    """A function making {key0: v0, key1: v1, ...} from positional values.

    Rows are built for every scored node of every cycle; a dict display is
    twice as fast as dict(zip(...)), so one is compiled per key set, as
    namedtuple compiles its class. The keys are plugin names, quoted by repr.
    """
    params = ", ".join(f"v{i}" for i in range(len(keys)))
    items = ", ".join(f"{key!r}: v{i}" for i, key in enumerate(keys))
    built: Callable[..., dict[str, int]] = eval(f"lambda {params}: {{{items}}}")
    return built


def truncate_message(message: str) -> str:
    if len(message) <= NOTE_LENGTH_LIMIT:
        return message
    suffix = " ..."
    return message[:NOTE_LENGTH_LIMIT - len(suffix)] + suffix


def with_scheduled_condition(pod: Obj, reason: str, message: str,
                             now: str) -> Obj | None:
    """The pod with PodScheduled=False (reason, message) set, or None when it
    already says exactly that (UpdatePodCondition writes nothing then)."""
    conditions = pod.setdefault("status", {}).setdefault("conditions", [])
    old = next((c for c in conditions if c.get("type") == "PodScheduled"), None)
    if old and (old.get("status"), old.get("reason"), old.get("message")) == (
            "False", reason, message):
        return None
    # lastTransitionTime moves only when the status itself changes.
    since = now if old is None or old.get("status") != "False" \
        else old.get("lastTransitionTime")
    condition = {"type": "PodScheduled", "status": "False", "lastProbeTime": None,
                 "lastTransitionTime": since, "reason": reason, "message": message}
    if old is None:
        conditions.append(condition)
    else:
        conditions[conditions.index(old)] = condition
    return pod


def _why(plugin: str, message: str) -> str:
    return f"{plugin}: {message}" if plugin else message
