"""What kubectl makes of -f input before anything reaches the server."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster.kubectl.errors import KubectlError
from cluster.kubectl.manifests import load, read_sources

POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n"


def messages(text: str, enforce: bool = False, namespace: str = "default") -> list[str]:
    loaded = load([("STDIN", text)], namespace=namespace, enforce_namespace=enforce)
    return [str(e) for e in loaded.errors]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "kind: Pod\nmetadata:\n  name: a\n",
            'error validating "STDIN": error validating data: apiVersion not set; if '
            "you choose to ignore these errors, turn validation off with "
            "--validate=false",
        ),
        (
            "apiVersion: v1\nmetadata:\n  name: a\n",
            'error validating "STDIN": error validating data: kind not set; if you '
            "choose to ignore these errors, turn validation off with --validate=false",
        ),
        (
            "metadata:\n  name: a\n",
            'error validating "STDIN": error validating data: [apiVersion not set, '
            "kind not set]; if you choose to ignore these errors, turn validation off "
            "with --validate=false",
        ),
        (
            "apiVersion: v1\nkind: Pood\nmetadata:\n  name: web\n",
            'resource mapping not found for name: "web" namespace: "" from "STDIN": no '
            'matches for kind "Pood" in version "v1"\nensure CRDs are installed first',
        ),
        (
            "apiVersion: apps/v9\nkind: Deployment\nmetadata:\n  name: web\n"
            "  namespace: prod\n",
            'resource mapping not found for name: "web" namespace: "prod" from '
            '"STDIN": no matches for kind "Deployment" in version "apps/v9"\n'
            "ensure CRDs are installed first",
        ),
        (
            "- a\n- b\n",
            'error validating "STDIN": error validating data: invalid '
            "object to validate; if you choose to ignore these errors, turn "
            "validation off with --validate=false",
        ),
    ],
    ids=[
        "no-apiversion",
        "no-kind",
        "neither",
        "unknown-kind",
        "unknown-version",
        "not-a-mapping",
    ],
)
def test_errors(text: str, message: str) -> None:
    assert messages(text) == [message]


def test_unknown_kinds_do_not_stop_the_other_documents() -> None:
    text = (
        POD.format(name="a")
        + "---\napiVersion: v1\nkind: Foo\n---\n"
        + POD.format(name="b")
    )
    loaded = load([("STDIN", text)], namespace="default", enforce_namespace=False)
    assert [i.name for i in loaded.items] == ["a", "b"]
    assert len(loaded.errors) == 1


def test_parse_errors_stop_the_stream_after_earlier_documents() -> None:
    text = POD.format(name="a") + "---\nkind: : x\n---\n" + POD.format(name="b")
    loaded = load([("STDIN", text)], namespace="default", enforce_namespace=False)
    assert [i.name for i in loaded.items] == ["a"]
    assert str(loaded.errors[0]).startswith("error parsing STDIN: error converting")


def test_namespace_is_defaulted_and_enforced() -> None:
    loaded = load(
        [("STDIN", POD.format(name="a"))], namespace="team", enforce_namespace=False
    )
    assert loaded.items[0].obj["metadata"]["namespace"] == "team"
    text = POD.format(name="a") + "  namespace: prod\n"
    assert messages(text, enforce=True, namespace="dev") == [
        'the namespace from the provided object "prod" does not match the namespace '
        "\"dev\". You must pass '--namespace=prod' to perform this operation."
    ]


def test_list_kind_stands_for_its_items() -> None:
    text = (
        '{"apiVersion": "v1", "kind": "List", "items": ['
        '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}}]}'
    )
    loaded = load([("STDIN", text)], namespace="default", enforce_namespace=False)
    assert [i.rt.kind for i in loaded.items] == ["Pod"]


def test_files_are_read_relative_to_the_base_dir(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "b.yaml").write_text("b")
    (tmp_path / "dir" / "a.yml").write_text("a")
    (tmp_path / "dir" / "notes.txt").write_text("x")
    assert read_sources(["dir"], None, tmp_path) == [
        ("dir/a.yml", "a"),
        ("dir/b.yaml", "b"),
    ]
    with pytest.raises(KubectlError, match='the path "nope.yaml" does not exist'):
        read_sources(["nope.yaml"], None, tmp_path)
