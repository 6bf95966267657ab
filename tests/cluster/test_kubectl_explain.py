"""kubectl explain (v1.35 plaintext, OpenAPI v3 template): layout, field
paths, --recursive, errors, word wrapping, and docs for every field the API
server knows."""

from __future__ import annotations

from typing import Any

import pytest

from cluster.api.schema.kinds import KINDS
from cluster.console import CommandResult
from cluster.engine import Cluster
from cluster.kubectl.printers.explain import _unwrap, type_guess, wrap


@pytest.fixture(scope="module")
def cluster() -> Cluster:
    return Cluster.sandbox(seed=1)


STRATEGY = """\
GROUP:      apps
KIND:       Deployment
VERSION:    v1

FIELD: strategy <DeploymentStrategy>


DESCRIPTION:
    The deployment strategy used to replace existing pods with new ones.
    DeploymentStrategy describes how to replace existing pods with new ones.
{blank}
FIELDS:
  rollingUpdate\t<RollingUpdateDeployment>
    Rolling update parameters, present only if type is RollingUpdate.

  type\t<string>
  enum: Recreate, RollingUpdate
    Type of deployment. Defaults to RollingUpdate.""".format(blank="    ")


def test_field_layout(cluster: Cluster) -> None:
    result = cluster.execute("kubectl explain deployment.spec.strategy")
    assert result == CommandResult(STRATEGY, True)


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("kubectl explain deployments.apps.spec.strategy", id="group"),
        pytest.param("kubectl explain deploy.spec.strategy", id="short-name"),
        pytest.param("kubectl explain Deployment.spec.strategy", id="kind"),
    ],
)
def test_resource_spellings(cluster: Cluster, line: str) -> None:
    assert cluster.execute(line).output == STRATEGY


def test_kind_layout(cluster: Cluster) -> None:
    out = cluster.execute("kubectl explain pods").output.splitlines()
    assert out[:8] == [
        "KIND:       Pod",
        "VERSION:    v1",
        "",
        "DESCRIPTION:",
        "    Pod is a collection of containers that can run on a host. This "
        "resource is",
        "    created by clients and scheduled onto hosts.",
        "    ",
        "FIELDS:",
    ]
    names = [line.split("\t")[0] for line in out if "\t" in line]
    assert names == ["  apiVersion", "  kind", "  metadata", "  spec", "  status"]


def test_array_field_describes_its_items(cluster: Cluster) -> None:
    out = cluster.execute("kubectl explain pod.spec.containers").output
    assert "FIELD: containers <[]Container>\n\n\nDESCRIPTION:\n" in out
    assert "    A single application container that you want to run within a pod."
    assert "  name\t<string> -required-\n" in out
    assert "  imagePullPolicy\t<string>\n  enum: Always, IfNotPresent, Never\n" in out


def test_enum_long_view(cluster: Cluster) -> None:
    out = cluster.execute("kubectl explain pod.spec.restartPolicy").output
    assert out.splitlines()[3:9] == [
        "FIELD: restartPolicy <string>",
        "ENUM:",
        "    Always",
        "    Never",
        "    OnFailure",
        "",
    ]


@pytest.mark.parametrize(
    ("line", "field"),
    [
        pytest.param(
            "kubectl explain pod.spec.securityContext.runAsNonRoot",
            "FIELD: runAsNonRoot <boolean>",
            id="security-context",
        ),
        pytest.param(
            "kubectl explain pod.spec.affinity.nodeAffinity",
            "FIELD: nodeAffinity <NodeAffinity>",
            id="affinity",
        ),
        pytest.param(
            "kubectl explain pod.status.containerStatuses.state.waiting.reason",
            "FIELD: reason <string>",
            id="status",
        ),
        pytest.param(
            "kubectl explain endpointslices.endpoints.conditions.ready",
            "FIELD: ready <boolean>",
            id="endpointslice",
        ),
        pytest.param(
            "kubectl explain pod.metadata.creationTimestamp",
            "FIELD: creationTimestamp <string>",
            id="time-is-a-string",
        ),
    ],
)
def test_nested_paths(cluster: Cluster, line: str, field: str) -> None:
    result = cluster.execute(line)
    assert result.ok
    assert field in result.output.split("\n\n")[1].splitlines()


def test_recursive(cluster: Cluster) -> None:
    out = cluster.execute("kubectl explain pod.spec.tolerations --recursive").output
    assert out.split("FIELDS:\n")[1].splitlines() == [
        "  effect\t<string>",
        "  enum: NoExecute, NoSchedule, PreferNoSchedule",
        "  key\t<string>",
        "  operator\t<string>",
        "  enum: Equal, Exists",
        "  tolerationSeconds\t<integer>",
        "  value\t<string>",
    ]


def test_recursive_nests_by_two_spaces(cluster: Cluster) -> None:
    out = cluster.execute("kubectl explain deployment --recursive").output
    assert "\n  spec\t<DeploymentSpec>\n    minReadySeconds\t<integer>\n" in out
    assert "\n        containers\t<[]Container> -required-\n" in out


@pytest.mark.parametrize(
    ("line", "output"),
    [
        pytest.param(
            "kubectl explain pod.spec.foo",
            'KIND:       Pod\nVERSION:    v1\n\nerror: field "foo" does not exist',
            id="bad-field",
        ),
        pytest.param(
            "kubectl explain pod.spec.foo.bar",
            'KIND:       Pod\nVERSION:    v1\n\nerror: field "bar" does not exist',
            id="names-the-last",
        ),
        pytest.param(
            "kubectl explain pod.metadata.labels.app",
            'KIND:       Pod\nVERSION:    v1\n\nerror: field "app" does not exist',
            id="into-a-map",
        ),
        pytest.param(
            "kubectl explain pod.spec.volumes.csi.driver",
            "KIND:       Pod\nVERSION:    v1\n\nerror: the fields of CSIVolumeSource "
            "are not documented in this simulated cluster yet",
            id="undocumented-type",
        ),
        pytest.param(
            "kubectl explain foo",
            'the server doesn\'t have a resource type "foo"',
            id="unknown-type",
        ),
        pytest.param(
            "kubectl explain",
            'error: You must specify the type of resource to explain. Use "kubectl '
            'api-resources" for a complete list of supported resources.',
            id="no-args",
        ),
        pytest.param(
            "kubectl explain pods nodes",
            "error: We accept only this format: explain RESOURCE",
            id="two-args",
        ),
        pytest.param(
            "kubectl explain pods -o json",
            "error: unrecognized format: json",
            id="format",
        ),
    ],
)
def test_errors(cluster: Cluster, line: str, output: str) -> None:
    assert cluster.execute(line) == CommandResult(output, False)


@pytest.mark.parametrize(
    ("type_", "shown"),
    [
        pytest.param("[]Container", "[]Container", id="array"),
        pytest.param("map[string]string", "map[string]string", id="map"),
        pytest.param("map[string]Quantity", "map[string]Quantity", id="quantity"),
        pytest.param("Time", "string", id="time"),
        pytest.param("IntOrString", "IntOrString", id="int-or-string"),
    ],
)
def test_type_guess(type_: str, shown: str) -> None:
    assert type_guess(type_) == shown


@pytest.mark.parametrize(
    ("text", "limit", "wrapped"),
    [
        pytest.param("aaa bbb ccc", 7, "aaa bbb\nccc", id="break-at-space"),
        pytest.param("aaaaaaaaaa bb", 5, "aaaaaaaaaa\nbb", id="long-word"),
        pytest.param("a\nb c", 3, "a\nb c", id="keeps-newlines"),
        pytest.param("abc \n", 76, "abc \n", id="trailing"),
    ],
)
def test_wrap_is_go_wordwrap(text: str, limit: int, wrapped: str) -> None:
    assert wrap(limit, text) == wrapped


def _undocumented(tree: dict[str, Any], type_: str, path: str) -> list[str]:
    _, model = _unwrap(type_)
    if model is None or not model.fields:
        return []
    missing = []
    for name, sub in tree.items():
        field = model.field(name)
        if field is None:
            missing.append(f"{path}.{name}")
        elif isinstance(sub[0] if isinstance(sub, list) else sub, dict):
            inner = sub[0] if isinstance(sub, list) else sub
            missing += _undocumented(inner, field.type, f"{path}.{name}")
    return missing


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_field_the_server_knows_is_documented(kind: str) -> None:
    missing = _undocumented(KINDS[kind], kind, kind)
    # The strict decoder lets every kind carry status; some kinds have none.
    assert [m for m in missing if m != f"{kind}.status"] == []
