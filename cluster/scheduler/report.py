"""How a scheduling attempt is told: the ``schedule`` event on the observation
seam, and the PodScheduled=False condition kube-scheduler writes on failure.

The event carries only JSON-safe primitives so it crosses any channel layer:
``filtered`` maps each rejected node to "<Plugin>: <reasons>", ``scores`` maps
each scored node to its weighted score per plugin plus ``total``, ``weights``
maps each Score plugin of the profile that ran to its weight, and when
preemption nominated a node, ``nominatedNode`` names it and ``victims`` lists
the pods ("ns/name") evicted there.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from cluster.scheduler.explain.record import AttemptRecord
from cluster.scheduler.framework.interface import PostFilterResult
from cluster.scheduler.framework.types import NodeInfo

Obj = dict[str, Any]
# validation.NoteLengthLimit: longer event notes are cut, ending " ...".
NOTE_LENGTH_LIMIT = 1024


def filtered(record: AttemptRecord, nodes: list[NodeInfo]) -> dict[str, str]:
    """Each rejected node and why: "<Plugin>: <reasons>"."""
    if record.pre_filter_rejection is not None:
        # A PreFilter rejection applies to every node alike.
        why = _why(*record.pre_filter_rejection)
        return {node.name: why for node in nodes}
    return {
        name: _why(plugin, message)
        for name, (plugin, message) in record.rejected.items()
    }


def scores(record: AttemptRecord) -> dict[str, dict[str, int]]:
    """Each scored node's weighted score per plugin, and the total."""
    if not record.score_nodes:
        return {}
    row = _row_builder((*record.score_plugins, "total"))
    return dict(
        zip(
            record.score_nodes,
            map(row, *record.final_scores, record.totals),
            strict=True,
        )
    )


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


def preemption(nominating: PostFilterResult | None) -> dict[str, Any]:
    """``nominatedNode`` and its ``victims`` when preemption chose a node."""
    if nominating is None or not nominating.nominated_node_name:
        return {}
    return {
        "nominatedNode": nominating.nominated_node_name,
        "victims": list(nominating.victims),
    }


def truncate_message(message: str) -> str:
    if len(message) <= NOTE_LENGTH_LIMIT:
        return message
    suffix = " ..."
    return message[: NOTE_LENGTH_LIMIT - len(suffix)] + suffix


def with_scheduled_condition(
    pod: Obj, reason: str, message: str, now: str
) -> Obj | None:
    """The pod with PodScheduled=False (reason, message) set, or None when it
    already says exactly that (UpdatePodCondition writes nothing then)."""
    conditions = pod.setdefault("status", {}).setdefault("conditions", [])
    old = next((c for c in conditions if c.get("type") == "PodScheduled"), None)
    if old and (old.get("status"), old.get("reason"), old.get("message")) == (
        "False",
        reason,
        message,
    ):
        return None
    # lastTransitionTime moves only when the status itself changes.
    since = (
        now
        if old is None or old.get("status") != "False"
        else old.get("lastTransitionTime")
    )
    condition = {
        "type": "PodScheduled",
        "status": "False",
        "lastProbeTime": None,
        "lastTransitionTime": since,
        "reason": reason,
        "message": message,
    }
    if old is None:
        conditions.append(condition)
    else:
        conditions[conditions.index(old)] = condition
    return pod


def with_nominated_node(pod: Obj, nominating: Any) -> bool:
    """Set (or clear, for "") status.nominatedNodeName as preemption decided;
    True if that changed the pod. ``nominating`` None leaves it alone."""
    if nominating is None:
        return False
    status = pod.setdefault("status", {})
    wanted = nominating.nominated_node_name
    if (status.get("nominatedNodeName") or "") == wanted:
        return False
    if wanted:
        status["nominatedNodeName"] = wanted
    else:
        status.pop("nominatedNodeName", None)
    return True


def _why(plugin: str, message: str) -> str:
    return f"{plugin}: {message}" if plugin else message
