"""kubectl events (pkg/cmd/events, v1.35) and kubectl get events: columns,
order, LAST SEEN with repeats, --for, --types and field selectors."""

from __future__ import annotations

from datetime import datetime

import pytest

from cluster.console import CommandResult
from cluster.engine import Cluster
from cluster.kubectl.commands.events import event_time, interval

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
  - name: c
    image: {image}
"""
NOW = datetime.fromisoformat("2026-01-05T09:10:00+00:00")


@pytest.fixture(scope="module")
def cluster() -> Cluster:
    cluster = Cluster.sandbox(seed=1)
    cluster.execute("kubectl apply -f -", POD.format(name="web", image="nginx"))
    cluster.execute("kubectl apply -f -", POD.format(name="bad", image="nginx:nope"))
    cluster.advance(120)
    return cluster


def lines(cluster: Cluster, line: str) -> list[str]:
    result = cluster.execute(line)
    assert result.ok, result.output
    return result.output.splitlines()


def test_events_sorts_by_last_seen_and_names_objects_by_kind(cluster: Cluster) -> None:
    out = lines(cluster, "kubectl events")
    assert out[0].split() == ["LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
    assert "Pod/web" in out[-6] and "Started" in out[-6]
    last_two = {" ".join(line.split()[:7]) for line in out[-2:]}
    assert last_two == {
        "8s (x7 over 118s) Warning Failed Pod/bad",
        "8s (x7 over 118s) Normal BackOff Pod/bad",
    }
    times = [event_time(e) for e in _events(cluster)]
    assert times == sorted(times)


def _events(cluster: Cluster) -> list[dict]:
    return sorted(cluster.api.list("events", "default"), key=event_time)


def test_get_events_keeps_the_servers_order(cluster: Cluster) -> None:
    out = lines(cluster, "kubectl get events")
    objects = [line.split()[3] for line in out[1:]]
    assert objects[0] == "pod/bad" and objects[-1] == "pod/web"
    assert objects.index("node/cp-1") > objects.index("pod/bad")


@pytest.mark.parametrize(
    ("line", "objects", "types"),
    [
        pytest.param("kubectl events --for pod/bad", {"Pod/bad"}, None, id="for"),
        pytest.param("kubectl events --for po/bad", {"Pod/bad"}, None, id="short"),
        pytest.param(
            "kubectl events --types=Warning", {"Pod/bad"}, {"Warning"}, id="types"
        ),
        pytest.param(
            "kubectl events --for pod/web --types=normal,warning",
            {"Pod/web"},
            {"Normal"},
            id="both-types",
        ),
        pytest.param(
            "kubectl events --for node/node-1", {"Node/node-1"}, None, id="node"
        ),
    ],
)
def test_events_filters(
    cluster: Cluster, line: str, objects: set[str], types: set[str] | None
) -> None:
    rows = [r.split("   ") for r in lines(cluster, line)[1:]]
    found = {cell.strip() for row in rows for cell in row if "/" in cell[:12]}
    assert {o for o in found if o[0].isupper()} == objects
    if types:
        assert {row[1].strip() for row in rows if row} <= types | {""}


def test_get_events_field_selector(cluster: Cluster) -> None:
    out = lines(
        cluster,
        "kubectl get events --field-selector involvedObject.name=bad,type=Warning",
    )
    assert out[0].split() == ["LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
    assert [line.split()[1:4] for line in out[1:]] == [
        ["Warning", "Failed", "pod/bad"]
    ] * 3


def test_all_namespaces_adds_the_namespace(cluster: Cluster) -> None:
    out = lines(cluster, "kubectl events -A --for node/cp-1")
    assert out[0].startswith("NAMESPACE   LAST SEEN   TYPE")
    assert out[1].startswith("default     2m          Normal   RegisteredNode")


@pytest.mark.parametrize(
    ("line", "output"),
    [
        pytest.param(
            "kubectl events -n kube-system",
            "No events found in kube-system namespace.",
            id="none",
        ),
        pytest.param(
            "kubectl events --for bad",
            "error: --for must be in resource/name form",
            id="no-slash",
        ),
        pytest.param(
            "kubectl events --for pod/a/b",
            "error: arguments in resource/name form may not have more than one slash",
            id="two-slashes",
        ),
        pytest.param(
            "kubectl events --for foo/bad",
            'the server doesn\'t have a resource type "foo"',
            id="unknown-type",
        ),
        pytest.param(
            "kubectl events --types=Error",
            "error: valid --types are Normal or Warning",
            id="bad-type",
        ),
    ],
)
def test_events_messages(cluster: Cluster, line: str, output: str) -> None:
    result = cluster.execute(line)
    assert result.output == output
    assert result.ok == output.startswith("No events")


@pytest.mark.parametrize(
    ("event", "shown"),
    [
        pytest.param({"firstTimestamp": "2026-01-05T09:09:15Z"}, "45s", id="one"),
        pytest.param(
            {
                "firstTimestamp": "2026-01-05T09:00:00Z",
                "lastTimestamp": "2026-01-05T09:09:56Z",
                "count": 3,
            },
            "4s (x3 over 10m)",
            id="repeated",
        ),
        pytest.param(
            {
                "eventTime": "2026-01-05T09:08:00.000000Z",
                "series": {
                    "count": 2,
                    "lastObservedTime": "2026-01-05T09:09:30.000000Z",
                },
            },
            "30s (x2 over 2m)",
            id="series",
        ),
        pytest.param({}, "<unknown>", id="no-time"),
    ],
)
def test_interval(event: dict, shown: str) -> None:
    assert interval(event, NOW) == shown


def test_yaml_is_an_event_list(cluster: Cluster) -> None:
    out = lines(cluster, "kubectl events --for pod/web -o yaml")
    assert out[0] == "apiVersion: v1"
    assert "kind: EventList" in out and "metadata: {}" in out


def test_wide_is_not_an_events_format(cluster: Cluster) -> None:
    assert cluster.execute("kubectl events -o wide") == CommandResult(
        'error: unable to match a printer suitable for the output format "wide", '
        "allowed formats are: go-template,go-template-file,json,jsonpath,"
        "jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,yaml",
        False,
    )
