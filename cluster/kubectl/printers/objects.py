"""Whole objects as ``-o yaml`` and ``-o json`` print them."""

from __future__ import annotations

from typing import Any, Protocol

from cluster.kubectl.errors import KubectlError
from cluster.kubectl.printers import gojson, goyaml

Obj = dict[str, Any]


class Writer(Protocol):
    objects_printed: int

    def out(self, text: str) -> None: ...


def render(obj: Obj, output: str) -> str:
    """One object (or List) in ``output`` format, ending with a newline."""
    if output == "yaml":
        return goyaml.dump(obj)
    if output == "json":
        return gojson.marshal_indent(obj) + "\n"
    raise KubectlError(
        f'output format "{output}" is not supported by this simulated cluster yet'
    )


def print_object(io: Writer, obj: Obj, output: str) -> None:
    """As kubectl's YAML printer does, documents after the first get ``---``."""
    text = render(obj, output)
    if output == "yaml" and io.objects_printed:
        io.out("---\n")
    io.objects_printed += 1
    io.out(text)


def as_list(items: list[Obj]) -> Obj:
    """The ``v1 List`` kubectl wraps several objects in."""
    return {
        "apiVersion": "v1",
        "items": items,
        "kind": "List",
        "metadata": {"resourceVersion": ""},
    }
