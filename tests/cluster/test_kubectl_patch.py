"""kubectl patch (``pkg/cmd/patch/patch.go`` of v1.35) through the API
server's PATCH handling: the three patch types, ``(no change)``, and the
errors of kubectl and of the server."""

from __future__ import annotations

import pytest

from cluster.console import CommandResult
from cluster.engine import Cluster
from cluster.kubectl.patches import (
    PatchError,
    json_patch,
    merge_patch,
    strategic_merge,
)
from tests.cluster import workloads as w


@pytest.fixture
def c() -> Cluster:
    cluster = w.cluster()
    w.run(cluster, "kubectl create deployment web --image=nginx:1.27")
    w.run(cluster, "kubectl run nginx --image=nginx:1.27")
    return cluster


def replicas(c: Cluster) -> int:
    return int(c.api.get("deployments", "web", "default")["spec"]["replicas"])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("""kubectl patch deployment web -p '{"spec":{"replicas":3}}'""", 3),
        ("kubectl patch deploy/web --type merge -p 'spec: {replicas: 4}'", 4),
        (
            "kubectl patch deployment web --type=json "
            """-p='[{"op":"replace","path":"/spec/replicas","value":5}]'""",
            5,
        ),
    ],
    ids=["strategic", "merge-yaml", "json"],
)
def test_patch_types(c: Cluster, line: str, expected: int) -> None:
    assert w.run(c, line) == "deployment.apps/web patched"
    assert replicas(c) == expected


def test_the_same_patch_twice_is_no_change(c: Cluster) -> None:
    line = """kubectl patch deployment web -p '{"spec":{"replicas":3}}'"""
    w.run(c, line)
    revision = c.store.revision
    assert w.run(c, line) == "deployment.apps/web patched (no change)"
    assert c.store.revision == revision


def test_strategic_merge_updates_a_container_by_name(c: Cluster) -> None:
    patch = '{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}'
    assert w.run(c, f"kubectl patch pod nginx -p '{patch}'") == "pod/nginx patched"
    pod = c.api.get("pods", "nginx", "default")
    assert [ct["image"] for ct in pod["spec"]["containers"]] == ["nginx:1.28"]


def test_output_name_and_yaml(c: Cluster) -> None:
    line = """kubectl patch deployment web -p '{"spec":{"replicas":2}}'"""
    assert w.run(c, line + " -o name") == "deployment.apps/web"
    assert "  replicas: 2\n" in w.run(c, line + " -o yaml")


def test_unknown_fields_are_dropped_with_a_warning(c: Cluster) -> None:
    result = c.execute("""kubectl patch deployment web -p '{"spec":{"foo":1}}'""")
    assert result == CommandResult(
        'Warning: unknown field "spec.foo"\ndeployment.apps/web patched (no change)',
        True,
    )


def test_dry_run_client_changes_nothing(c: Cluster) -> None:
    revision = c.store.revision
    line = """kubectl patch deployment web -p '{"spec":{"replicas":9}}'"""
    # patch.go sets the printer's operation after --dry-run's suffix: no
    # "(dry run)" on this line.
    assert w.run(c, line + " --dry-run=client") == "deployment.apps/web patched"
    assert (c.store.revision, replicas(c)) == (revision, 1)


JSON_OP = """--type=json -p='[{"op":"replace","path":"/spec/nope","value":1}]'"""


@pytest.mark.parametrize(
    ("line", "output"),
    [
        (
            "kubectl patch deployment web",
            "error: must specify --patch or --patch-file containing the contents "
            "of the patch",
        ),
        (
            "kubectl patch deployment web -p '{}' --patch-file p.json",
            "error: cannot specify --patch and --patch-file together",
        ),
        (
            "kubectl patch deployment web --type=yaml -p '{}'",
            'error: --type must be one of [json merge strategic], not "yaml"',
        ),
        (
            "kubectl patch deployment web -p '{bad'",
            """error: unable to parse "{bad": yaml: did not find expected ',' """
            "or '}'",
        ),
        (
            "kubectl patch -p '{}'",
            "error: You must provide one or more resources by argument or filename.\n"
            "Example resource specifications include:\n"
            "   '-f rsrc.yaml'\n"
            "   '--filename=rsrc.json'\n"
            "   '<resource> <name>'\n"
            "   '<resource>'",
        ),
        (
            "kubectl patch deployment -p '{}'",
            "error: resource(s) were provided, but no name was specified",
        ),
        (
            "kubectl patch deployment nope -p '{}'",
            'Error from server (NotFound): deployments.apps "nope" not found',
        ),
        (
            "kubectl patch pod nginx "
            """-p '{"spec":{"containers":[{"image":"nginx:1.28"}]}}'""",
            "Error from server: map: map[image:nginx:1.28] does not contain "
            "declared merge key: name",
        ),
        (
            "kubectl patch deployment web -p '[1]'",
            "Error from server (BadRequest): json: cannot unmarshal array into Go "
            "value of type map[string]interface {}",
        ),
        (
            "kubectl patch deployment web --type merge -p '[1]'",
            "Error from server (BadRequest): error decoding patch: json: cannot "
            "unmarshal array into Go value of type map[string]interface {}",
        ),
        (
            """kubectl patch deployment web --type json -p '{"op":"add"}'""",
            "Error from server (BadRequest): error decoding patch: json: cannot "
            "unmarshal object into Go value of type []handlers.jsonPatchOp",
        ),
        (
            "kubectl patch deployment web " + JSON_OP,
            "The request is invalid: the server rejected our request due to an "
            "error in our request",
        ),
        (
            "kubectl patch deployment web --dry-run=client " + JSON_OP,
            "error: Object to be patched is missing field (/spec/nope: missing value)",
        ),
        (
            """kubectl patch deployment web -p '{"spec":{"replicas":-1}}'""",
            'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: '
            "must be greater than or equal to 0",
        ),
        (
            """kubectl patch pod nginx -p '{"spec":{"restartPolicy":"Never"}}'""",
            'The Pod "nginx" is invalid: spec: Forbidden: pod updates may not change '
            "fields other than `spec.containers[*].image`,"
            "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
            "`spec.tolerations` (only additions to existing tolerations),"
            "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it "
            "was previously negative)",
        ),
    ],
)
def test_bad_input_is_reported_and_changes_nothing(
    c: Cluster, line: str, output: str
) -> None:
    revision = c.store.revision
    assert c.execute(line) == CommandResult(output, False)
    assert c.store.revision == revision


def test_merge_patch_is_rfc_7386() -> None:
    doc = {"a": {"b": 1, "c": 2}, "l": [1, 2]}
    assert merge_patch(doc, {"a": {"b": None, "d": 3}, "l": [3]}) == {
        "a": {"c": 2, "d": 3},
        "l": [3],
    }


@pytest.mark.parametrize(
    ("ops", "expected"),
    [
        ([{"op": "add", "path": "/l/-", "value": 3}], {"a": 1, "l": [1, 2, 3]}),
        ([{"op": "add", "path": "/l/0", "value": 0}], {"a": 1, "l": [0, 1, 2]}),
        ([{"op": "remove", "path": "/a"}], {"l": [1, 2]}),
        ([{"op": "move", "from": "/a", "path": "/b"}], {"b": 1, "l": [1, 2]}),
        ([{"op": "copy", "from": "/a", "path": "/b"}], {"a": 1, "b": 1, "l": [1, 2]}),
        ([{"op": "test", "path": "/a", "value": 1}], {"a": 1, "l": [1, 2]}),
    ],
    ids=["append", "insert", "remove", "move", "copy", "test"],
)
def test_json_patch_operations(ops: list, expected: dict) -> None:
    assert json_patch({"a": 1, "l": [1, 2]}, ops) == expected


@pytest.mark.parametrize(
    ("ops", "message"),
    [
        (
            [{"op": "remove", "path": "/x"}],
            "error in remove for path: '/x': "
            "Unable to remove nonexistent key: x: missing value",
        ),
        (
            [{"op": "test", "path": "/a", "value": 2}],
            "testing value /a failed: test failed",
        ),
        ([{"op": "jump", "path": "/a"}], "Unexpected kind: jump"),
    ],
    ids=["remove-missing", "test-failed", "unknown-op"],
)
def test_json_patch_errors(ops: list, message: str) -> None:
    with pytest.raises(PatchError, match="^" + message.replace("[", r"\[")):
        json_patch({"a": 1}, ops)


def test_strategic_merge_deletes_with_null_and_merges_by_key() -> None:
    doc = {
        "metadata": {"labels": {"a": "1", "b": "2"}},
        "spec": {"containers": [{"name": "x", "image": "i"}, {"name": "y"}]},
    }
    patch = {
        "metadata": {"labels": {"b": None}},
        "spec": {"containers": [{"name": "y", "image": "j"}]},
    }
    assert strategic_merge(doc, patch) == {
        "metadata": {"labels": {"a": "1"}},
        "spec": {
            "containers": [{"name": "x", "image": "i"}, {"name": "y", "image": "j"}]
        },
    }


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        ({"spec": {"affinity": {"$patch": "delete"}}}, {"sel": {"x": "1"}}),
        (
            {"spec": {"sel": {"$patch": "replace", "z": "3"}}},
            {"affinity": {"a": 1}, "sel": {"z": "3"}},
        ),
        (
            {"spec": {"containers": [{"$patch": "replace"}, {"name": "c"}]}},
            {"affinity": {"a": 1}, "containers": [{"name": "c"}], "sel": {"x": "1"}},
        ),
    ],
    ids=["delete-map", "replace-map", "replace-list"],
)
def test_strategic_merge_directives(patch: dict, expected: dict) -> None:
    doc = {
        "spec": {
            "affinity": {"a": 1},
            "containers": [{"name": "a"}, {"name": "b"}],
            "sel": {"x": "1"},
        }
    }
    result = strategic_merge(doc, patch)["spec"]
    result.setdefault("containers", None)
    expected.setdefault("containers", [{"name": "a"}, {"name": "b"}])
    assert result == expected


def test_the_patched_object_must_keep_its_name(c: Cluster) -> None:
    revision = c.store.revision
    line = (
        """kubectl patch deployment web --type merge -p '{"metadata":{"name":"x"}}'"""
    )
    assert c.execute(line) == CommandResult(
        "Error from server (BadRequest): the name of the object (x) does not "
        "match the name on the URL (web)",
        False,
    )
    assert c.store.revision == revision


def test_patch_a_node(c: Cluster) -> None:
    line = """kubectl patch node node-1 -p '{"spec":{"unschedulable":true}}'"""
    assert w.run(c, line) == "node/node-1 patched"
    assert c.api.get("nodes", "node-1")["spec"]["unschedulable"] is True
