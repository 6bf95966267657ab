"""JSON as kubectl's -o json prints it (Go encoding/json)."""

from __future__ import annotations

from cluster.kubectl.printers.gojson import marshal, marshal_indent


def test_indent_is_four_spaces_and_keys_are_sorted() -> None:
    assert marshal_indent({"kind": "Pod", "apiVersion": "v1", "spec": {}}) == (
        '{\n    "apiVersion": "v1",\n    "kind": "Pod",\n    "spec": {}\n}'
    )


def test_html_characters_are_escaped_as_go_does() -> None:
    assert marshal({"m": "a<b>&c"}) == '{"m":"a\\u003cb\\u003e\\u0026c"}'


def test_whole_floats_print_as_integers() -> None:
    assert marshal({"n": 2.0, "f": 0.5}) == '{"f":0.5,"n":2}'


def test_empty_list_and_unicode() -> None:
    assert marshal_indent({"items": [], "s": "存活"}) == (
        '{\n    "items": [],\n    "s": "存活"\n}'
    )
