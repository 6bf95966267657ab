"""Which pod a ReplicaSet deletes first (``ActivePodsWithRanks.Less``),
and the scale-down a running ReplicaSet performs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from cluster.controllers.rank import pods_to_delete
from tests.cluster import workloads as w

NOW = datetime(2026, 1, 5, 12, 0, 0, tzinfo=UTC)


def pod(
    name: str,
    node: str = "node-1",
    phase: str = "Running",
    ready: str | None = "11:00:00",
    created: str = "10:00:00",
    restarts: int = 0,
    cost: str | None = None,
    uid: str | None = None,
) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "name": name,
        "uid": uid or name,
        "creationTimestamp": f"2026-01-05T{created}Z",
    }
    if cost is not None:
        meta["annotations"] = {"controller.kubernetes.io/pod-deletion-cost": cost}
    conditions = []
    if ready is not None:
        conditions.append(
            {
                "type": "Ready",
                "status": "True",
                "lastTransitionTime": f"2026-01-05T{ready}Z",
            }
        )
    return {
        "metadata": meta,
        "spec": {"nodeName": node} if node else {},
        "status": {
            "phase": phase,
            "conditions": conditions,
            "containerStatuses": [{"restartCount": restarts}],
        },
    }


CASES = [
    pytest.param([pod("a"), pod("b", node="")], "b", id="unassigned-first"),
    pytest.param(
        [pod("a"), pod("b", phase="Pending", ready=None)],
        "b",
        id="pending-before-running",
    ),
    pytest.param(
        [pod("a", phase="Unknown"), pod("b", phase="Pending")],
        "b",
        id="pending-before-unknown",
    ),
    pytest.param([pod("a"), pod("b", ready=None)], "b", id="not-ready-first"),
    pytest.param(
        [pod("a", cost="10"), pod("b", cost="-5")], "b", id="lower-deletion-cost-first"
    ),
    pytest.param(
        [pod("a", node="node-1"), pod("b", node="node-2"), pod("c", node="node-2")],
        "b",
        id="doubled-up-node-first",
    ),
    pytest.param(
        [pod("a", ready="09:00:00"), pod("b", ready="11:59:00")],
        "b",
        id="ready-more-recently-first",
    ),
    pytest.param(
        # 20 s and 30 s ago share a log2 bucket (2^34 ns): the UID decides.
        [pod("a", ready="11:59:30", uid="2"), pod("b", ready="11:59:40", uid="9")],
        "a",
        id="same-log-bucket-then-uid",
    ),
    pytest.param(
        [pod("a", restarts=0), pod("b", restarts=3)], "b", id="more-restarts-first"
    ),
    pytest.param(
        [pod("a", created="08:00:00"), pod("b", created="11:58:00")],
        "b",
        id="newer-first",
    ),
]


@pytest.mark.parametrize(("candidates", "first"), CASES)
def test_victim_ranking(candidates: list[dict[str, Any]], first: str) -> None:
    victims = pods_to_delete(candidates, candidates, 1, NOW)
    assert [v["metadata"]["name"] for v in victims] == [first]


def test_all_pods_go_when_the_diff_covers_them() -> None:
    pods = [pod("a"), pod("b")]
    assert pods_to_delete(pods, pods, 5, NOW) == pods


def test_scaling_down_deletes_pods_with_events() -> None:
    c = w.cluster()
    w.create(c, w.replicaset(replicas=3))
    c.advance(20)
    rs = c.api.get("replicasets", "web", "default")
    rs["spec"]["replicas"] = 1
    c.api.update(rs, actor="test")
    c.advance(0)
    deleted = [
        m for r, m in w.events(c, "ReplicaSet", "web") if r == "SuccessfulDelete"
    ]
    assert len(deleted) == 2
    c.advance(40)
    assert len(w.pods(c, app="web")) == 1
    assert c.api.get("replicasets", "web", "default")["status"]["replicas"] == 1
