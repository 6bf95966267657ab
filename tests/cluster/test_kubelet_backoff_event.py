"""The kubelet reports each crash-loop back-off it imposes to the event stream."""

from __future__ import annotations

from cluster.engine import Cluster

CRASHER = """apiVersion: v1
kind: Pod
metadata: {name: crash}
spec:
  containers:
  - name: c
    image: busybox
    command: ["sh", "-c", "sleep 2; exit 1"]
"""


def test_backoff_events_double_from_ten_seconds() -> None:
    cluster = Cluster.sandbox(seed=1)
    seen: list[dict] = []
    cluster.subscribe(lambda e: seen.append(e) if e["type"] == "backoff" else None)
    cluster.execute("kubectl apply -f -", CRASHER)
    cluster.advance(120)
    delays = list(dict.fromkeys(e["delay"] for e in seen))
    assert delays[:3] == [10.0, 20.0, 40.0]
    first = seen[0]
    assert (first["pod"], first["container"]) == ("default/crash", "c")
    assert first["until"] > first["time"]
