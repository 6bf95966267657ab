"""Bad ``sim traffic``/``traffic-stats``/``proxy-mode`` commands: one clear
line, and nothing changes (no requests, no mode switch)."""

from __future__ import annotations

import pytest

from tests.cluster.proxy_helpers import web_cluster


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("sim traffic svc/nope --rps 5",
         'sim traffic: services "nope" not found in namespace "default"'),
        ("sim traffic svc/web",
         "sim traffic: usage: sim traffic svc/NAME --rps N [--from pod/X|node/Y] "
         "[--for 30s] [--port P]"),
        ("sim traffic deploy/web --rps 1",
         'sim traffic: expected svc/NAME, got "deploy/web"'),
        ("sim traffic svc/web --rps 0",
         'sim traffic: --rps must be a number from 1 to 10000, got "0"'),
        ("sim traffic svc/web --rps many",
         'sim traffic: --rps must be a number from 1 to 10000, got "many"'),
        ("sim traffic svc/web --rps 5 --from pod/ghost",
         'sim traffic: pods "ghost" not found in namespace "default"'),
        ("sim traffic svc/web --rps 5 --from node/node-9",
         'sim traffic: node "node-9" not found'),
        ("sim traffic svc/web --rps 5 --from web",
         'sim traffic: --from takes pod/NAME or node/NAME, got "web"'),
        ("sim traffic svc/web --rps 5 --port 8080",
         'sim traffic: svc/web has no port "8080"'),
        ("sim traffic svc/web --rps 5 --for soon",
         'sim traffic: --for: time: invalid duration "soon"'),
        ("sim traffic svc/web --rps 5 --loud",
         "sim traffic: unknown flag: --loud"),
        ("sim traffic-stats svc/nope",
         'sim traffic-stats: services "nope" not found in namespace "default"'),
        ("sim proxy-mode nftables",
         "sim proxy-mode: usage: sim proxy-mode iptables|ipvs [--scheduler rr|lc|sh]"),
        ("sim proxy-mode ipvs --scheduler wrr",
         'sim proxy-mode: --scheduler must be one of rr, lc, sh, got "wrr"'),
        ("sim proxy-mode iptables --scheduler rr",
         "sim proxy-mode: --scheduler applies to ipvs mode only"),
    ],
    ids=["unknown-service", "no-rps", "not-a-service", "zero-rps", "word-rps",
         "unknown-pod", "unknown-node", "bad-from", "unknown-port", "bad-duration",
         "unknown-flag", "stats-unknown", "unknown-mode", "unknown-scheduler",
         "scheduler-for-iptables"],
)  # fmt: skip
def test_refused_and_nothing_changes(line: str, message: str) -> None:
    cluster = web_cluster()
    result = cluster.execute(line)
    assert not result.ok
    assert result.output == message
    cluster.advance(5)
    assert cluster.traffic.tallies == {}
    assert {p.mode for p in cluster.proxies.values()} == {"iptables"}


def test_stats_before_any_request() -> None:
    cluster = web_cluster()
    result = cluster.execute("sim traffic-stats svc/web")
    assert result.ok and result.output == "no requests sent to svc/web yet"


def test_headless_service_has_nothing_to_proxy() -> None:
    cluster = web_cluster(clusterIP="None")
    result = cluster.execute("sim traffic svc/web --rps 1")
    assert result.output == (
        "sim traffic: svc/web has no cluster IP: kube-proxy programs nothing for it"
    )
