"""``traffic`` events through the observation seam: JSON-safe, one per
request at low rates and a sample at high ones; ``--port`` picks the
Service port whose rules the requests follow."""

from __future__ import annotations

import json

from cluster.engine import Cluster
from tests.cluster.proxy_helpers import run, stats, web_cluster

TWO_PORTS = [{"name": "http", "port": 80, "targetPort": 80},
             {"name": "alt", "port": 8080, "targetPort": 80}]  # fmt: skip


def traffic_events(cluster: Cluster) -> list[dict]:
    events: list[dict] = []
    cluster.subscribe(lambda e: events.append(e) if e["type"] == "traffic" else None)
    return events


def test_events_round_trip_through_json() -> None:
    cluster = web_cluster()
    events = traffic_events(cluster)
    run(cluster, "sim traffic svc/web --rps 5 --from pod/client --for 2s", 3)
    assert len(events) == 10
    for event in events:
        assert json.loads(json.dumps(event)) == event
        assert set(event) >= {"service", "source", "node", "via", "endpoint", "pod",
                              "target_node", "ok", "mode"}  # fmt: skip


def test_high_rates_are_sampled() -> None:
    cluster = web_cluster()
    events = traffic_events(cluster)
    run(cluster, "sim traffic svc/web --rps 200 --from pod/client --for 5s", 6)
    assert sum(stats(cluster).values()) == 1000
    # 20 a second, then what the last sample left unreported, one per outcome.
    assert 100 < len(events) <= 100 + len(stats(cluster))
    assert max_in_a_second(events) <= 20


def test_counts_add_up_to_every_request_per_endpoint() -> None:
    cluster = web_cluster()
    events = traffic_events(cluster)
    run(cluster, "sim traffic svc/web --rps 137 --from pod/client --for 3s", 5)
    counted: dict[str, int] = {}
    for event in events:
        counted[event["pod"]] = counted.get(event["pod"], 0) + event["count"]
    assert sum(counted.values()) == 411
    assert counted == stats(cluster)
    assert max_in_a_second(events) <= 20


def test_low_rates_send_one_event_per_request() -> None:
    cluster = web_cluster()
    events = traffic_events(cluster)
    run(cluster, "sim traffic svc/web --rps 5 --from pod/client --for 2s", 3)
    assert [e["count"] for e in events] == [1] * 10


def max_in_a_second(events: list[dict]) -> int:
    times = [e["time"] for e in events]
    return max(sum(1 for u in times if t <= u < t + 1) for t in times)


def test_port_choice_follows_that_ports_rules() -> None:
    cluster = web_cluster(ports=TWO_PORTS)
    out = run(cluster, "sim traffic svc/web --rps 3 --port alt --from pod/client", 11)
    assert "port 8080" in out
    assert sum(stats(cluster).values()) == 30
    rules = run(cluster, "ssh node-1 iptables-save -t nat")
    assert '--comment "default/web:alt cluster IP" -m tcp --dport 8080' in rules


def test_from_a_node_without_node_port_uses_output_chain() -> None:
    cluster = web_cluster()
    events = traffic_events(cluster)
    run(cluster, "sim traffic svc/web --rps 2 --from node/node-3 --for 2s", 3)
    assert sum(stats(cluster).values()) == 4
    assert events[0]["source"] == {"node": "node-3"} and events[0]["node"] == "node-3"
