"""etcdctl get over the simulated store (etcdctl v3 simple and json printers)."""

from __future__ import annotations

import base64
import json

import pytest

from cluster.console import CommandResult
from cluster.engine import Cluster


@pytest.fixture(scope="module")
def cluster() -> Cluster:
    return Cluster.sandbox(seed=1)


def test_keys_only_prints_a_blank_line_after_each_key(cluster: Cluster) -> None:
    assert cluster.execute(
        "etcdctl get /registry/namespaces --prefix --keys-only"
    ).output == (
        "/registry/namespaces/default\n\n/registry/namespaces/kube-node-lease\n\n"
        "/registry/namespaces/kube-public\n\n/registry/namespaces/kube-system"
    )


def test_value_is_the_stored_object(cluster: Cluster) -> None:
    key, value = cluster.execute(
        "etcdctl get /registry/namespaces/default"
    ).output.split("\n")
    assert key == "/registry/namespaces/default"
    assert json.loads(value)["metadata"]["name"] == "default"


def test_json_output(cluster: Cluster) -> None:
    out = json.loads(
        cluster.execute("etcdctl get /registry/namespaces/default -w json").output
    )
    kv = out["kvs"][0]
    assert base64.b64decode(kv["key"]) == b"/registry/namespaces/default"
    assert kv["version"] == 1 and kv["create_revision"] == kv["mod_revision"]
    assert out["header"]["revision"] == cluster.store.revision
    assert out["count"] == 1


def test_missing_key_prints_nothing(cluster: Cluster) -> None:
    assert cluster.execute("etcdctl get /nope") == CommandResult("", True)
    missing = json.loads(cluster.execute("etcdctl get /nope -w json").output)
    assert set(missing) == {"header"}


@pytest.mark.parametrize(
    ("line", "output"),
    [
        (
            "etcdctl get",
            "Error: get command needs one argument as key and an "
            "optional argument as range_end",
        ),
        (
            "etcdctl get a b --prefix",
            "Error: too many arguments, only accept one "
            "argument when `--prefix` or `--from-key` is set",
        ),
        (
            "etcdctl put /a b",
            "Error: etcdctl put is not available: this simulated "
            "etcd is read-only from the console",
        ),
        (
            "etcdctl foo",
            'Error: unknown command "foo" for "etcdctl"\nRun \'etcdctl '
            "--help' for usage.",
        ),
    ],
    ids=["no-key", "prefix-with-range", "write", "unknown"],
)
def test_errors(cluster: Cluster, line: str, output: str) -> None:
    assert cluster.execute(line) == CommandResult(output, False)
