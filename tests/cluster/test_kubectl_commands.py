"""kubectl's command line as a whole: unknown commands and flags, describe."""

from __future__ import annotations

import pytest

from cluster.console import CommandResult
from cluster.engine import Cluster


@pytest.fixture(scope="module")
def cluster() -> Cluster:
    cluster = Cluster.sandbox(seed=1)
    cluster.execute(
        "kubectl apply -f -",
        "apiVersion: v1\nkind: Pod\nmetadata:\n"
        "  name: web-1\nspec:\n  containers:\n  - name: web\n"
        "    image: nginx\n",
    )
    cluster.advance(30)
    return cluster


@pytest.mark.parametrize(
    ("line", "output"),
    [
        (
            "kubectl gte pods",
            'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget',
        ),
        (
            "kubectl ps",
            'error: unknown command "ps" for "kubectl"\n\n'
            "Did you mean this?\n\tcp\n\tget\n\twait",
        ),
        ("kubectl frobnicate", 'error: unknown command "frobnicate" for "kubectl"'),
        (
            "kubectl get pods --foo",
            "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.",
        ),
        (
            "kubectl get pods -z",
            "error: unknown shorthand flag: 'z' in -z\nSee "
            "'kubectl get --help' for usage.",
        ),
        (
            "kubectl describe",
            "error: You must specify the type of resource to "
            'describe. Use "kubectl api-resources" for a complete list of supported '
            "resources.",
        ),
        (
            "kubectl describe pod nope",
            'Error from server (NotFound): pods "nope" not found',
        ),
    ],
    ids=[
        "typo",
        "suggest-for",
        "unknown",
        "unknown-flag",
        "unknown-shorthand",
        "describe-nothing",
        "describe-missing",
    ],
)
def test_errors(cluster: Cluster, line: str, output: str) -> None:
    assert cluster.execute(line) == CommandResult(output, False)


def test_global_namespace_flag_before_the_command(cluster: Cluster) -> None:
    assert cluster.execute("kubectl -n kube-system get pods").output == (
        "No resources found in kube-system namespace."
    )


def test_describe_matches_a_name_prefix(cluster: Cluster) -> None:
    output = cluster.execute("kubectl describe pods web").output
    assert output.startswith("Name:             web-1\n")


def test_commands_not_simulated_yet_say_so(cluster: Cluster) -> None:
    assert cluster.execute("kubectl port-forward web-1 8080:80") == CommandResult(
        'error: "kubectl port-forward" is not available in this simulated cluster yet',
        False,
    )
