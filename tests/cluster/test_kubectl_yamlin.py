"""Reading manifests as kubectl does: documents, go-yaml scalars, go-yaml errors."""

from __future__ import annotations

import pytest

from cluster.kubectl.yamlin import documents


def values(text: str) -> list[object]:
    docs, error = documents(text)
    assert error is None
    return [d.value for d in docs]


def test_documents_split_at_separator_lines() -> None:
    assert values("a: 1\n---\nb: 2\n--- # comment\n---\n") == [{"a": 1}, {"b": 2}]


def test_scalars_resolve_as_go_yaml_v2() -> None:
    doc = values(
        "a: yes\nb: y\nc: 2026-01-05T09:00:00Z\nd: 0755\ne: '1'\nf: ~\n"
        "g: 1:20\nh: 1e3\n"
    )[0]
    assert doc == {
        "a": True,
        "b": True,
        "c": "2026-01-05T09:00:00Z",
        "d": 493,
        "e": "1",
        "f": None,
        "g": "1:20",
        "h": 1000.0,
    }


def test_json_stream() -> None:
    assert values('{"a": 1}\n{"b": 2}') == [{"a": 1}, {"b": 2}]


def test_raw_json_of_yaml_documents_is_compact_and_sorted() -> None:
    docs, _ = documents("metadata: {name: x}\napiVersion: v1\n")
    assert docs[0].raw == '{"apiVersion":"v1","metadata":{"name":"x"}}'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web: x\n",
            "yaml: line 4: mapping values are not allowed in this context",
        ),
        (
            "metadata:\n\tname: web\n",
            "yaml: line 2: found character that cannot start any token",
        ),
        (
            "apiVersion: v1\nkind Pod\nmetadata:\n  name: web\n",
            "yaml: line 3: could not find expected ':'",
        ),
        (
            "kind: Pod\nmetadata:\n  name: web\n labels: {}\n",
            "yaml: line 3: did not find expected key",
        ),
        (
            "spec:\n  containers:\n    - name: a\n      image: b\n     ports:\n",
            "yaml: line 4: did not find expected '-' indicator",
        ),
        ("a: [1, 2\nb: 3\n", "yaml: line 1: did not find expected ',' or ']'"),
    ],
    ids=[
        "stray-colon",
        "tab-indent",
        "missing-colon",
        "bad-indent",
        "bad-sequence-indent",
        "open-flow-sequence",
    ],
)
def test_yaml_errors_read_like_go_yaml(text: str, message: str) -> None:
    _, error = documents(text)
    assert str(error) == f"error converting YAML to JSON: {message}"


def test_line_numbers_count_from_the_document_start() -> None:
    docs, error = documents("a: 1\n---\nb: 2\nc: d: e\n")
    assert docs[0].value == {"a": 1}
    assert "yaml: line 2: mapping values" in str(error)


def test_bad_separator_stops_the_stream() -> None:
    docs, error = documents("a: 1\n---x\nb: 2\n")
    assert (docs, str(error)) == ([], "invalid Yaml document separator: x")
