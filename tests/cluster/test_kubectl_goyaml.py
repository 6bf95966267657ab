"""YAML as kubectl's -o yaml prints it (sigs.k8s.io/yaml over go-yaml v2)."""

from __future__ import annotations

import pytest

from cluster.kubectl.printers.goyaml import dump, needs_quotes, sorted_keys


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("web", False),
        ("", True),
        ("123", True),
        ("1.5", True),
        ("0x1f", True),
        ("true", True),
        ("y", True),
        ("on", True),
        ("null", True),
        ("~", True),
        ("2026-01-05T09:00:03Z", True),
        ("2026-01-05", True),
        ("1:20", True),
        (".5", True),
        ("1e3", True),
        ("v1", False),
        ("nginx:1.27", False),
        ("10.244.1.2", False),
        ("<<", False),
        ("yes please", False),
    ],
    ids=lambda v: repr(v) if isinstance(v, str) else str(v),
)
def test_strings_that_would_read_back_as_other_types_are_quoted(
    text: str, quoted: bool
) -> None:
    assert needs_quotes(text) is quoted


def test_key_order_is_go_yamls_natural_order() -> None:
    keys = ["b", "a10", "a9", "App", "a.b", "a", "a-b", "z1"]
    assert sorted_keys(dict.fromkeys(keys)) == [
        "App",
        "a",
        "a-b",
        "a.b",
        "a9",
        "a10",
        "b",
        "z1",
    ]


def test_object_layout() -> None:
    obj = {
        "metadata": {
            "name": "web",
            "resourceVersion": "12",
            "labels": {},
            "creationTimestamp": "2026-01-05T09:00:03Z",
        },
        "spec": {"containers": [{"name": "web", "ports": [{"containerPort": 80}]}]},
        "status": {"ready": True, "nominated": None, "empty": ""},
        "apiVersion": "v1",
    }
    assert (
        dump(obj)
        == """\
apiVersion: v1
metadata:
  creationTimestamp: "2026-01-05T09:00:03Z"
  labels: {}
  name: web
  resourceVersion: "12"
spec:
  containers:
  - name: web
    ports:
    - containerPort: 80
status:
  empty: ""
  nominated: null
  ready: true
"""
    )


def test_text_with_newlines_is_a_literal_block() -> None:
    annotation = '{"apiVersion":"v1"}\n'
    assert dump({"a": {"last": annotation}}) == (
        'a:\n  last: |\n    {"apiVersion":"v1"}\n'
    )


def test_long_messages_fold_at_eighty_columns() -> None:
    message = (
        "0/3 nodes are available: 1 node(s) had untolerated taint "
        "{node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. "
        "preemption: 0/3 nodes are available."
    )
    assert dump({"status": {"message": message}}) == (
        "status:\n"
        "  message: '0/3 nodes are available: 1 node(s) had untolerated taint "
        "{node-role.kubernetes.io/control-plane:\n"
        "    }, 2 Insufficient cpu. preemption: 0/3 nodes are available.'\n"
    )


def test_values_are_never_anchored() -> None:
    shared = {"key": "x"}
    assert "&" not in dump({"a": shared, "b": shared})
