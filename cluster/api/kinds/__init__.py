"""One module per API kind, each giving its ``Strategy``; listed here by kind."""

from __future__ import annotations

from cluster.api.kinds import event, namespace, node, pod
from cluster.api.strategy import Strategy

STRATEGIES: dict[str, Strategy] = {
    "Pod": pod.STRATEGY,
    "Node": node.STRATEGY,
    "Namespace": namespace.STRATEGY,
    "Event": event.STRATEGY,
}
