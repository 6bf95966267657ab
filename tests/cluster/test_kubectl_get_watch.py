"""``kubectl get -w``: the table now, then one row per change through a
console watch session, in kubectl's watch format."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cluster.__main__ import play
from cluster.engine import Cluster
from cluster.scenario import parse_scenario


@pytest.fixture
def cluster() -> Cluster:
    return Cluster.sandbox(seed=5)


def console_events(cluster: Cluster) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    cluster.subscribe(lambda e: found.append(e) if e["type"] == "watchline" else None)
    return found


def apply_pod(cluster: Cluster, name: str, app: str = "web") -> None:
    """Create a pod directly through the API: no console step, so a running
    watch keeps going."""
    manifest = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "labels": {"app": app}},
        "spec": {"containers": [{"name": "c", "image": "nginx"}]},
    }
    cluster.api.create(manifest, actor="test", namespace="default")


def statuses(lines: list[str]) -> list[str]:
    return [line.split()[2] for line in lines]


def test_initial_table_is_the_result_and_changes_follow(cluster: Cluster) -> None:
    apply_pod(cluster, "web")
    result = cluster.execute("kubectl get pods -w")
    assert result.ok
    assert result.output.splitlines()[0].split() == [
        "NAME", "READY", "STATUS", "RESTARTS", "AGE"
    ]  # fmt: skip
    cluster.advance(10)
    (session,) = cluster.stop_watches()
    assert session.command == "kubectl get pods -w"
    assert "NAME" not in "\n".join(session.lines)  # no repeated header
    assert statuses(session.lines)[-2:] == ["ContainerCreating", "Running"]


def test_rows_line_up_with_the_table_above(cluster: Cluster) -> None:
    apply_pod(cluster, "web")
    cluster.advance(10)
    header = cluster.execute("kubectl get pods -w").output.splitlines()[0]
    cluster.api.delete("pods", "web", "default", actor="test")
    cluster.advance(1)
    (session,) = cluster.stop_watches()
    assert session.lines[0].index("1/1") == header.index("READY")
    assert "Terminating" in session.lines[0]


def test_console_events(cluster: Cluster) -> None:
    events = console_events(cluster)
    cluster.execute("kubectl get pods --watch")
    apply_pod(cluster, "web")
    cluster.advance(10)
    cluster.execute("kubectl get nodes")  # the next command ends the watch
    assert {e["session"] for e in events} == {1}
    assert all(e["command"] == "kubectl get pods --watch" for e in events)
    assert events[0]["line"].startswith("NAME ")  # first row brings the header
    assert events[-1] == {**events[-1], "stopped": True} and "line" not in events[-1]
    assert json.loads(json.dumps(events)) == events


@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        pytest.param("--watch-only", "NAME", id="watch-only-header-with-first-row"),
        pytest.param("-w --output-watch-events", "EVENT", id="event-column"),
        pytest.param("-w -A", "NAMESPACE", id="all-namespaces"),
        pytest.param("--watch-only --no-headers", "web", id="no-headers"),
    ],
)
def test_watch_formats(cluster: Cluster, args: str, first_line: str) -> None:
    result = cluster.execute(f"kubectl get pods {args}")
    apply_pod(cluster, "web")
    cluster.advance(10)
    (session,) = cluster.stop_watches()
    lines = [*result.output.splitlines(), *session.lines]
    assert lines[0].split()[0] == first_line


def test_event_types_are_padded_as_kubectl_pads_them(cluster: Cluster) -> None:
    cluster.execute("kubectl get pods --watch-only --output-watch-events")
    apply_pod(cluster, "web")
    cluster.advance(10)
    cluster.api.delete("pods", "web", "default", actor="test")
    cluster.advance(40)
    (session,) = cluster.stop_watches()
    events = [line[:9] for line in session.lines[1:]]
    assert events[0] == "ADDED    " and "MODIFIED " in events
    assert events[-1] == "DELETED  "


@pytest.mark.parametrize(
    ("command", "watched"),
    [
        pytest.param("kubectl get pod web -w", {"web"}, id="by-name"),
        pytest.param("kubectl get pods -l app=db -w", {"db"}, id="by-label"),
    ],
)
def test_only_matching_objects(cluster: Cluster, command: str, watched: set) -> None:
    apply_pod(cluster, "web")
    apply_pod(cluster, "db", app="db")
    cluster.advance(1)
    cluster.execute(command)
    cluster.advance(10)
    (session,) = cluster.stop_watches()
    assert session.lines and {line.split()[0] for line in session.lines} == watched


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        pytest.param(
            "kubectl get pods,nodes -w",
            "error: watch is only supported on individual resources and resource "
            "collections, but 4 resources were found",
            id="two-types",
        ),
        pytest.param(
            "kubectl get pod nope -w",
            'Error from server (NotFound): pods "nope" not found',
            id="not-found",
        ),
    ],
)
def test_errors(cluster: Cluster, command: str, expected: str) -> None:
    result = cluster.execute(command)
    assert (result.output, result.ok) == (expected, False)
    assert cluster.stop_watches() == []


def test_the_player_prints_the_watch_under_its_step() -> None:
    scenario = parse_scenario(
        "name: watch\n"
        "steps:\n"
        "  - kubectl: create deployment web --image=nginx\n"
        "  - kubectl: get pods -w\n"
        "  - wait: 20s\n"
        "  - kubectl: get deployments\n",
        "<test>",
        None,
    )
    lines = play(scenario).splitlines()
    at, wait = lines.index("$ kubectl get pods -w"), lines.index("$ wait 20s")
    rows = lines[at + 2 : wait]
    assert statuses(rows)[-1] == "Running"
    assert lines[wait + 1] == "$ kubectl get deployments"
